// The desk's referral list filter: which options stay shown for what the volunteer types.
import { test } from "node:test";
import assert from "node:assert/strict";
import { matchingOptions } from "../../assets/paso/desk.mjs";

// Keys as the server folds them (rxapp.services.text.normalize of name and organisation).
const KEYS = ["comedor san francisco casa del migrante", "asesoria legal sin fronteras", "atencion medica cruz roja"];

test("an empty filter shows every service", () => {
  assert.deepEqual(matchingOptions(KEYS, ""), [true, true, true]);
  assert.deepEqual(matchingOptions(KEYS, "   "), [true, true, true]);
});

test("typed words match whatever their case and accents, each somewhere in the name or organisation", () => {
  assert.deepEqual(matchingOptions(KEYS, "Asesoría"), [false, true, false]);
  assert.deepEqual(matchingOptions(KEYS, "CRUZ méd"), [false, false, true]);
  assert.deepEqual(matchingOptions(KEYS, "casa comedor"), [true, false, false]);
});

test("a word found nowhere hides everything", () => {
  assert.deepEqual(matchingOptions(KEYS, "legal zzz"), [false, false, false]);
});
