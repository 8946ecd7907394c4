// Needs page: a bar chart of needs and allocated money per district, and a map of districts
// coloured by recovery needs per person affected. Data come from json_script blocks and reach
// the tooltips as text nodes (imar.text); Chart.js draws its labels on a canvas.
(function () {
  "use strict";
  function data(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  var COLOURS = ["#fff5eb", "#fdd0a2", "#fdae6b", "#fd8d3c", "#e6550d", "#a63603"];

  function colourFor(value, max) {
    if (!value || !max) { return "#f0f0f0"; }
    var step = Math.min(COLOURS.length - 1, Math.floor((value / max) * (COLOURS.length - 1) + 0.5));
    return COLOURS[Math.max(step, 1)];
  }

  function drawMap(figures, shapes, labels) {
    var box = document.getElementById("needs-map");
    if (!box || !window.L || !window.imar || !shapes) { return; }
    var byIso = {};
    var max = 0;
    figures.districts.forEach(function (d) { byIso[d.iso] = d; max = Math.max(max, d.per_person); });
    var map = L.map(box, { attributionControl: false, zoomSnap: 0.25 });
    var layer = L.geoJSON(shapes, {
      style: function (feature) {
        var d = byIso[feature.properties.iso] || {};
        return { color: "#555", weight: 1, fillOpacity: 0.85, fillColor: colourFor(d.per_person, max) };
      },
      onEachFeature: function (feature, shape) {
        var d = byIso[feature.properties.iso] || {};
        var fmt = new Intl.NumberFormat(document.documentElement.lang, { maximumFractionDigits: 0 });
        shape.bindTooltip(imar.text(feature.properties.name, labels.perPerson + ": " +
          fmt.format(d.per_person || 0) + " " + figures.currency));
      }
    }).addTo(map);
    map.fitBounds(layer.getBounds());
  }

  function drawChart(figures, labels) {
    var canvas = document.getElementById("needs-chart");
    if (!canvas || !window.Chart) { return; }
    var rows = figures.districts.slice().sort(function (a, b) { return b.needs - a.needs; });
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: rows.map(function (d) { return d.name; }),
        datasets: [
          { label: labels.needs, data: rows.map(function (d) { return d.needs; }), backgroundColor: "#e6550d" },
          { label: labels.allocated, data: rows.map(function (d) { return d.allocated; }), backgroundColor: "#0b5d3b" }
        ]
      },
      options: { indexAxis: "y", responsive: true, maintainAspectRatio: false,
        scales: { y: { ticks: { autoSkip: false } } },
        plugins: { legend: { position: "bottom" } } }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var figures = data("needs-data");
    var node = document.getElementById("needs-labels");
    var labels = { needs: node.dataset.needs, allocated: node.dataset.allocated, perPerson: node.dataset.perPerson };
    drawMap(figures, data("district-shapes"), labels);
    drawChart(figures, labels);
  });
})();
