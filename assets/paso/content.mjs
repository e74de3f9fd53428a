// Sending a translated content file from the translator's desk, apart from the page glue so
// that `node --test` checks it. The server answers counts or a problem code
// (rxapp/content_api.py); the page's words, in its own language, turn them into a message.

const PROBLEMS = new Set([
  "too_large", "not_po", "no_language", "wrong_language", "mismatch", "too_long", "locked", "signed_out",
  "forbidden",
]);
const COUNTS = ["updated", "unchanged", "skipped", "stale"];

/** Send a file's bytes: {phase: "done", ...counts} or {phase: "error", error, language, lines}. */
export async function sendPo(url, file, maxBytes, fetcher = globalThis.fetch) {
  if (!file) return { phase: "error", error: "no_file" };
  if (file.size > maxBytes) return { phase: "error", error: "too_large" }; // not sent at all
  let response;
  try {
    response = await fetcher(url, {
      method: "POST", // never cached: the service worker handles GET only
      headers: { "Content-Type": "text/x-gettext-translation" },
      body: file,
      credentials: "same-origin",
      cache: "no-store",
    });
  } catch {
    return { phase: "error", error: "failed" }; // no connection
  }
  let answer = {};
  try {
    answer = await response.json();
  } catch {
    // not JSON (a proxy's error page): a failure like any other
  }
  if (response.ok && answer.ok) {
    return { phase: "done", ...Object.fromEntries(COUNTS.map((key) => [key, Number(answer[key]) || 0])) };
  }
  return {
    phase: "error",
    error: PROBLEMS.has(answer.error) ? answer.error : "failed",
    language: typeof answer.language === "string" ? answer.language : "",
    lines: Array.isArray(answer.lines) ? answer.lines.map(Number) : [],
  };
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
}

/** The message for a result, from the page's words ({name} placeholders filled in). */
export function messageOf(result, words) {
  if (result.phase === "done") {
    const done = fill(words.done, result);
    return result.stale ? `${done} ${fill(words.stale, result)}` : done;
  }
  const template = words[result.error] ?? words.failed;
  return fill(template, { language: result.language ?? "", lines: (result.lines ?? []).join(", ") });
}
