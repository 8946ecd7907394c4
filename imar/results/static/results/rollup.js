/* Results roll-up: a district map shaded by the share of recorded damage answered, and a
   bar chart of achieved against damaged. Data from json_script; names reach tooltips as
   text nodes (imar.text), never as HTML. */
(function () {
  "use strict";

  function shade(percent) {
    if (percent === null || percent === undefined) return "#eeeeee";
    var steps = ["#edf8e9", "#bae4b3", "#74c476", "#31a354", "#006d2c"];
    return steps[Math.min(steps.length - 1, Math.floor(Math.max(0, percent) / 20))];
  }

  function start() {
    var node = document.getElementById("results-map-data");
    var el = document.getElementById("results-map");
    if (!node || !el) return;
    var data = JSON.parse(node.textContent);
    var c = el.dataset;
    var lang = (c.lang || "ar").slice(0, 2);
    var numbers = new Intl.NumberFormat(lang === "ar" ? "ar-LY-u-nu-latn" : "en", { maximumFractionDigits: 1 });
    var names = {};

    if (window.L) {
      var map = L.map(el, { minZoom: 4, maxZoom: 10 }).setView([27.5, 17.5], 5);
      fetch(c.districtsUrl).then(function (r) { return r.json(); }).then(function (geo) {
        L.geoJSON(geo, {
          style: function (feature) {
            var row = data[feature.properties.iso_code];
            return { color: "#0b5d3b", weight: 1, fillOpacity: 0.8, fillColor: shade(row ? row[2] : null) };
          },
          onEachFeature: function (feature, layer) {
            var p = feature.properties;
            var name = lang === "ar" ? p.name_ar : p.name_en;
            names[p.iso_code] = name;
            var row = data[p.iso_code];
            var lines = [name];
            if (row) {
              lines.push(c.labelActual + ": " + numbers.format(row[0]));
              lines.push(row[1] === null ? c.labelNone : c.labelDamaged + ": " + numbers.format(row[1]) +
                (row[2] === null ? "" : " (" + numbers.format(row[2]) + "%)"));
            }
            layer.bindTooltip(imar.text(...lines), { sticky: true });
          }
        }).addTo(map);
        drawChart();
      });
    } else {
      drawChart();
    }

    function drawChart() {
      var canvas = document.getElementById("results-chart");
      if (!canvas || typeof window.Chart === "undefined") return;
      var codes = Object.keys(data).filter(function (k) { return data[k][1] !== null || data[k][0] > 0; });
      codes.sort(function (a, b) { return (data[b][1] || 0) - (data[a][1] || 0); });
      var rtl = document.documentElement.dir === "rtl";
      new Chart(canvas, {
        type: "bar",
        data: {
          labels: codes.map(function (k) { return names[k] || k; }),
          datasets: [
            { label: c.labelActual, data: codes.map(function (k) { return data[k][0]; }), backgroundColor: "#0b5d3b" },
            { label: c.labelDamaged, data: codes.map(function (k) { return data[k][1] || 0; }), backgroundColor: "#c9c3b5" }
          ]
        },
        options: {
          maintainAspectRatio: false,
          scales: { x: { reverse: rtl }, y: { ticks: { callback: function (v) { return numbers.format(v); } } } },
          plugins: { legend: { rtl: rtl, position: "bottom" } }
        }
      });
    }
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
