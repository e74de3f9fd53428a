// The waiting-room display's glue (rxapp/reading/display.py): a TV or a spare tablet opened with
// the desk's link (#k=..., kept in this screen's storage) asks POST /api/display every 2 s
// (a 304 when nothing changed) and shows the codes being called, its words in the centre's
// languages in turn. No sign-in: the key opens only this list, which holds no name.
import { setClient } from "./client.js";
import { KEY, TURN_MS, displayView, keyFromHash, languageAt } from "./display.mjs";

const POLL_MS = 2000;
let spec = null; // {name, api, words: {tag: {lang, dir, heading, desk, empty, nokey}}, order: [tags]}
let calls = [];
let etag = "";
let newest = 0;
let state = "loading";

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function chime() {
  try {
    const audio = new (window.AudioContext || window.webkitAudioContext)();
    const tone = audio.createOscillator();
    tone.frequency.value = 660;
    tone.connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.3);
  } catch {
    // a screen nobody touched may not play sound: the words still change
  }
}

function render() {
  const tag = languageAt(spec.order, Date.now());
  const words = spec.words[tag];
  if (state !== "ready") {
    setClient(spec.name, { state, lang: words.lang, dir: words.dir, heading: words.heading, empty: words.nokey, first: null, rest: [] });
    return;
  }
  const view = displayView(calls, words, { newest });
  if (view.fresh) {
    newest = Date.parse(view.first.at);
    chime();
  }
  setClient(spec.name, view);
}

async function ask() {
  const key = storage()?.getItem(KEY);
  if (!key) {
    state = "nokey";
    return render();
  }
  try {
    const response = await fetch(spec.api, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...(etag ? { "If-None-Match": etag } : {}) },
      body: JSON.stringify({ key }),
      cache: "no-store",
      credentials: "omit",
    });
    if (response.status === 404) {
      storage()?.removeItem(KEY); // a new key was set at the desk: this screen needs the new link
      state = "nokey";
    } else if (response.ok) {
      calls = (await response.json()).calls ?? [];
      etag = response.headers.get("ETag") ?? "";
      state = "ready";
    }
  } catch {
    // no network for a moment: the list stays as it was
  }
  render();
}

/** On mount: the words of every language, the key from the link, then a poll. */
export function pasoDisplayStart(options) {
  spec = options;
  const key = keyFromHash(window.location.hash);
  if (key) {
    storage()?.setItem(KEY, key);
    window.history.replaceState(null, "", window.location.pathname); // the key leaves the address bar
  }
  ask();
  window.setInterval(ask, POLL_MS);
  window.setInterval(render, TURN_MS);
}
