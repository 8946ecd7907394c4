// Batch signing: "add a row" clones the formset's empty row and bumps TOTAL_FORMS. The row is
// cloned as DOM nodes and only its attributes and number are rewritten: nothing in it (option
// labels are organization names) is parsed as HTML again.
document.addEventListener("DOMContentLoaded", () => {
  const button = document.getElementById("add-row");
  const template = document.getElementById("empty-row");
  const body = document.getElementById("batch-rows");
  const total = document.getElementById("id_row-TOTAL_FORMS");
  if (!button || !template || !body || !total) return;
  button.addEventListener("click", () => {
    const index = Number(total.value);
    const row = template.content.cloneNode(true);
    row.querySelectorAll("*").forEach((node) => {
      Array.from(node.attributes).forEach((attribute) => {
        if (attribute.value.includes("__prefix__")) {
          attribute.value = attribute.value.replace(/__prefix__/g, String(index));
        }
      });
    });
    const number = row.querySelector(".num");
    if (number) number.textContent = String(index + 1);
    body.appendChild(row);
    total.value = String(index + 1);
  });
});
