// The waiting-room display's pure logic (assets/paso/display.mjs).
import test from "node:test";
import assert from "node:assert/strict";
import { TURN_MS, displayView, keyFromHash, languageAt } from "../../assets/paso/display.mjs";

const ES = { lang: "es", dir: "ltr", heading: "Llamando", desk: "Ventanilla {desk}", empty: "Esperando" };

test("the newest call is first; only codes and desk numbers ever show", () => {
  const calls = [
    { code: "MTZ-7K4Q", desk: 2, called_at: "2026-12-03T16:00:05+00:00" },
    { code: "MTZ-2B3C", desk: 1, called_at: "2026-12-03T15:58:00+00:00" },
    { code: "Ana López", desk: 3, called_at: "2026-12-03T15:57:00+00:00" },
    { code: "MTZ-9Z9Z", desk: "3; drop", called_at: "2026-12-03T15:56:00+00:00" },
  ];
  const view = displayView(calls, ES);
  assert.deepEqual(view.first, { code: "MTZ-7K4Q", desk: "Ventanilla 2", at: "2026-12-03T16:00:05+00:00" });
  assert.deepEqual(view.rest.map((r) => r.code), ["MTZ-2B3C"]);
  assert.ok(!JSON.stringify(view).includes("Ana"));
  assert.equal(view.fresh, true);
  assert.equal(displayView(calls, ES, { newest: Date.parse("2026-12-03T16:00:05+00:00") }).fresh, false);
  assert.equal(displayView([], ES).first, null);
});

test("languages take turns", () => {
  assert.equal(languageAt(["es", "en", "ar"], 0), "es");
  assert.equal(languageAt(["es", "en", "ar"], TURN_MS), "en");
  assert.equal(languageAt(["es", "en", "ar"], 3 * TURN_MS + 1), "es");
  assert.equal(languageAt([], 5), null);
});

test("the key comes from the fragment only, when well formed", () => {
  const key = "b".repeat(43);
  assert.equal(keyFromHash(`#k=${key}`), key);
  assert.equal(keyFromHash("#k=short"), null);
  assert.equal(keyFromHash(`#t=${key}`), null);
});
