// Needs page: a bar chart of needs and allocated money per district, and a map of districts
// coloured by coverage of recovery needs ((allocated + donors' disbursed) / needs), in the
// classes the server computed (coverage_class) and the legend's colours (needs.css). Data come from json_script blocks and reach
// the tooltips as text nodes (imar.text); Chart.js draws its labels on a canvas.
(function () {
  "use strict";
  function data(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  var COVERAGE = ["#b2182b", "#ef8a62", "#fddbc7", "#a6dba0", "#1b7837"];
  var NO_NEEDS = "#f0f0f0";

  function colourFor(d) {
    return d.coverage_class === null || d.coverage_class === undefined ? NO_NEEDS : COVERAGE[d.coverage_class];
  }

  function drawMap(figures, shapes, labels) {
    var box = document.getElementById("needs-map");
    if (!box || !window.L || !window.imar || !shapes) { return; }
    var byIso = {};
    figures.districts.forEach(function (d) { byIso[d.iso] = d; });
    var map = L.map(box, { attributionControl: false, zoomSnap: 0.25 });
    var layer = L.geoJSON(shapes, {
      style: function (feature) {
        var d = byIso[feature.properties.iso] || {};
        return { color: "#555", weight: 1, fillOpacity: 0.85, fillColor: colourFor(d) };
      },
      onEachFeature: function (feature, shape) {
        var d = byIso[feature.properties.iso] || {};
        var pct = new Intl.NumberFormat(document.documentElement.lang, { style: "percent", maximumFractionDigits: 0 });
        var line = d.coverage === null || d.coverage === undefined ? labels.noNeeds : labels.coverage + ": " + pct.format(d.coverage);
        shape.bindTooltip(imar.text(feature.properties.name, line));
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
    var labels = { needs: node.dataset.needs, allocated: node.dataset.allocated, perPerson: node.dataset.perPerson,
      coverage: node.dataset.coverage, noNeeds: node.dataset.noNeeds };
    drawMap(figures, data("district-shapes"), labels);
    drawChart(figures, labels);
  });
})();
