// Cuecard's service worker, written by `kb site` at build time (src/site/sw.js is the template).
// It precaches exactly one build's files, each checked against the SHA-256 the build listed, in
// one cache named after this deployment's path and the build, answers from it first, and so
// keeps the desk working when the network drops. A new build installs into a new cache beside
// the old one (all files or none); the page then offers "new version — reload", and only on
// that click does the new worker take over and delete the old cache of this deployment.
const VERSION = "__VERSION__";
// [path, sha256 hex] for every file of this build.
const FILES = __FILES__;
const SCOPE = new URL(self.registration.scope);
// Two deployments on one origin (say /staging/ and /desk/) never touch each other's caches.
const PREFIX = "cuecard:" + SCOPE.pathname + ":";
const CACHE = PREFIX + VERSION;
const PAGE = "index.html";
// Trunk's hashes are a 64-bit number in hex without leading zeros (16 digits, or fewer one
// build in sixteen); `kb site`'s are 16.
const HASHED = /-[0-9a-f]{8,16}(_bg)?\.[a-z]+$/;
const SHA = new Map(FILES);

async function sha256(buffer) {
  const digest = await crypto.subtle.digest("SHA-256", buffer);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

// Where a file is kept: by its URL under the scope. The page is also kept under the scope's own
// URL, the address the app is opened at on hosts that redirect index.html to "./".
function keysFor(path) {
  const url = new URL(path, SCOPE).href;
  return path === PAGE ? [SCOPE.href, url] : [url];
}

// One file of this build, checked: hashed names may come from the HTTP cache (they never
// change), the rest are revalidated; a copy that does not match is fetched once more from the
// network before the install gives up. Redirects are followed into a fresh response, which (unlike
// a redirected one) may answer a navigation.
async function fetchChecked(path) {
  const expected = SHA.get(path);
  const modes = HASHED.test(path) ? ["default", "reload"] : ["no-cache", "reload"];
  let problem = "";
  for (const cache of modes) {
    const response = await fetch(new Request(path, { cache }));
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    const body = await response.arrayBuffer();
    if ((await sha256(body)) === expected) {
      return { body, headers: response.headers };
    }
    problem = `${path} does not match this build's SHA-256`;
  }
  throw new Error(problem);
}

function fresh({ body, headers }) {
  return new Response(body, { status: 200, headers });
}

// URLPattern's syntax characters in a file's path, taken literally.
function literalPathname(path) {
  return new URL(path, SCOPE).pathname.replace(/[\\:*?+()[\]{}]/g, "\\$&");
}

// Chromium's static routes (InstallEvent.addRoutes): this build's files, the page included, come
// straight from this build's cache without starting the worker, which a warm start otherwise
// waits for before boot.js runs. A URL with a query string and every other engine go through
// the fetch handler below as before; a routed file missing from the cache goes to the network.
// Routes belong to this worker: an update brings its own with its own cache.
function addRoutes(event) {
  if (typeof event.addRoutes !== "function" || typeof URLPattern !== "function") return null;
  // An engine that knows addRoutes but not these rules keeps the fetch handler: never a failed
  // install for it.
  const warn = (e) => console.warn("cuecard: static routes not added", e);
  try {
    const rules = FILES.flatMap(([path]) =>
      keysFor(path).map((key) => ({
        condition: {
          requestMethod: "GET",
          urlPattern: new URLPattern({ pathname: literalPathname(key), search: "" }),
        },
        source: { cacheName: CACHE },
      }))
    );
    return event.addRoutes(rules).catch(warn);
  } catch (e) {
    warn(e);
    return null;
  }
}

self.addEventListener("install", (event) => {
  const routed = addRoutes(event);
  event.waitUntil((async () => {
    await routed;
    try {
      // Every file checked before any is stored: all or nothing.
      const files = await Promise.all(FILES.map(async ([path]) => [path, await fetchChecked(path)]));
      const cache = await caches.open(CACHE);
      for (const [path, file] of files) {
        for (const key of keysFor(path)) await cache.put(key, fresh(file));
      }
    } catch (e) {
      // The old version (if any) keeps serving; nothing half-installed is left behind.
      await caches.delete(CACHE);
      throw e;
    }
    // The first install has no page to disturb: take over at once.
    if (!self.registration.active) await self.skipWaiting();
  })());
});

// Caches of builds before names carried the deployment's path ("cuecard-<version>"): deleted
// only when they hold this deployment's files.
async function isOurLegacyCache(name) {
  if (!name.startsWith("cuecard-")) return false;
  const keys = await (await caches.open(name)).keys();
  return keys.some((r) => r.url.startsWith(SCOPE.href) && !r.url.slice(SCOPE.href.length).includes("/"));
}

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if ((name.startsWith(PREFIX) && name !== CACHE) || (await isOurLegacyCache(name))) {
        await caches.delete(name);
      }
    }
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "skip-waiting") self.skipWaiting();
  // The page's report for editors names the site version it ran.
  if (event.data && event.data.type === "version" && event.ports[0]) event.ports[0].postMessage(VERSION);
});

// A request that asks to bypass caches (the page's "Retry" after a damaged file) goes to the
// network; a copy that matches the build replaces the kept one. Offline, the kept one answers.
async function refetch(request, path) {
  try {
    const response = await fetch(request);
    if (response.ok) {
      const body = await response.clone().arrayBuffer();
      if ((await sha256(body)) === SHA.get(path)) {
        const cache = await caches.open(CACHE);
        for (const key of keysFor(path)) await cache.put(key, fresh({ body, headers: response.headers }));
      }
    }
    return response;
  } catch (e) {
    const hit = await caches.match(keysFor(path)[0], { cacheName: CACHE });
    if (hit) return hit;
    throw e;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== SCOPE.origin || !url.pathname.startsWith(SCOPE.pathname)) return;
  const path = url.pathname.slice(SCOPE.pathname.length) || PAGE;
  // Only the app's own page: other pages under the scope are the host's business.
  if (request.mode === "navigate" && path !== PAGE) return;
  if (!SHA.has(path)) return;
  if (request.cache === "reload" || request.cache === "no-store") {
    event.respondWith(refetch(request, path));
    return;
  }
  event.respondWith(
    caches.open(CACHE)
      .then((cache) => cache.match(keysFor(path)[0]))
      .then((hit) => hit || fetch(request))
  );
});
