// Glue between Reflex's client state (rx._x.client_state) and logic.mjs: loads the directory
// index and the parts a page needs, ticks the clock and computes the page's view (a client
// state var per page, rxapp/components/client.py) whenever the data or an input changes.
// Lists render the first part at once and fill in as the rest arrives.
import { setClient, setClientSoon } from "./client.js";
import { centreNow, listView, detailView, bucket, plural, grouped, openUntil, longDate } from "./logic.mjs";
import { FLAGS, backFrom } from "./back.js";
import { loadParts, IN_FLIGHT } from "./parts.mjs";
import { alertsFrom } from "./alerts.js";

// What a list's view holds besides its cards (client.py's `_before_data` gives the same).
const LIST = { more: false, found: "", progress: "", partial: false, nothing: false, suggest: [], centre: null, near: "off" };

const PAGE = 30; // cards built per "show more"
const FIRST = 3; // cards built at once after a keystroke: what a phone's screen shows below the box

const RETRY_MS = 15000; // while reading the saved directory though "online", try the network again
const ONLINE_WAIT_MS = 250; // typing pauses this long before the server is asked


// One directory per tab, shared by every page of a locale across client-side navigation.
let dir = { state: "loading", services: [], details: {}, total: 0, loaded: 0 };
let indexUrl = null;
let indexLoad = null;
let cardsLoad = null;
const detailLoads = new Map();
let clock = null;

// Each publish re-renders every component showing the page's view (on a cheap phone a list's
// render is a long task): what arrives without changing the page (the index, before a list's
// first cards) is staged and goes out with the next publish.
let staged = {};
function stage(patch) {
  staged = { ...staged, ...patch };
}
function publish(patch) {
  dir = { ...dir, ...staged, ...patch };
  staged = {};
  held = false;
  setClientSoon("pasodir", dir); // the offline banner's date, the home page's "not set up"
  render();
  prepareSearch();
}

// What the page on screen shows: its view's name, kind and options (from pasoStart), and the
// inputs besides the data. On the app's first page nothing is computed before the first data:
// the view starts as the prerendered page, and re-rendering the page just hydrated for the
// same content would be a long task on a cheap phone.
let shown = null;
let held = false;
const inputs = {
  query: "", flags: { open: false, free: false, nodocs: false }, now: 0, id: "", limit: PAGE,
  near: "off", here: null, // "nearest first": off, asking, on, denied, unavailable; the position stays here
};
// `urgent`: what a person typed or tapped, rendered with the box's own new value in one frame
// (a keystroke's few cards); data arriving is rendered as a transition, in slices.
function render(urgent = false) {
  if (!shown || held) return;
  const here = window.location.pathname.split("/")[1];
  const start = performance.now();
  const view = computeView(here, shown.kind, dir, inputs, shown.options);
  performance.measure("paso:view", { start }); // bench/search.py reads it
  (urgent ? setClient : setClientSoon)(shown.name, view);
  // Nothing found: the centre's own service is offered, from its detail part.
  const centre = shown.options?.centre;
  if (view.suggest?.length && centre && !dir.details[centre] && !detailLoads.size) loadDetail(centre);
}

// A service page's index and detail part, asked for by boot.js before this module ran: each
// is used once, for the locale's index it came with; a refresh or another locale asks again.
async function early(url) {
  const E = window.__pasoEarly;
  if (!E || E.url !== indexUrl) return (window.__pasoEarly = null);
  if (url === E.url) {
    const index = E.index;
    E.index = null;
    return index;
  }
  await E.named; // the index is read: its detail part has been asked for, if it could be
  const part = E.parts[url];
  if (part) window.__pasoEarly = null;
  return part ?? null;
}

async function getJson(url) {
  // Same request as the head's <link rel=preload as=fetch>, or boot.js's own (early).
  const response = (await early(url)) ?? (await fetch(url));
  if (!response.ok) throw Object.assign(new Error(`${url}: ${response.status}`), { status: response.status });
  // The service worker answers with the saved copy (and says so) when the network does not.
  if (url === indexUrl) {
    const saved = response.headers.get("X-Paso-Saved") === "1";
    stage({ saved });
    if (window.__paso) window.__paso.fromSaved = saved; // no network in fact: the language switcher asks
    if (saved && navigator.onLine) window.setTimeout(refresh, RETRY_MS); // the network may be back
  }
  return response.json();
}

function partUrl(name, from = indexUrl) {
  return from.slice(0, from.lastIndexOf("/") + 1) + name + ".json";
}

function loadIndex(fresh = false) {
  if (!indexLoad || fresh) {
    indexLoad = getJson(indexUrl).then((index) => {
      stage({ index, counts: index.counts, times: index.times, total: index.total, updated: index.updated });
      alertsFrom(index); // alerts travel in the index: no request of their own
      return index;
    });
  }
  return indexLoad;
}

// A part named by an index that has since changed answers 404: reload the index once.
async function withIndex(work) {
  try {
    return await work(await loadIndex());
  } catch (error) {
    if (error.status === 503) throw error;
    return work(await loadIndex(true));
  }
}

// 503: the server has no migrated database; the page names the command that fixes it.
function failed(error, partial) {
  if (error?.status === 503) return "not-ready";
  return partial ? "partial-error" : "error";
}

// A list's parts come a few at a time (parts.mjs) and are rendered once per batch: each render
// runs the list's view over every card so far, a long task on a cheap phone at 10,000 services.
// A batch waits for an idle moment too: while React still renders the previous one (a
// transition, in slices) the browser is not idle, and a new batch would restart that render.
// At 10,000 services (bench/cards.py) the long tasks after pasoStart went from 120-375 ms to
// 0 ms in the runs measured with the 500 ms wait and with this one.
const BATCH_MS = 1000;
const IDLE_WAIT_MS = 3000; // the progress line moves at least this often
function batchSoon(flush) {
  const idle = window.requestIdleCallback ?? ((f) => window.setTimeout(f, 1));
  window.setTimeout(() => idle(flush, { timeout: IDLE_WAIT_MS }), BATCH_MS);
}

let cardsAsked = 0; // a load begun before a refresh or a locale change must not land after it
function forgetCards() {
  cardsAsked += 1;
  cardsLoad = null;
}

function loadCards() {
  if (!cardsLoad) {
    const load = ++cardsAsked;
    const stopped = () => load !== cardsAsked;
    // bench/cards.py sets window.__pasoParts = {limit: 1, perPart: true} to time the old
    // loader (one part after another, a render per part) beside this one.
    const old = window.__pasoParts ?? {};
    cardsLoad = withIndex((index) => {
      const from = indexUrl; // the parts of this locale's index, whatever happens meanwhile
      // The prerendered first cards stay until the first part replaces them in one render.
      return loadParts(index.cards.length, (i) => getJson(partUrl(index.cards[i], from)), {
        limit: old.limit ?? IN_FLIGHT,
        schedule: old.perPart ? (flush) => flush() : batchSoon,
        stopped,
        ready: (parts, done) => {
          const services = parts.flatMap((part) => part.cards);
          publish({ services, loaded: services.length, state: done ? "ready" : "partial" });
        },
      });
    }).catch((error) => {
      if (stopped()) return;
      cardsLoad = null; // "try again" starts over
      publish({ state: failed(error, dir.services.length > 0) });
    });
  }
  return cardsLoad;
}

function loadDetail(slug) {
  return withIndex(async (index) => {
    const name = index.details[bucket(slug, index.details.length)];
    if (!detailLoads.has(name)) detailLoads.set(name, getJson(partUrl(name)));
    const part = await detailLoads.get(name).catch((error) => {
      detailLoads.delete(name);
      throw error;
    });
    const details = { ...dir.details };
    for (const service of part.services) details[service.slug] = service;
    publish({ details, detailState: "ready" });
  }).catch((error) => publish({ detailState: failed(error, false) }));
}

// Search: the search page hands over its engine (search.js); other pages never load its code.
// The index covers the whole directory once every part is here; until then (a large
// directory on a slow network) the server answers with the same ranking.
let Engine = null;
let words = null;
let wordsLoad = null;
let built = null; // {services, index}
let online = null; // {key, result} or {key, failed}
let onlineTimer = null;
let openNow = new Map(); // doc -> [open, until]: ranking asks for hundreds per keystroke

export function useSearch(IndexClass) {
  Engine = IndexClass;
  render(); // a query typed before this code arrived was shown as "searching"
  prepareSearch();
}

let wordsAsked = 0; // a load begun before a refresh or a locale change must not land after it
function forgetWords() {
  wordsAsked += 1;
  wordsLoad = words = built = null;
}

function loadWords() {
  if (!wordsLoad) {
    const load = ++wordsAsked;
    wordsLoad = withIndex(async (index) => {
      // The cards' keys come in parts of their own (lists never load them), all at once.
      const [part, ...keys] = await Promise.all([index.words, ...(index.keys ?? [])].map((name) => getJson(partUrl(name))));
      if (load !== wordsAsked) return;
      words = { ...part, keys: keys.flatMap((k) => k.keys) };
      render();
    }).catch(() => {
      wordsLoad = null;
    });
  }
  return wordsLoad;
}

// The search page gets ready while the person reads: once the whole directory is here, the
// words part is loaded, the index built and each service's open-now known, in idle moments,
// so a first keystroke does not wait for them.
let preparing = false;
function prepareSearch() {
  if (!Engine || preparing || dir.state !== "ready") return;
  preparing = true;
  const idle = (work) => (window.requestIdleCallback ?? ((f) => window.setTimeout(f, 1)))(work, { timeout: 2000 });
  const services = dir.services;
  loadWords().then(() => idle(() => {
    preparing = false;
    if (!words || dir.services !== services || !localIndex(services)) return;
    let doc = 0;
    const warm = (deadline) => {
      if (built?.services !== services) return;
      while (doc < services.length && (deadline?.timeRemaining?.() ?? 1) > 1) isOpenNow(doc++, inputs.now);
      if (doc < services.length) idle(warm);
    };
    idle(warm);
  }));
}

function isOpenNow(doc, now) {
  let known = openNow.get(doc);
  if (!known || now < known[2] || now >= known[1]) {
    known = [...openUntil(built.services[doc], now), now];
    openNow.set(doc, known);
  }
  return known[0];
}

/** The index of these cards, or null while their keys are not here (a new revision's). */
function localIndex(services) {
  if (built?.services !== services) {
    if (words.keys.length && words.keys.length !== services.length) return null;
    const start = performance.now();
    // A directory saved before the keys had their own parts keeps them on its cards (`k`).
    const documents = services.map((service, doc) => ({ k: words.keys[doc] ?? service.k, needs: service.needs }));
    built = { services, index: new Engine(documents, words.needs, words.stop, words.local) };
    openNow = new Map();
    performance.measure("paso:search-index", { start }); // bench/search.py reads it
  }
  return built.index;
}

function onlineKey(query, flags, limit) {
  return JSON.stringify([indexUrl, query, flags.free, flags.nodocs, flags.open, limit]);
}

let asked = null; // the key of the question on its way
function askServer(query, flags, limit) {
  const key = onlineKey(query, flags, limit);
  if (asked === key) return;
  asked = key;
  window.clearTimeout(onlineTimer);
  onlineTimer = window.setTimeout(async () => {
    // The server's bounds (rxapp/services/search/online.py): 500 characters, 300 cards.
    const params = new URLSearchParams({ q: query.slice(0, 500), n: String(Math.min(limit, 300)) });
    for (const flag of ["free", "nodocs", "open"]) if (flags[flag]) params.set(flag, "1");
    try {
      const response = await fetch(partUrl("search") + "?" + params);
      if (!response.ok) throw new Error(String(response.status));
      online = { key, result: await response.json() };
    } catch {
      online = { key, failed: true };
    }
    if (asked === key) asked = null;
    render();
  }, ONLINE_WAIT_MS);
}

/** A list's search: {order} over data.services, {cards, count} from the server, or null
 * while the answer is on its way; and whether only some words matched. */
function searched(data, query, flags, now, limit) {
  const all = data.state === "ready";
  if (!all && navigator.onLine && online?.key !== onlineKey(query, flags, limit)) {
    askServer(query, flags, limit);
    // Meanwhile the previous answer stays on screen (no "searching" flash at each keystroke).
    return online?.result ? { server: online.result, partial: online.result.partial } : null;
  }
  if (!all && online && !online.failed) return { server: online.result, partial: online.result.partial };
  if (!words) {
    loadWords();
    return null;
  }
  const index = localIndex(data.services);
  if (!index) return null; // the keys of the next revision came first: its cards are on their way
  const found = index.search(query, (doc) => isOpenNow(doc, now));
  return { order: found.order, partial: found.partial };
}

/** "Nearest first": ask the phone for its position (never sent anywhere, never stored). */
export function pasoNear() {
  if (inputs.near === "on" || inputs.near === "asking") {
    inputs.near = "off";
    inputs.here = null;
    render();
    return;
  }
  if (!navigator.geolocation) {
    inputs.near = "unavailable";
    render();
    return;
  }
  inputs.near = "asking";
  render();
  navigator.geolocation.getCurrentPosition(
    (position) => {
      if (inputs.near !== "asking") return; // switched off meanwhile
      inputs.here = [position.coords.latitude, position.coords.longitude];
      inputs.near = "on";
      inputs.limit = PAGE;
      render();
    },
    (error) => {
      if (inputs.near !== "asking") return;
      inputs.near = error.code === 1 ? "denied" : "unavailable";
      render();
    },
    { enableHighAccuracy: false, timeout: 20000, maximumAge: 300000 },
  );
}

// The app's own state, fed by the head script's `paso-*` events (worker, install prompt, the
// languages saved on this phone, a language tapped offline that is not saved).
let app = { online: true, saved: false, update: false, install: false, locales: [], unsaved: "", keeping: "", kept: "" };
function setApp(patch) {
  if (Object.entries(patch).every(([key, value]) => app[key] === value)) return; // no re-render
  app = { ...app, ...patch };
  setClient("pasoapp", app);
}
let listening = false;
let lastWant = "none";
function listen() {
  if (listening) return;
  listening = true;
  const paso = window.__paso || {};
  const sync = () => {
    const locales = [...(paso.saved ?? [])];
    // Saved, or the connection went while saving (the worker stops): the buttons come back.
    const keeping = locales.includes(app.keeping) || !navigator.onLine ? "" : app.keeping;
    setApp({
      online: navigator.onLine, saved: Boolean(paso.warmed), update: Boolean(paso.update), install: Boolean(paso.install),
      locales: locales.join() === app.locales.join() ? app.locales : locales, unsaved: paso.unsaved ?? "", keeping,
      kept: app.keeping && locales.includes(app.keeping) ? app.keeping : app.kept,
    });
  };
  for (const name of ["paso-warmed", "paso-update", "paso-install", "paso-saved", "paso-unsaved", "offline"]) {
    window.addEventListener(name, sync);
  }
  window.addEventListener("online", () => {
    paso.unsaved = ""; // back online: any language opens
    sync();
    refresh();
  });
  sync();
}

/** "Also keep <language> for offline use": the worker saves that locale's pages and data. */
export function pasoKeep(tag) {
  if (!window.__paso?.keep || app.keeping) return;
  setApp({ keeping: tag, kept: "" });
  window.__paso.keep(tag).catch(() => setApp({ keeping: "" }));
}

// Back online: look for a newer directory and load what this page shows again.
function refresh() {
  window.__pasoEarly = null;
  indexLoad = null;
  forgetCards();
  forgetWords(); // the keys go with the cards of one revision
  detailLoads.clear();
  load(lastWant);
}

function load(want) {
  const slug = inputs.id;
  if (want === "cards") loadCards();
  else if (want === "detail") {
    stage({ detailState: dir.details[slug] ? "ready" : "loading" });
    loadDetail(slug);
  } else if (want !== "none") loadIndex().then(() => publish({}), (error) => publish({ state: failed(error, false) }));
  else loadIndex().then(() => publish({}), () => {}); // the offline banner needs the saved date
}

// The page on screen: where a service page was opened from (back.js).
let place = null; // {path, kind, query} of the page on screen: where a service page was opened from

/** On mount: read the query string, start the clock, load what this kind of page shows and
 * compute its view (`view`: {name, kind, options}; null on a page without one). */
export function pasoStart(url, timeZone, want = "cards", slug = null, offsets = null, view = null) {
  performance.mark("paso:start"); // the page is hydrated: bench/cards.py splits the main thread's work here
  const params = new URLSearchParams(window.location.search);
  const previous = place && { ...place, query: place.kind === "list" ? inputs.query : "", flags: inputs.flags };
  place = { path: window.location.pathname, kind: view?.kind ?? want };
  if (view?.kind === "detail") backFrom(previous, slug ?? params.get("id") ?? "");
  if (indexUrl === null) held = true;
  shown = view;
  // What the box holds counts too: on a slow phone people type before the page has started
  // (before hydration React never saw it; after, it reached pasoSetQuery before this ran).
  inputs.query = params.get("q") ?? document.getElementById("q")?.value ?? "";
  if (inputs.query) setClient("pasoquery", inputs.query); // the search box shows it
  if (view?.kind === "list" && FLAGS.some((flag) => params.has(flag))) {
    inputs.flags = Object.fromEntries(FLAGS.map((flag) => [flag, params.get(flag) === "1"]));
    setClient("pasoflags", inputs.flags); // a list's address with filters (a service's back link)
  }
  inputs.id = slug ?? params.get("id") ?? "";
  inputs.now = centreNow(timeZone, new Date(), offsets);
  if (!clock) {
    clock = window.setInterval(() => {
      inputs.now = centreNow(timeZone, new Date(), offsets);
      render();
    }, 30000);
  }
  if (indexUrl !== url) {
    // A new locale: its data comes next. Until then the page shows its own view as it was
    // (views are per page and locale: never another language's directory), with no render
    // between the tap on a language and the new page's first frame.
    indexUrl = url;
    indexLoad = null;
    forgetCards();
    forgetWords();
    online = asked = null;
    detailLoads.clear();
    dir = { state: "loading", services: [], details: {}, total: 0, loaded: 0, locale: url.split("/")[3] };
    staged = {};
  } else render(); // another page of the same locale: the data is here
  if (window.__paso?.unsaved) window.__paso.unsaved = "";
  listen();
  if (app.unsaved) setApp({ unsaved: "" });
  lastWant = want;
  load(want);
}

/** The offline message, or "" when online and reading fresh data. */
export function pasoOffline(appState, data, template, locale, months = null) {
  if (appState?.online !== false && !data?.saved) return "";
  const updated = data?.updated ? new Date(data.updated) : null;
  const date = updated ? longDate(updated, locale, months) : "…";
  return template.replace("{date}", date);
}

export function pasoUpdate() {
  window.__paso?.update?.postMessage({ type: "activate" }); // the head script reloads on takeover
}

export function pasoInstall() {
  const prompt = window.__paso?.install;
  if (!prompt) return;
  window.__paso.install = null;
  setApp({ install: false });
  prompt.prompt();
}

// After a keystroke the first cards are built at once, the rest of the page's worth once the
// person stops typing and the browser is idle: a cheap phone paints what fits on its screen in
// a third of the time (bench/search.py), and the next keystroke never waits behind cards
// nobody sees yet.
const PAUSE_MS = 700;
let growing = null;
function growSoon() {
  window.clearTimeout(growing);
  growing = window.setTimeout(() => {
    const idle = window.requestIdleCallback ?? ((f) => window.setTimeout(f, 1));
    idle(() => {
      const url = new URL(window.location.href); // the address keeps the query (a reload, a share)
      if (inputs.query) url.searchParams.set("q", inputs.query);
      else url.searchParams.delete("q");
      window.history.replaceState(window.history.state, "", url);
      if (inputs.limit >= PAGE) return;
      inputs.limit = PAGE;
      render();
    }, { timeout: 500 });
  }, PAUSE_MS);
}

export function pasoSetQuery(event) {
  const value = typeof event === "string" ? event : (event?.target?.value ?? "");
  inputs.query = value; // typed before the data came: the first data shows what was typed
  inputs.limit = FIRST;
  setClient("pasoquery", value);
  render(true);
  growSoon();
}

export function pasoToggle(flag, current) {
  inputs.flags = { ...current, [flag]: !current[flag] };
  inputs.limit = PAGE;
  setClient("pasoflags", inputs.flags);
  render();
  const params = new URLSearchParams(window.location.search);
  if (FLAGS.some((name) => params.has(name))) {
    // The address came with filters (a back link): it follows them, so a reload shows the same.
    const url = new URL(window.location.href);
    for (const name of FLAGS) {
      if (inputs.flags[name]) url.searchParams.set(name, "1");
      else url.searchParams.delete(name);
    }
    window.history.replaceState(window.history.state, "", url);
  }
}

export function pasoMore() {
  inputs.limit += PAGE;
  render();
}

export function pasoRetry() {
  loadCards();
}

const EMPTY = { state: "loading", services: [], details: {} };

/** The view of one kind ("list", "detail", "counts") from the data and the inputs; before any
 * data, the same as rxapp/components/client.py's `_before_data` (the prerendered page). */
function computeView(here, kind, data, inputs, options) {
  const { flags, now, id, limit } = inputs;
  // A guard: after a language switch the previous locale's data may still be in memory; a
  // view is never computed from another language's directory.
  if (data?.locale && here && data.locale !== here) data = EMPTY;
  if (kind === "counts") return data?.counts ?? {};
  if (kind === "detail") {
    const state = data?.details?.[id] ? "ready" : (data?.detailState ?? "loading");
    if (state !== "ready" || !now) return { found: false, state };
    return { ...detailView(data, id, { now, labels: options.labels, href: window.location.href }), state };
  }
  const state = data?.state ?? "loading";
  if (state === "loading" && options.first?.length) {
    // Cards known at build time, in the prerendered HTML; the live ones replace them in place.
    return { ...LIST, cards: options.first, count: options.first.length, state: "first" };
  }
  const labels = options.labels;
  const query = inputs.query.trim();
  const near = { near: inputs.near };
  const position = inputs.near === "on" ? inputs.here : null;
  let view = { cards: [], count: 0 };
  let found = null;
  if (now && state !== "loading" && state !== "error") {
    // A query before the search code has arrived is searching, not every service.
    found = query ? (Engine ? searched(data, query, flags, now, limit) : null) : undefined;
    if (found === null) return { ...LIST, ...near, cards: [], count: 0, state: "searching" };
    const common = { ...options, flags, now, limit, here: position };
    view = found?.server
      ? { ...listView({ services: found.server.cards, times: data.times }, { ...common, flags: {} }), count: found.server.count }
      : listView(data, { ...common, ranked: found ?? null });
  }
  const loading = state === "partial";
  const nothing = view.count === 0 && (state === "ready" || Boolean(found?.server));
  const empty = nothing && Boolean(query);
  return {
    ...LIST,
    ...view,
    ...near,
    state,
    more: view.count > view.cards.length && limit >= PAGE, // not while the cards grow after a keystroke
    // While parts arrive the count can only grow: say so rather than state a final number.
    found: view.count ? plural(labels.found, view.count).replace("{count}", grouped(view.count, options.group)) : "",
    progress: loading
      ? labels.progress
          .replace("{loaded}", grouped(data.loaded, options.group))
          .replace("{total}", grouped(data.total, options.group))
      : "",
    partial: Boolean(found?.partial) && view.count > 0,
    nothing,
    // No dead end: the needs whose words come closest, and the centre itself.
    suggest: empty && Engine && words
      ? Engine.closestNeeds(query, words.needs, words.stop).map((slug) => options.needs[slug]).filter(Boolean)
      : [],
    centre: empty ? centreCard(data, options) : null,
  };
}

function centreCard(data, options) {
  const s = data.details?.[options.centre];
  if (!s) return null;
  return {
    name: s.organization,
    href: `${options.base}?id=${encodeURIComponent(s.slug)}`,
    phones: s.phones,
    address: s.locations[0]?.address ?? "",
    directions: s.locations[0]?.directions ?? "",
  };
}

export function pasoShare(...args) {
  if (!navigator.share) return; // the link itself shares through WhatsApp
  // Reflex calls an event trigger's function with its summary of the click first and the
  // browser's event after it: find the real one.
  const event = args.find((arg) => typeof arg?.preventDefault === "function");
  event?.preventDefault();
  navigator.share({ title: document.title, url: window.location.href }).catch(() => {});
}
