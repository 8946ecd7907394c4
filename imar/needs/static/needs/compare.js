// Compare page: money by region for the two scenarios as a grouped bar chart. Data come from
// a json_script block; Chart.js draws names on a canvas (no markup is built from them).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var node = document.getElementById("region-data");
    var canvas = document.getElementById("region-chart");
    if (!node || !canvas || !window.Chart) { return; }
    var data = JSON.parse(node.textContent);
    var rtl = document.documentElement.dir === "rtl";
    var fmt = new Intl.NumberFormat(document.documentElement.lang, { maximumFractionDigits: 0 });
    var colours = ["#0b5d3b", "#e6550d"];
    // Scenario names are typed in one language: draw them in the direction of their own
    // first letter, not the page's (a Latin name starting with a year would be scrambled).
    var arabic = /^[^A-Za-z\u0600-\u06FF]*[\u0600-\u06FF]/;
    var nameDirection = data.series.every(function (s) { return arabic.test(s.name); }) ? "rtl" : "ltr";
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: data.series.map(function (s, k) {
          // On a phone a long name would run off the legend: shortened there (the table
          // beside the chart has it in full).
          var room = Math.max(16, Math.floor(canvas.parentNode.clientWidth / 9));
          var label = s.name.length > room ? s.name.slice(0, room - 1) + "…" : s.name;
          return { label: label, data: s.values, backgroundColor: colours[k % colours.length] };
        })
      },
      options: {
        responsive: true, maintainAspectRatio: false, locale: document.documentElement.lang,
        animation: false,
        scales: {
          x: { reverse: rtl },
          y: { position: rtl ? "right" : "left", ticks: { callback: function (v) { return fmt.format(v); } } }
        },
        plugins: { legend: { position: "bottom", rtl: rtl, textDirection: nameDirection },
          tooltip: { rtl: rtl, textDirection: nameDirection } }
      }
    });
  });
})();
