// Pages whose language is not known when they are built: the 404 page (one for every path)
// and the connection message (one for the whole app). Both carry every locale's words and
// pick in the browser; while prerendering there is no window, and they take the default's.

/** The locale the address starts with when `known` has it, else `fallback`. */
export function pasoPathLocale(known, fallback) {
  const tag = typeof window === "undefined" ? "" : window.location.pathname.split("/")[1];
  return tag in known ? tag : fallback;
}

/** `texts` in the document's language (the head script set <html lang> from the path), else
 * the text of `fallback`. */
export function pasoInPageLanguage(texts, fallback) {
  const tag = typeof document === "undefined" ? "" : document.documentElement.lang;
  return texts[tag] ?? fallback;
}
