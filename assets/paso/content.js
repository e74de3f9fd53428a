// The translator's desk: a content file goes up by fetch (rxapp/content_api.py), its outcome
// is shown through the `pasoupload` client state, then the server re-reads the counts.
import { setClient } from "./client.js";
import { messageOf, sendPo } from "./content.mjs";

let sending = false;

/** The upload form's submit for one locale; `words` are the page's, in its language. */
export async function pasoContentUpload(url, locale, words, maxBytes) {
  if (sending) return; // a double tap sends once
  const input = document.getElementById(`po-file-${locale}`);
  sending = true;
  setClient("pasoupload", { locale, phase: "sending", message: words.sending });
  const result = await sendPo(url, input?.files?.[0], maxBytes);
  sending = false;
  setClient("pasoupload", { locale, phase: result.phase, message: messageOf(result, words) });
  if (result.phase === "done" && input) input.value = "";
  // New counts, or a session that locked or ended meanwhile: the server shows which.
  document.getElementById("paso-content-refresh")?.click();
}
