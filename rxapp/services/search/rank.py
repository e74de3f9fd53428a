"""The search index and its ranking, on the server (the desk, the online search while a phone
has not loaded the whole directory yet). The browser ranks the same way
(``assets/paso/search.mjs``); ``tests/fixtures/search_cases.json`` holds the cases both pass.

Ranking, best first:
1. services matching more of the query's words (all words beat some);
2. the sum over the words of how each matched: in the name (or the organisation's) beats a
   keyword of the service's needs or its own keywords, which beats the description; an
   exact word beats its stem (another form of it), which beats the start of a longer word,
   which beats a typo (in a name or keyword; descriptions match no typo); a keyword of the
   reader's own language weighs one more;
3. open now first; 4. the directory's order (by name).
When no service matches every word, those matching some (one of them without a typo) are
shown, said to be partial.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Callable, Container, Mapping, Sequence
from dataclasses import dataclass

from rxapp.services.search.analyze import STEM_MARK, QueryWord, query_words

NAME, KEYWORD, DESCRIPTION = 0, 1, 2
EXACT, STEM, PREFIX, TYPO = 0, 1, 2, 3
# WEIGHT[how][where]: integers, so Python and JavaScript add them up alike. A typo anywhere
# weighs less than a word or its stem anywhere; an exact keyword more than a name's start.
WEIGHT = ((30, 20, 10), (24, 16, 8), (18, 12, 6), (6, 4, 2))


@dataclass(frozen=True)
class Document:
    """What a service is searched by: keys per tier (space-separated) and its needs."""

    name: str
    keywords: str
    description: str
    needs: Sequence[str]


@dataclass(frozen=True)
class Found:
    """Ranked positions of the matching documents; ``partial`` when none matched every word."""

    order: list[int]
    partial: bool
    words: int


def typos_allowed(word: str) -> int:
    """One typo in a word of 4 letters or more, two from 8."""
    return 2 if len(word) >= 8 else 1 if len(word) >= 4 else 0


def distance(a: str, b: str, bound: int) -> int:
    """Edits from ``a`` to ``b`` (a swap of two letters is one), or ``bound + 1`` beyond ``bound``."""
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        low = current[0]
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, before[j - 2] + 1)
            current[j] = value
            low = min(low, value)
        if low > bound:
            return bound + 1
        before, row = row, current
    return min(row[len(b)], bound + 1)


def _as_typed(word: QueryWord, known: Callable[[str], bool], keys: Sequence[str]) -> dict[str, int]:
    """The keys (sorted ``keys``; ``known`` says whether one exists) a word matches as typed:
    itself or one of its forms (EXACT), a stem (STEM), or as the start of a longer key (PREFIX)."""
    found = {key: EXACT for key in word.exact if known(key)}
    for form in (*word.stems, *word.exact):
        for key in (form, STEM_MARK + form):
            if key not in found and known(key):
                found[key] = STEM
    for key in keys[bisect.bisect_left(keys, word.text) :]:
        if not key.startswith(word.text):
            break
        found.setdefault(key, PREFIX)
    return found


class Run:
    """Where the keys of a run of consecutive documents are (numbered from 0 in the run): the
    index is made of runs, one per part of a snapshot, so that an edit indexes again only the
    parts it changed and joins the others as they were."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self.size = len(documents)
        self.postings: dict[str, list[int]] = defaultdict(list)  # key -> doc * 4 + tier
        self.described: dict[str, list[int]] = defaultdict(list)  # description key -> docs
        self.by_need: dict[str, list[int]] = defaultdict(list)
        for doc, document in enumerate(documents):
            for tier, keys in ((NAME, document.name), (KEYWORD, document.keywords)):
                for key in keys.split():
                    self.postings[key].append(doc * 4 + tier)
            for key in document.description.split():
                self.described[key].append(doc)
            for need in document.needs:
                self.by_need[need].append(doc)


class Needs:
    """The needs' keywords (from the catalogs): key -> needs, and the reader's own language's."""

    def __init__(self, need_keys: Mapping[str, str], local_keys: Mapping[str, str] | None = None) -> None:
        self.postings: dict[str, list[str]] = defaultdict(list)
        for need, keys in need_keys.items():
            for key in dict.fromkeys(keys.split()):
                self.postings[key].append(need)
        self.local = {(key, need) for need, keys in (local_keys or {}).items() for key in keys.split()}


class Index:
    """Documents under their keys, with the needs' keywords (from the catalogs) beside them.

    Names and keywords form the vocabulary that a word's start and typos are looked for in and
    that tells an Arabic prefix from a word; descriptions match a word, its stem or a word's
    start only. (The browser scans descriptions instead of indexing them: its index costs a
    cheap phone a fifth of the time. A typo matching a description was mostly noise anyway:
    "medico" found "Mexico".)
    """

    def __init__(
        self,
        documents: Sequence[Document],
        need_keys: Mapping[str, str],
        stop: Container[str],
        local_keys: Mapping[str, str] | None = None,
    ) -> None:
        self._join([Run(documents)], Needs(need_keys, local_keys), stop)

    @classmethod
    def joined(cls, runs: Sequence[Run], needs: Needs, stop: Container[str]) -> Index:
        """The index of the runs' documents one after another: only the vocabulary is made
        again (milliseconds), no document is indexed again."""
        index = cls.__new__(cls)
        index._join(runs, needs, stop)
        return index

    def _join(self, runs: Sequence[Run], needs: Needs, stop: Container[str]) -> None:
        self.stop = stop
        self.needs = needs
        self.runs: list[tuple[int, Run]] = []  # (its first document's number, the run)
        self.size = 0
        for run in runs:
            self.runs.append((self.size, run))
            self.size += run.size
        self.vocabulary: set[str] = set(needs.postings)
        self.described: set[str] = set()
        for run in runs:
            self.vocabulary.update(run.postings)
            self.described.update(run.described)
        self.keys = sorted(self.vocabulary)
        self.description_keys = sorted(self.described)
        self.by_length: dict[int, list[str]] = defaultdict(list)
        for key in self.keys:
            if not key.startswith(STEM_MARK):
                self.by_length[len(key)].append(key)

    def known(self, key: str) -> bool:
        """Whether some service's name or keywords, or some need, has this key."""
        return key in self.vocabulary

    def matches(self, word: QueryWord) -> dict[str, int]:
        """The keys of names and keywords a query word matches, each with how."""
        found = _as_typed(word, self.known, self.keys)
        allowed = typos_allowed(word.text)
        # An edit changes the set of letters by two at most: a set difference (in C) rules out
        # most keys before the edit table, the search's costliest step.
        letters, most = set(word.text), 2 * allowed
        for length in range(len(word.text) - allowed, len(word.text) + allowed + 1):
            for key in self.by_length.get(length, ()):
                if key in found or len(letters.symmetric_difference(key)) > most:
                    continue
                if distance(word.text, key, allowed) <= allowed:
                    found[key] = TYPO
        return found

    def description_matches(self, word: QueryWord) -> dict[str, int]:
        """The description keys a query word matches: itself, its stem, or a word's start."""
        return _as_typed(word, self.described.__contains__, self.description_keys)

    def _scores(self, word: QueryWord) -> dict[int, list[int]]:
        """Per document, the best weight of this word's matches, and 1 if one is no typo."""
        best: dict[int, list[int]] = {}
        for key, how in self.matches(word).items():
            clean, weights = int(how != TYPO), WEIGHT[how]
            docs = [
                (first + (posting >> 2), weights[posting & 3])
                for first, run in self.runs
                for posting in run.postings.get(key, ())
            ]
            for need in self.needs.postings.get(key, ()):
                weight = weights[KEYWORD] + ((key, need) in self.needs.local)
                docs += [
                    (first + doc, weight) for first, run in self.runs for doc in run.by_need.get(need, ())
                ]
            for doc, weight in docs:
                found = best.setdefault(doc, [0, 0])
                found[0] = max(found[0], weight)
                found[1] |= clean
        for key, how in self.description_matches(word).items():
            weight = WEIGHT[how][DESCRIPTION]
            for first, run in self.runs:
                for doc in run.described.get(key, ()):
                    found = best.setdefault(first + doc, [0, 0])
                    found[0] = max(found[0], weight)
                    found[1] = 1
        return best

    def search(self, query: str, is_open: Callable[[int], bool] = lambda _: False) -> Found:
        """Documents matching the query, best first (see the module's docstring)."""
        words = query_words(query, self.stop, self.known)
        if not words:
            return Found(list(range(self.size)), partial=False, words=0)
        hits: dict[int, list[int]] = {}  # doc -> [words matched, weight, words matched without a typo]
        for word in words:
            for doc, (weight, clean) in self._scores(word).items():
                total = hits.setdefault(doc, [0, 0, 0])
                total[0] += 1
                total[1] += weight
                total[2] += clean
        everything = [doc for doc, (count, _, _) in hits.items() if count == len(words)]
        # Partial matches only where some word matched as typed: a typo alone ("azul" for
        # the Kreyòl "azil") is no reason to show a service when the rest did not match.
        chosen = everything or [doc for doc, (_, _, clean) in hits.items() if clean]
        partial = not everything and bool(chosen)
        order = sorted(chosen, key=lambda doc: (-hits[doc][0], -hits[doc][1], not is_open(doc), doc))
        return Found(order, partial=partial, words=len(words))
