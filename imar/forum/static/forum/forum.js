// Print buttons on the organizer's table plan.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
