/* The field progress report form: one photo row at a time, the phone's location, and a
   send that retries by itself on a broken connection. Retries reuse the form's client
   token, so the server returns the report it already has instead of making a second.
   With no connection at all, the report is kept on the phone (field_offline.js) and sent
   when the connection returns, with the same token. */
(function () {
  "use strict";

  function setupPhotos() {
    var rows = Array.prototype.slice.call(document.querySelectorAll("#photo-rows .photo-row"));
    var add = document.getElementById("add-photo");
    if (!rows.length || !add) return;
    rows.forEach(function (row, i) { if (i > 0) row.classList.add("d-none"); });
    add.classList.remove("d-none");
    add.addEventListener("click", function () {
      var hidden = rows.filter(function (row) { return row.classList.contains("d-none"); });
      if (hidden.length) {
        hidden[0].classList.remove("d-none");
        hidden[0].querySelector("input[type=file]").focus();
      }
      if (hidden.length <= 1) add.classList.add("d-none");
    });
    rows.forEach(function (row) {
      var input = row.querySelector("input[type=file]");
      input.addEventListener("change", function () {
        var old = row.querySelector("img");
        if (old) old.remove();
        if (input.files && input.files[0]) {
          var img = document.createElement("img");
          img.alt = "";
          img.className = "mt-1 rounded";
          img.src = URL.createObjectURL(input.files[0]);
          row.appendChild(img);
        }
      });
    });
  }

  function setupLocation() {
    var button = document.getElementById("use-location");
    var lat = document.getElementById("id_latitude");
    var lon = document.getElementById("id_longitude");
    if (!button || !lat || !lon) return;
    if (!("geolocation" in navigator)) { button.classList.add("d-none"); return; }
    button.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(function (pos) {
        lat.value = pos.coords.latitude.toFixed(6);
        lon.value = pos.coords.longitude.toFixed(6);
      }, function () { button.classList.add("btn-outline-danger"); }, { timeout: 15000 });
    });
  }

  function setupRetry() {
    var form = document.getElementById("report-form");
    var status = document.getElementById("send-status");
    if (!form || !window.fetch || !window.FormData) return;
    var sending = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (sending) return;
      sending = true;
      var data = new FormData(form);
      var button = event.submitter;
      if (button && button.name) data.append(button.name, button.value);
      var attempt = 0;
      var buttons = form.querySelectorAll("button[type=submit]");
      buttons.forEach(function (b) { b.disabled = true; });

      function done(html, url) {
        // Show the page the server answered with (it carries the flash message, which a
        // second request would not), at the address it came from.
        if (url) window.history.replaceState(null, "", url);
        document.open(); document.write(html); document.close();
      }
      function newToken() {
        if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
        var b = new Uint8Array(16);
        window.crypto.getRandomValues(b);
        b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
        var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join("");
        return h.slice(0, 8) + "-" + h.slice(8, 12) + "-" + h.slice(12, 16) + "-" + h.slice(16, 20) + "-" + h.slice(20);
      }
      function keep() {
        // No connection: keep it on the phone, then clear the form for the next report.
        var date = form.querySelector("[name=report_date]");
        var percent = form.querySelector("[name=physical_percent]");
        var label = (form.dataset.label || "") + " · " + (date ? date.value : "") +
          " · " + (percent ? percent.value : "") + "%";
        window.ImarFieldQueue.save(form, data, label).then(function () {
          sending = false;
          buttons.forEach(function (b) { b.disabled = false; });
          status.textContent = form.dataset.queuedMessage;
          status.className = "small mb-2 text-success offline-saved";
          if (!form.dataset.correction) {
            form.reset();
            form.querySelectorAll(".photo-row img").forEach(function (img) { img.remove(); });
            var token = form.querySelector("[name=client_token]");
            if (token) token.value = newToken();
          }
        }, fail);
      }
      var canKeep = !!(window.ImarFieldQueue && window.indexedDB);
      function fail() {
        sending = false;
        buttons.forEach(function (b) { b.disabled = false; });
        status.textContent = form.dataset.failedMessage;
        status.className = "small mb-2 text-danger";
      }
      function send() {
        attempt += 1;
        if (canKeep && !navigator.onLine) { keep(); return; }
        fetch(form.action || window.location.href, {
          method: "POST", body: data, credentials: "same-origin", redirect: "follow"
        }).then(function (response) {
          if (response.status >= 500) throw new Error("server " + response.status);
          return response.text().then(function (html) {
            done(html, response.redirected ? response.url : null);
          });
        }).catch(function () {
          if (canKeep && !navigator.onLine) {
            keep();
          } else if (attempt < 4) {
            status.textContent = form.dataset.retryMessage;
            status.className = "small mb-2 text-warning";
            window.setTimeout(send, 1500 * attempt);
          } else if (canKeep) {
            keep();
          } else {
            fail();
          }
        });
      }
      send();
    });
  }

  function start() { setupPhotos(); setupLocation(); setupRetry(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
