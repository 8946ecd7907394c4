// The briefing's "Print" button opens the browser's print dialog (print CSS does the rest).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-briefing-print]")) {
    window.print();
  }
});
