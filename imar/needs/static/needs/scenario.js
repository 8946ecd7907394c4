// Scenario page: districts as a base map, candidate projects as dots (green when chosen).
// Codes and titles reach the tooltips as text nodes (imar.text), never as HTML.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("scenario-map");
    var pointsNode = document.getElementById("scenario-points");
    if (!box || !pointsNode || !window.L || !window.imar) { return; }
    var shapes = JSON.parse(document.getElementById("district-shapes").textContent);
    var points = JSON.parse(pointsNode.textContent);
    var map = L.map(box, { attributionControl: false, zoomSnap: 0.25 });
    var base = L.geoJSON(shapes, { style: { color: "#777", weight: 1, fillColor: "#f6f1e7", fillOpacity: 0.8 } }).addTo(map);
    map.fitBounds(base.getBounds());  // markers need a view before they are added
    points.filter(function (p) { return !p.chosen; }).concat(points.filter(function (p) { return p.chosen; }))
      .forEach(function (p) {
        L.circleMarker([p.lat, p.lon], {
          radius: p.chosen ? 6 : 4, weight: 1, color: "#333",
          fillColor: p.chosen ? "#0b5d3b" : "#adb5bd", fillOpacity: 0.9
        }).bindTooltip(function () { return imar.text(p.code, p.title); }).addTo(map);
      });
  });
})();
