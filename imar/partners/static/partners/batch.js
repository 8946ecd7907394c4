// Batch signing: "add a row" clones the formset's empty row and bumps TOTAL_FORMS.
document.addEventListener("DOMContentLoaded", () => {
  const button = document.getElementById("add-row");
  const template = document.getElementById("empty-row");
  const body = document.getElementById("batch-rows");
  const total = document.getElementById("id_row-TOTAL_FORMS");
  if (!button || !template || !body || !total) return;
  button.addEventListener("click", () => {
    const index = Number(total.value);
    const html = template.innerHTML.replace(/__prefix__/g, String(index));
    body.insertAdjacentHTML("beforeend", html.replace("__number__", String(index + 1)));
    total.value = String(index + 1);
  });
});
