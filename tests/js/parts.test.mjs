// A list's card parts: a few in flight, handed over in index order, once per batch.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadParts } from "../../assets/paso/parts.mjs";

/** Parts whose answers the test gives, in any order: `answer(i)` / `refuse(i, error)`. */
function server() {
  const asked = [];
  const waiting = new Map();
  return {
    asked,
    fetchPart(i) {
      asked.push(i);
      return new Promise((resolve, reject) => waiting.set(i, { resolve, reject }));
    },
    answer(i) {
      waiting.get(i).resolve({ cards: [`card ${i}`] });
    },
    refuse(i, error) {
      waiting.get(i).reject(error);
    },
  };
}

/** A scheduler the test runs by hand: `tick()` runs what was scheduled. */
function clock() {
  let queued = [];
  return {
    schedule: (f) => queued.push(f),
    get queued() {
      return queued.length;
    },
    tick() {
      const run = queued;
      queued = [];
      for (const f of run) f();
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
const names = (parts) => parts.map((p) => p.cards[0]);

test("asks for the parts in index order, never more than the limit at once", async () => {
  const s = server();
  const c = clock();
  loadParts(10, s.fetchPart, { limit: 4, ready: () => {}, schedule: c.schedule });
  await settle();
  assert.deepEqual(s.asked, [0, 1, 2, 3]);
  s.answer(2); // one arrives out of order: one more may go
  await settle();
  assert.deepEqual(s.asked, [0, 1, 2, 3, 4]);
  s.answer(0);
  s.answer(1);
  await settle();
  assert.deepEqual(s.asked, [0, 1, 2, 3, 4, 5, 6]);
});

test("the first part is handed over at once, later ones in order, once per batch", async () => {
  const s = server();
  const c = clock();
  const handed = [];
  const all = loadParts(5, s.fetchPart, { limit: 3, ready: (parts, done) => handed.push([names(parts), done]), schedule: c.schedule });
  await settle();
  s.answer(1); // not before part 0: nothing to hand over yet
  await settle();
  assert.deepEqual(handed, []);
  s.answer(0);
  await settle();
  assert.deepEqual(handed, [[["card 0", "card 1"], false]]); // at once, no waiting for a tick
  s.answer(2);
  s.answer(3);
  await settle();
  assert.equal(handed.length, 1); // batched: waits for the scheduler
  assert.equal(c.queued, 1); // one flush scheduled for both
  c.tick();
  assert.deepEqual(handed[1], [["card 0", "card 1", "card 2", "card 3"], false]);
  s.answer(4);
  await settle();
  assert.deepEqual(handed[2], [["card 0", "card 1", "card 2", "card 3", "card 4"], true]); // the last at once
  assert.deepEqual(names(await all), ["card 0", "card 1", "card 2", "card 3", "card 4"]);
  c.tick();
  assert.equal(handed.length, 3); // nothing twice
});

test("a failure asks no more, lets the parts in flight land, hands over the run and rejects", async () => {
  const s = server();
  const c = clock();
  const handed = [];
  let rejected = null;
  const all = loadParts(8, s.fetchPart, { limit: 3, ready: (parts, done) => handed.push([names(parts), done]), schedule: c.schedule });
  all.catch((e) => (rejected = e));
  await settle();
  s.answer(0);
  s.answer(1);
  await settle();
  assert.deepEqual(s.asked, [0, 1, 2, 3, 4]);
  const error = Object.assign(new Error("500"), { status: 500 });
  s.refuse(3, error); // before part 2 has come: its cards are still worth showing
  await settle();
  assert.equal(rejected, null);
  s.answer(2);
  await settle();
  assert.equal(rejected, null); // part 4 is still on its way
  s.answer(4);
  await assert.rejects(all, (e) => e === error);
  assert.deepEqual(handed.at(-1), [["card 0", "card 1", "card 2"], false]);
  c.tick();
  assert.deepEqual(s.asked, [0, 1, 2, 3, 4]);
  assert.deepEqual(handed.at(-1), [["card 0", "card 1", "card 2"], false]);
});

test("a part failing before the first has come: the first still lands", async () => {
  const s = server();
  const handed = [];
  const all = loadParts(4, s.fetchPart, { limit: 4, ready: (parts) => handed.push(names(parts)), schedule: () => {} });
  await settle();
  const error = new Error("500");
  s.refuse(2, error);
  s.answer(3);
  s.answer(0);
  s.answer(1);
  await assert.rejects(all, (e) => e === error);
  assert.deepEqual(handed.at(-1), ["card 0", "card 1"]);
});

test("a stopped load (another locale, a newer load) hands nothing over and asks no more", async () => {
  const s = server();
  const c = clock();
  const handed = [];
  let stopped = false;
  const all = loadParts(6, s.fetchPart, { limit: 2, ready: (parts) => handed.push(names(parts)), schedule: c.schedule, stopped: () => stopped });
  await settle();
  s.answer(0);
  await settle();
  s.answer(1);
  await settle();
  assert.deepEqual(handed, [["card 0"]]);
  stopped = true;
  c.tick(); // the batch scheduled before the switch
  s.answer(2);
  await settle();
  assert.equal(await all, null);
  assert.deepEqual(handed, [["card 0"]]);
  assert.deepEqual(s.asked, [0, 1, 2, 3]);
});

test("no parts: handed over at once as done", async () => {
  const handed = [];
  await loadParts(0, () => assert.fail("nothing to fetch"), { ready: (parts, done) => handed.push([parts, done]), schedule: () => assert.fail() });
  assert.deepEqual(handed, [[[], true]]);
});
