// "My page" (issue 19): the person's own document (rxapp/services/followup/mypage.py) as the page
// shows it at a moment, the reminders of appointments, the calendar file, and the secret read
// from a link's fragment. Pure: tests/js/me.test.mjs runs it.
import { ME_KEYS } from "./drafts.mjs";
import { statusLine } from "./logic.mjs";

// Where this phone keeps what is the person's own: the secret that opens their page (always,
// once given) and the page's copy (only after "keep on this phone"). localStorage, never the
// service worker's caches: "remove from this phone" clears both at once.
export const KEYS = ME_KEYS;
const HOUR_MS = 3600000;
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

function fill(template, values) {
  return String(template ?? "").replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");
}

/** The one-time token of a link such as `/es/me#t=...` (a fragment: never sent to a server,
 * never in a log), or null. */
export function tokenFromHash(hash) {
  const found = /(?:^#|&)t=([^&]*)/.exec(String(hash ?? ""));
  return found && TOKEN.test(found[1]) ? found[1] : null;
}

/** The person's turn in words: waiting (with how many are before them), called to desk N,
 * being helped, done. `called` is the one that sounds and vibrates. */
export function turnView(turn, labels) {
  const state = ["waiting", "called", "helped", "done"].includes(turn?.state) ? turn.state : "waiting";
  const desk = Number.isInteger(turn?.desk) ? turn.desk : null;
  let text = labels[state];
  if (state === "called") text = fill(desk === null ? labels.called_any : labels.called, { desk });
  let detail = "";
  if (state === "waiting" && Number.isInteger(turn?.ahead)) {
    detail = turn.ahead === 0 ? labels.next : fill(labels.ahead, { n: turn.ahead });
  }
  return { state, text, detail, desk, called: state === "called" };
}

/** Which reminder an appointment shows at `nowMs`: "hour" within the hour before it, "today"
 * on its day, "day" the day before (by the centre's dates `today` and `tomorrow`), else "". */
export function reminder(appointment, nowMs, today, tomorrow) {
  const start = Date.parse(appointment.starts_at);
  if (!Number.isFinite(start) || nowMs >= start) return "";
  if (start - nowMs <= HOUR_MS) return "hour";
  if (appointment.date === today) return "today";
  if (appointment.date === tomorrow) return "day";
  return "";
}

/** When the page must look again for a reminder to change (ms from `nowMs`), or null. */
export function nextReminder(appointments, nowMs) {
  let next = null;
  for (const a of appointments ?? []) {
    const start = Date.parse(a.starts_at);
    for (const at of [start - HOUR_MS, start]) {
      if (at > nowMs && (next === null || at < next)) next = at;
    }
  }
  return next === null ? null : next - nowMs;
}

function service(card, now, labels) {
  if (!card) return null;
  const status = statusLine(
    { status: card.status, slots: card.slots ?? [], exceptions: card.exceptions ?? [] }, now, labels.hours, card.times ?? {},
  );
  const place = (card.locations ?? [])[0] ?? {};
  return {
    name: String(card.name ?? ""),
    organization: String(card.organization ?? ""),
    address: String(place.address ?? ""),
    directions: String(place.directions ?? ""),
    status: status.text,
    open: status.open,
    phones: (card.phones ?? [])
      .filter((p) => typeof p.tel === "string" && /^tel:\+?\d{2,15}$/.test(p.tel))
      .map((p) => ({ number: String(p.number ?? ""), tel: p.tel, whatsapp: safeWhatsapp(p.whatsapp) })),
    bring: String(card.application_process ?? ""),
    // The documents to bring (their texts: a link of the directory's is the service page's),
    // or that none is needed when the directory says so.
    documents: (card.documents ?? []).map((d) => String(d?.text ?? "")).filter((text) => text),
    no_documents: card.no_documents_needed === true,
    week: (card.week ?? []).map((row) => ({ day: String(row.day ?? ""), hours: String(row.hours ?? "") })),
  };
}

const safeWhatsapp = (href) => (typeof href === "string" && /^https:\/\/wa\.me\/\d{6,15}$/.test(href) ? href : "");

/** The page's view of the person's document at a moment: `now` in minutes on the centre's wall
 * clock (logic.mjs's `centreNow`), `nowMs` the instant, `today`/`tomorrow` the centre's dates. */
export function meView(doc, { now, nowMs, today, tomorrow, labels, kept = false }) {
  const appointments = (doc?.appointments ?? []).map((a) => {
    const when = reminder(a, nowMs, today, tomorrow);
    return {
      id: String(a.id),
      date: String(a.date_label ?? a.date ?? ""),
      time: String(a.time_label ?? a.time ?? ""),
      place: String(a.place || a.service_name || ""),
      bring: String(a.bring ?? ""),
      note: String(a.note ?? ""),
      reminder: when ? fill(labels.reminders[when], { time: a.time_label ?? a.time ?? "" }) : "",
      service: service(a.service, now, labels),
    };
  });
  return {
    state: "ready",
    code: String(doc?.code ?? ""),
    turn: turnView(doc?.turn, labels.turn),
    referrals: (doc?.referrals ?? []).map((r) => ({
      id: String(r.id),
      date: fill(labels.referred, { date: r.date_label ?? r.date ?? "" }),
      note: String(r.note ?? ""),
      name: String(r.service_name ?? ""),
      service: service(r.service, now, labels),
    })),
    appointments,
    kept,
  };
}

function icsText(text) {
  return String(text ?? "").replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, "\\n");
}

function icsStamp(ms) {
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

// RFC 5545: lines of at most 75 octets, continued with a space (counted in UTF-8 bytes, so
// Arabic text is cut between characters, never inside one).
function folded(line) {
  const parts = [];
  let current = "";
  let size = 0;
  for (const ch of line) {
    const bytes = new TextEncoder().encode(ch).length;
    if (size + bytes > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = "";
      size = 0;
    }
    current += ch;
    size += bytes;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

/** An appointment as an .ics calendar file ("add to calendar"), an hour long, with an alarm
 * the day before and one an hour before; times in UTC, so any calendar shows them right. */
export function calendarFile(appointment, { title, nowMs, host = "paso.local" }) {
  const start = Date.parse(appointment.starts_at);
  const place = appointment.place || appointment.service_name || "";
  const words = [appointment.bring, appointment.note].filter(Boolean).join("\n");
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Paso//My page//EN",
    "CALSCALE:GREGORIAN",
    "BEGIN:VEVENT",
    `UID:appointment-${appointment.id}@${host}`,
    `DTSTAMP:${icsStamp(nowMs)}`,
    `DTSTART:${icsStamp(start)}`,
    `DTEND:${icsStamp(start + HOUR_MS)}`,
    `SUMMARY:${icsText(title)}`,
    ...(place ? [`LOCATION:${icsText(place)}`] : []),
    ...(words ? [`DESCRIPTION:${icsText(words)}`] : []),
    ...[["-P1D", "day"], ["-PT1H", "hour"]].flatMap(([trigger]) => [
      "BEGIN:VALARM", "ACTION:DISPLAY", `DESCRIPTION:${icsText(title)}`, `TRIGGER:${trigger}`, "END:VALARM",
    ]),
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(folded).join("\r\n") + "\r\n";
}

/** The centre's dates of `now` (minutes on its wall clock) and of the day after, as ISO. */
export function centreDates(now) {
  const day = (minutes) => new Date(minutes * 60000).toISOString().slice(0, 10);
  return { today: day(now), tomorrow: day(now + 1440) };
}
