// Glue: the index's alerts (directory.js hands each index it loads to `alertsFrom`, so alerts
// cost no request of their own) -> the `pasoalerts` client state every public page renders
// (rxapp/components/alerts.py). Recomputed when an alert starts or ends, offline too.
import { setClient } from "./client.js";
import { alertsView, nextChange, readMark } from "./alerts.mjs";

// What the pages show before any alert (rxapp/components/alerts.py's EMPTY gives the same).
const EMPTY = { any: false, top: null, more: "", info: [], fresh: "", current: [], ended: [], badges: {}, services: {} };
const HOUR_MS = 3600000;

let alerts = [];
let alertsLocale = null;
let page = null; // {locale, words, directions, timeZone, offsets, news}
let shown = EMPTY;
let timer = null;

// "New since your last visit": the newest `posted` the news page listed, per locale, kept on
// this phone only.
const key = (locale) => `paso-news-read:${locale}`;
function lastRead(locale) {
  try {
    const saved = window.localStorage.getItem(key(locale));
    return saved === null ? null : Number(saved);
  } catch {
    return null; // storage refused (private mode): every current alert counts as new
  }
}
function markRead(locale, mark) {
  if (mark === null || mark <= (lastRead(locale) ?? -Infinity)) return;
  try {
    window.localStorage.setItem(key(locale), String(mark));
  } catch {
    // nothing kept: the count stays
  }
}

function show(view) {
  if (view === EMPTY && shown === EMPTY) return; // no alerts: no render at all
  shown = view;
  setClient("pasoalerts", view);
}

function render() {
  window.clearTimeout(timer);
  if (!page || alertsLocale !== page.locale) {
    show(EMPTY); // never another language's alerts while this one's index loads
    return;
  }
  const now = Date.now();
  const path = window.location.pathname.replace(/\/$/, "");
  if (path === page.news) markRead(page.locale, readMark(alerts, now));
  show(alerts.length ? alertsView(alerts, now, { ...page, lastRead: lastRead(page.locale) }) : EMPTY);
  const next = nextChange(alerts, now);
  // At most an hour ahead: a phone asleep meanwhile wakes with a clock that jumped.
  if (next !== null) timer = window.setTimeout(render, Math.min(next - now + 50, HOUR_MS));
}

/** On mount of every public page (the urgent line's): the page's locale and words. */
export function pasoAlertsStart(options) {
  page = options;
  render();
}

/** An index arrived (fresh or the saved one): its alerts replace the ones shown. */
export function alertsFrom(index) {
  alerts = Array.isArray(index?.alerts) ? index.alerts : [];
  alertsLocale = index?.locale ?? null;
  render();
}
