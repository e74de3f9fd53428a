// The head script (assets/paso/boot.js): its pure functions, and the whole script run in node's
// `vm` against a small fake of the page (cookies, location, links, the service worker).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";
import { bucket } from "../../assets/paso/logic.mjs";

// tests/unit/test_head.py runs this file again on the text pages inline (rxapp/head.py minifies it).
const SOURCE = readFileSync(
  process.env.BOOT_TEST_SOURCE ?? new URL("../../assets/paso/boot.js", import.meta.url),
  "utf8",
);
const DIRECTIONS = { es: "ltr", fr: "ltr", ar: "rtl" };
// As rxapp/head.py builds it (its unit test checks the real one has these keys).
const CONFIG = {
  locales: ["es", "fr", "ar"],
  directions: DIRECTIONS,
  defaultLocale: "es",
  publicPath: "^/(?:(?:es|fr|ar)(?:/(?:need|search|service|about)(?:/[^/]*)?)?)?/?$",
  redirects: { "/": "/", "/desk": "/desk", "/desk/": "/desk" },
  pages: ["/@/", "/@/search/", "/@/service/"],
};

/** The pure functions: boot.js run without pasoBoot declares them and does nothing else. */
function functions() {
  const context = vm.createContext({});
  vm.runInContext(SOURCE, context);
  return context;
}

const boot = functions();
// Objects made inside the vm belong to its realm: compare their JSON.
const plain = (value) => JSON.parse(JSON.stringify(value));

test("the locale of a path is its first segment when the app has it", () => {
  assert.equal(boot.pathLocale("/ar/search/", DIRECTIONS), "ar");
  assert.equal(boot.pathLocale("/es", DIRECTIONS), "es");
  assert.equal(boot.pathLocale("/", DIRECTIONS), null);
  assert.equal(boot.pathLocale("/de/search", DIRECTIONS), null);
  assert.equal(boot.pathLocale("/constructor/", DIRECTIONS), null, "not a property every object has");
});

test("public pages say the backend is off, so no websocket opens; other pages say what the cookie says", () => {
  const publicPath = new RegExp(CONFIG.publicPath);
  assert.equal(boot.withBackendOff("", "/es/search/", publicPath), "backend-enabled=false");
  assert.equal(boot.withBackendOff("a=1", "/", publicPath), "a=1; backend-enabled=false");
  assert.equal(boot.withBackendOff("a=1", "/es/register/", publicPath), "a=1");
  assert.equal(boot.withBackendOff("a=1", "/es/desk/", publicPath), "a=1");
});

test("the language chosen in the switcher wins over the browser's languages", () => {
  assert.equal(boot.chosenLocale("x=1; paso_locale=ar; y=2", ["fr-FR"], CONFIG.locales), "ar");
  assert.equal(boot.chosenLocale("paso_locale=de", ["fr-CA", "es"], CONFIG.locales), "fr");
  assert.equal(boot.chosenLocale("", ["en-US", "AR-eg"], CONFIG.locales), "ar");
  assert.equal(boot.chosenLocale("", ["en-US"], CONFIG.locales), null);
  assert.equal(boot.chosenLocale("", undefined, CONFIG.locales), null);
});

test("paths without a language redirect to one, keeping the rest of the path", () => {
  const { redirects } = CONFIG;
  assert.equal(boot.redirectTarget("/", redirects, "", ["fr"], CONFIG), "/fr/");
  assert.equal(boot.redirectTarget("/desk", redirects, "paso_locale=ar", ["fr"], CONFIG), "/ar/desk");
  assert.equal(boot.redirectTarget("/desk/", redirects, "", ["en"], CONFIG), "/es/desk");
  assert.equal(boot.redirectTarget("/es/", redirects, "", ["fr"], CONFIG), null);
  assert.equal(boot.redirectTarget("/toString", redirects, "", ["fr"], CONFIG), null);
});

test("the worker's page list names one locale's pages", () => {
  assert.deepEqual([...boot.pagesOf("fr", CONFIG.pages)], ["/fr/", "/fr/search/", "/fr/service/"]);
});

test("offline, a language this phone has not saved stays unopened; the page's own always opens", () => {
  assert.equal(boot.switchBlocked("fr", "es", false, false, ["es"]), true);
  assert.equal(boot.switchBlocked("fr", "es", true, true, ["es"]), true, "online but reading the saved copy");
  assert.equal(boot.switchBlocked("fr", "es", false, false, ["es", "fr"]), false);
  assert.equal(boot.switchBlocked("fr", "es", true, false, []), false);
  assert.equal(boot.switchBlocked("es", "es", false, false, []), false);
});

test("the language menu preloads each route's modules once", () => {
  const manifest = {
    routes: {
      a: { path: "fr/search", module: "/m/a.js", imports: ["/m/shared.js"] },
      b: { path: "ar/search", module: "/m/b.js", imports: ["/m/shared.js"] },
      c: { path: "es/search", module: "/m/c.js" },
    },
  };
  const done = {};
  assert.deepEqual([...boot.modulesFor(manifest, ["fr/search", "ar/search"], done)], ["/m/a.js", "/m/shared.js", "/m/b.js"]);
  assert.deepEqual([...boot.modulesFor(manifest, ["fr/search"], done)], []);
});

/** A fake page at `path` with `cookie`, then boot.js run in it with CONFIG. */
function page(path, { cookie = "", languages = ["es"], online = true, worker = false, search = "?q=x", fetch } = {}) {
  const calls = { replace: [], assign: [], events: [], posted: [] };
  const listeners = { window: {}, document: {}, sw: {} };
  const on = (where) => (type, fn) => (listeners[where][type] ??= []).push(fn);
  const links = [];
  let jar = cookie;
  class Document {}
  Object.defineProperty(Document.prototype, "cookie", {
    configurable: true,
    get: () => jar,
    set: (value) => {
      const [pair] = value.split(";");
      const name = pair.split("=")[0];
      jar = [...jar.split("; ").filter((c) => c && !c.startsWith(name + "=")), pair].join("; ");
    },
  });
  const document = Object.assign(new Document(), {
    documentElement: {},
    head: { appendChild: (link) => links.push(link) },
    createElement: () => ({}),
    querySelector: (selector) => (selector === "link[rel=manifest]" ? links.find((l) => l.rel === "manifest") : null),
    addEventListener: on("document"),
  });
  const registration = { active: { postMessage: (message) => calls.posted.push(message) }, addEventListener() {} };
  const serviceWorker = {
    controller: null,
    ready: Promise.resolve(registration),
    addEventListener: on("sw"),
    register: () => Promise.resolve(registration),
  };
  const window = {
    Document,
    Event: class {
      constructor(type) {
        this.type = type;
      }
    },
    URL,
    location: {
      pathname: path,
      search,
      replace: (url) => calls.replace.push(url),
      assign: (url) => calls.assign.push(url),
      reload() {},
    },
    navigator: { languages, onLine: online, ...(worker ? { serviceWorker } : {}) },
    fetch,
    addEventListener: on("window"),
    dispatchEvent: (event) => calls.events.push(event.type),
  };
  const context = vm.createContext({ window, document, pasoBoot: CONFIG, Promise, Object });
  vm.runInContext(SOURCE, context);
  const fire = (where, type, event) => (listeners[where][type] ?? []).forEach((fn) => fn(event));
  return { window, document, calls, links, fire, cookie: () => jar };
}

test("a public page reports the backend off through document.cookie; the real cookie is untouched", () => {
  const { document, cookie } = page("/es/search/", { cookie: "paso_locale=es" });
  assert.equal(document.cookie, "paso_locale=es; backend-enabled=false");
  assert.equal(cookie(), "paso_locale=es");
  assert.equal(page("/es/desk/", { cookie: "s=1" }).document.cookie, "s=1");
});

test("the page's language and direction are set from the path at once", () => {
  const { document } = page("/ar/about/");
  assert.deepEqual(document.documentElement, { lang: "ar", dir: "rtl" });
  assert.deepEqual(page("/").document.documentElement, {});
});

test("the root and the desk without a language go to the chosen one", () => {
  assert.deepEqual(page("/", { languages: ["fr-FR"] }).calls.replace, ["/fr/"]);
  assert.deepEqual(page("/desk", { cookie: "paso_locale=ar", languages: ["fr"] }).calls.replace, ["/ar/desk"]);
  assert.deepEqual(page("/es/").calls.replace, []);
});

test("the manifest follows the page's language, and the directory index is preloaded", () => {
  const { links } = page("/fr/");
  assert.deepEqual(
    links.map((l) => [l.rel, l.href]),
    [["manifest", "/manifest/fr.webmanifest"], ["preload", "/api/directory/fr/index.json"]],
  );
  assert.equal(links[1].as, "fetch");
  assert.deepEqual(page("/nowhere").links.map((l) => l.href), ["/manifest/es.webmanifest"]);
});

/** A click on a language link (hydrated: React handles the navigation itself). */
function tap(p, locale, hydrated) {
  const link = { dataset: { locale }, getAttribute: () => `/${locale}/`, ...(hydrated ? { __reactProps$x: {} } : {}) };
  const event = { target: { closest: () => link }, prevented: false, preventDefault() { this.prevented = true; }, stopPropagation() {} };
  p.fire("document", "click", event);
  return event;
}

test("a language tapped before React runs is remembered and loads with the query string", () => {
  const p = page("/es/search/", { cookie: "a=1" });
  assert.equal(tap(p, "fr", false).prevented, true);
  assert.deepEqual(p.calls.assign, ["/fr/?q=x"]);
  assert.equal(p.cookie(), "a=1; paso_locale=fr");
  assert.equal(p.links[0].href, "/manifest/fr.webmanifest");
});

test("after hydration the tap is left to React", () => {
  const p = page("/es/search/");
  assert.equal(tap(p, "ar", true).prevented, false);
  assert.deepEqual(p.calls.assign, []);
  assert.match(p.cookie(), /paso_locale=ar/);
});

test("offline, a language not saved stays unopened and says so to directory.js", () => {
  const p = page("/es/", { online: false });
  p.window.__paso.saved.push("es");
  assert.equal(tap(p, "fr", true).prevented, true);
  assert.equal(p.window.__paso.unsaved, "fr");
  assert.deepEqual(p.calls.events, ["paso-unsaved"]);
  assert.doesNotMatch(p.cookie(), /paso_locale/);
});

test("the worker's messages and the install prompt become window.__paso and paso-* events", async () => {
  const p = page("/es/", { worker: true });
  p.fire("sw", "message", { data: { type: "warmed", locale: "es" } });
  assert.deepEqual([...p.window.__paso.saved], ["es"]);
  assert.deepEqual(p.calls.events, ["paso-saved", "paso-warmed"]);
  const prompt = { preventDefault() {} };
  p.fire("window", "beforeinstallprompt", prompt);
  assert.equal(p.window.__paso.install, prompt);
  assert.equal(p.calls.events.at(-1), "paso-install");
  await p.window.__paso.keep("ar");
  assert.deepEqual(plain(p.calls.posted.at(-1)), { type: "warm", locale: "ar", pages: ["/ar/", "/ar/search/", "/ar/service/"] });
});

test("after a public page has loaded, the worker saves its locale for offline use", async () => {
  const p = page("/fr/search/", { worker: true });
  p.fire("window", "load", {});
  await Promise.resolve();
  await Promise.resolve();
  assert.deepEqual(plain(p.calls.posted), [{ type: "warm", locale: "fr", pages: ["/fr/", "/fr/search/", "/fr/service/"] }]);
  const desk = page("/fr/desk/", { worker: true });
  desk.fire("window", "load", {});
  await Promise.resolve();
  assert.deepEqual(desk.calls.posted, []);
});

// Issue 17: a service page's detail part is asked for from the head, a round trip sooner.

test("boot.js's bucket is logic.mjs's (and rxapp.services.snapshot's: FNV-1a over UTF-8)", () => {
  for (const slug of ["", "san-francisco-comedor", "albergue-ñandú", "مأوى", "x".repeat(200)]) {
    for (const buckets of [1, 7, 64]) assert.equal(boot.bucket(slug, buckets), bucket(slug, buckets), slug);
  }
  assert.equal(boot.bucket("a", 2 ** 32), 0xe40c292c, "FNV-1a's published value for 'a'");
});

test("only a service page with an id names a service", () => {
  assert.equal(boot.serviceSlug("/es/service/", "?id=san-francisco-comedor"), "san-francisco-comedor");
  assert.equal(boot.serviceSlug("/ar/service", "?from=x&id=a%C3%B1o"), "año");
  assert.equal(boot.serviceSlug("/es/service/", ""), null);
  assert.equal(boot.serviceSlug("/es/service/", "?id="), null);
  assert.equal(boot.serviceSlug("/es/search/", "?id=x"), null);
  assert.equal(boot.serviceSlug("/es/desk/directory/service", "?id=x"), null);
});

/** A fake fetch answering `bodies` (url -> JSON, or a status), recording what was asked. */
function server(bodies) {
  const asked = [];
  const fetch = (url) => {
    asked.push(url);
    const body = bodies[url];
    if (body === undefined) return Promise.reject(new Error("offline"));
    const response = (status) => ({
      ok: status === 200,
      status,
      clone: () => response(status),
      json: () => Promise.resolve(status === 200 ? body : { details: ["error-page"] }),
    });
    return Promise.resolve(response(typeof body === "number" ? body : 200));
  };
  return { fetch, asked };
}

test("the index and then the detail part holding the service are asked for, once each", async () => {
  const index = { details: ["detail-0-a", "detail-1-b", "detail-2-c"] };
  const name = index.details[bucket("comedor", 3)];
  const { fetch, asked } = server({ "/api/directory/es/index.json": index });
  const E = boot.early(fetch, "/api/directory/es/index.json", "comedor");
  assert.equal((await E.index).status, 200);
  await E.named;
  assert.deepEqual(asked, ["/api/directory/es/index.json", `/api/directory/es/${name}.json`]);
  await assert.rejects(E.parts[`/api/directory/es/${name}.json`], /offline/, "directory.js sees the failure");
});

test("an index that fails asks for no part, and the failure is left for directory.js", async () => {
  for (const bodies of [{ "/i/index.json": 503 }, {}]) {
    const { fetch, asked } = server(bodies);
    const E = boot.early(fetch, "/i/index.json", "x");
    await E.named;
    assert.deepEqual(asked, ["/i/index.json"]);
    assert.deepEqual(Object.keys(E.parts), []);
  }
});

test("a service page leaves its early requests in window.__pasoEarly; other pages do not", () => {
  const asked = [];
  const service = page("/fr/service/", { search: "?id=x", fetch: (url) => (asked.push(url), new Promise(() => {})) });
  assert.equal(service.window.__pasoEarly.url, "/api/directory/fr/index.json");
  assert.deepEqual(asked, ["/api/directory/fr/index.json"]);
  assert.equal(page("/fr/search/", { search: "?id=x", fetch: () => assert.fail() }).window.__pasoEarly, undefined);
});
