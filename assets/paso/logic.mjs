// Paso's reading logic in the browser: open-now, filtering, "nearest first" and the view
// models the Python components render. Pure functions, no imports: tested with
// `node --test tests/js` against the same cases as the Python code (rxapp/services/hours.py).
// Search itself is in search.mjs.

const DAY_MS = 86400000;
const LOOKAHEAD_DAYS = 8;

// Wall-clock times are handled as "minutes since 1970-01-01 00:00 of the centre's calendar":
// plain integers, no time zone arithmetic in the browser.
function dayNumber(isoDate) {
  return Math.round(Date.parse(isoDate + "T00:00:00Z") / DAY_MS);
}
function minutes(hm) {
  const [h, m] = hm.split(":").map(Number);
  return h * 60 + m;
}
function weekday(day) {
  return (day + 3) % 7; // 1970-01-01 was a Thursday; 0 = Monday
}
export function toIso(stamp) {
  const date = new Date(stamp * 60000);
  return date.toISOString().slice(0, 16);
}
export function fromIso(iso) {
  return dayNumber(iso.slice(0, 10)) * 1440 + minutes(iso.slice(11, 16));
}

function span(day, opens, closes) {
  const start = day * 1440 + opens;
  let end = day * 1440 + closes;
  if (end <= start) end += 1440;
  return [start, end];
}

// Slots and exceptions in minutes and day numbers, parsed once per card: ranking asks whether
// hundreds of services are open at each keystroke.
const parsedSlots = new WeakMap();
const parsedExceptions = new WeakMap();
function slotMinutes(slots) {
  let found = parsedSlots.get(slots);
  if (!found) {
    found = slots.map(([wd, opens, closes]) => [wd, minutes(opens), minutes(closes)]);
    parsedSlots.set(slots, found);
  }
  return found;
}
function exceptionDays(exceptions) {
  let found = parsedExceptions.get(exceptions);
  if (!found) {
    found = new Map(exceptions.map(([date, closed, opens, closes]) => [
      dayNumber(date), [closed, opens ? minutes(opens) : null, closes ? minutes(closes) : null],
    ]));
    parsedExceptions.set(exceptions, found);
  }
  return found;
}

/** Merged opening intervals of the slots starting on days first..first+days-1. */
export function intervals(slots, exceptions, first, days) {
  const byDate = exceptionDays(exceptions);
  const weekly = slotMinutes(slots);
  const found = [];
  for (let day = first; day < first + days; day++) {
    const special = byDate.get(day);
    if (special) {
      const [closed, opens, closes] = special;
      if (!closed && opens !== null && closes !== null) found.push(span(day, opens, closes));
      continue;
    }
    for (const [wd, opens, closes] of weekly) {
      if (wd === weekday(day)) found.push(span(day, opens, closes));
    }
  }
  found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged = [];
  for (const [start, end] of found) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** {open, closes, next} at `now` (minutes, centre wall clock): as hours.open_state. */
export function openState(slots, exceptions, now, active = true) {
  if (!active) return { open: false, closes: null, next: null };
  const today = Math.floor(now / 1440);
  for (const [start, end] of intervals(slots, exceptions, today - 1, LOOKAHEAD_DAYS + 1)) {
    if (start <= now && now < end) {
      const always = end - start >= (LOOKAHEAD_DAYS - 1) * 1440;
      return { open: true, closes: always ? null : end, next: null };
    }
    if (start > now) return { open: false, closes: null, next: start };
  }
  return { open: false, closes: null, next: null };
}

/** Now as minutes on the centre's wall clock. `offsets` is the zone's table from the server
 * ([[from, offset], ..., [until, 0]] in minutes, rxapp/services/clock.py): inside it no Intl is
 * needed, whose first use of a time zone costs a cheap phone ~70 ms; outside it, Intl. */
export function centreNow(timeZone, date = new Date(), offsets = null) {
  const minute = Math.floor(date.getTime() / 60000);
  if (offsets?.length > 1 && minute >= offsets[0][0] && minute < offsets[offsets.length - 1][0]) {
    let offset = offsets[0][1];
    for (const [from, value] of offsets.slice(0, -1)) if (minute >= from) offset = value;
    return minute + offset;
  }
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit",
      hour: "2-digit", minute: "2-digit",
    }).formatToParts(date).map((p) => [p.type, p.value]),
  );
  return fromIso(`${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`);
}

/** An integer with the locale's group separator from Babel ("1.234" in es): the same digits
 * as the server's pages, and no Intl.NumberFormat, whose first use costs a cheap phone ~60 ms. */
export function grouped(value, group = ",") {
  return String(Math.trunc(value)).replace(/\B(?=(\d{3})+$)/g, group);
}

/** A date such as "2 décembre 2026", as the server's pages write it. `months` are the locale's
 * month names where the browser has no data for it (Kreyòl: Intl would answer in French). */
export function longDate(date, locale, months = null) {
  if (months) return `${date.getDate()} ${months[date.getMonth()]} ${date.getFullYear()}`;
  return new Intl.DateTimeFormat(locale, { dateStyle: "long" }).format(date);
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");
}

/** The one-line status a person reads: "Open now · until 14:00", "Opens Monday at 8:00".
 * `service.exceptions` holds [date, closed, opens, closes] rows; `times` maps "HH:MM" to the
 * locale's way of writing it. */
export function statusLine(service, now, labels, times = {}) {
  if (service.status === "temporarily_closed") return { open: false, text: labels.temporarily_closed, tone: "closed" };
  const state = openState(service.slots, service.exceptions, now);
  const time = (stamp) => {
    const hm = toIso(stamp).slice(11, 16);
    return times[hm] ?? hm;
  };
  if (state.open) {
    const text = state.closes === null ? labels.open_24h : fill(labels.open_until, { time: time(state.closes) });
    return { open: true, text, tone: "open" };
  }
  if (state.next === null) {
    return { open: false, text: service.slots.length ? labels.closed : labels.no_hours, tone: "closed" };
  }
  const today = Math.floor(now / 1440);
  const day = Math.floor(state.next / 1440);
  let text;
  if (day === today) text = fill(labels.opens_today, { time: time(state.next) });
  else if (day === today + 1) text = fill(labels.opens_tomorrow, { time: time(state.next) });
  else text = fill(labels.opens_on, { day: labels.weekdays[weekday(day)], time: time(state.next) });
  return { open: false, text, tone: "closed" };
}

// Plural-Forms expressions are C; they are parsed here, not given to `new Function`: the
// Content-Security-Policy allows no eval (issue 16, item 7).
const PLURAL_TOKEN = /\s*(\d+|n|&&|\|\||[=!<>]=|[-+*/%!<>?:()])\s*/y;
const BINARY = [["||"], ["&&"], ["==", "!="], ["<", "<=", ">", ">="], ["+", "-"], ["*", "/", "%"]];
const APPLY = {
  "||": (a, b) => +(a !== 0 || b !== 0), "&&": (a, b) => +(a !== 0 && b !== 0),
  "==": (a, b) => +(a === b), "!=": (a, b) => +(a !== b),
  "<": (a, b) => +(a < b), "<=": (a, b) => +(a <= b), ">": (a, b) => +(a > b), ">=": (a, b) => +(a >= b),
  "+": (a, b) => a + b, "-": (a, b) => a - b, "*": (a, b) => a * b,
  "/": (a, b) => Math.trunc(a / b), "%": (a, b) => a % b,
};

/** A gettext Plural-Forms expression as a function of n (throws on anything else). */
export function pluralRule(source) {
  const tokens = [];
  PLURAL_TOKEN.lastIndex = 0;
  while (PLURAL_TOKEN.lastIndex < source.length) {
    const found = PLURAL_TOKEN.exec(source);
    if (!found) throw new SyntaxError(`not a plural rule: ${source}`);
    tokens.push(found[1]);
  }
  let at = 0;
  const take = (token) => (tokens[at] === token ? (at += 1, true) : false);
  const unary = () => {
    const token = tokens[at++];
    if (token === "n") return (n) => n;
    if (token === "!") {
      const inner = unary();
      return (n) => +(inner(n) === 0);
    }
    if (token === "(") {
      const inner = ternary();
      if (!take(")")) throw new SyntaxError(`unbalanced plural rule: ${source}`);
      return inner;
    }
    if (/^\d+$/.test(token ?? "")) return () => Number(token);
    throw new SyntaxError(`not a plural rule: ${source}`);
  };
  const binary = (level) => {
    if (level === BINARY.length) return unary();
    let left = binary(level + 1);
    while (BINARY[level].includes(tokens[at])) {
      const op = APPLY[tokens[at++]];
      const [a, b] = [left, binary(level + 1)];
      left = (n) => op(a(n), b(n));
    }
    return left;
  };
  const ternary = () => {
    const test = binary(0);
    if (!take("?")) return test;
    const yes = ternary();
    if (!take(":")) throw new SyntaxError(`not a plural rule: ${source}`);
    const no = ternary();
    return (n) => (test(n) !== 0 ? yes(n) : no(n));
  };
  const rule = ternary();
  if (at !== tokens.length) throw new SyntaxError(`not a plural rule: ${source}`);
  return rule;
}

const rules = new Map();
/** The plural form for n: `spec` is {forms, rule} with the catalog's Plural-Forms expression. */
export function plural(spec, n) {
  if (!rules.has(spec.rule)) rules.set(spec.rule, pluralRule(spec.rule));
  const index = rules.get(spec.rule)(n);
  return spec.forms[Math.min(index, spec.forms.length - 1)];
}

/** The detail part holding a slug: FNV-1a over UTF-8, as rxapp.services.snapshot.bucket. */
export function bucket(slug, buckets) {
  let value = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(slug)) {
    value = Math.imul(value ^ byte, 0x01000193) >>> 0;
  }
  return value % buckets;
}

/** Whether a card's service is open at `now` (as its status line says), and until when that
 * holds (its next closing or opening; a day ahead when no time is known). */
export function openUntil(service, now) {
  const dayAhead = now + 1440;
  if (service.status === "temporarily_closed") return [false, dayAhead];
  const state = openState(service.slots, service.exceptions, now);
  return [state.open, Math.min(dayAhead, (state.open ? state.closes : state.next) ?? dayAhead)];
}

const EARTH_M = 6371008.8;
const WALK_M_PER_MIN = 80; // 4.8 km/h: an estimate in a straight line, said to be one

/** Metres in a straight line between two [latitude, longitude] points (haversine). */
export function metres(a, b) {
  const rad = Math.PI / 180;
  const dLat = (b[0] - a[0]) * rad;
  const dLon = (b[1] - a[1]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** "800 m · 10 min", "2,4 km · 30 min" from the locale's templates and decimal sign. */
export function distanceText(m, labels, decimal = ".") {
  const away = m < 1000
    ? fill(labels.metres, { n: String(Math.max(10, Math.round(m / 10) * 10)) })
    : fill(labels.km, { n: (m < 10000 ? (Math.round(m / 100) / 10).toFixed(1) : String(Math.round(m / 1000))).replace(".", decimal) });
  const minutes = Math.max(1, Math.round(m / WALK_M_PER_MIN));
  const walk = minutes < 60
    ? fill(labels.minutes, { n: String(minutes) })
    : fill(labels.hours, { h: String(Math.floor(minutes / 60)), n: String(minutes % 60) });
  return `${away} · ${walk}`;
}

/** Positions of the services nearest to `here` first; those without a place last, in order. */
export function nearestFirst(services, positions, here) {
  const far = [];
  const near = [];
  for (const i of positions) {
    const geo = services[i].geo;
    if (geo) near.push([metres(here, geo), i]);
    else far.push(i);
  }
  near.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  return [...near.map(([, i]) => i), ...far];
}

/** The cards of a list page: need and filters applied to the services loaded so far, in the
 * directory's order, or `ranked.order` (a search's), or nearest first when `here` is known.
 * Only the first `limit` are built (a phone cannot show 10,000 at once); `count` is all. */
export function listView(data, { need = "", flags = {}, now, labels, base, limit = Infinity, ranked = null, here = null, decimal }) {
  const services = data?.services ?? [];
  const times = data?.times ?? {};
  let order = ranked ? ranked.order : services.keys();
  if (here) order = nearestFirst(services, [...order], here);
  const cards = [];
  let count = 0;
  for (const i of order) {
    const s = services[i];
    if (need && !s.needs.includes(need)) continue;
    if (flags.free && !s.is_free) continue;
    if (flags.nodocs && !s.no_documents_needed) continue;
    // Status lines cost a little each: compute them only for cards shown or for "open now".
    const status = flags.open || count < limit ? statusLine(s, now, labels, times) : null;
    if (flags.open && !status.open) continue;
    count += 1;
    if (count > limit) continue;
    cards.push({
      slug: s.slug,
      name: s.name,
      organization: s.organization,
      href: `${base}?id=${encodeURIComponent(s.slug)}`,
      status: status.text,
      tone: status.tone,
      free: s.is_free,
      nodocs: s.no_documents_needed,
      sample: s.is_sample,
      other: s.other,
      away: here && s.geo ? distanceText(metres(here, s.geo), labels, decimal) : "",
    });
  }
  return { cards, count };
}

/** The detail of one service from its loaded detail part, or {found: false}. */
export function detailView(data, slug, { now, labels, href }) {
  const s = data?.details?.[slug];
  if (!s) return { found: false };
  const exceptions = s.exceptions.map((e) => [e.date, e.closed, e.opens, e.closes]);
  const status = statusLine({ ...s, exceptions }, now, labels, s.times);
  const today = Math.floor(now / 1440);
  // Today's row of an hours table, by the centre's clock (the page is prerendered for every
  // day: only the phone knows which day it is there).
  const marked = (week) => (week ?? []).map((row, wd) => ({ ...row, today: wd === weekday(today) }));
  return {
    ...s,
    found: true,
    status: status.text,
    tone: status.tone,
    upcoming: s.exceptions.filter((e) => dayNumber(e.date) >= today).slice(0, 5),
    week: marked(s.week),
    // Each place's own hours, phones, accessibility, languages and "Online"
    // (rxapp/services/views.py LocationPublic), left out of the snapshot when it has none.
    locations: (s.locations ?? []).map((place) => ({
      hours_of: "", phones: [], reception: [], accessibility: "", accessibility_details: "",
      languages_text: "", online: "", ...place, week: marked(place.week),
    })),
    share: "https://wa.me/?text=" + encodeURIComponent(`${s.name} ${href}`),
  };
}
