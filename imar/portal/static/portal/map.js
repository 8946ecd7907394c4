/* The public map: district polygons as an offline base layer, projects as clustered points.
   Names and codes from the data reach tooltips as text nodes (imar.text), never as HTML. */
(function () {
  "use strict";
  var el = document.getElementById("project-map");
  if (!el || !window.L || !window.imar) { return; }
  var PALETTE = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d",
    "#666666", "#1f78b4", "#b2df8a", "#fb9a99", "#cab2d6", "#6a3d9a", "#b15928", "#17becf", "#bcbd22"];
  var map = L.map(el, { preferCanvas: true, minZoom: 4, maxZoom: 18 }).setView([27.5, 17.5], 5);
  if (el.dataset.tileUrl) {
    // Leaflet's attribution control takes HTML: the configured text goes in escaped.
    L.tileLayer(el.dataset.tileUrl, {
      attribution: imar.escapeHtml(el.dataset.tileAttribution), maxZoom: 18
    }).addTo(map);
  }
  var lang = (el.dataset.lang || "ar").slice(0, 2);
  fetch(el.dataset.districtsUrl).then(function (r) { return r.json(); }).then(function (geo) {
    L.geoJSON(geo, {
      style: { color: "#0b5d3b", weight: 1, fillColor: "#f6f1e7", fillOpacity: 0.6 },
      onEachFeature: function (feature, layer) {
        var p = feature.properties;
        layer.bindTooltip(imar.text(lang === "ar" ? p.name_ar : p.name_en), { sticky: true });
        layer.on("click", function () {
          window.location.href = el.dataset.districtUrl.replace("ISO", encodeURIComponent(p.iso_code));
        });
      }
    }).addTo(map).bringToBack();
  });

  var cluster = L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false });
  map.addLayer(cluster);
  var form = document.getElementById("map-filters");
  var legend = document.getElementById("map-legend");
  var count = document.getElementById("map-count");
  var data = null;

  function drawLegend(labels) {
    legend.textContent = "";
    labels.forEach(function (label, i) {
      var item = document.createElement("span");
      item.className = "legend-item me-3 d-inline-block";
      var swatch = document.createElement("span");
      swatch.className = "legend-swatch legend-" + i;
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(" " + label));
      legend.appendChild(item);
    });
  }

  function draw() {
    cluster.clearLayers();
    var byStatus = form.elements.colour.value === "status";
    var markers = data.points.map(function (p) {
      var colour = PALETTE[(byStatus ? p[4] : p[3]) % PALETTE.length];
      var marker = L.circleMarker([p[1], p[2]], { radius: 6, color: "#222", weight: 1, fillColor: colour, fillOpacity: 0.9 });
      marker.on("click", function () {
        window.location.href = el.dataset.projectUrl.replace("CODE", encodeURIComponent(p[0]));
      });
      // Built when first shown: a node per point up front would be slow at 100,000 points.
      marker.bindTooltip(function () { return imar.text(p[0]); });
      return marker;
    });
    cluster.addLayers(markers);
    drawLegend(byStatus ? data.statuses : data.sectors);
    count.textContent = String(data.points.length);
  }

  function load() {
    var params = new URLSearchParams();
    ["sector", "status"].forEach(function (name) {
      if (form.elements[name].value) { params.set(name, form.elements[name].value); }
    });
    fetch(el.dataset.pointsUrl + "?" + params.toString()).then(function (r) { return r.json(); })
      .then(function (json) { data = json; draw(); });
  }
  form.elements.sector.addEventListener("change", load);
  form.elements.status.addEventListener("change", load);
  form.elements.colour.addEventListener("change", function () { if (data) { draw(); } });
  load();
}());
