/* The public map: district polygons as an offline base layer with district and town labels,
   a place search, projects as clustered points whose popup opens the project page or its
   feedback form (with the tapped place offered). Controls are labelled in the page's
   language (data-* attributes). Names and codes from the data reach the page as text nodes
   (imar.text, textContent), never as HTML. */
(function () {
  "use strict";
  var el = document.getElementById("project-map");
  if (!el || !window.L || !window.imar) { return; }
  var PALETTE = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d",
    "#666666", "#1f78b4", "#b2df8a", "#fb9a99", "#cab2d6", "#6a3d9a", "#b15928", "#17becf", "#bcbd22"];
  var TOWN_LABELS_FROM = 8;  // zoom level from which municipalities are named
  var d = el.dataset;
  var lang = (d.lang || "ar").slice(0, 2);
  var rtl = document.documentElement.dir === "rtl";
  var map = L.map(el, { preferCanvas: true, minZoom: 4, maxZoom: 18, zoomControl: false })
    .fitBounds([[19.5, 9.3], [33.2, 25.2]]);  // Libya
  el.imarMap = map;  // for the browser tests and the console
  L.control.zoom({
    position: rtl ? "topright" : "topleft", zoomInTitle: d.zoomIn, zoomOutTitle: d.zoomOut
  }).addTo(map);
  map.attributionControl.setPrefix(
    '<a href="https://leafletjs.com" title="' + imar.escapeHtml(d.leafletTitle) + '">Leaflet</a>');
  if (d.tileUrl) {
    // Leaflet's attribution control takes HTML: the configured text goes in escaped.
    L.tileLayer(d.tileUrl, { attribution: imar.escapeHtml(d.tileAttribution), maxZoom: 18 }).addTo(map);
  }
  // Leaflet names the popup's close button in English: name it in the page's language.
  map.on("popupopen", function (event) {
    var close = event.popup.getElement().querySelector(".leaflet-popup-close-button");
    if (close) { close.setAttribute("aria-label", d.closeLabel); close.title = d.closeLabel; }
  });

  function nameOf(item, prefix) {
    prefix = prefix || "name";
    return (lang === "ar" ? item[prefix + "_ar"] : item[prefix + "_en"]) || item[prefix + "_en"];
  }

  function goTo(url) { window.location.href = url; }

  // ---- districts: shapes that open their page, and labels ------------------------------------
  var shapes = {};
  fetch(d.districtsUrl).then(function (r) { return r.json(); }).then(function (geo) {
    L.geoJSON(geo, {
      style: { color: "#0b5d3b", weight: 1, fillColor: "#f6f1e7", fillOpacity: 0.6 },
      onEachFeature: function (feature, layer) {
        var p = feature.properties;
        shapes[p.iso_code] = layer;
        layer.bindTooltip(imar.text(nameOf(p), d.districtOpenLabel), { sticky: true });
        layer.on("click", function () {
          goTo(d.districtUrl.replace("ISO", encodeURIComponent(p.iso_code)));
        });
      }
    }).addTo(map).bringToBack();
  });

  var districtLabels = L.layerGroup().addTo(map);
  var townLabels = L.layerGroup();
  function label(place, className) {
    // A town's name sits under its point, clear of the project markers drawn on it.
    var town = place.kind !== "district";
    return L.tooltip({
      permanent: true, direction: town ? "bottom" : "center", offset: town ? [0, 10] : [0, 0],
      className: "map-label " + className
    }).setLatLng([place.lat, place.lon]).setContent(imar.text(nameOf(place)));
  }
  var labels = [];  // most populous first: they win when two names would overlap
  fetch(d.placesUrl).then(function (r) { return r.json(); }).then(function (json) {
    json.places.sort(function (a, b) { return (b.population || 0) - (a.population || 0); });
    json.places.forEach(function (place) {
      var district = place.kind === "district";
      var tip = label(place, district ? "map-label-district" : "map-label-town");
      (district ? districtLabels : townLabels).addLayer(tip);
      labels.push({ tip: tip, district: district });
    });
    showLabels();
  });
  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }
  // Towns from zoom 8; then every name that would cover a name already shown is hidden.
  function showLabels() {
    var towns = map.getZoom() >= TOWN_LABELS_FROM;
    if (towns && !map.hasLayer(townLabels)) { map.addLayer(townLabels); }
    if (!towns && map.hasLayer(townLabels)) { map.removeLayer(townLabels); }
    var shown = [];
    labels.forEach(function (item) {
      var node = item.tip.getElement();
      if (!node || (!item.district && !towns)) { return; }
      node.classList.remove("map-label-hidden");
      var box = node.getBoundingClientRect();
      if (shown.some(function (other) { return overlaps(box, other); })) {
        node.classList.add("map-label-hidden");
      } else { shown.push(box); }
    });
  }
  map.on("zoomend", showLabels);

  // ---- place search (the server folds Arabic spelling variants) ------------------------------
  var search = document.getElementById("map-search");
  var results = document.getElementById("map-search-results");
  function showPlace(place) {
    results.textContent = "";
    var shape = place.kind === "district" && shapes[place.code];
    if (shape) { map.fitBounds(shape.getBounds()); } else { map.setView([place.lat, place.lon], 12); }
    var note = document.createElement("p");
    note.className = "small mb-1";
    note.appendChild(document.createTextNode(nameOf(place) + " "));
    var link = document.createElement("a");
    link.href = place.url;
    link.textContent = d.districtOpenLabel;
    note.appendChild(link);
    results.appendChild(note);
  }
  function listPlaces(places) {
    results.textContent = "";
    if (!places.length) {
      var none = document.createElement("p");
      none.className = "small text-muted mb-1";
      none.textContent = d.noPlace;
      results.appendChild(none);
      return;
    }
    var list = document.createElement("ul");
    list.className = "list-unstyled d-flex flex-wrap gap-1 mb-1";
    places.forEach(function (place) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-sm btn-outline-secondary";
      var text = nameOf(place);
      if (place.kind === "municipality") { text += " · " + nameOf(place, "district"); }
      button.textContent = text;
      button.addEventListener("click", function () { showPlace(place); });
      item.appendChild(button);
      list.appendChild(item);
    });
    results.appendChild(list);
  }
  if (search) {
    search.addEventListener("submit", function (event) {
      event.preventDefault();
      var q = search.elements.q.value.trim();
      if (!q) { results.textContent = ""; return; }
      fetch(d.placesUrl + "?q=" + encodeURIComponent(q)).then(function (r) { return r.json(); })
        .then(function (json) {
          if (json.places.length === 1) { showPlace(json.places[0]); } else { listPlaces(json.places); }
        });
    });
  }

  // ---- projects: clusters from the server, by zoom and box; points as one zooms in -------
  // The server groups the projects of each ~60-pixel cell of the view (clusters.json): the
  // whole country is a few dozen clusters, never 100,000 points sent to a phone.
  var layer = L.layerGroup().addTo(map);
  var form = document.getElementById("map-filters");
  var legend = document.getElementById("map-legend");
  var count = document.getElementById("map-count");
  var data = null;
  var asked = 0;  // answers to an older view are dropped

  function line(tag, text, className) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    node.textContent = text;
    return node;
  }

  function popupContent(info, tapped) {
    var box = document.createElement("div");
    box.className = "map-popup";
    box.appendChild(line("p", info.title, "fw-semibold mb-1"));
    var code = line("bdi", info.code);
    var where = line("p", "", "small mb-1");
    where.appendChild(code);
    where.appendChild(document.createTextNode(" · " + info.place + " · " + info.status));
    box.appendChild(where);
    box.appendChild(line("p", d.casesLabel.replace("{raised}", info.cases.raised)
      .replace("{answered}", info.cases.answered), "small text-muted mb-2"));
    var open = line("a", d.openLabel, "btn btn-sm btn-outline-primary w-100 mb-1");
    open.href = info.project_url;
    box.appendChild(open);
    var report = line("a", d.reportLabel, "btn btn-sm btn-success w-100 map-report");
    var params = new URLSearchParams({ lat: tapped.lat.toFixed(5), lon: tapped.lng.toFixed(5) });
    report.href = info.feedback_url + "?" + params.toString();
    box.appendChild(report);
    return box;
  }

  function openPopup(code, latlng) {
    var popup = L.popup({ maxWidth: 260, minWidth: 200, autoPanPadding: [12, 12] })
      .setLatLng(latlng).setContent(imar.text(d.loadingLabel)).openOn(map);
    fetch(d.projectInfoUrl.replace("CODE", encodeURIComponent(code)))
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (info) { popup.setContent(popupContent(info, latlng)); })
      .catch(function () {
        popup.setContent(imar.text(code));
      });
  }

  function drawLegend(labels) {
    legend.textContent = "";
    labels.forEach(function (text, i) {
      var item = document.createElement("span");
      item.className = "legend-item me-3 d-inline-block";
      var swatch = document.createElement("span");
      swatch.className = "legend-swatch legend-" + i;
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(" " + text));
      legend.appendChild(item);
    });
  }

  function clusterIcon(n) {
    var size = n < 10 ? "small" : (n < 100 ? "medium" : "large");
    var box = document.createElement("div");
    var span = document.createElement("span");
    span.textContent = String(n);
    box.appendChild(span);
    return L.divIcon({ html: box, className: "marker-cluster marker-cluster-" + size, iconSize: L.point(40, 40) });
  }

  function draw() {
    layer.clearLayers();
    var byStatus = form.elements.colour.value === "status";
    data.clusters.forEach(function (c) {
      var marker = L.marker([c[0], c[1]], {
        icon: clusterIcon(c[2]), title: d.clusterLabel.replace("{n}", c[2]), keyboard: true
      });
      marker.on("click", function () {
        // Zoom to the cluster's points: it splits into smaller clusters or points.
        var bounds = L.latLngBounds([c[3], c[4]], [c[5], c[6]]);
        var next = Math.min(map.getBoundsZoom(bounds), map.getMaxZoom());
        map.setView(bounds.getCenter(), Math.max(next, map.getZoom() + 1));
      });
      layer.addLayer(marker);
    });
    data.points.forEach(function (p) {
      var colour = PALETTE[(byStatus ? p[4] : p[3]) % PALETTE.length];
      var marker = L.circleMarker([p[1], p[2]], { radius: 7, color: "#222", weight: 1, fillColor: colour, fillOpacity: 0.9 });
      marker.on("click", function (event) {
        L.DomEvent.stopPropagation(event);
        openPopup(p[0], event.latlng);
      });
      marker.bindTooltip(function () { return imar.text(p[0]); });
      layer.addLayer(marker);
    });
    drawLegend(byStatus ? data.statuses : data.sectors);
    count.textContent = String(data.total);
  }

  function load() {
    var b = map.getBounds().pad(0.2);
    var clamp = function (v, lo, hi) { return Math.max(lo, Math.min(hi, v)); };
    var params = new URLSearchParams({
      zoom: String(map.getZoom()),
      bbox: [clamp(b.getWest(), -180, 179.9), clamp(b.getSouth(), -85, 84.9),
        clamp(b.getEast(), -179.9, 180), clamp(b.getNorth(), -84.9, 85)].map(function (v) { return v.toFixed(4); }).join(",")
    });
    ["sector", "status"].forEach(function (name) {
      if (form.elements[name].value) { params.set(name, form.elements[name].value); }
    });
    var mine = ++asked;
    fetch(d.clustersUrl + "?" + params.toString()).then(function (r) { return r.json(); })
      .then(function (json) {
        if (mine !== asked || !json.clusters) { return; }
        data = json; draw();
        el.dataset.loadedZoom = String(json.zoom);  // for the browser tests
      });
  }
  map.on("moveend", load);
  form.elements.sector.addEventListener("change", load);
  form.elements.status.addEventListener("change", load);
  form.elements.colour.addEventListener("change", function () { if (data) { draw(); } });
  load();
}());
