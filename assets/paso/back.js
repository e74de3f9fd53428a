// A service page's back link (rxapp/reading/service.py), from the page it was opened from.
import { setClient } from "./client.js";

// Where a service page's "back" link leads (an installed app on iOS has no back button): the
// list or search the person came from, with the words they searched and the filters they
// chose, else the home page. Kept in the tab's sessionStorage with the service's id, so
// a reload of that service page still leads back; a service opened from a shared link has none.
const BACK_KEY = "paso:back";
export const FLAGS = ["open", "free", "nodocs"]; // in a list's address too: the back link keeps them
function listKind(path) {
  const kind = path.split("/")[2];
  return kind === "search" || kind === "need" ? kind : null;
}
/** The back link of the service `id` opened from `previous` ({path, query, flags}; null after
 * a full load), published as the `pasoback` client state. */
export function backFrom(previous, id) {
  const locale = window.location.pathname.split("/")[1];
  const relocale = (path) => "/" + locale + path.slice(path.indexOf("/", 1));
  let back;
  if (previous && listKind(previous.path)) {
    const params = new URLSearchParams(previous.query ? { q: previous.query } : {});
    for (const flag of FLAGS) if (previous.flags[flag]) params.set(flag, "1");
    const query = params.toString() ? "?" + params : "";
    back = { id, href: previous.path + query, kind: listKind(previous.path) };
  } else {
    try {
      back = JSON.parse(window.sessionStorage.getItem(BACK_KEY) ?? "null");
    } catch {
      back = null;
    }
    if (back?.id !== id) back = null; // another service (a shared link): home
  }
  if (!back) back = { id, href: "/" + locale, kind: "home" };
  back = { ...back, href: back.kind === "home" ? "/" + locale : relocale(back.href) }; // a language switch
  try {
    window.sessionStorage.setItem(BACK_KEY, JSON.stringify(back));
  } catch {
    // private mode: the link still works until the page is left
  }
  setClient("pasoback", back);
}
