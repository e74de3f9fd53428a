// The desk's logic that needs no page: tested by `node --test tests/js` (desk.test.mjs).
import { fold } from "./search.mjs";

/** For each option's key (folded by the server: name and organisation), whether it matches
 * the words typed in the list's filter box: every word, folded the same way, is in the key. */
export function matchingOptions(keys, query) {
  const words = fold(query).split(" ").filter(Boolean);
  return keys.map((key) => words.every((word) => key.includes(word)));
}
