// Print buttons on the organizer's table plan.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});

// Forms that remove something ask first (the question comes translated in data-confirm).
document.addEventListener("submit", (event) => {
  const question = event.target.dataset && event.target.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});
