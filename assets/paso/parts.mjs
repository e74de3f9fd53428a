// Fetching a list's card parts: several at once, a few at a time, handed over in index order.
// Pure logic (no DOM), tested in tests/js/parts.test.mjs; directory.js gives it fetch and the
// browser's timers.
//
// One after another, each part cost a round trip (562.5 ms on Slow 4G: 39 parts at 10,000
// services waited ~22 s on latency alone). A few in flight hide the round trips; not all of
// them, because HTTP/1.1 gives a page six connections and a detail or the words part asked
// meanwhile must not queue behind 39 card parts.

/** How many parts are in flight at once: under HTTP/1.1's six connections per host, so one
 * stays free for the page's other requests (a service's detail, the search words). */
export const IN_FLIGHT = 4;

/**
 * Fetch `count` parts (`fetchPart(i)` returns a promise of part i) with at most `limit` in
 * flight, asked in index order. `ready(parts, done)` receives the parts that arrived in an
 * unbroken run from the first (an array, index order): at once for the first part, then at
 * most once per `schedule(flush)` however many arrive meanwhile, and once more, at once, with
 * `done` true when the last is in. `stopped()` true (a newer load, another locale) stops it
 * asking and handing over. Resolves to every part; on the first failure it asks no more, waits
 * for the parts in flight, hands over the run it has and rejects with that error.
 */
export function loadParts(count, fetchPart, { limit = IN_FLIGHT, ready, schedule, stopped = () => false }) {
  return new Promise((resolve, reject) => {
    const parts = new Array(count);
    const have = new Array(count).fill(false);
    let next = 0; // the next part to ask for
    let flying = 0; // asked, not yet arrived
    let run = 0; // parts[0..run) have arrived
    let given = 0; // parts handed over so far
    let pending = false; // a flush is scheduled
    let over = false;

    const flush = () => {
      pending = false;
      if (over || stopped() || run === given) return;
      given = run;
      ready(parts.slice(0, run), run === count);
    };
    // A part failed: ask no more, let the parts in flight land (the cards before the failed
    // one are worth showing), then hand over the run and reject with the first error.
    let failure = null;
    const settle = () => {
      if (over || failure === null || flying > 0) return;
      flush();
      over = true;
      reject(failure);
    };
    const fail = (error) => {
      flying -= 1;
      if (failure === null) failure = error;
      settle();
    };
    const arrived = (i, part) => {
      if (over) return;
      if (stopped()) {
        over = true; // nobody waits for it any more: settle quietly
        resolve(null);
        return;
      }
      flying -= 1;
      parts[i] = part;
      have[i] = true;
      while (run < count && have[run]) run += 1;
      if (failure !== null) {
        settle();
        return;
      }
      if (run === count) {
        flush();
        over = true;
        resolve(parts);
        return;
      }
      if (given === 0 && run > 0) flush(); // the first cards replace the prerendered ones at once
      else if (run > given && !pending) {
        pending = true;
        schedule(flush);
      }
      ask();
    };
    const ask = () => {
      if (!over && stopped()) {
        over = true;
        resolve(null);
        return;
      }
      while (!over && failure === null && next < count && flying < limit) {
        const i = next++;
        flying += 1;
        Promise.resolve()
          .then(() => fetchPart(i))
          .then((part) => arrived(i, part), fail);
      }
    };
    if (count === 0) {
      ready([], true);
      resolve(parts);
      return;
    }
    ask();
  });
}
