// My page's glue (rxapp/reading/me.py): the secret this phone keeps opens the person's page
// (POST /api/me: a secret never travels in a URL); a desk's one-time link (#t=...) is exchanged
// for one first. While the page is open and online it asks again every 2 s (a 304 when nothing
// changed), so "it is your turn" shows within seconds, with sound and vibration where the
// browser allows. The view is me.mjs's.
import { setClient } from "./client.js";
import { centreNow } from "./logic.mjs";
import { KEYS, calendarFile, centreDates, meView, nextReminder, tokenFromHash } from "./me.mjs";

const POLL_MS = 2000;
let page = null; // {name, locale, labels, api, claim, timeZone, offsets}
let documentShown = null; // the last document, to render again when a reminder is due
let etag = "";
let poll = null;
let reminderTimer = null;
let wasCalled = false;

const store = {
  get(key) {
    try {
      return window.localStorage.getItem(key);
    } catch {
      return null; // storage refused: nothing is kept, the page still opens online
    }
  },
  set(key, value) {
    try {
      window.localStorage.setItem(key, value);
      return true;
    } catch {
      return false;
    }
  },
  remove(key) {
    try {
      window.localStorage.removeItem(key);
    } catch {
      // nothing was kept
    }
  },
};

function show(view) {
  setClient(page.name, view);
}

function blank(state) {
  return { state, code: "", turn: { state: "waiting", text: "", detail: "", desk: null, called: false }, referrals: [], appointments: [], kept: false, offline: false };
}

function render(doc, { offline = false } = {}) {
  documentShown = doc;
  const nowMs = Date.now();
  const now = centreNow(page.timeZone, new Date(nowMs), page.offsets);
  const { today, tomorrow } = centreDates(now);
  const kept = store.get(KEYS.kept) !== null;
  const view = meView(doc, { now, nowMs, today, tomorrow, labels: page.labels, kept });
  show({ ...view, offline });
  if (view.turn.called && !wasCalled) signal();
  wasCalled = view.turn.called;
  window.clearTimeout(reminderTimer);
  const next = nextReminder(doc.appointments, nowMs);
  if (next !== null) reminderTimer = window.setTimeout(() => render(documentShown, { offline }), Math.min(next + 50, 3600000));
}

// "It is your turn": a vibration and two short tones (Web Audio: no sound file to download).
// Browsers allow sound only after the person touched the page; where they refuse, the words
// and the colour still change.
function signal() {
  try {
    navigator.vibrate?.([300, 150, 300]);
  } catch {
    // no vibration on this device
  }
  try {
    const audio = new (window.AudioContext || window.webkitAudioContext)();
    [0, 0.35].forEach((at) => {
      const tone = audio.createOscillator();
      const gain = audio.createGain();
      tone.frequency.value = 880;
      gain.gain.value = 0.2;
      tone.connect(gain).connect(audio.destination);
      tone.start(audio.currentTime + at);
      tone.stop(audio.currentTime + at + 0.2);
    });
  } catch {
    // no sound allowed yet
  }
}

async function post(url, body, headers = {}) {
  return fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
    cache: "no-store",
    credentials: "omit",
  });
}

function forget() {
  store.remove(KEYS.secret);
  store.remove(KEYS.kept);
  documentShown = null;
  etag = "";
}

async function load() {
  const secret = store.get(KEYS.secret);
  if (!secret) {
    stopPolling();
    show(blank("none"));
    return;
  }
  let response;
  try {
    response = await post(page.api, { secret, locale: page.locale }, etag ? { "If-None-Match": etag } : {});
  } catch {
    const kept = store.get(KEYS.kept);
    if (documentShown) render(documentShown, { offline: true });
    else if (kept) render(JSON.parse(kept), { offline: true });
    else show(blank("error"));
    return;
  }
  if (response.status === 304 && documentShown) return render(documentShown);
  if (response.status === 404) {
    forget(); // erased, or access removed at the desk: nothing of it stays on this phone
    stopPolling();
    show(blank("gone"));
    return;
  }
  if (!response.ok) {
    if (!documentShown) show(blank("error"));
    return;
  }
  const doc = await response.json();
  etag = response.headers.get("ETag") ?? "";
  if (store.get(KEYS.kept) !== null) store.set(KEYS.kept, JSON.stringify(doc));
  render(doc);
}

function stopPolling() {
  window.clearInterval(poll);
  poll = null;
}

function startPolling() {
  stopPolling();
  poll = window.setInterval(() => {
    if (document.visibilityState === "visible" && navigator.onLine !== false) load();
  }, POLL_MS);
}

async function claim(token) {
  // The token leaves the address bar at once: it is not kept in the history or a bookmark.
  window.history.replaceState(null, "", window.location.pathname);
  try {
    const response = await post(page.claim, { token });
    if (!response.ok) return false;
    const { secret } = await response.json();
    forget(); // another person's page may have been on this phone
    return store.set(KEYS.secret, secret);
  } catch {
    return false;
  }
}

/** On mount: the page's words, then the kept copy at once (a repeat visit paints from it), then the server's. */
export async function pasoMeStart(timeZone, offsets, spec) {
  page = { ...spec, timeZone, offsets };
  const token = tokenFromHash(window.location.hash);
  if (token && !(await claim(token)) && !store.get(KEYS.secret)) {
    show(blank("gone")); // a used, expired or wrong link
    return;
  }
  const kept = store.get(KEYS.kept);
  if (kept && store.get(KEYS.secret)) {
    try {
      render(JSON.parse(kept), { offline: navigator.onLine === false });
    } catch {
      store.remove(KEYS.kept);
    }
  }
  await load();
  if (store.get(KEYS.secret)) startPolling();
}

/** "Keep on this phone": the page's copy in this phone's storage, to open without a connection. */
export function pasoMeKeep() {
  if (documentShown && store.set(KEYS.kept, JSON.stringify(documentShown))) render(documentShown);
}

/** "Remove from this phone": the secret and the copy go; the page says so. */
export function pasoMeRemove() {
  forget();
  stopPolling();
  show(blank("removed"));
}

/** "Add to calendar": an .ics file made on the phone for that appointment. */
export function pasoMeCalendar(id) {
  const found = documentShown?.appointments?.find((a) => String(a.id) === String(id));
  if (!found) return;
  const title = `${page.labels.calendar}: ${found.place || found.service_name || ""}`;
  const text = calendarFile(found, { title, nowMs: Date.now(), host: window.location.hostname });
  const url = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
  const link = Object.assign(document.createElement("a"), { href: url, download: `paso-${found.date}.ics` });
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
