// Uploading a content file from the translator's desk: what goes out, and the message each
// answer leads to (the words are the page's, in its language).
import { test } from "node:test";
import assert from "node:assert/strict";
import { messageOf, sendPo } from "../../assets/paso/content.mjs";

const FILE = { size: 10, name: "fr.po" };
const WORDS = {
  done: "Updated: {updated} · Unchanged: {unchanged} · Not yet: {skipped}",
  stale: "Changed: {stale}.",
  wrong_language: "For {language}, not Français.",
  mismatch: "Lines {lines}.",
  too_long: "Too long: {lines}.",
  not_po: "Not a .po file.",
  too_large: "Too large.",
  no_file: "Choose a file.",
  failed: "Could not send.",
};

function fakeFetch(status, answer, calls = []) {
  return async (url, init) => {
    calls.push({ url, init });
    if (status === null) throw new TypeError("Failed to fetch");
    return { status, ok: status >= 200 && status < 300, json: async () => (answer === undefined ? JSON.parse("<html>") : answer) };
  };
}

test("the file's bytes go out as a .po, with the session cookie", async () => {
  const calls = [];
  await sendPo("/api/desk/content/fr.po", FILE, 100, fakeFetch(200, { ok: true }, calls));
  assert.equal(calls[0].url, "/api/desk/content/fr.po");
  assert.equal(calls[0].init.method, "POST");
  assert.equal(calls[0].init.body, FILE);
  assert.equal(calls[0].init.headers["Content-Type"], "text/x-gettext-translation");
  assert.equal(calls[0].init.credentials, "same-origin");
});

test("no file or a file over the limit is not sent", async () => {
  const calls = [];
  assert.deepEqual(await sendPo("/u", undefined, 100, fakeFetch(200, {}, calls)), { phase: "error", error: "no_file" });
  assert.deepEqual(await sendPo("/u", { size: 101 }, 100, fakeFetch(200, {}, calls)), { phase: "error", error: "too_large" });
  assert.equal(calls.length, 0);
});

test("the counts of an import are shown, the stale ones after", async () => {
  const result = await sendPo("/u", FILE, 100, fakeFetch(200, { ok: true, updated: 3, unchanged: 40, skipped: 2, stale: 1 }));
  assert.deepEqual(result, { phase: "done", updated: 3, unchanged: 40, skipped: 2, stale: 1 });
  assert.equal(messageOf(result, WORDS), "Updated: 3 · Unchanged: 40 · Not yet: 2 Changed: 1.");
  assert.equal(messageOf({ ...result, stale: 0 }, WORDS), "Updated: 3 · Unchanged: 40 · Not yet: 2");
});

test("a refusal names the file's language or the lines at fault", async () => {
  const wrong = await sendPo("/u", FILE, 100, fakeFetch(422, { ok: false, error: "wrong_language", language: "pt" }));
  assert.equal(messageOf(wrong, WORDS), "For pt, not Français.");
  const mismatch = await sendPo("/u", FILE, 100, fakeFetch(422, { ok: false, error: "mismatch", lines: [12, 40] }));
  assert.equal(messageOf(mismatch, WORDS), "Lines 12, 40.");
  // Issue 16: a translation longer than its field is refused, by line.
  const long = await sendPo("/u", FILE, 100, fakeFetch(422, { ok: false, error: "too_long", lines: [7] }));
  assert.equal(messageOf(long, WORDS), "Too long: 7.");
});

test("no connection, an unknown code or a proxy's page is a plain failure", async () => {
  for (const fetcher of [fakeFetch(null), fakeFetch(500, { ok: false, error: "boom" }), fakeFetch(502)]) {
    const result = await sendPo("/u", FILE, 100, fetcher);
    assert.equal(result.error, "failed");
    assert.equal(messageOf(result, WORDS), "Could not send.");
  }
});
