// Search in the browser: the same rules as rxapp/services/search (analyze.py, rank.py), so a
// phone offline and the server online find and rank alike. Pure functions and one class, no
// DOM: tested by `node --test tests/js` against tests/fixtures/search_cases.json, which the
// Python tests pass too. Services' keys come analysed from the server (the snapshot's cards);
// only the query is analysed here.
import { stemmer as es } from "./vendor/stem-es.js";
import { stemmer as pt } from "./vendor/stem-pt.js";
import { stemmer as fr } from "./vendor/stem-fr.js";
import { stemmer as en } from "./vendor/stem-en.js";

const STEMMERS = [es, pt, fr, en]; // as analyze.STEMMERS: es, pt, fr, en (Porter2)
const MIN_STEM = 3;
const MIN_STEM_LENGTH = 4;
const MAX_WORDS = 8;
const MAX_QUERY = 500;
export const STEM_MARK = "~";
const LATIN = /^[a-z]+$/;
const ARABIC = /^[\u0600-\u06ff]+$/;
const ARTICLE = /^[وف]?(?:[بك]?ال|لل)(?=..)/;
const PREFIX = /^[وفبكل]{1,2}/;
const SUFFIXES = ["ات", "ين", "ون", "ه", "ي"];
const FOLD = new Map([
  ["ٱ", "ا"], ["ة", "ه"], ["ى", "ي"], ["ی", "ي"], ["ک", "ك"], ["ـ", ""], ["œ", "oe"], ["æ", "ae"], ["ß", "ss"],
  ..."٠١٢٣٤٥٦٧٨٩".split("").map((d, i) => [d, String(i)]),
  ..."۰۱۲۳۴۵۶۷۸۹".split("").map((d, i) => [d, String(i)]),
]);
const FOLDED = new RegExp(`[${[...FOLD.keys()].join("")}]`, "g");

/** Case-fold, strip accents and marks, fold Arabic letter variants: as text.normalize. */
export function fold(text) {
  const bare = String(text ?? "").toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "");
  return (bare.replace(FOLDED, (ch) => FOLD.get(ch)).match(/[\p{L}\p{N}]+/gu) ?? []).join(" ");
}

/** A word's stems in every language, each once (the word itself where a stemmer keeps it). */
export function stems(word) {
  if (word.length < MIN_STEM || !LATIN.test(word)) return [word];
  const found = STEMMERS.map((stem) => {
    const value = stem(word);
    return value.length >= MIN_STEM_LENGTH ? value : word;
  });
  return [...new Set(found)];
}

export const isArabic = (word) => ARABIC.test(word);
export const withoutArticle = (word) => word.replace(ARTICLE, "");

/** An Arabic query word without the prefixes and endings that leave a known word. */
export function arabicForms(word, known) {
  const forms = [];
  let bare = word;
  const found = word.match(PREFIX);
  for (let cut = found ? found[0].length : 0; cut > 0; cut--) {
    const rest = withoutArticle(word.slice(cut));
    if (rest.length >= 2 && known(rest)) {
      forms.push(rest);
      bare = rest;
      break;
    }
  }
  for (const ending of SUFFIXES) {
    const rest = bare.slice(0, -ending.length);
    if (bare.endsWith(ending) && rest.length >= MIN_STEM && known(rest)) forms.push(rest);
  }
  return forms;
}

/** The words a query looks for ({text, exact, stems}): as analyze.query_words. */
export function queryWords(query, stop, known) {
  let words = [...new Set(fold(String(query ?? "").slice(0, MAX_QUERY)).split(" ").filter(Boolean))].slice(0, MAX_WORDS);
  if (words.length > 1) {
    const kept = words.filter((w) => !stop.has(w) && w.length > 1);
    if (kept.length) words = kept;
  }
  return words.map((word) => {
    if (isArabic(word)) {
      const base = withoutArticle(word);
      return { text: base, exact: [...new Set([word, base, ...arabicForms(word, known)])], stems: [] };
    }
    return { text: word, exact: [word], stems: stems(word) };
  });
}

export const NAME = 0, KEYWORD = 1, DESCRIPTION = 2;
export const EXACT = 0, STEM = 1, PREFIX_MATCH = 2, TYPO = 3;
const WEIGHT = [[30, 20, 10], [24, 16, 8], [18, 12, 6], [6, 4, 2]];

export function typosAllowed(word) {
  return word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
}

// Three rows of the edit table, reused: distance() runs for thousands of keys per keystroke.
let rows = [new Int32Array(80), new Int32Array(80), new Int32Array(80)];

/** Edits from a to b (a swap of two letters is one), or bound + 1 beyond bound. */
export function distance(a, b, bound) {
  if (Math.abs(a.length - b.length) > bound) return bound + 1;
  if (b.length + 1 > rows[0].length) rows = rows.map(() => new Int32Array(2 * b.length + 2));
  let [before, row, current] = rows;
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let low = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const bj = b.charCodeAt(j - 1);
      let value = Math.min(row[j] + 1, current[j - 1] + 1, row[j - 1] + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) value = Math.min(value, before[j - 2] + 1);
      current[j] = value;
      if (value < low) low = value;
    }
    if (low > bound) return bound + 1;
    [before, row, current] = [row, current, before];
  }
  return Math.min(row[b.length], bound + 1);
}

function lowerBound(sorted, value) {
  let lo = 0, hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Documents ({k: [name, keywords, description], needs}) under their keys, and the needs'
 * keywords ({need: keys}; `localKeys`: the reader's own language's) beside them: as rank.Index.
 * Descriptions are scanned, not indexed (rank.Index says why): this index is built on a cheap
 * phone's main thread, and names and keywords are a fifth of a service's keys. */
export class Index {
  constructor(documents, needKeys, stop, localKeys = {}) {
    this.size = documents.length;
    this.stop = stop instanceof Set ? stop : new Set(stop);
    this.postings = new Map(); // key -> [doc * 4 + tier, ...] for names and keywords
    const described = []; // " key key ... " per document, joined into one text below
    this.byNeed = new Map();
    documents.forEach((document, doc) => {
      for (let tier = 0; tier < 2; tier++) {
        const keys = document.k[tier];
        if (!keys) continue;
        for (const key of keys.split(" ")) {
          const list = this.postings.get(key);
          if (list) list.push(doc * 4 + tier);
          else this.postings.set(key, [doc * 4 + tier]);
        }
      }
      described.push(" " + document.k[2] + " ");
      for (const need of document.needs) {
        const list = this.byNeed.get(need);
        if (list) list.push(doc);
        else this.byNeed.set(need, [doc]);
      }
    });
    this.needPostings = new Map(); // key -> [need, ...]
    for (const [need, keys] of Object.entries(needKeys)) {
      for (const key of new Set(keys.split(" "))) {
        const list = this.needPostings.get(key);
        if (list) list.push(need);
        else this.needPostings.set(key, [need]);
      }
    }
    this.local = new Set();
    for (const [need, keys] of Object.entries(localKeys ?? {})) for (const key of keys.split(" ")) this.local.add(key + " " + need);
    // Code-unit order, as Python sorts str (both are BMP here).
    this.keys = [...new Set([...this.postings.keys(), ...this.needPostings.keys()])].sort();
    this.byLength = new Map();
    for (const key of this.keys) {
      if (key.startsWith(STEM_MARK)) continue;
      const list = this.byLength.get(key.length);
      if (list) list.push(key);
      else this.byLength.set(key.length, [key]);
    }
    this.known = (key) => this.postings.has(key) || this.needPostings.has(key);
    this.cache = new Map(); // query word -> its scores (a query grows a word at a time)
    // Every description in one text: a word is found by indexOf over it, and its document
    // by where it starts (one scan of native code instead of a thousand calls).
    this.text = described.join("\n");
    this.starts = new Int32Array(described.length + 1);
    for (let doc = 0, at = 0; doc < described.length; doc++) {
      this.starts[doc] = at;
      at += described[doc].length + 1;
    }
    this.starts[described.length] = this.text.length + 1;
  }

  /** Per document, how a word matches its description at best: the word itself (EXACT), a
   * stem (STEM) or a word's start (PREFIX_MATCH); never a typo. */
  describedBy(word) {
    const exact = new Set(word.exact);
    const stems = new Set([...word.stems, ...word.exact].flatMap((form) => [form, STEM_MARK + form]));
    const forms = [word.text, ...word.exact, ...word.stems];
    let common = word.text;
    for (const form of forms) while (!form.startsWith(common)) common = common.slice(0, -1);
    const patterns = common ? [" " + common, " " + STEM_MARK + common] : [...new Set([...forms, ...[...stems]])].map((f) => " " + f);
    const found = new Map(); // doc -> how
    for (const pattern of patterns) {
      for (let at = this.text.indexOf(pattern); at !== -1; at = this.text.indexOf(pattern, at + 1)) {
        const key = this.text.slice(at + 1, this.text.indexOf(" ", at + 1));
        const how = exact.has(key) ? EXACT : stems.has(key) ? STEM : key.startsWith(word.text) ? PREFIX_MATCH : -1;
        if (how < 0) continue;
        let lo = 0, hi = this.size - 1; // the document whose text holds `at`
        while (lo < hi) {
          const mid = (lo + hi + 1) >>> 1;
          if (this.starts[mid] <= at) lo = mid;
          else hi = mid - 1;
        }
        if (!found.has(lo) || how < found.get(lo)) found.set(lo, how);
      }
    }
    return found;
  }

  /** The keys of names and keywords a query word matches, each with how. */
  matches(word) {
    const found = new Map();
    for (const key of word.exact) if (this.known(key)) found.set(key, EXACT);
    for (const form of [...word.stems, ...word.exact]) {
      for (const key of [form, STEM_MARK + form]) if (!found.has(key) && this.known(key)) found.set(key, STEM);
    }
    for (let i = lowerBound(this.keys, word.text); i < this.keys.length; i++) {
      const key = this.keys[i];
      if (!key.startsWith(word.text)) break;
      if (!found.has(key)) found.set(key, PREFIX_MATCH);
    }
    const allowed = typosAllowed(word.text);
    for (let length = word.text.length - allowed; length <= word.text.length + allowed; length++) {
      for (const key of this.byLength.get(length) ?? []) {
        if (!found.has(key) && distance(word.text, key, allowed) <= allowed) found.set(key, TYPO);
      }
    }
    return found;
  }

  scores(word) {
    const id = word.text + "\u0000" + word.exact.join(" ");
    if (this.cache.has(id)) return this.cache.get(id);
    const best = new Map(); // doc -> [weight, 1 if a match is no typo]
    const add = (doc, weight, clean) => {
      const found = best.get(doc);
      if (!found) best.set(doc, [weight, clean]);
      else {
        if (weight > found[0]) found[0] = weight;
        found[1] |= clean;
      }
    };
    for (const [key, how] of this.matches(word)) {
      const clean = how === TYPO ? 0 : 1;
      for (const posting of this.postings.get(key) ?? []) add(posting >> 2, WEIGHT[how][posting & 3], clean);
      for (const need of this.needPostings.get(key) ?? []) {
        const weight = WEIGHT[how][KEYWORD] + (this.local.has(key + " " + need) ? 1 : 0);
        for (const doc of this.byNeed.get(need) ?? []) add(doc, weight, clean);
      }
    }
    for (const [doc, how] of this.describedBy(word)) add(doc, WEIGHT[how][DESCRIPTION], 1);
    if (this.cache.size > 64) this.cache.clear();
    this.cache.set(id, best);
    return best;
  }

  /** {order, partial, words}: as rank.Index.search. `isOpen(doc)` breaks ties. */
  search(query, isOpen = () => false) {
    const words = queryWords(query, this.stop, this.known);
    if (!words.length) return { order: Array.from({ length: this.size }, (_, i) => i), partial: false, words: 0 };
    const hits = new Map(); // doc -> [words matched, weight, words matched without a typo]
    for (const word of words) {
      for (const [doc, [weight, clean]] of this.scores(word)) {
        const total = hits.get(doc);
        if (total) {
          total[0] += 1;
          total[1] += weight;
          total[2] += clean;
        } else hits.set(doc, [1, weight, clean]);
      }
    }
    let chosen = [...hits.keys()].filter((doc) => hits.get(doc)[0] === words.length);
    const everything = chosen.length > 0;
    // Partial matches only where some word matched as typed (as rank.py says why).
    if (!everything) chosen = [...hits.keys()].filter((doc) => hits.get(doc)[2] > 0);
    const partial = !everything && chosen.length > 0;
    const open = new Map(chosen.map((doc) => [doc, isOpen(doc) ? 0 : 1]));
    chosen.sort((a, b) => hits.get(b)[0] - hits.get(a)[0] || hits.get(b)[1] - hits.get(a)[1] || open.get(a) - open.get(b) || a - b);
    return { order: chosen, partial, words: words.length };
  }
}

/** When nothing matches: the needs whose keywords come closest to the query's words, best
 * first (each word against each key: the share of its letters that need no edit). */
export function closestNeeds(query, needKeys, stop, count = 3) {
  const words = queryWords(query, new Set(stop), () => false).map((w) => w.text).filter((w) => w.length > 1);
  const scored = Object.entries(needKeys).map(([need, keys], order) => {
    let best = 0;
    for (const key of keys.split(" ")) {
      if (key.startsWith(STEM_MARK)) continue;
      for (const word of words) {
        const longest = Math.max(word.length, key.length);
        const common = key.startsWith(word) || word.startsWith(key) ? Math.min(word.length, key.length) : 0;
        const close = Math.max(common, longest - distance(word, key, longest)) / longest;
        if (close > best) best = close;
      }
    }
    return { need, best, order };
  });
  scored.sort((a, b) => b.best - a.best || a.order - b.order);
  return scored.slice(0, count).map((s) => s.need);
}
Index.closestNeeds = closestNeeds;
