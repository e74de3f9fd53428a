// The registration form in the browser: saves the draft as it is typed, sends through
// Reflex's websocket (the hidden #paso-send button's event reads pasoRegOutbox), shows the
// server's answer (pasoRegAnswer, called by the server), and sends a waiting submission
// again after a reload or reconnection. The logic is in drafts.mjs; this file wires it to
// the page.
import { exposeToServer, sendEvent, setClient } from "./client.js";
import { Drafts, ME_KEYS, readForm, writeForm } from "./drafts.mjs";

const WAITING_AFTER_MS = 2500; // no answer by then: say it waits for a connection
const RETRY_MS = 20000; // and send again while it waits (the server ignores repeats)

let drafts = null;
let form = null;
let locale = "es";
let timer = null;
let retry = null;
let reg = { phase: "draft", errors: {}, code: "", name: "", contact: "", phone: "", ready: false };


function publish(patch) {
  reg = { ...reg, ...patch };
  setClient("pasoreg", reg);
}

function storage() {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

function stopTimers() {
  window.clearTimeout(timer);
  window.clearInterval(retry);
  timer = retry = null;
}

function send() {
  if (!drafts.outbox()) return;
  sendEvent("paso-send");
  window.clearTimeout(timer);
  timer = window.setTimeout(() => drafts.outbox() && publish({ phase: "waiting" }), WAITING_AFTER_MS);
  if (!retry) retry = window.setInterval(() => (drafts.outbox() ? sendEvent("paso-send") : stopTimers()), RETRY_MS);
}

function onInput(event) {
  if (reg.phase !== "draft") return;
  drafts.save(readForm(form));
  const name = event.target?.name;
  if (name && reg.errors[name]) publish({ errors: { ...reg.errors, [name]: "" } });
  if (name === "phone" || name === "nationality") publish({ phone: "" });
}

function onChange(event) {
  onInput(event);
  if (event.target?.name === "phone" || (event.target?.name === "nationality" && form.elements.phone?.value)) {
    sendEvent("paso-phone-check"); // the server shows the number back, formatted, to confirm
  }
}

function onSubmit(event) {
  event.preventDefault();
  if (reg.phase !== "draft") return;
  drafts.queue(readForm(form), locale);
  publish({ phase: "sending", errors: {} });
  send();
}

// "Tell us more (optional)" is folded: open it when an error or a kept answer is inside, so
// the person sees it (a closed <details> hides its fields; they are still sent).
function unfoldFor(field) {
  const folded = field?.closest("details");
  if (folded) folded.open = true;
}

function unfoldKept(fields) {
  for (const el of form.querySelectorAll("details [name]")) {
    const value = fields[el.name];
    if (Array.isArray(value) ? value.length : value) unfoldFor(el);
  }
}

function focusFirstError(errors) {
  // From the answer itself, not from aria-invalid: React may not have re-rendered yet.
  const first = Array.from(form.elements).find((el) => el.name && errors[el.name]);
  unfoldFor(first);
  // Focus once React has re-enabled the fieldset (disabled while sending): a few frames at most.
  const focus = (frames) =>
    window.requestAnimationFrame(() => {
      const field = form.querySelector('[aria-invalid="true"]') ?? first ?? document.getElementById("form-error");
      field?.focus();
      if (field && document.activeElement !== field && frames > 0) focus(frames - 1);
    });
  focus(30);
}

/** The server's answer to a submission (rxapp: ``client.script("pasoRegAnswer", ...)``). */
function answer(result) {
  // The key to the person's own page (issue 19): only a phone registering for itself gets one;
  // it replaces another person's that this phone held, with that person's kept copy.
  if (result?.ok && typeof result.secret === "string" && /^[A-Za-z0-9_-]{20,100}$/.test(result.secret)) {
    const kept = storage();
    if (kept && kept.getItem(ME_KEYS.secret) !== result.secret) {
      try {
        kept.removeItem(ME_KEYS.kept);
        kept.setItem(ME_KEYS.secret, result.secret);
      } catch {
        // storage refused: the desk can show a code to open the page instead
      }
    }
  }
  const shown = drafts.answer(result);
  if (!shown || shown.phase === "waiting") {
    if (shown) publish({ phase: "waiting" }); // the retry timer sends it again
    return;
  }
  stopTimers();
  if (shown.phase === "done") {
    form.reset();
    publish({ ...shown, phone: "" });
    window.scrollTo(0, 0);
    window.requestAnimationFrame(() => document.getElementById("registered")?.focus());
  } else {
    publish(shown);
    focusFirstError(shown.errors ?? {});
  }
}

/** On mount: bind the form, put the saved draft back, send what waits in the outbox. */
export function pasoRegStart(tag, persist) {
  locale = tag;
  drafts = new Drafts(persist ? storage() : null);
  form = document.getElementById("paso-register");
  if (!form) return;
  form.addEventListener("input", onInput);
  form.addEventListener("change", onChange);
  form.addEventListener("submit", onSubmit);
  const saved = drafts.draft();
  if (saved) {
    writeForm(form, saved.fields);
    unfoldKept(saved.fields);
  }
  exposeToServer({ pasoRegAnswer: answer, pasoRegPhone: (text) => publish({ phone: text }) });
  const waiting = drafts.outbox();
  publish({ ready: true, phase: waiting ? "waiting" : "draft", errors: {}, code: "", name: "", contact: "" });
  if (waiting) send();
}

/** What #paso-send sends: the submission waiting in the outbox. */
export function pasoRegOutbox() {
  return drafts.outbox() ?? {};
}

/** What #paso-phone-check sends: the typed number, to be shown back formatted. */
export function pasoRegPhoneQuery() {
  return { phone: form.elements.phone?.value ?? "", nationality: form.elements.nationality?.value ?? "", locale };
}

/** "Start over": after a confirmation, nothing of the person stays on the device. */
export function pasoRegReset(question) {
  if (reg.phase !== "done" && drafts.draft() && !window.confirm(question)) return;
  stopTimers();
  drafts.clear();
  form?.reset();
  publish({ phase: "draft", errors: {}, code: "", name: "", contact: "", phone: "" });
  window.scrollTo(0, 0);
}

/** Show the code kept on this phone after registering (home page). */
export function pasoLoadCode() {
  setClient("pasocode", new Drafts(storage()).code());
}

export function pasoForgetCode() {
  new Drafts(storage()).forgetCode();
  setClient("pasocode", "");
}
