/* Project page, monitoring section: planned vs actual progress and money over time. */
(function () {
  "use strict";

  function read(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function start() {
    if (typeof window.Chart === "undefined") return;
    var labels = document.getElementById("project-chart-labels");
    if (!labels) return;
    var l = labels.dataset;
    var rtl = document.documentElement.dir === "rtl";
    // Time runs left to right in both languages: a reversed axis in Arabic made rising
    // progress look like a fall.
    var timeAxis = { type: "category" };

    function lineChart(id, datasets, yOptions) {
      var node = document.getElementById(id);
      if (!node) return;
      var days = {};
      datasets.forEach(function (d) { d.data.forEach(function (p) { days[p.x] = true; }); });
      new Chart(node, {
        type: "line",
        data: { labels: Object.keys(days).sort(), datasets: datasets },
        options: {
          maintainAspectRatio: false, parsing: { xAxisKey: "x", yAxisKey: "y" },
          spanGaps: true, scales: { x: timeAxis, y: yOptions },
          plugins: { legend: { rtl: rtl, position: "bottom" } }
        }
      });
    }

    var progress = read("project-progress-data");
    if (progress) {
      lineChart("chart-project-progress", [
        { label: l.planned, data: progress.planned, borderColor: "#fd7e14", borderDash: [6, 4], pointRadius: 2 },
        { label: l.actual, data: progress.actual, borderColor: "#0b5d3b", stepped: true, pointRadius: 3 }
      ], { min: 0, max: 100 });
    }
    var money = read("project-money-data");
    if (money && money.commitment) {
      lineChart("chart-project-money", [
        { label: l.commitment, data: money.commitment, borderColor: "#6610f2", stepped: true },
        { label: l.disbursement, data: money.disbursement, borderColor: "#0d6efd", stepped: true },
        { label: l.expenditure, data: money.expenditure, borderColor: "#0b5d3b", stepped: true }
      ], { beginAtZero: true });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
