// "Report wrong information" on a service page: a plain fetch POST, as public pages open no
// websocket. It only sets the `pasoreport` client state; rxapp/components/report.py words
// each phase in the page's language. What was typed stays in the form until it is sent.
import { setClient } from "./client.js";
import { reportBody, sendReport } from "./report.mjs";

let sending = false;

/** The form's submit (Reflex passes the form's fields as an object). */
export async function pasoReport(url, fields) {
  if (sending) return; // a double tap sends once
  const { service: slug, problem } = reportBody(fields);
  if (!problem) {
    setClient("pasoreport", { slug, phase: "choose" });
    return;
  }
  sending = true;
  setClient("pasoreport", { slug, phase: "sending" });
  const phase = await sendReport(url, fields);
  sending = false;
  setClient("pasoreport", { slug, phase });
  // The form hides once sent: the thanks takes the focus so it is not lost.
  if (phase === "sent") window.requestAnimationFrame(() => document.getElementById("report-status")?.focus());
}
