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
