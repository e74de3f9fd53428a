// Sending a report of wrong directory information, apart from the page glue so that
// `node --test` checks it. The result is a phase the page words in its own language.

/** The JSON the server reads (rxapp.services.feedback.ReportCreate), from the form's fields. */
export function reportBody(fields) {
  const text = (name) => (typeof fields?.[name] === "string" ? fields[name] : "");
  return { service: text("service"), problem: text("problem"), comment: text("comment").trim(), locale: text("locale") };
}

/** The phase an answer leads to: "sent", "limited" (too many reports) or "error". */
export function phaseOf(status) {
  if (status === 201) return "sent";
  return status === 429 ? "limited" : "error";
}

/** Send a report and return the phase to show; nothing is sent until a problem is chosen. */
export async function sendReport(url, fields, fetcher = globalThis.fetch) {
  const body = reportBody(fields);
  if (!body.problem) return "choose";
  try {
    const response = await fetcher(url, {
      method: "POST", // never cached: the service worker handles GET only
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
      credentials: "same-origin",
      cache: "no-store",
    });
    return phaseOf(response.status);
  } catch {
    return "error"; // no connection: the form keeps what was typed
  }
}
