/* Signing out leaves nothing private on a shared phone. The field form's service worker
   keeps staff pages in the browser's caches (monitoring/field_offline.js); the log-out button
   removes the worker and empties its caches first. Reports still waiting to be sent (IndexedDB "imar-field") are never
   dropped silently: the person is asked, and the reports stay when they go on. An empty queue
   is removed. A page seen signed out (the session ended elsewhere) empties the caches too. */
(function () {
  "use strict";
  var DB = "imar-field", STORE = "outbox", PREFIX = "imar-field-";

  function unregisterWorkers() {
    // The field form registers its worker again the next time it opens.
    if (!("serviceWorker" in navigator)) return Promise.resolve();
    return navigator.serviceWorker.getRegistrations().then(function (registrations) {
      return Promise.all(registrations.map(function (registration) {
        return registration.unregister();
      }));
    });
  }

  function clearCaches() {
    if (!window.caches) return Promise.resolve();
    return caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (key) { return key.indexOf(PREFIX) === 0; })
        .map(function (key) { return caches.delete(key); }));
    });
  }

  function queueExists() {
    if (!window.indexedDB) return Promise.resolve(false);
    if (!indexedDB.databases) return Promise.resolve(true);
    return indexedDB.databases().then(function (list) {
      return list.some(function (db) { return db.name === DB; });
    });
  }

  function waitingCount() {
    return queueExists().then(function (exists) {
      if (!exists) return 0;
      return new Promise(function (resolve) {
        var request = indexedDB.open(DB);
        request.onsuccess = function () {
          var db = request.result;
          if (!db.objectStoreNames.contains(STORE)) { db.close(); resolve(0); return; }
          var count = db.transaction(STORE, "readonly").objectStore(STORE).count();
          count.onsuccess = function () { db.close(); resolve(count.result); };
          count.onerror = function () { db.close(); resolve(0); };
        };
        request.onerror = function () { resolve(0); };
      });
    });
  }

  function dropQueue() {
    return queueExists().then(function (exists) {
      if (!exists) return;
      return new Promise(function (resolve) {
        var request = indexedDB.deleteDatabase(DB);
        request.onsuccess = request.onerror = request.onblocked = function () { resolve(); };
      });
    });
  }

  function guard(form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      waitingCount().then(function (waiting) {
        if (waiting > 0 && !window.confirm(form.dataset.waitingMessage)) return false;
        return unregisterWorkers().then(clearCaches).then(function () {
          return waiting > 0 ? null : dropQueue();
        }).then(function () { return true; });
      }).catch(function () { return true; }).then(function (go) {
        if (go) HTMLFormElement.prototype.submit.call(form);
      });
    });
  }

  function start() {
    var forms = document.querySelectorAll("form[data-sign-out]");
    Array.prototype.forEach.call(forms, guard);
    if (document.documentElement.dataset.signedIn === "0") clearCaches();
    window.ImarSignOut = { clearCaches: clearCaches, waitingCount: waitingCount };
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
