// Alerts in the browser: which are current at a moment, where each shows, the news list and
// "new since your last visit". Pure functions, `now` passed in (tests travel in time);
// assets/paso/alerts.js feeds them the index's `alerts` and renders the result.
// An alert (the index's contract with rxapp/services/alerts): {id, urgency, kind, title,
// text, lang, starts, ends, services, posted}, times as ISO strings in UTC.
import { centreNow, plural } from "./logic.mjs";

const DAY_MS = 86400000;
export const NEWS_DAYS = 30; // ended alerts stay on the news page this long

const stamp = (iso) => Date.parse(iso ?? "") || 0;

/** Started and not ended at `now` (ms): a saved alert that ended offline is not current. */
export function isCurrent(alert, now) {
  return stamp(alert.starts) <= now && now < stamp(alert.ends);
}

/** Ended at `now`, less than NEWS_DAYS ago. */
export function recentlyEnded(alert, now) {
  const ends = stamp(alert.ends);
  return ends <= now && now - ends < NEWS_DAYS * DAY_MS;
}

export const isUrgent = (alert) => alert.urgency === "urgent";

const newestPosted = (a, b) => stamp(b.posted) - stamp(a.posted);

/** The current alerts, newest first. */
export function current(alerts, now) {
  return (alerts ?? []).filter((alert) => isCurrent(alert, now)).sort(newestPosted);
}

/** The current alerts that name a service (not those for the whole centre). */
export function concerning(alerts, slug, now) {
  return current(alerts, now).filter((alert) => (alert.services ?? []).includes(slug));
}

/** The news page: the current alerts, then those ended in the last NEWS_DAYS, latest end first. */
export function newsList(alerts, now) {
  const ended = (alerts ?? []).filter((alert) => recentlyEnded(alert, now));
  return { current: current(alerts, now), ended: ended.sort((a, b) => stamp(b.ends) - stamp(a.ends)) };
}

/** How many current alerts were posted after `lastRead` (ms; null: never read, all of them). */
export function freshCount(alerts, lastRead, now) {
  return current(alerts, now).filter((alert) => lastRead === null || stamp(alert.posted) > lastRead).length;
}

/** What the news page marks as read: the latest `posted` it lists (the server's clock, so a
 * phone whose clock is wrong still counts right), or null when it lists nothing. */
export function readMark(alerts, now) {
  const { current: shown, ended } = newsList(alerts, now);
  const posted = [...shown, ...ended].map((alert) => stamp(alert.posted));
  return posted.length ? Math.max(...posted) : null;
}

/** When the current set changes next after `now` (an alert starts or ends), or null. */
export function nextChange(alerts, now) {
  const later = (alerts ?? []).flatMap((a) => [stamp(a.starts), stamp(a.ends)]).filter((t) => t > now);
  return later.length ? Math.min(...later) : null;
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
}

/** A moment as the centre's wall clock writes it in the locale: "3 de diciembre 16:00".
 * `words`: {day: "{d} de {MMMM}", months: [12], time: "{H}:{mm}" | "{h}:{mm} {a}", periods: [am, pm]}
 * from Babel (rxapp/components/alerts.py); `offsets` the zone's table (no Intl time zones). */
export function when(iso, words, timeZone, offsets) {
  const wall = centreNow(timeZone, new Date(stamp(iso)), offsets); // minutes since 1970 on that clock
  const date = new Date(wall * 60000); // read in UTC: it already is the wall clock
  const hours = date.getUTCHours();
  const minutes = String(date.getUTCMinutes()).padStart(2, "0");
  const h12 = hours % 12 || 12;
  const time = fill(words.time, {
    H: hours, HH: String(hours).padStart(2, "0"), h: h12, hh: String(h12).padStart(2, "0"), mm: minutes,
    a: words.periods[hours < 12 ? 0 : 1],
  });
  const day = fill(words.day, { d: date.getUTCDate(), MMMM: words.months[date.getUTCMonth()] });
  return `${day} ${time}`;
}

/** One alert as the pages show it: its text marked with its language, the notice when that is
 * not the page's, its dates, and where the news page lists it. */
export function entry(alert, o) {
  const lang = alert.lang || o.locale;
  const other = lang !== o.locale;
  return {
    id: alert.id,
    title: alert.title ?? "",
    text: alert.text ?? "",
    urgent: isUrgent(alert),
    lang,
    dir: o.directions?.[lang] ?? "ltr",
    note: other ? fill(o.words.note, { languages: o.words.languages?.[lang] ?? lang }) : "",
    when: fill(o.words.range, {
      start: when(alert.starts, o.words, o.timeZone, o.offsets),
      end: when(alert.ends, o.words, o.timeZone, o.offsets),
    }),
    href: `${o.news}#alert-${alert.id}`,
  };
}

function badgeOf(alert, words) {
  return { label: words.badges[alert.kind] ?? words.badges.notice, urgent: isUrgent(alert) };
}

/** Everything the pages show from the alerts at `now` (rendered by rxapp/components/alerts.py):
 * `o` = {locale, words, directions, timeZone, offsets, news, lastRead}. */
export function alertsView(alerts, now, o) {
  const shown = current(alerts, now);
  const urgent = shown.filter(isUrgent);
  const fresh = freshCount(alerts, o.lastRead ?? null, now);
  const news = newsList(alerts, now);
  const badges = {};
  const services = {};
  for (const alert of [...shown].reverse()) { // the newest wins a card's one badge
    for (const slug of alert.services ?? []) badges[slug] = badgeOf(alert, o.words);
  }
  for (const alert of shown) {
    for (const slug of alert.services ?? []) (services[slug] ??= []).push(entry(alert, o));
  }
  return {
    any: shown.length > 0,
    top: urgent.length ? entry(urgent[0], o) : null,
    more: urgent.length > 1 ? fill(plural(o.words.more, urgent.length - 1), { count: urgent.length - 1 }) : "",
    info: shown.filter((alert) => !isUrgent(alert)).map((alert) => entry(alert, o)),
    fresh: fresh ? fill(plural(o.words.fresh, fresh), { count: fresh }) : "",
    current: news.current.map((alert) => entry(alert, o)),
    ended: news.ended.map((alert) => entry(alert, o)),
    badges,
    services,
  };
}
