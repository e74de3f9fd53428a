// For tests/unit/search/test_search_parity.py: the browser's search over the data Python
// gives it. Reads JSON {cards, words, open, queries, terms} on stdin; prints {orders, stems}.
import { readFileSync } from "node:fs";
import { Index, queryWords } from "../../assets/paso/search.mjs";

const input = JSON.parse(readFileSync(0, "utf8"));
const index = new Index(input.cards, input.words.needs, input.words.stop, input.words.local);
const open = new Set(input.open);
const orders = input.queries.map((q) => {
  const found = index.search(q, (doc) => open.has(doc));
  return { order: found.order, partial: found.partial };
});
const stems = input.terms.map((term) => queryWords(term, new Set(), () => false)[0]?.stems ?? []);
process.stdout.write(JSON.stringify({ orders, stems }));
