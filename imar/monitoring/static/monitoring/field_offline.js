/* The field form without a connection. A report that cannot be sent is kept on the phone
   (IndexedDB: its fields and photos, with the form's client token) and listed under
   "Waiting to be sent"; it is sent when the connection returns (or on "Send now"). The token
   makes a resend harmless: the server answers with the report it already has.
   Also registers the service worker that lets the form open offline. */
(function () {
  "use strict";
  var DB = "imar-field", STORE = "outbox";
  var sending = false;

  function open() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(DB, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: "token" });
      };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }
  function run(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(STORE, mode);
        var result = work(tx.objectStore(STORE));
        tx.oncomplete = function () { resolve(result && result.result); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }
  function all() { return run("readonly", function (store) { return store.getAll(); }); }
  function put(item) { return run("readwrite", function (store) { store.put(item); }); }
  function drop(token) { return run("readwrite", function (store) { store.delete(token); }); }

  function save(form, data, label) {
    // Keep the fields and the chosen photos (as blobs); empty file inputs are left out.
    var entries = [];
    data.forEach(function (value, name) {
      if (typeof value === "string") entries.push({ name: name, value: value });
      else if (value && value.size) entries.push({ name: name, blob: value, filename: value.name });
    });
    var token = data.get("client_token");
    return put({
      token: token, url: form.action || window.location.href, label: label || "",
      savedAt: new Date().toISOString(), entries: entries, state: "waiting"
    }).then(render);
  }

  function sendOne(item) {
    var body = new FormData();
    item.entries.forEach(function (entry) {
      if (entry.blob) body.append(entry.name, entry.blob, entry.filename || "photo.jpg");
      else body.append(entry.name, entry.value);
    });
    return fetch(item.url, { method: "POST", body: body, credentials: "same-origin" })
      .then(function (response) {
        var path = new URL(response.url).pathname;
        if (response.redirected && /\/reports\/\d+\/$/.test(path)) return drop(item.token);
        // Signed out meanwhile: the report waits until the engineer signs in again.
        if (/\/accounts\/login\//.test(path)) throw new Error("signed out");
        // The server answered with the form and its errors (or a login page): keep the
        // report, marked, for the engineer to open and correct.
        item.state = "refused";
        return put(item);
      });
  }

  function flush() {
    if (sending || !navigator.onLine) return Promise.resolve();
    sending = true;
    return all().then(function (items) {
      var waiting = items.filter(function (item) { return item.state === "waiting"; });
      return waiting.reduce(function (chain, item) {
        return chain.then(function () { return sendOne(item); });
      }, Promise.resolve());
    }).catch(function () { /* still offline: try again on the next "online" */ })
      .then(function () { sending = false; return render(); });
  }

  function render() {
    var box = document.getElementById("offline-queue");
    if (!box || !window.indexedDB) return Promise.resolve();
    return all().then(function (items) {
      var list = box.querySelector("ul");
      list.textContent = "";
      items.forEach(function (item) {
        var li = document.createElement("li");
        li.className = "list-group-item d-flex justify-content-between gap-2 offline-item";
        li.dataset.token = item.token;
        var text = document.createElement("span");
        var label = document.createElement("bdi");
        label.textContent = item.label;
        var when = document.createElement("bdi");
        when.className = "text-muted small ms-2";
        when.textContent = item.savedAt.slice(0, 16).replace("T", " ");
        text.appendChild(label); text.appendChild(when);
        var state = document.createElement("span");
        state.className = "badge align-self-start " + (item.state === "refused" ? "text-bg-danger" : "text-bg-warning");
        state.textContent = item.state === "refused" ? box.dataset.refused : box.dataset.waiting;
        li.appendChild(text); li.appendChild(state);
        if (item.state === "refused") {
          var remove = document.createElement("button");
          remove.type = "button";
          remove.className = "btn btn-sm btn-outline-danger";
          remove.textContent = box.dataset.remove;
          remove.addEventListener("click", function () { drop(item.token).then(render); });
          li.appendChild(remove);
        }
        list.appendChild(li);
      });
      box.classList.toggle("d-none", items.length === 0);
      var count = box.querySelector("[data-count]");
      if (count) count.textContent = String(items.length);
    });
  }

  function start() {
    var box = document.getElementById("offline-queue");
    if (box && box.dataset.worker && "serviceWorker" in navigator) {
      navigator.serviceWorker.register(box.dataset.worker, { scope: "/" }).catch(function () {});
    }
    if (box) {
      var now = box.querySelector("[data-send-now]");
      if (now) now.addEventListener("click", flush);
    }
    window.addEventListener("online", flush);
    render().then(flush);
  }

  window.ImarFieldQueue = { save: save, flush: flush, all: all, put: put, render: render };
  if (!window.indexedDB) return;
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
