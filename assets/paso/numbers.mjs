// The important numbers page's view, from the snapshot's numbers part (rxapp/services/numbers_public.py)
// and the page's words. Pure: tests/js/numbers.test.mjs runs it.
import { longDate } from "./logic.mjs";

const GROUPS = ["emergency", "protection", "consulate", "family", "centre"];
const safeTel = (href) => (typeof href === "string" && /^tel:\+?\d{2,15}$/.test(href) ? href : "");
const safeWhatsapp = (href) => (typeof href === "string" && /^https:\/\/wa\.me\/\d{6,15}$/.test(href) ? href : "");

/** One number as the page shows it: its hours as words ("Open 24 hours" when always open),
 * call links that are only ever tel: links, and a WhatsApp link only to wa.me. */
export function numberView(entry, labels) {
  const phones = (entry.phones ?? [])
    .map((phone) => ({ number: String(phone.number ?? ""), tel: safeTel(phone.tel) }))
    .filter((phone) => phone.tel);
  return {
    slug: String(entry.slug ?? ""),
    name: String(entry.name ?? ""),
    purpose: String(entry.purpose ?? ""),
    hours: entry.always ? labels.always : String(entry.hours ?? ""),
    phones,
    whatsapp: safeWhatsapp(entry.whatsapp),
    whatsapp_number: entry.whatsapp ? String(entry.whatsapp_number ?? "") : "",
    sample: Boolean(entry.sample),
    note: String(entry.note ?? ""),
  };
}

/** The page's view: numbers grouped in list order (emergencies first), each group with its
 * heading, the centre's name and the date the sheet is printed on. */
export function numbersView(part, labels, { now = new Date(), locale = "es", months = null } = {}) {
  const groups = [];
  for (const entry of part?.numbers ?? []) {
    const group = GROUPS.includes(entry.group) ? entry.group : "protection";
    let last = groups[groups.length - 1];
    if (!last || last.group !== group) {
      last = { group, heading: labels.groups?.[group] ?? "", numbers: [] };
      groups.push(last);
    }
    last.numbers.push(numberView(entry, labels));
  }
  const date = longDate(now, locale, months);
  return {
    state: groups.length ? "ready" : "empty",
    centre: String(part?.centre ?? ""),
    printed: (labels.printed ?? "{date}").replace("{date}", date),
    groups,
  };
}
