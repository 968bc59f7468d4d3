// Painwise's service worker (served from /sw.js so that it may look after every page).
// It keeps only what holds no one's data: the style sheet, the scripts, the icons and the
// offline check-in page. Every other page and every API answer goes to the network and is
// never stored here (health pages are also sent with Cache-Control: no-store). When the
// network is down, a visit to the check-in page gets the offline check-in page, which keeps
// the check-in on this device until it can be sent (static/painwise/js/outbox.js).
"use strict";
const CACHE = "painwise-{{ version }}";
const KEEP = [{% for url in kept %}
  "{{ url }}",{% endfor %}
  "{{ offline_url }}",
];
const OFFLINE = "{{ offline_url }}";
const CHECKIN = "{{ checkin_url }}";

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(KEEP)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(
      fetch(request).catch(() =>
        caches.match(OFFLINE).then((page) => page || Response.error())
      )
    );
    return;
  }
  if (KEEP.includes(url.pathname)) {
    event.respondWith(caches.match(request).then((hit) => hit || fetch(request)));
  }
});
