// The registration draft and outbox: nothing lost, nothing sent twice, nothing left behind.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Drafts, KEYS, contactOf, memoryStorage, newId, readForm, writeForm } from "../../assets/paso/drafts.mjs";

const fields = { name: "Ana", needs: ["food"], consent: true };

test("ids are 22 characters of [0-9a-z] and differ", () => {
  const a = newId();
  assert.match(a, /^[0-9a-z]{22}$/);
  assert.notEqual(a, newId());
});

test("a draft keeps its id while it is typed", () => {
  const drafts = new Drafts(memoryStorage());
  const first = drafts.save({ name: "A" });
  assert.equal(drafts.save({ name: "An" }).id, first.id);
  assert.deepEqual(drafts.draft().fields, { name: "An" });
});

test("a stored draft survives a new page (same storage)", () => {
  const storage = memoryStorage();
  new Drafts(storage).save(fields);
  assert.deepEqual(new Drafts(storage).draft().fields, fields);
});

test("queued submissions carry the draft's id, the device and the locale", () => {
  const storage = memoryStorage();
  const drafts = new Drafts(storage);
  const payload = drafts.queue(fields, "es");
  assert.equal(payload.draft_id, drafts.draft().id);
  assert.equal(payload.device_id, drafts.device());
  assert.equal(payload.locale, "es");
  assert.deepEqual(new Drafts(storage).outbox(), payload); // still there after a reload
});

test("an answer for the outbox wipes the person's data and keeps only the code", () => {
  const storage = memoryStorage();
  const drafts = new Drafts(storage);
  const payload = drafts.queue(fields, "es");
  const shown = drafts.answer({ ok: true, draft_id: payload.draft_id, code: "MTZ-7K4Q" });
  assert.deepEqual(shown, { phase: "done", code: "MTZ-7K4Q", name: "Ana", contact: "desk", errors: {} });
  assert.equal(storage.getItem(KEYS.draft), null);
  assert.equal(storage.getItem(KEYS.outbox), null);
  assert.equal(drafts.code(), "MTZ-7K4Q");
});

test("a repeated or stale answer changes nothing", () => {
  const drafts = new Drafts(memoryStorage());
  const payload = drafts.queue(fields, "es");
  assert.equal(drafts.answer({ ok: true, draft_id: "someone-else", code: "MTZ-AAAA" }), null);
  assert.deepEqual(drafts.outbox(), payload);
  drafts.answer({ ok: true, draft_id: payload.draft_id, code: "MTZ-7K4Q" });
  drafts.save({ name: "Next person" });
  assert.equal(drafts.answer({ ok: true, draft_id: payload.draft_id, code: "MTZ-7K4Q" }), null);
  assert.deepEqual(drafts.draft().fields, { name: "Next person" });
});

test("refused answers leave the draft to correct, out of the outbox", () => {
  const drafts = new Drafts(memoryStorage());
  const payload = drafts.queue(fields, "es");
  const shown = drafts.answer({ ok: false, draft_id: payload.draft_id, errors: { name: "Write a name" } });
  assert.equal(shown.phase, "draft");
  assert.deepEqual(shown.errors, { name: "Write a name" });
  assert.equal(drafts.outbox(), null);
  assert.deepEqual(drafts.draft().fields, fields);
});

test("start over wipes draft and outbox; the next draft has a new id", () => {
  const drafts = new Drafts(memoryStorage());
  const { draft_id } = drafts.queue(fields, "es");
  drafts.clear();
  assert.equal(drafts.draft(), null);
  assert.equal(drafts.outbox(), null);
  assert.notEqual(drafts.save(fields).id, draft_id);
});

test("assisted registration (no storage) keeps no device id and no code", () => {
  const drafts = new Drafts(null);
  const payload = drafts.queue(fields, "es");
  assert.equal(payload.device_id, "");
  drafts.answer({ ok: true, draft_id: payload.draft_id, code: "MTZ-7K4Q" });
  assert.equal(drafts.code(), "");
});

test("damaged or refusing storage does not break the form", () => {
  const broken = { getItem: () => "{not json", setItem: () => { throw new Error("quota"); }, removeItem: () => {} };
  const drafts = new Drafts(broken);
  assert.equal(drafts.draft(), null);
  assert.equal(drafts.save(fields).fields, fields);
});

function fakeForm() {
  const el = (name, type, value = "", extra = {}) => ({ name, type, value, checked: false, dataset: {}, ...extra });
  return {
    elements: [
      el("name", "text"),
      el("needs", "checkbox", "food", { dataset: { group: "" } }),
      el("needs", "checkbox", "health", { dataset: { group: "" } }),
      el("preferred_contact", "radio", "call"),
      el("preferred_contact", "radio", "sms"),
      el("consent", "checkbox", "on"),
      el("", "submit"),
    ],
  };
}

test("form answers round-trip through the draft", () => {
  const form = fakeForm();
  const answers = { name: "Ana", needs: ["health"], preferred_contact: "sms", consent: true };
  writeForm(form, answers);
  assert.deepEqual(readForm(form), answers);
  writeForm(form, { name: "", needs: [], preferred_contact: "", consent: false });
  assert.deepEqual(readForm(form), { name: "", needs: [], preferred_contact: "", consent: false });
});

test("a server in trouble keeps the submission waiting in the outbox", () => {
  const drafts = new Drafts(memoryStorage());
  const payload = drafts.queue(fields, "es");
  assert.equal(drafts.answer({ ok: false, retry: true, draft_id: payload.draft_id }).phase, "waiting");
  assert.deepEqual(drafts.outbox(), payload);
});

test("the confirmation says how the centre may reach the person, from what they sent (issue 14)", () => {
  // Bug: the confirmation said only "show this code", whatever the person had given.
  assert.equal(contactOf({ phone: "", preferred_contact: "call" }), "desk"); // no number: the desk
  assert.equal(contactOf({ phone: "9999 8888", preferred_contact: "desk" }), "desk");
  assert.equal(contactOf({ phone: "9999 8888", preferred_contact: "whatsapp" }), "whatsapp");
  assert.equal(contactOf({ phone: "9999 8888", preferred_contact: "sms" }), "sms");
  assert.equal(contactOf({ phone: "9999 8888", preferred_contact: "", has_whatsapp: true }), "phone");
  assert.equal(contactOf({ phone: "9999 8888", preferred_contact: "", has_whatsapp: false }), "call");
  const drafts = new Drafts(memoryStorage());
  const payload = drafts.queue({ ...fields, phone: "9999 8888", preferred_contact: "whatsapp" }, "es");
  assert.equal(drafts.answer({ ok: true, draft_id: payload.draft_id, code: "MTZ-7K4Q" }).contact, "whatsapp");
});
