// Paso's service worker: the public directory works offline after one visit.
// Served at /sw.js by rxapp/server.py, which fills in the build's version and the public
// paths. It caches ONLY the public reading pages, hashed assets, icons and the directory
// data; desk pages, registration and anything personal always go to the network.
const VERSION = "__VERSION__";
const PUBLIC = new RegExp(__PUBLIC__); // public reading paths, as rxapp.routes.public_path_pattern
// The empty registration form (rxapp.routes.form_path_pattern): kept so it opens without
// signal; what is typed stays in the page's localStorage, never in these caches.
const FORMS = new RegExp(__FORMS__);
const CACHE = `paso-${VERSION}`;
const INDEX_TIMEOUT_MS = 4000; // on a bad connection, the saved directory rather than waiting

const isAsset = (path) => path.startsWith("/assets/") || path.startsWith("/icons/") || path === "/favicon.svg";
const isPart = (path) => /^\/api\/directory\/[\w-]+\/(cards|detail|keys|words|numbers)-\d+-[0-9a-f]+\.json$/.test(path);
const isIndex = (path) => /^\/api\/directory\/[\w-]+\/index\.json$/.test(path);
const isManifest = (path) => /^\/manifest\/[\w-]+\.webmanifest$/.test(path);
const pageKey = (url) => url.origin + url.pathname.replace(/\/$/, ""); // one page serves every ?id=

// The first worker takes over at once; a newer one waits until the person chooses to update.
self.addEventListener("install", () => {
  if (!self.registration.active) self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith("paso-") && n !== CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "activate") self.skipWaiting();
  if (data.type === "warm") event.waitUntil(warm(data.locale, data.pages, event.source));
});

async function put(cache, key, response) {
  if (response.ok && response.type === "basic") await cache.put(key, response.clone());
  return response;
}

async function fromCache(key) {
  return caches.match(key, { ignoreVary: true, ignoreSearch: false });
}

// Pages: the saved copy at once, refreshed in the background (stale-while-revalidate).
async function page(request, url) {
  const cache = await caches.open(CACHE);
  const key = pageKey(url);
  const saved = await fromCache(key);
  const fresh = fetch(request).then((r) => put(cache, key, r)).catch(() => null);
  return saved || (await fresh) || Response.error();
}

// The index: the network when it answers quickly, else the saved one, marked as such.
async function index(request, url) {
  const cache = await caches.open(CACHE);
  const network = fetch(request).then((r) => put(cache, url.pathname, r));
  const timeout = new Promise((resolve) => setTimeout(resolve, INDEX_TIMEOUT_MS, null));
  try {
    const answer = await Promise.race([network, timeout]);
    if (answer && answer.ok) return answer;
  } catch {
    // offline: fall through to the saved copy
  }
  const saved = await fromCache(url.pathname);
  if (!saved) return network;
  const headers = new Headers(saved.headers);
  headers.set("X-Paso-Saved", "1");
  return new Response(saved.body, { status: 200, headers });
}

// Hashed assets and directory parts never change: the cache first.
async function immutable(request, url) {
  const saved = await fromCache(url.pathname);
  if (saved) return saved;
  const cache = await caches.open(CACHE);
  return put(cache, url.pathname, await fetch(request));
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === "navigate" && (PUBLIC.test(url.pathname) || FORMS.test(url.pathname) || url.pathname === "/404")) {
    event.respondWith(page(request, url));
  } else if (isIndex(url.pathname)) {
    event.respondWith(index(request, url));
  } else if (isAsset(url.pathname) || isPart(url.pathname) || isManifest(url.pathname)) {
    event.respondWith(immutable(request, url));
  }
  // Anything else (desk, QR images, the websocket and its polling) is never touched.
});

// After a visit: save the locale's pages, what they load and the whole directory. Pages and
// assets once per version of the app; the directory's index and new parts on every visit.
async function warm(locale, pages, client) {
  const cache = await caches.open(CACHE);
  const marker = `/__paso/warmed/${locale}`;
  if (!(await cache.match(marker))) {
    await savePages(cache, pages);
    await cache.put(marker, new Response("1"));
  }
  const indexUrl = `/api/directory/${locale}/index.json`;
  const data = await (await put(cache, indexUrl, await fetch(indexUrl))).json();
  for (const name of [...data.cards, ...data.details, ...(data.keys ?? []), data.words, data.numbers].filter(Boolean)) {
    const path = `/api/directory/${locale}/${name}.json`;
    if (!(await fromCache(path))) await put(cache, path, await fetch(path));
  }
  client?.postMessage({ type: "warmed", locale, updated: data.updated });
}

async function savePages(cache, pages) {
  const assets = new Set(["/favicon.svg", "/icons/icon-192.png"]);
  for (const path of pages) {
    const response = await fetch(path, { credentials: "same-origin" }).catch(() => null);
    if (!response || !response.ok) continue;
    const html = await response.clone().text();
    await cache.put(pageKey(new URL(path, self.location.origin)), response);
    for (const match of html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)) assets.add(match[1]);
  }
  // Each page's HTML preloads every module it needs, so client-side navigation between
  // the saved pages finds its route modules here too.
  for (const path of assets) {
    if (!(await fromCache(path))) await put(cache, path, await fetch(path)).catch(() => null);
  }
}
