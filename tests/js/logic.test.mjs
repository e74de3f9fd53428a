// The browser's reading logic, against the cases the Python code also passes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  openState, fromIso, toIso, listView, centreNow, bucket, plural, pluralRule, grouped, metres, distanceText, nearestFirst,
  openUntil, longDate, detailView, statusLine,
} from "../../assets/paso/logic.mjs";

const { cases } = JSON.parse(readFileSync(new URL("../fixtures/hours_cases.json", import.meta.url)));

for (const c of cases) {
  test(`open state: ${c.name}`, () => {
    const s = openState(c.slots, c.exceptions, fromIso(c.now), c.active ?? true);
    assert.deepEqual(
      [s.open, s.closes === null ? null : toIso(s.closes), s.next === null ? null : toIso(s.next)],
      [c.open, c.closes, c.next],
    );
  });
}

test("list view filters by need and flags, in the ranked order when given", () => {
  const labels = { temporarily_closed: "TC", open_24h: "24", open_until: "until {time}", closed: "C",
    no_hours: "NH", opens_today: "today {time}", opens_tomorrow: "tomorrow {time}", opens_on: "{day} {time}",
    weekdays: ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"] };
  const svc = (slug, needs, extra = {}) => ({ slug, name: slug, organization: "o", needs, k: [slug, "", ""],
    is_free: true, no_documents_needed: true, status: "active", is_sample: true, other: false,
    slots: [[0, "08:00", "14:00"]], exceptions: [], ...extra });
  const data = { services: [svc("alpha", ["food"]), svc("beta", ["health"], { is_free: false }),
    svc("gamma", ["food"], { status: "temporarily_closed" })] };
  const now = fromIso("2026-11-30T09:00");
  const names = (opts) => listView(data, { now, labels, base: "/es/service", ...opts }).cards.map((c) => c.slug);
  assert.deepEqual(names({ need: "food" }), ["alpha", "gamma"]);
  assert.deepEqual(names({ ranked: { order: [2, 0] } }), ["gamma", "alpha"]);
  assert.deepEqual(names({ flags: { free: true } }), ["alpha", "gamma"]);
  assert.deepEqual(names({ flags: { open: true } }), ["alpha", "beta"]);
  assert.equal(listView(data, { now, labels, base: "/b" }).cards[2].status, "TC");
  assert.equal(listView(data, { now: fromIso("2026-11-30T15:00"), labels, base: "/b" }).cards[0].status, "Mo 08:00");
  const times = { "08:00": "8 a. m." };
  assert.equal(listView({ ...data, times }, { now: fromIso("2026-11-30T15:00"), labels, base: "/b" }).cards[0].status, "Mo 8 a. m.");
  assert.deepEqual(listView(null, { now, labels, base: "/b" }), { cards: [], count: 0 });
});

test("a list builds only the first cards but counts every match", () => {
  const many = { services: Array.from({ length: 500 }, (_, i) => ({ slug: `s${i}`, name: `s${i}`, needs: ["food"],
    k: ["s", "", ""], status: "active", slots: [], exceptions: [] })) };
  const view = listView(many, { now: 0, labels: { no_hours: "NH" }, base: "/b", limit: 30 });
  assert.equal(view.cards.length, 30);
  assert.equal(view.count, 500);
});

test("detail buckets agree with the Python snapshot", () => {
  const { cases: buckets } = JSON.parse(readFileSync(new URL("../fixtures/buckets.json", import.meta.url)));
  for (const [slug, n, expected] of buckets) assert.equal(bucket(slug, n), expected, `${slug} ${n}`);
});

test("plural forms follow the catalog's rule", () => {
  const ar = { forms: ["0", "1", "2", "few", "many", "other"],
    rule: "(n == 0 ? 0 : n == 1 ? 1 : n == 2 ? 2 : n % 100 >= 3 && n % 100 <= 10 ? 3 : n % 100 >= 11 && n % 100 <= 99 ? 4 : 5)" };
  assert.deepEqual([0, 1, 2, 5, 11, 100].map((n) => plural(ar, n)), ["0", "1", "2", "few", "many", "other"]);
  assert.equal(plural({ forms: ["service", "services"], rule: "(n != 1)" }, 1), "service");
  assert.equal(plural({ forms: ["service", "services"], rule: "(n != 1)" }, 3), "services");
});

test("plural rules are parsed, never evaluated as code (issue 16, item 7: the CSP allows no eval)", () => {
  // Polish and Russian use every operator gettext rules have; results as GNU gettext computes them.
  const pl = pluralRule("(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2)");
  assert.deepEqual([1, 2, 5, 12, 22, 25, 112].map(pl), [0, 1, 2, 2, 1, 2, 2]);
  const ru = pluralRule("n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2");
  assert.deepEqual([1, 11, 21, 3, 13, 100].map(ru), [0, 2, 0, 1, 2, 2]);
  assert.deepEqual([0, 1, 2].map(pluralRule("0")), [0, 0, 0]);
  assert.deepEqual([0, 1, 7].map(pluralRule("!(n > 1)")), [1, 1, 0]);
  assert.deepEqual([3, 7].map(pluralRule("n / 2 - 1 + n * 0")), [0, 2]);
  for (const bad of ["alert(1)", "n ==", "(n", "n ? 1", "window.x", "1; n"]) {
    assert.throws(() => pluralRule(bad), SyntaxError, bad);
  }
});

test("centre time comes from the time zone, not the browser's", () => {
  const stamp = centreNow("America/Mexico_City", new Date("2026-11-30T15:00:00Z"));
  assert.equal(toIso(stamp), "2026-11-30T09:00");
});

test("centre time from the server's offset table agrees with Intl, and Intl takes over outside it", () => {
  // America/New_York around its 2027 spring change (rxapp/services/clock.py builds such tables).
  const table = [[29934720, -300], [30083460, -240], [31518720, 0]];
  for (const iso of ["2026-12-01T00:00:00Z", "2027-03-14T06:59:00Z", "2027-03-14T07:00:00Z", "2027-07-01T12:34:00Z"]) {
    const date = new Date(iso);
    assert.equal(centreNow("America/New_York", date, table), centreNow("America/New_York", date));
  }
  assert.equal(toIso(centreNow("America/New_York", new Date("2027-03-14T07:00:00Z"), table)), "2027-03-14T03:00");
  const after = new Date("2031-01-01T12:00:00Z"); // past the table's end
  assert.equal(centreNow("America/New_York", after, [[29934720, 999], [31518720, 0]]), centreNow("America/New_York", after));
});

test("counts are grouped with the locale's separator, as Babel writes them on the server", () => {
  assert.equal(grouped(7, "."), "7");
  assert.equal(grouped(1000, "."), "1.000");
  assert.equal(grouped(1234567, "\u202f"), "1\u202f234\u202f567");
  assert.equal(grouped(999), "999");
});

test("nearest first: straight-line distance, an estimated walk, services without a place last", () => {
  const here = [15.3671, -92.2479];
  assert.equal(Math.round(metres(here, [15.3671, -92.2479])), 0);
  assert.ok(Math.abs(metres([0, 0], [0, 1]) - 111195) < 5); // one degree at the equator
  const labels = { metres: "{n} m", km: "{n} km", minutes: "{n} min", hours: "{h} h {n} min" };
  assert.equal(distanceText(800, labels), "800 m · 10 min");
  assert.equal(distanceText(2440, labels, ","), "2,4 km · 31 min");
  assert.equal(distanceText(12000, labels), "12 km · 2 h 30 min");
  assert.equal(distanceText(3, labels), "10 m · 1 min");
  const services = [{ geo: null }, { geo: [15.40, -92.2479] }, { geo: [15.37, -92.2479] }, { geo: null }];
  assert.deepEqual(nearestFirst(services, [0, 1, 2, 3], here), [2, 1, 0, 3]);
  const labelsAll = { ...labels, temporarily_closed: "TC", closed: "C", no_hours: "NH", weekdays: [] };
  const view = listView({ services: services.map((s, i) => ({ ...s, slug: `s${i}`, needs: [], status: "active", slots: [], exceptions: [] })) },
    { now: 0, labels: labelsAll, base: "/b", here });
  assert.deepEqual(view.cards.map((c) => [c.slug, c.away]), [["s2", "320 m · 4 min"], ["s1", "3.7 km · 46 min"], ["s0", ""], ["s3", ""]]);
});

test("open-now for ranking says until when it holds: the next closing or opening", () => {
  const service = { status: "active", slots: [[0, "08:00", "14:00"]], exceptions: [] };
  assert.deepEqual(openUntil(service, fromIso("2026-11-30T09:00")), [true, fromIso("2026-11-30T14:00")]);
  assert.deepEqual(openUntil(service, fromIso("2026-11-30T15:00")), [false, fromIso("2026-12-01T15:00")]); // a day ahead at most
  assert.deepEqual(openUntil(service, fromIso("2026-12-06T20:00")), [false, fromIso("2026-12-07T08:00")]);
  assert.deepEqual(openUntil({ ...service, status: "temporarily_closed" }, fromIso("2026-11-30T09:00")), [false, fromIso("2026-12-01T09:00")]);
});

test("Kreyòl dates take Kreyòl month names (Intl wrote the offline banner's date in French)", () => {
  const months = ["janvye", "fevriye", "mas", "avril", "me", "jen", "jiyè", "out", "septanm", "oktòb", "novanm", "desanm"];
  assert.equal(longDate(new Date(2026, 11, 2, 12), "ht", months), "2 desanm 2026");
  assert.match(longDate(new Date(2026, 11, 2, 12), "es"), /diciembre/);
});

test("the hours table marks today's row by the centre's clock (issue 14: today was not marked)", () => {
  const week = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"].map((day) => ({ day, hours: "" }));
  const service = { slug: "s", name: "s", slots: [], exceptions: [], week, status: "active", times: {} };
  const data = { details: { s: service } };
  const labels = { no_hours: "NH", weekdays: [] };
  const today = (iso) => detailView(data, "s", { now: fromIso(iso), labels, href: "" }).week
    .filter((row) => row.today).map((row) => row.day);
  assert.deepEqual(today("2026-11-30T09:00"), ["Mo"]); // a Monday
  assert.deepEqual(today("2026-12-06T23:59"), ["Su"]);
  assert.deepEqual(today("2026-12-07T00:00"), ["Mo"]); // midnight at the centre, not on the phone's clock
});

test("each place's hours table marks today's row too (per-place hours, docs/hsds.md)", () => {
  const week = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"].map((day) => ({ day, hours: "" }));
  const places = [{ name: "A", week }, { name: "B" }]; // a place with none of its own: left out
  const service = { slug: "s", name: "s", slots: [], exceptions: [], week: [], locations: places, status: "active", times: {} };
  const shown = detailView({ details: { s: service } }, "s", { now: fromIso("2026-12-02T09:00"), labels: { no_hours: "NH", weekdays: [] }, href: "" });
  assert.deepEqual(shown.locations[0].week.filter((row) => row.today).map((row) => row.day), ["We"]);
  assert.deepEqual(shown.locations[1].week, []);
  assert.deepEqual([shown.locations[1].phones, shown.locations[1].reception, shown.locations[1].hours_of], [[], [], ""]);
  assert.deepEqual(shown.week, []);
});

test("a service open at any of its places is open now: its card carries the places' hours together", () => {
  // views_places.plan: without hours of its own, a service at two places gets their union.
  const service = { status: "active", slots: [[0, "08:00", "12:00"], [0, "15:00", "18:00"]], exceptions: [] };
  const labels = { open_until: "until {time}", closed: "closed", no_hours: "NH", opens_today: "today {time}", weekdays: [] };
  assert.equal(statusLine(service, fromIso("2026-11-30T16:00"), labels).text, "until 18:00");
  assert.equal(statusLine(service, fromIso("2026-11-30T13:00"), labels).text, "today 15:00");
});
