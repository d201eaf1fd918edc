// Cuecard's service worker, written by `kb site` at build time (src/site/sw.js is the template).
// It precaches exactly one build's files in one cache named after that build, answers from it
// first, and so keeps the desk working when the network drops. A new build installs into a new
// cache beside the old one (all files or none); the page then offers "new version — reload",
// and only on that click does the new worker take over and delete the old cache.
const VERSION = "__VERSION__";
const FILES = __FILES__;
const CACHE = "cuecard-" + VERSION;
const HASHED = /-[0-9a-f]{16}(_bg)?\.[a-z]+$/;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      // Hashed names are immutable, so an HTTP-cached copy (from this very visit) is right;
      // the few fixed names (index.html, manifest, icons) are revalidated first.
      cache.addAll(FILES.map((f) => new Request(f, { cache: HASHED.test(f) ? "default" : "no-cache" })))
    ).then(() => {
      // The first install has no page to disturb: take over at once.
      if (!self.registration.active) return self.skipWaiting();
    })
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(
        keys.filter((k) => k.startsWith("cuecard-") && k !== CACHE).map((k) => caches.delete(k))
      ))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "skip-waiting") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  const scope = new URL(self.registration.scope);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  let path = url.pathname.slice(scope.pathname.length);
  if (request.mode === "navigate" || path === "") path = "index.html";
  if (!FILES.includes(path)) return;
  event.respondWith(
    caches.open(CACHE)
      .then((cache) => cache.match(path))
      .then((hit) => hit || fetch(request))
  );
});
