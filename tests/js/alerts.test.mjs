// Alerts in the browser: current at a moment (time travel by passing `now`), urgent or
// information, per service, the news list, "new since your last visit" and the dates.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  alertsView, concerning, current, entry, freshCount, isCurrent, newsList, nextChange, readMark, when,
} from "../../assets/paso/alerts.mjs";

const at = (iso) => Date.parse(iso);
const NOW = at("2026-12-03T18:00:00Z");

function alert(id, fields = {}) {
  return {
    id, urgency: "info", kind: "message", title: `T ${id}`, text: `X ${id}`, lang: "es",
    starts: "2026-12-03T16:00:00Z", ends: "2026-12-04T14:00:00Z", services: [], posted: "2026-12-03T15:58:00Z",
    ...fields,
  };
}

const FULL = alert("full", { urgency: "urgent", kind: "full_tonight", services: ["albergue"], posted: "2026-12-03T17:00:00Z" });
const ROAD = alert("road", { urgency: "urgent", posted: "2026-12-03T16:30:00Z" });
const VACC = alert("vacc", { services: ["salud"], posted: "2026-12-03T12:00:00Z", starts: "2026-12-03T12:00:00Z" });
const LATER = alert("later", { starts: "2026-12-05T12:00:00Z", ends: "2026-12-06T12:00:00Z", posted: "2026-12-03T17:30:00Z" });
const ENDED = alert("ended", { starts: "2026-11-20T12:00:00Z", ends: "2026-11-21T12:00:00Z", posted: "2026-11-20T11:00:00Z" });
const OLD = alert("old", { starts: "2026-10-01T12:00:00Z", ends: "2026-11-02T12:00:00Z", posted: "2026-10-01T11:00:00Z" });
const ALL = [LATER, FULL, ROAD, VACC, ENDED, OLD];

// Mexico City is UTC-6 all year: one row of the offsets table (rxapp/services/clock.py).
const OFFSETS = [[0, -360], [at("2030-01-01T00:00:00Z") / 60000, 0]];
const WORDS = {
  day: "{d} de {MMMM}", time: "{H}:{mm}", periods: ["a. m.", "p. m."],
  months: ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
  range: "Del {start} al {end}", note: "Se muestra en {languages}.", languages: { es: "español", ar: "árabe" },
  more: { forms: ["+{count} más", "+{count} más"], rule: "(n != 1)" },
  fresh: { forms: ["{count} nueva", "{count} nuevas"], rule: "(n != 1)" },
  badges: { full_tonight: "Lleno esta noche", closed_today: "Cerrado hoy", notice: "Aviso" },
};
const OPTIONS = {
  locale: "es", words: WORDS, directions: { es: "ltr", ar: "rtl" }, timeZone: "America/Mexico_City",
  offsets: OFFSETS, news: "/es/news", lastRead: null,
};

test("current: started and not ended; the end itself is over", () => {
  assert.equal(isCurrent(FULL, at("2026-12-03T15:59:59Z")), false);
  assert.equal(isCurrent(FULL, at("2026-12-03T16:00:00Z")), true);
  assert.equal(isCurrent(FULL, at("2026-12-04T13:59:59Z")), true);
  assert.equal(isCurrent(FULL, at("2026-12-04T14:00:00Z")), false); // ended while the phone was offline
});

test("the current ones, newest posted first; scheduled and ended ones left out", () => {
  assert.deepEqual(current(ALL, NOW).map((a) => a.id), ["full", "road", "vacc"]);
  assert.deepEqual(current(ALL, at("2026-12-05T13:00:00Z")).map((a) => a.id), ["later"]);
  assert.deepEqual(current(undefined, NOW), []);
});

test("a service's alerts: those naming it, not those for the whole centre", () => {
  assert.deepEqual(concerning(ALL, "albergue", NOW).map((a) => a.id), ["full"]);
  assert.deepEqual(concerning(ALL, "comedor", NOW), []);
});

test("news: current first, then ended in the last 30 days, latest end first", () => {
  const ended2 = alert("ended2", { starts: "2026-11-25T12:00:00Z", ends: "2026-11-26T12:00:00Z" });
  const news = newsList([...ALL, ended2], NOW);
  assert.deepEqual(news.current.map((a) => a.id), ["full", "road", "vacc"]);
  assert.deepEqual(news.ended.map((a) => a.id), ["ended2", "ended"]); // "old" ended 31 days ago
  // Thirty days after it ended, an alert leaves the news page too.
  assert.deepEqual(newsList([ENDED], at("2026-12-21T11:59:00Z")).ended.length, 1);
  assert.deepEqual(newsList([ENDED], at("2026-12-21T12:00:00Z")).ended.length, 0);
});

test("new since the last visit: current alerts posted after the mark; never read: all current", () => {
  assert.equal(freshCount(ALL, null, NOW), 3);
  assert.equal(freshCount(ALL, at("2026-12-03T16:00:00Z"), NOW), 2);
  assert.equal(freshCount(ALL, at("2026-12-03T17:00:00Z"), NOW), 0);
  // Scheduled (so not listed) when the news page was read: new once it starts.
  assert.equal(freshCount(ALL, readMark(ALL, NOW), at("2026-12-05T13:00:00Z")), 1);
});

test("the read mark is the newest posted the news page lists (the server's clock)", () => {
  assert.equal(readMark(ALL, NOW), at("2026-12-03T17:00:00Z")); // "later" is not listed yet
  assert.equal(readMark([], NOW), null);
  const posted = alert("new", { posted: "2026-12-03T17:45:00Z" });
  assert.equal(freshCount([...ALL, posted], readMark(ALL, NOW), NOW), 1);
});

test("the next change is the next start or end", () => {
  assert.equal(nextChange(ALL, NOW), at("2026-12-04T14:00:00Z"));
  assert.equal(nextChange(ALL, at("2026-12-06T12:00:00Z")), null);
  assert.equal(nextChange([], NOW), null);
});

test("dates on the centre's wall clock, as the locale writes them, without Intl", () => {
  assert.equal(when("2026-12-03T16:00:00Z", WORDS, "America/Mexico_City", OFFSETS), "3 de diciembre 10:00");
  assert.equal(when("2026-12-04T05:30:00Z", WORDS, "America/Mexico_City", OFFSETS), "3 de diciembre 23:30");
  const english = { ...WORDS, day: "{MMMM} {d}", time: "{h}:{mm} {a}", periods: ["AM", "PM"],
    months: WORDS.months.map((m) => m.toUpperCase()) };
  assert.equal(when("2026-12-03T22:05:00Z", english, "America/Mexico_City", OFFSETS), "DICIEMBRE 3 4:05 PM");
  assert.equal(when("2026-12-03T06:05:00Z", english, "America/Mexico_City", OFFSETS), "DICIEMBRE 3 12:05 AM");
});

test("an alert in another language is marked with its language, direction and the notice", () => {
  const own = entry(FULL, OPTIONS);
  assert.equal(own.note, "");
  assert.equal(own.lang, "es");
  assert.equal(own.href, "/es/news#alert-full");
  assert.equal(own.when, "Del 3 de diciembre 10:00 al 4 de diciembre 8:00");
  const arabic = entry({ ...FULL, lang: "ar" }, OPTIONS);
  assert.equal(arabic.lang, "ar");
  assert.equal(arabic.dir, "rtl");
  assert.equal(arabic.note, "Se muestra en árabe.");
});

test("the view: the newest urgent on top with how many more, information, badges, a service's texts", () => {
  const view = alertsView(ALL, NOW, OPTIONS);
  assert.equal(view.any, true);
  assert.equal(view.top.id, "full");
  assert.equal(view.more, "+1 más");
  assert.deepEqual(view.info.map((e) => e.id), ["vacc"]);
  assert.equal(view.fresh, "3 nuevas");
  assert.deepEqual(view.badges, {
    albergue: { label: "Lleno esta noche", urgent: true }, salud: { label: "Aviso", urgent: false },
  });
  assert.deepEqual(view.services.albergue.map((e) => e.id), ["full"]);
  assert.deepEqual(view.ended.map((e) => e.id), ["ended"]);
  const one = alertsView([FULL], NOW, { ...OPTIONS, lastRead: at("2026-12-03T17:00:00Z") });
  assert.equal(one.more, "");
  assert.equal(one.fresh, "");
});

test("once every alert has ended, nothing shows but the news page's list", () => {
  const view = alertsView(ALL, at("2026-12-07T00:00:00Z"), OPTIONS);
  assert.equal(view.any, false);
  assert.equal(view.top, null);
  assert.deepEqual(view.info, []);
  assert.deepEqual(view.badges, {});
  assert.deepEqual(view.ended.map((e) => e.id), ["later", "full", "road", "vacc", "ended"]);
});
