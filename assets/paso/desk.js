// The desk on a shared tablet: lock it after the idle time, ask the server for other
// tablets' changes, and read a person's QR code with the camera. The server decides
// everything (it checks the session on every event); this only sends it events (hidden
// buttons, client.js), narrows a long list to what the volunteer types in its filter box, and
// carries the session cookie's hand-over at sign-in and its removal at sign-out.
import { exposeToServer, sendEvent } from "./client.js";
import { matchingOptions } from "./desk.mjs";

let started = false;
let idleMs = 900000;
let lastInput = Date.now();
let locked = false;
let touched = false; // input since the last poll: the server counts it as activity

function activity() {
  lastInput = Date.now();
  locked = false;
  touched = true;
}

/** Whether someone used the tablet since the last poll (read by the poll event). */
export function pasoDeskActive() {
  const was = touched;
  touched = false;
  return was;
}

function tick() {
  if (!document.getElementById("paso-desk-lock")) return;
  if (!locked && Date.now() - lastInput >= idleMs) {
    locked = true;
    // Hide the desk now: the server's lock screen may be slow to come on a bad connection.
    document.documentElement.classList.add("paso-locking");
    stopCamera(document.getElementById("desk-scan-video"));
    sendEvent("paso-desk-lock");
  }
}

/** Hide the options of the list a filter box names (data-paso-filter) that do not match it,
 * and the groups left empty. The chosen option stays chosen. */
function filterList(box) {
  const list = document.getElementById(box.dataset.pasoFilter);
  if (!list) return;
  const options = [...list.querySelectorAll("option[data-key]")];
  const shown = matchingOptions(options.map((option) => option.dataset.key), box.value);
  options.forEach((option, i) => {
    option.hidden = !shown[i];
  });
  for (const group of list.querySelectorAll("optgroup")) {
    group.hidden = ![...group.children].some((option) => !option.hidden);
  }
}

function poll() {
  if (!locked && document.visibilityState === "visible") sendEvent("paso-desk-poll");
}

/** The desk's content mounted again (after unlocking): show it. */
export function pasoDeskUnveil() {
  document.documentElement.classList.remove("paso-locking");
}

/** Start the idle lock (seconds) and the polling (milliseconds, 0 = none). */
export function pasoDeskStart(options) {
  idleMs = options.idle * 1000;
  activity();
  if (options.poll) window.__pasoDeskPoll ??= window.setInterval(poll, options.poll);
  if (started) return;
  started = true;
  for (const type of ["pointerdown", "keydown", "input", "wheel", "touchstart"]) {
    document.addEventListener(type, activity, { capture: true, passive: true });
  }
  document.addEventListener("input", (event) => {
    if (event.target?.dataset?.pasoFilter) filterList(event.target);
  });
  window.setInterval(tick, 1000);
}

let stream = null;

function stopCamera(video) {
  stream?.getTracks().forEach((track) => track.stop());
  stream = null;
  if (video) video.srcObject = null;
  document.getElementById("desk-scan")?.setAttribute("hidden", "");
}

/** Read a QR code with the camera; the code goes to the "open by code" field and is opened. */
export async function pasoDeskScan() {
  const box = document.getElementById("desk-scan");
  const video = document.getElementById("desk-scan-video");
  if (!box || !video || !("BarcodeDetector" in window)) return;
  if (stream) return stopCamera(video);
  const detector = new window.BarcodeDetector({ formats: ["qr_code"] });
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } });
  } catch {
    return stopCamera(video);
  }
  box.removeAttribute("hidden");
  video.srcObject = stream;
  await video.play();
  const look = async () => {
    if (!stream) return;
    try {
      const found = await detector.detect(video);
      if (found.length) {
        const field = document.getElementById("desk-code");
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
        setter.call(field, found[0].rawValue.trim());
        field.dispatchEvent(new Event("input", { bubbles: true }));
        stopCamera(video);
        field.form?.requestSubmit();
        return;
      }
    } catch {
      // a frame that could not be read: try the next one
    }
    window.requestAnimationFrame(look);
  };
  look();
}

// The scan button shows only where the browser can read QR codes (Chrome on Android; not
// desktop Linux, where BarcodeDetector is missing or knows no formats).
if (typeof window !== "undefined" && "BarcodeDetector" in window && navigator.mediaDevices) {
  window.BarcodeDetector.getSupportedFormats()
    .then((formats) => formats.includes("qr_code") && document.documentElement.classList.add("paso-can-scan"))
    .catch(() => {});
}

// The session cookie is HttpOnly: only an HTTP answer can set or remove it, and the websocket
// sends the cookies it had when it connected (rxapp/desk/session.py says why). So after a
// sign-in the page swaps the server's one-time ticket for the cookie, and after a sign-out
// has the cookie removed, then loads the page again: the new websocket carries the new cookie.
async function adopt({ url, ticket }) {
  try {
    await fetch(url, {
      method: "POST",
      credentials: "include",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ticket }),
    });
  } finally {
    window.location.reload();
  }
}

async function leave({ url, next }) {
  try {
    await fetch(url, { method: "DELETE", credentials: "include" });
  } finally {
    window.location.replace(next);
  }
}

// Not while the build prerenders the pages (no window there).
if (typeof window !== "undefined") exposeToServer({ pasoDeskAdopt: adopt, pasoDeskLeave: leave });
