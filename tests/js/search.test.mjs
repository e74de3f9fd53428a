// The browser's search against the cases the Python code passes too (search_cases.json).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fold, queryWords, distance, Index, closestNeeds } from "../../assets/paso/search.mjs";

const CASES = JSON.parse(readFileSync(new URL("../fixtures/search_cases.json", import.meta.url)));

for (const [text, expected] of CASES.fold) {
  test(`fold: ${text}`, () => assert.equal(fold(text), expected));
}

for (const c of CASES.query) {
  test(`query words: ${c.name}`, () => {
    const known = new Set(c.known);
    const words = queryWords(c.query, new Set(c.stop), (key) => known.has(key));
    const sorted = (list) => [...list].sort();
    assert.deepEqual(
      words.map((w) => ({ ...w, stems: sorted(w.stems) })),
      c.words.map((w) => ({ ...w, stems: sorted(w.stems) })),
    );
  });
}

for (const [a, b, bound, expected] of CASES.distance) {
  test(`distance: ${a} ${b}`, () => assert.equal(distance(a, b, bound), expected));
}

for (const c of CASES.rank) {
  test(`rank: ${c.name}`, () => {
    const index = new Index(c.docs, c.needs, c.stop, c.local);
    const found = index.search(c.query, (doc) => c.open.includes(doc));
    assert.deepEqual([found.order, found.partial], [c.order, c.partial]);
  });
}

test("nothing found: the needs whose words come closest", () => {
  const needs = { food: "comida comer hambre", shelter: "albergue dormir", health: "doctor medico ~medic" };
  assert.deepEqual(closestNeeds("dormr", needs, []).slice(0, 1), ["shelter"]);
  assert.deepEqual(closestNeeds("hambrientos", needs, []).slice(0, 1), ["food"]);
  assert.equal(closestNeeds("☃", needs, []).length, 3); // never empty: something to tap
});
