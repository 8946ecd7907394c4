// Behaviour every page shares. Kept tiny: pages work without it.

// Forms that remove something ask first (the question comes translated in data-confirm).
document.addEventListener("submit", (event) => {
  const question = event.target.dataset && event.target.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});
