// Glue between Reflex's client state (rx._x.client_state) and logic.mjs: loads the snapshot,
// ticks the clock and exposes one `pasoView` the Python components render from.
import { refs } from "$/utils/state";
import { centreNow, listView, detailView, needCounts } from "./logic.mjs";

function setClient(name, value) {
  const setter = refs[`_client_state_set${name[0].toUpperCase()}${name.slice(1)}`];
  if (setter) setter(value);
  else refs[`_client_state_${name}`] = value;
}

let started = null;

export function pasoStart(url, timeZone) {
  const params = new URLSearchParams(window.location.search);
  setClient("pasoquery", params.get("q") ?? "");
  setClient("pasoid", params.get("id") ?? "");
  setClient("pasonow", centreNow(timeZone));
  if (started === url) return;
  started = url;
  window.setInterval(() => setClient("pasonow", centreNow(timeZone)), 30000);
  fetch(url, { credentials: "omit" })
    .then((response) => (response.ok ? response.json() : Promise.reject(response.status)))
    .then((data) => setClient("pasodir", { ...data, state: "ready" }))
    .catch(() => setClient("pasodir", { state: "error", services: [] }));
}

export function pasoSetQuery(event) {
  const value = typeof event === "string" ? event : (event?.target?.value ?? "");
  setClient("pasoquery", value);
  const url = new URL(window.location.href);
  if (value) url.searchParams.set("q", value);
  else url.searchParams.delete("q");
  window.history.replaceState(window.history.state, "", url);
}

export function pasoToggle(flag, current) {
  setClient("pasoflags", { ...current, [flag]: !current[flag] });
}

export function pasoView(kind, data, query, flags, now, id, options) {
  const ready = data?.state === "ready";
  if (kind === "counts") return needCounts(data);
  if (kind === "detail") {
    if (!ready || !now) return { found: false, state: data?.state ?? "loading" };
    return { ...detailView(data, id, { now, labels: options.labels, href: window.location.href }), state: "ready" };
  }
  const cards = ready && now ? listView(data, { ...options, query, flags, now }) : [];
  return { state: data?.state ?? "loading", cards, count: cards.length };
}

export function pasoShare(event) {
  if (!navigator.share) return; // the link itself shares through WhatsApp
  event.preventDefault();
  navigator.share({ title: document.title, url: window.location.href }).catch(() => {});
}
