"""Stemming from several threads at once (issue 16, found by the load benchmark).

One snowball stemmer per language was shared by every thread, and it keeps the word it is
working on in the instance: snapshots built and searches answered in worker threads at once
got one another's stems (and ``lru_cache`` kept them) or an IndexError. Two workers behind
Caddy then named different ``words`` parts for the same directory, and a phone whose index came
from one worker got 404 for the part from the other (bench/load.py).
"""

from __future__ import annotations

import itertools
from concurrent.futures import ThreadPoolExecutor

import snowballstemmer

from rxapp.services.search import analyze

SYLLABLES = ("co", "mi", "da", "re", "fu", "gio", "sa", "lud", "al", "ber", "gue", "cion")
SUFFIXES = ("", "s", "es", "mente", "idad")


def test_threads_stemming_at_once_get_the_stems_one_thread_gets() -> None:
    """Issue 16, load benchmark: a stemmer shared by threads mixed their words up."""
    words = ["".join(parts) for parts in itertools.product(SYLLABLES, SYLLABLES, SUFFIXES)]
    alone = snowballstemmer.stemmer("spanish")
    expected = {
        word: s if len(s := alone.stemWord(word)) >= analyze.MIN_STEM_LENGTH else word for word in words
    }
    analyze.stem.cache_clear()  # every word stemmed in the threads, none remembered

    def stem_all(start: int) -> dict[str, str]:
        shifted = words[start:] + words[:start]
        return {word: analyze.stem(word, "es") for word in shifted}

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(stem_all, range(0, 8 * 37, 37)))
    analyze.stem.cache_clear()
    assert all(result == expected for result in results)
