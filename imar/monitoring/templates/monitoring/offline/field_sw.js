/* Imar's field service worker (served at the site's root by monitoring.views.offline).
   It keeps the field form's own assets and the field pages opened online, so that the form
   opens on a site with no connection. Reports made offline wait in the page's IndexedDB
   (monitoring/field_offline.js) and are sent by the page when the connection returns. */
"use strict";
var CACHE = "{{ cache }}";
var ASSETS = [{% for url in assets %}"{{ url|escapejs }}"{% if not forloop.last %}, {% endif %}{% endfor %}];
var FIELD_PAGE = /\/reports\/(new\/|\d+\/edit\/)?$/;

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(ASSETS);
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) {
      return key.indexOf("imar-field-") === 0 && key !== CACHE;
    }).map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.indexOf("{{ static_prefix|default:'/static/' }}") === 0) {
    // Assets: from the cache first, kept when fetched (fonts, icons).
    event.respondWith(caches.match(request).then(function (hit) {
      return hit || fetch(request).then(function (response) {
        if (response.ok) {
          var copy = response.clone();
          caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
        }
        return response;
      });
    }));
    return;
  }
  if (request.mode === "navigate" && FIELD_PAGE.test(url.pathname)) {
    // Field pages: the network first, the copy kept from the last visit when offline.
    event.respondWith(fetch(request).then(function (response) {
      if (response.ok && !response.redirected) {
        var copy = response.clone();
        caches.open(CACHE).then(function (cache) { cache.put(request, copy); });
      }
      return response;
    }).catch(function () {
      return caches.match(request).then(function (hit) {
        return hit || new Response("", { status: 503, statusText: "Offline" });
      });
    }));
  }
});
