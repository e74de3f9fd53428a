// The important numbers page's glue: it starts the app's messages (directory.js, "none"),
// loads the index and its numbers part (saved by the worker for offline use) and renders them
// through the page's client state. Only this page loads this code.
import { setClient } from "./client.js";
import { pasoStart } from "./directory.js";
import { numbersView } from "./numbers.mjs";

async function getJson(url) {
  const response = await fetch(url);
  if (!response.ok) throw Object.assign(new Error(`${url}: ${response.status}`), { status: response.status });
  return response.json();
}

let asked = 0; // a load begun before another start (a language switch) must not land after it

/** On mount: `view` is {name, locale, labels, months}; the page's state var is `view.name`. */
export async function pasoNumbersStart(url, timeZone, offsets, view) {
  pasoStart(url, timeZone, "none", null, offsets, null);
  const load = ++asked;
  const show = (value) => load === asked && setClient(view.name, value);
  try {
    let index = await getJson(url);
    let name = index.numbers;
    let part;
    try {
      part = await getJson(url.slice(0, url.lastIndexOf("/") + 1) + name + ".json");
    } catch (error) {
      if (error.status === 503) throw error;
      index = await getJson(url); // the index changed meanwhile: its part is another one
      name = index.numbers;
      part = await getJson(url.slice(0, url.lastIndexOf("/") + 1) + name + ".json");
    }
    show(numbersView(part, view.labels, { locale: view.locale, months: view.months }));
  } catch (error) {
    show({ state: error?.status === 503 ? "not-ready" : "error", centre: "", printed: "", groups: [] });
  }
}

/** "Print this list": the browser's print dialog (the page's print styles make it one sheet). */
export function pasoNumbersPrint() {
  window.print();
}
