// Behaviour every page shares. Kept tiny: pages work without it.

// Forms that remove something ask first (the question comes translated in data-confirm).
document.addEventListener("submit", (event) => {
  const question = event.target.dataset && event.target.dataset.confirm;
  if (question && !window.confirm(question)) event.preventDefault();
});

// Data go into the page as text, never as HTML. Leaflet inserts a tooltip or popup given as a
// string with innerHTML, and one given as a DOM node as it is: imar.text(line, …) builds that
// node, one line per argument, each a text node.
window.imar = {
  text(...lines) {
    const box = document.createElement("div");
    lines.forEach((line, i) => {
      if (i > 0) box.appendChild(document.createElement("br"));
      box.appendChild(document.createTextNode(line == null ? "" : String(line)));
    });
    return box;
  },
  // For the few APIs that take only an HTML string (Leaflet's attribution control).
  escapeHtml(value) {
    const box = document.createElement("div");
    box.textContent = value == null ? "" : String(value);
    return box.innerHTML.replace(/"/g, "&quot;").replace(/'/g, "&#39;");
  },
};

// A table wider than the screen scrolls sideways inside its own box, with a hint saying so
// (the translated hint comes in the body's data-scroll-hint). Tables already in a
// .table-responsive box keep it; a wide table outside one is put into one.
function imarHintWideTables(root) {
  const hint = document.body && document.body.dataset.scrollHint;
  if (!hint || !root.querySelectorAll) return;
  root.querySelectorAll("main table").forEach((table) => {
    let box = table.closest(".table-responsive");
    if (!box) {
      if (table.scrollWidth <= table.parentElement.clientWidth + 1) return;
      box = document.createElement("div");
      box.className = "table-responsive";
      table.parentElement.insertBefore(box, table);
      box.appendChild(table);
    }
    const before = box.previousElementSibling;
    if (box.scrollWidth <= box.clientWidth + 1) return;
    if (before && before.classList.contains("scroll-hint-text")) {
      before.classList.remove("d-md-none");
      return;
    }
    const line = document.createElement("p");
    line.className = "scroll-hint-text small text-muted mb-1";
    const icon = document.createElement("i");
    icon.className = "bi bi-arrow-left-right";
    icon.setAttribute("aria-hidden", "true");
    line.append(icon, " ", hint);
    box.parentElement.insertBefore(line, box);
  });
}
document.addEventListener("DOMContentLoaded", () => imarHintWideTables(document));
document.addEventListener("htmx:afterSettle", (event) => imarHintWideTables(event.target));
