// The registration draft and outbox on the device. Pure logic over a Storage-like object
// (localStorage on the person's own phone; memory only when a volunteer registers someone
// on the desk's shared tablet), tested with `node --test tests/js`.
//
// - draft: what is typed, saved as it is typed, with an id made on the device. The server
//   stores that id unique, so sending the same draft again never makes a second record.
// - outbox: the submission waiting for the server's answer. It survives a reload, a closed
//   tab or a restarted phone, and is sent again until the server answers.
// - code: after the answer, only the reference code stays (to show it again later).

export const KEYS = { draft: "paso.draft", outbox: "paso.outbox", code: "paso.code", device: "paso.device" };
// My page's (issue 19): the secret that opens the person's page, and its copy once kept.
// Here, not in me.mjs, so the registration page stores the secret without loading My page's code.
export const ME_KEYS = { secret: "paso.me.secret", kept: "paso.me.kept" };

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** A random id of 22 characters from [0-9a-z] (crypto.randomUUID needs a secure context). */
export function newId(bytes = (n) => globalThis.crypto.getRandomValues(new Uint8Array(n))) {
  return Array.from(bytes(22), (b) => ALPHABET[b % 36]).join("");
}

/** A Storage-like object that keeps nothing beyond the page. */
export function memoryStorage() {
  const items = new Map();
  return {
    getItem: (key) => (items.has(key) ? items.get(key) : null),
    setItem: (key, value) => void items.set(key, String(value)),
    removeItem: (key) => void items.delete(key),
  };
}

/**
 * How the person may hear from the centre after registering, from what they sent: "desk"
 * (no phone, or "only at the desk"), their chosen way ("call", "whatsapp", "sms"), or
 * "phone" (a number without a choice: a call, or WhatsApp when the number has it).
 */
export function contactOf(sent) {
  const phone = typeof sent?.phone === "string" && sent.phone.trim() !== "";
  const chosen = sent?.preferred_contact;
  if (!phone || chosen === "desk") return "desk";
  if (["call", "whatsapp", "sms"].includes(chosen)) return chosen;
  return sent.has_whatsapp ? "phone" : "call";
}

export class Drafts {
  /** `storage`: localStorage, or null for memory only (assisted registration). */
  constructor(storage) {
    this.store = storage ?? memoryStorage();
    this.persistent = Boolean(storage);
  }

  read(key) {
    try {
      return JSON.parse(this.store.getItem(key) ?? "null");
    } catch {
      return null; // damaged or unreadable: as if empty
    }
  }

  write(key, value) {
    try {
      if (value === null) this.store.removeItem(key);
      else this.store.setItem(key, JSON.stringify(value));
    } catch {
      // Storage full or refused (private mode): the form still works, unsaved.
    }
  }

  draft() {
    return this.read(KEYS.draft);
  }

  /** Save what is typed; the first save gives the draft its id. */
  save(fields) {
    const draft = { id: this.draft()?.id ?? newId(), fields };
    this.write(KEYS.draft, draft);
    return draft;
  }

  device() {
    if (!this.persistent) return "";
    let id = this.read(KEYS.device);
    if (!id) {
      id = newId();
      this.write(KEYS.device, id);
    }
    return id;
  }

  outbox() {
    return this.read(KEYS.outbox);
  }

  /** Put the draft in the outbox as the payload the server receives. */
  queue(fields, locale) {
    const draft = this.save(fields);
    const payload = { ...fields, draft_id: draft.id, device_id: this.device(), locale };
    this.write(KEYS.outbox, payload);
    return payload;
  }

  /** The server refused the answers: out of the outbox, back to editing (the draft stays). */
  unqueue() {
    this.write(KEYS.outbox, null);
  }

  /**
   * The server's answer to a submission. Returns what the page shows, or null when the
   * answer is not for what waits in the outbox (an older or repeated answer).
   */
  answer(result) {
    const sent = this.outbox();
    if (!sent || !result || sent.draft_id !== result.draft_id) return null;
    if (result.retry) return { phase: "waiting", code: "", name: "", contact: "", errors: {} }; // server trouble: keep it
    if (result.ok) {
      this.clear();
      if (this.persistent) this.write(KEYS.code, result.code);
      return { phase: "done", code: result.code, name: sent.name ?? "", contact: contactOf(sent), errors: {} };
    }
    this.unqueue();
    return { phase: "draft", code: "", name: "", contact: "", errors: result.errors ?? {} };
  }

  /** Start over (or after the confirmation): nothing of the person stays. */
  clear() {
    this.write(KEYS.draft, null);
    this.write(KEYS.outbox, null);
  }

  code() {
    const code = this.read(KEYS.code);
    return typeof code === "string" ? code : "";
  }

  forgetCode() {
    this.write(KEYS.code, null);
  }
}

/** The form's answers, by field name (checkbox groups as lists). */
export function readForm(form) {
  const fields = {};
  for (const el of form.elements) {
    if (!el.name || el.type === "submit" || el.type === "button") continue;
    if (el.type === "checkbox" && el.dataset.group !== undefined) {
      fields[el.name] = fields[el.name] ?? [];
      if (el.checked) fields[el.name].push(el.value);
    } else if (el.type === "checkbox") fields[el.name] = el.checked;
    else if (el.type === "radio") {
      if (!(el.name in fields)) fields[el.name] = "";
      if (el.checked) fields[el.name] = el.value;
    } else fields[el.name] = el.value;
  }
  return fields;
}

/** Put saved answers back into the form. */
export function writeForm(form, fields) {
  for (const el of form.elements) {
    if (!el.name || !(el.name in fields)) continue;
    const value = fields[el.name];
    if (el.type === "checkbox" && el.dataset.group !== undefined) el.checked = Array.isArray(value) && value.includes(el.value);
    else if (el.type === "checkbox") el.checked = Boolean(value);
    else if (el.type === "radio") el.checked = el.value === value;
    else el.value = value ?? "";
  }
}
