// The search page's glue: it hands the search engine (search.mjs and the stemmers) to
// directory.js, so only this page loads that code; its HTML preloads it, and the service
// worker saves it with the page for offline search.
import { Index } from "./search.mjs";
import { pasoStart, useSearch } from "./directory.js";

export function pasoSearchStart(...args) {
  useSearch(Index);
  return pasoStart(...args);
}
