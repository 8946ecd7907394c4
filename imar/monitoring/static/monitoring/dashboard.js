/* Portfolio dashboard charts: data from the json_script block, labels from data-* attributes.
   Clicking a bar or slice opens the project list filtered on it. */
(function () {
  "use strict";

  function start() {
    var dataNode = document.getElementById("dashboard-data");
    var config = document.getElementById("dashboard-config");
    if (!dataNode || !config || typeof window.Chart === "undefined") return;
    var data = JSON.parse(dataNode.textContent);
    var c = config.dataset;
    var rtl = document.documentElement.dir === "rtl";
    var locale = document.documentElement.lang || "ar";
    var numbers = new Intl.NumberFormat(locale === "ar" ? "ar-LY-u-nu-latn" : "en", {
      maximumFractionDigits: 0
    });
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    var colors = {
      budget: "#c9c3b5", committed: "#6610f2", disbursed: "#0d6efd", spent: "#0b5d3b",
      actual: "#0b5d3b", planned: "#fd7e14", spi: "#0d6efd", cpi: "#dc3545"
    };

    function listUrl(params) {
      var query = new URLSearchParams();
      if (c.districtFilter) query.set("district", c.districtFilter);
      if (c.sectorFilter) query.set("sector", c.sectorFilter);
      Object.keys(params).forEach(function (key) { query.set(key, params[key]); });
      return c.listUrl + "?" + query.toString();
    }

    function clickTo(codes, param) {
      var list = codes ? codes.split(",") : [];
      return function (event, elements) {
        if (!elements.length) return;
        var code = list[elements[0].index];
        if (code) { var p = {}; p[param] = code; window.location.href = listUrl(p); }
      };
    }

    function moneyBars(id, rows, codes, param) {
      var node = document.getElementById(id);
      if (!node) return;
      var keys = ["budget", "committed", "disbursed", "spent"];
      new Chart(node, {
        type: "bar",
        data: {
          labels: rows.map(function (r) { return r[0]; }),
          datasets: keys.map(function (key, i) {
            return {
              label: c["label" + key.charAt(0).toUpperCase() + key.slice(1)],
              data: rows.map(function (r) { return r[i + 1]; }),
              backgroundColor: colors[key]
            };
          })
        },
        options: {
          maintainAspectRatio: false, onClick: clickTo(codes, param),
          scales: { x: { reverse: rtl }, y: { ticks: { callback: function (v) { return numbers.format(v); } } } },
          plugins: { legend: { rtl: rtl, position: "bottom" } }
        }
      });
    }

    moneyBars("chart-district-money", data.districts, c.districtCodes, "district");
    moneyBars("chart-sector-money", data.sectors, c.sectorCodes, "sector");

    var progressNode = document.getElementById("chart-district-progress");
    if (progressNode) {
      new Chart(progressNode, {
        type: "bar",
        data: {
          labels: data.districts.map(function (r) { return r[0]; }),
          datasets: [
            { label: c.labelActual, data: data.districts.map(function (r) { return r[5]; }), backgroundColor: colors.actual },
            { label: c.labelPlanned, data: data.districts.map(function (r) { return r[6]; }), backgroundColor: colors.planned }
          ]
        },
        options: {
          maintainAspectRatio: false, onClick: clickTo(c.districtCodes, "district"),
          scales: { x: { reverse: rtl }, y: { min: 0, max: 100 } },
          plugins: { legend: { rtl: rtl, position: "bottom" } }
        }
      });
    }

    var statusNode = document.getElementById("chart-status");
    if (statusNode) {
      new Chart(statusNode, {
        type: "doughnut",
        data: {
          labels: data.statuses.map(function (s) { return s[0]; }),
          datasets: [{
            data: data.statuses.map(function (s) { return s[1]; }),
            backgroundColor: ["#6c757d", "#0d6efd", "#6610f2", "#fd7e14", "#198754", "#0b5d3b", "#dc3545", "#343a40"]
          }]
        },
        options: {
          maintainAspectRatio: false, onClick: clickTo(c.statusCodes, "status"),
          plugins: { legend: { rtl: rtl, position: "bottom" } }
        }
      });
    }

    var indexNode = document.getElementById("chart-indices");
    if (indexNode) {
      new Chart(indexNode, {
        type: "bar",
        data: {
          labels: data.spi.map(function (b) { return b[0]; }),
          datasets: [
            { label: c.labelSpi, data: data.spi.map(function (b) { return b[1]; }), backgroundColor: colors.spi },
            { label: c.labelCpi, data: data.cpi.map(function (b) { return b[1]; }), backgroundColor: colors.cpi }
          ]
        },
        options: {
          maintainAspectRatio: false,
          scales: { x: { reverse: rtl } },
          plugins: { legend: { rtl: rtl, position: "bottom" } }
        }
      });
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
