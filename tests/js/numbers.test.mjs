// The important numbers page's view (assets/paso/numbers.mjs).
import test from "node:test";
import assert from "node:assert/strict";
import { numberView, numbersView } from "../../assets/paso/numbers.mjs";

const LABELS = {
  always: "Open 24 hours",
  printed: "Printed on {date}",
  groups: { emergency: "Emergencies", consulate: "Consulates", protection: "Protection" },
};
const PART = {
  centre: "Centro Paso",
  numbers: [
    { slug: "911", group: "emergency", name: "Emergencias", purpose: "Vida en peligro", hours: "", always: true,
      phones: [{ number: "911", tel: "tel:911" }], whatsapp: null, whatsapp_number: "", sample: false, note: "" },
    { slug: "hn", group: "consulate", name: "Honduras", purpose: "Pasaportes", hours: "Lunes a viernes", always: false,
      phones: [{ number: "+52 962 555 0211", tel: "tel:+529625550211" }], whatsapp: "https://wa.me/529625550211",
      whatsapp_number: "", sample: true, note: "" },
    { slug: "gt", group: "consulate", name: "Guatemala", purpose: "", hours: "", always: false,
      phones: [{ number: "+52 962 555 0212", tel: "tel:+529625550212" }], whatsapp: null, whatsapp_number: "",
      sample: true, note: "Shown in Spanish." },
  ],
};

test("numbers are grouped in list order, each group under its heading", () => {
  const view = numbersView(PART, LABELS, { now: new Date(Date.UTC(2026, 11, 3, 12)), locale: "en" });
  assert.equal(view.state, "ready");
  assert.deepEqual(view.groups.map((g) => [g.heading, g.numbers.map((n) => n.slug)]), [
    ["Emergencies", ["911"]],
    ["Consulates", ["hn", "gt"]],
  ]);
  assert.equal(view.centre, "Centro Paso");
  assert.equal(view.printed, "Printed on December 3, 2026");
});

test("always open reads as the page's words; hours in words otherwise", () => {
  assert.equal(numberView(PART.numbers[0], LABELS).hours, "Open 24 hours");
  assert.equal(numberView(PART.numbers[1], LABELS).hours, "Lunes a viernes");
});

test("only tel: and wa.me links are ever made", () => {
  const odd = { ...PART.numbers[1], phones: [{ number: "x", tel: "javascript:alert(1)" }], whatsapp: "https://evil.example/1" };
  const view = numberView(odd, LABELS);
  assert.deepEqual(view.phones, []);
  assert.equal(view.whatsapp, "");
});

test("Kreyòl dates use the page's month names", () => {
  const months = ["janvye", "fevriye", "mas", "avril", "me", "jen", "jiyè", "out", "septanm", "oktòb", "novanm", "desanm"];
  const view = numbersView(PART, LABELS, { now: new Date(2026, 11, 3), locale: "ht", months });
  assert.equal(view.printed, "Printed on 3 desanm 2026");
});

test("an empty list says so; a missing part is empty too", () => {
  assert.equal(numbersView({ numbers: [] }, LABELS).state, "empty");
  assert.equal(numbersView(null, LABELS).state, "empty");
});
