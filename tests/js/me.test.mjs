// My page's pure logic (assets/paso/me.mjs): turn words, reminders, the calendar file, the
// one-time token of a link, and the view of the person's document.
import test from "node:test";
import assert from "node:assert/strict";
import { calendarFile, centreDates, meView, nextReminder, reminder, tokenFromHash, turnView } from "../../assets/paso/me.mjs";
import { fromIso } from "../../assets/paso/logic.mjs";

const TURN = {
  waiting: "Waiting", called: "It is your turn: go to desk {desk}", called_any: "It is your turn",
  helped: "Being helped", done: "Done", ahead: "{n} people before you", next: "You are next",
};
const HOURS = {
  open_24h: "Open 24 hours", open_until: "Open now · until {time}", closed: "Closed", no_hours: "No hours",
  opens_today: "Opens today at {time}", opens_tomorrow: "Opens tomorrow at {time}", opens_on: "Opens {day} at {time}",
  temporarily_closed: "Temporarily closed", weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
};
const LABELS = {
  turn: TURN, hours: HOURS,
  reminders: { day: "Tomorrow at {time}", today: "Today at {time}", hour: "In less than an hour" },
  referred: "Referred on {date}",
};
// 3 December 2026 (a Thursday), 10:00 at the centre (UTC-6) = 16:00 UTC.
const NOW_MS = Date.UTC(2026, 11, 3, 16, 0);
const NOW = fromIso("2026-12-03T10:00");
const APPOINTMENT = {
  id: 7, starts_at: "2026-12-04T15:30:00+00:00", date: "2026-12-04", date_label: "4 de diciembre de 2026",
  time: "09:30", time_label: "9:30", place: "COMAR, Tapachula", service_name: "", service: null,
  bring: "Pasaporte; acta de nacimiento", note: "Lleva tu código",
};

test("the turn in words: waiting with how many before, called to a desk, next", () => {
  assert.deepEqual(turnView({ state: "waiting", desk: null, ahead: 3 }, TURN), {
    state: "waiting", text: "Waiting", detail: "3 people before you", desk: null, called: false,
  });
  assert.equal(turnView({ state: "waiting", ahead: 0 }, TURN).detail, "You are next");
  const called = turnView({ state: "called", desk: 2 }, TURN);
  assert.equal(called.text, "It is your turn: go to desk 2");
  assert.ok(called.called);
  assert.equal(turnView({ state: "nonsense" }, TURN).state, "waiting");
});

test("reminders: the day before, on the day, within the hour, none after", () => {
  const { today, tomorrow } = centreDates(NOW);
  assert.deepEqual([today, tomorrow], ["2026-12-03", "2026-12-04"]);
  assert.equal(reminder(APPOINTMENT, NOW_MS, today, tomorrow), "day");
  const onTheDay = Date.UTC(2026, 11, 4, 13, 0); // 7:00 at the centre
  assert.equal(reminder(APPOINTMENT, onTheDay, "2026-12-04", "2026-12-05"), "today");
  assert.equal(reminder(APPOINTMENT, Date.UTC(2026, 11, 4, 15, 0), "2026-12-04", "2026-12-05"), "hour");
  assert.equal(reminder(APPOINTMENT, Date.UTC(2026, 11, 4, 15, 31), "2026-12-04", "2026-12-05"), "");
  assert.equal(reminder(APPOINTMENT, Date.UTC(2026, 11, 1, 16), "2026-12-01", "2026-12-02"), "");
  assert.equal(nextReminder([APPOINTMENT], NOW_MS), Date.UTC(2026, 11, 4, 14, 30) - NOW_MS);
});

test("the calendar file is RFC 5545: UTC times, escaped text, two alarms, folded lines", () => {
  const ics = calendarFile({ ...APPOINTMENT, note: "موعد في مكتب اللجنة المكسيكية لمساعدة اللاجئين، أحضر جواز سفرك" }, {
    title: "Cita: COMAR", nowMs: NOW_MS, host: "paso.test",
  });
  assert.ok(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
  assert.ok(ics.endsWith("END:VCALENDAR\r\n"));
  assert.match(ics, /\r\nDTSTART:20261204T153000Z\r\nDTEND:20261204T163000Z\r\n/);
  assert.match(ics, /\r\nLOCATION:COMAR\\, Tapachula\r\n/);
  assert.match(ics, /\r\nUID:appointment-7@paso\.test\r\n/);
  assert.equal(ics.match(/BEGIN:VALARM/g).length, 2);
  for (const line of ics.split("\r\n")) assert.ok(new TextEncoder().encode(line).length <= 75, line);
  // Unfolded, the Arabic note is whole again.
  assert.ok(ics.replace(/\r\n /g, "").includes("أحضر جواز سفرك"));
});

test("a link's one-time token comes from the fragment only, and only when well formed", () => {
  const token = "a".repeat(43);
  assert.equal(tokenFromHash(`#t=${token}`), token);
  assert.equal(tokenFromHash(`#x=1&t=${token}`), token);
  assert.equal(tokenFromHash("#t=short"), null);
  assert.equal(tokenFromHash('#t=<script>"'), null);
  assert.equal(tokenFromHash(""), null);
});

test("the view: the turn, each referral's service open now, the appointment's reminder", () => {
  const card = {
    name: "Comedor", organization: "Casa", status: "active", slots: [[3, "08:00", "15:00"]], exceptions: [],
    times: { "15:00": "3 p. m." }, locations: [{ address: "Calle 5", directions: "Frente a la iglesia" }],
    phones: [{ number: "962 555 0100", tel: "tel:+529625550100", whatsapp: "https://wa.me/529625550100" },
      { number: "x", tel: "javascript:alert(1)" }],
    application_process: "Llega antes de las 9", week: [{ day: "Jueves", hours: "8:00–15:00" }],
  };
  const { today, tomorrow } = centreDates(NOW);
  const view = meView({
    code: "MTZ-7K4Q", turn: { state: "called", desk: 3 },
    referrals: [{ id: 1, date: "2026-12-03", date_label: "3 dic", note: "Di que vienes de Paso", service_name: "Comedor", service: card }],
    appointments: [APPOINTMENT],
  }, { now: NOW, nowMs: NOW_MS, today, tomorrow, labels: LABELS });
  assert.equal(view.code, "MTZ-7K4Q");
  assert.equal(view.turn.text, "It is your turn: go to desk 3");
  const referral = view.referrals[0];
  assert.equal(referral.service.status, "Open now · until 3 p. m.");
  assert.deepEqual(referral.service.phones.map((p) => p.tel), ["tel:+529625550100"]); // no other scheme
  assert.equal(referral.service.address, "Calle 5");
  assert.equal(referral.date, "Referred on 3 dic");
  assert.equal(view.appointments[0].reminder, "Tomorrow at 9:30");
  assert.equal(view.appointments[0].place, "COMAR, Tapachula");
  assert.deepEqual(referral.service.documents, []);
  assert.equal(referral.service.no_documents, false);
});

test("the documents to bring, or that none is needed, on the person's page", () => {
  const { today, tomorrow } = centreDates(NOW);
  const at = (card) => meView(
    { referrals: [{ id: 1, service_name: "Albergue", service: { name: "Albergue", ...card } }] },
    { now: NOW, nowMs: NOW_MS, today, tomorrow, labels: LABELS },
  ).referrals[0].service;
  const listed = at({ documents: [{ text: "CURP", link: "" }, { text: "" }, { text: "Acta", link: "https://x.mx" }] });
  assert.deepEqual(listed.documents, ["CURP", "Acta"]); // an empty one is left out
  assert.equal(at({ no_documents_needed: true }).no_documents, true);
  assert.equal(at({ no_documents_needed: "yes" }).no_documents, false); // only the directory's true
});
