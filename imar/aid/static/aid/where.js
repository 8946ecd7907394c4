// Who does what where: one circle per district, sized by its number of donor activities.
// Data from the json_script block; names reach the tooltips as text nodes.
(function () {
  "use strict";
  function start() {
    var box = document.getElementById("aid-map");
    var node = document.getElementById("aid-districts");
    if (!box || !node || !window.L) { return; }
    var districts = JSON.parse(node.textContent);
    var map = L.map(box, { attributionControl: false, zoomSnap: 0.25 }).setView([27.5, 17.5], 5);
    var shapes = document.getElementById("aid-shapes");
    if (shapes) {
      var layer = L.geoJSON(JSON.parse(shapes.textContent), {
        style: function () { return { color: "#777", weight: 1, fillColor: "#f4f1ea", fillOpacity: 0.9 }; }
      }).addTo(map);
      if (layer.getBounds().isValid()) { map.fitBounds(layer.getBounds()); }
    }
    var fmt = new Intl.NumberFormat(document.documentElement.lang, { maximumFractionDigits: 0 });
    Object.keys(districts).forEach(function (iso) {
      var d = districts[iso];
      var circle = L.circleMarker([d.lat, d.lon], {
        radius: 6 + 4 * Math.sqrt(d.count), color: "#0b5d3b", weight: 1, fillOpacity: 0.5
      }).addTo(map);
      circle.bindTooltip(imar.text(
        d.name,
        box.dataset.labelActivities + ": " + d.count + " · " +
          box.dataset.labelCommitted + ": " + fmt.format(Number(d.committed)) + " " + box.dataset.currency
      ));
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
