// The waiting-room display (issue 19): the codes being called and their desks, never a name,
// with its words in the centre's languages in turn. Pure: tests/js/display.test.mjs runs it.

export const KEY = "paso.display.key"; // this screen's key, from the desk's link (#k=...)
export const TURN_MS = 8000; // each language's words stay this long
const CODE = /^[A-Z0-9]{2,5}-[A-Z0-9]{2,8}$/;

/** The display key of a link such as `/es/display#k=...` (never sent to a server), or null. */
export function keyFromHash(hash) {
  const found = /(?:^#|&)k=([^&]*)/.exec(String(hash ?? ""));
  return found && /^[A-Za-z0-9_-]{20,100}$/.test(found[1]) ? found[1] : null;
}

/** Which language's words show at `nowMs` (each for TURN_MS, in the centre's order). */
export function languageAt(languages, nowMs) {
  if (!languages.length) return null;
  return languages[Math.floor(nowMs / TURN_MS) % languages.length];
}

/** The screen: the newest call large, the ones before it listed; each "CODE -> desk N" in the
 * language shown. Anything but a code and a desk number is dropped (a name can never show). */
export function displayView(calls, words, { newest = 0 } = {}) {
  const rows = (calls ?? [])
    .filter((c) => typeof c.code === "string" && CODE.test(c.code) && Number.isInteger(c.desk))
    .map((c) => ({ code: c.code, desk: words.desk.replace("{desk}", String(c.desk)), at: String(c.called_at ?? "") }));
  return {
    state: "ready",
    lang: words.lang,
    dir: words.dir,
    heading: words.heading,
    empty: words.empty,
    first: rows[0] ?? null,
    rest: rows.slice(1),
    fresh: rows.length > 0 && rows[0].at !== "" && Date.parse(rows[0].at) > newest,
  };
}
