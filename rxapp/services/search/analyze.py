"""From text to search keys, and from a query to the words it looks for.

A key is a folded word (``text.normalize``) or a form of it that people mean by the same
thing: its Snowball stem in the text's language (es, pt, fr, en), and for Arabic the word
without its article (ال, and the prefixes و ف ب ك ل before it). Services are indexed under
their keys; a query word matches a key exactly, as the start of a key, or with a typo.

The browser runs the same rules (``assets/paso/search.mjs``): both are checked against
``tests/fixtures/search_cases.json``, and the stems against each other over the sample's words.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import snowballstemmer

from rxapp.services.text import normalize

# Snowball's algorithms; the browser has the same ones (assets/paso/vendor/README.md).
STEMMERS = {"es": "spanish", "pt": "portuguese", "fr": "french", "en": "english"}
MIN_STEM = 3  # shorter words are left alone
# A shorter stem is not used: it joins unrelated words across languages ("comer", "comida"
# and the COMAR, the refugee commission, all stem to "com" in Spanish).
MIN_STEM_LENGTH = 4
STEM_MARK = "~"  # a stem is stored as "~medic": a word itself matches better than its stem
MAX_WORDS = 8
MAX_QUERY = 500
_LATIN = re.compile(r"^[a-z]+$")
_ARABIC = re.compile(r"^[\u0600-\u06ff]+$")
# The article, after an optional conjunction (و ف) and preposition (ب ك); "لل" is ل + ال.
_ARTICLE = re.compile(r"^[وف]?(?:[بك]?ال|لل)(?=..)")
_PREFIX = re.compile(r"^[وفبكل]{1,2}")
_SUFFIXES = ("ات", "ين", "ون", "ه", "ي")  # plural, ta marbuta, nisba: stripped on a query only

# Words of a service's texts that are not indexed: they say nothing about a service, and
# their stems would match other languages' words (Portuguese "com" is Spanish "comer"'s
# stem). Folded. Queries drop the translators' longer lists (``words.FILLER``).
FUNCTION_WORDS = {
    "es": "a al como con de del el en es la las le les lo los mas o para pero por que se su sus un una unos unas y ya",
    "pt": "a ao aos as com da das de do dos e em na nas no nos o os ou para pela pelo por que se seu sua um uma",
    "fr": "a au aux avec ce ces d de des du en est et il l la le les ou par pas pour qu que qui se sur un une vos vous",
    "en": "a an and are as at be by for from in is it of on or our the to we with you your",
    "ht": "a ak an e epi ki la li nan ou pa pou se sou te w y yo",
    "ar": "في من على الى عن مع او ان هذا هذه ذلك التي الذي ما لا",
}
_FUNCTION = {lang: frozenset(words.split()) for lang, words in FUNCTION_WORDS.items()}


# One stemmer per language and thread: a snowball stemmer keeps the word it is working on in
# the instance, and snapshots and online searches stem in worker threads at once.
_per_thread = threading.local()


def _stemmer(lang: str) -> Any:
    stemmers: dict[str, Any] = _per_thread.__dict__.setdefault("stemmers", {})
    if lang not in stemmers:
        stemmers[lang] = snowballstemmer.stemmer(STEMMERS[lang])
    return stemmers[lang]


@lru_cache(maxsize=1 << 16)  # a directory repeats its words: reindexing stems each one once
def stem(word: str, lang: str) -> str:
    """The word's stem in ``lang`` (the word itself where there is no stemmer for it)."""
    if lang not in STEMMERS or len(word) < MIN_STEM or not _LATIN.match(word):
        return word
    stemmed = str(_stemmer(lang).stemWord(word))
    return stemmed if len(stemmed) >= MIN_STEM_LENGTH else word


def is_arabic(word: str) -> bool:
    """Whether a folded word is written in Arabic script."""
    return bool(_ARABIC.match(word))


def without_article(word: str) -> str:
    """An Arabic word without its article ("والمأوى" -> "ماوي"), when two letters remain."""
    return _ARTICLE.sub("", word, count=1)


def word_keys(word: str, lang: str) -> list[str]:
    """The keys a folded word of a text in ``lang`` is indexed under."""
    if is_arabic(word):
        base = without_article(word)
        keys = [base]
        # A prefix letter (و ف ب ك ل) may be part of the word ("بطانيات") or not ("وفطور"):
        # index both; a query word is only ever taken without it where that is a word.
        rest = word[1:]
        if word[0] in "وفبكل" and len(rest) >= MIN_STEM and base == word:
            keys.append(rest)
        return keys
    stemmed = stem(word, lang)
    return [word] if stemmed == word else [word, STEM_MARK + stemmed]


def text_keys(texts: Iterable[tuple[str, str]]) -> list[str]:
    """Every key of some texts, each given with its language, in order and once."""
    keys: dict[str, None] = {}
    for text, lang in texts:
        skip = _FUNCTION.get(lang, frozenset())
        for word in normalize(text).split():
            if word not in skip:
                keys.update(dict.fromkeys(word_keys(word, lang)))
    return list(keys)


def any_language_keys(text: str) -> list[str]:
    """Keys of a text whose language is unknown (a coordinator's keywords): every stemmer."""
    return text_keys((text, lang) for lang in (*STEMMERS, ""))


@dataclass(frozen=True)
class QueryWord:
    """One word of a query: the form matched as a prefix or with a typo, the forms matched
    exactly, and its stems in every language (matched against words' stems)."""

    text: str
    exact: tuple[str, ...]
    stems: tuple[str, ...] = ()


def arabic_forms(word: str, known: Callable[[str], bool]) -> list[str]:
    """A query word without the prefixes and endings that leave a known word."""
    forms = []
    bare = word
    found = _PREFIX.match(word)
    for cut in range(len(found.group(0)) if found else 0, 0, -1):
        rest = without_article(word[cut:])
        if len(rest) >= 2 and known(rest):
            forms.append(rest)
            bare = rest
            break
    for ending in _SUFFIXES:
        rest = bare[: -len(ending)]
        if bare.endswith(ending) and len(rest) >= MIN_STEM and known(rest):
            forms.append(rest)
    return forms


def query_words(query: str, stop: Container[str], known: Callable[[str], bool]) -> list[QueryWord]:
    """The words a query looks for: folded, at most eight, each once.

    Words that say nothing about the need (``stop``, the catalogs' lists, and single letters)
    are dropped when the query has other words. ``known`` tells whether a key exists: an
    Arabic word loses a prefix letter or an ending only where what remains is a word.
    """
    words = list(dict.fromkeys(normalize(query[:MAX_QUERY]).split()))[:MAX_WORDS]
    if len(words) > 1:
        kept = [w for w in words if w not in stop and len(w) > 1]
        words = kept or words
    found = []
    for word in words:
        if is_arabic(word):
            base = without_article(word)
            found.append(QueryWord(base, tuple(dict.fromkeys([word, base, *arabic_forms(word, known)]))))
        else:
            stems = dict.fromkeys(stem(word, lang) for lang in STEMMERS)
            found.append(QueryWord(word, (word,), tuple(stems)))
    return found
