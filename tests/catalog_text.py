"""Is a text shown on a page in the catalog of its locale? For tests that must fail when a page
shows words that no translator could have translated (an English string not marked for gettext,
a raw status such as ``in_progress``).

A text is accepted when it is, whole, one of the locale's translations (placeholders such as
``{count}`` match anything that is itself accepted), a piece of data (names from the database,
countries and languages as Babel names them in the locale, dates and durations as Babel writes
them), or has no letters at all (numbers, codes' punctuation, arrows). A text built of such
parts joined by " · ", ": ", ", " or an arrow is accepted part by part.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import cache
from typing import Literal

from babel.dates import format_date, format_datetime, format_time, format_timedelta
from babel.messages.pofile import read_po

from rxapp.i18n.catalogs import TRANSLATIONS_DIR
from rxapp.i18n.countries import SPOKEN_EXTRA
from rxapp.i18n.formatting import babel_locale, join
from rxapp.i18n.locales import KNOWN

PLACEHOLDER = re.compile(r"\{\w+\}")
LETTERS = re.compile(r"[^\W\d_]+")
# Joins of parts, strongest first: an address keeps its commas when " · " alone splits the text.
SEPARATORS = (
    re.compile(r"\s*(?:·|→|←|—|\n)\s*"),
    re.compile(r"\s*(?:·|→|←|—|:|،|,|;|\(|\)|\n)\s*"),
)
CODE = re.compile(r"#?[A-Z0-9]+(?:[-_/.][A-Z0-9]+)+|#\d+")  # reference codes, record numbers
STRIPPED = " .…!?¿¡\"'«»“”"
INVISIBLE = str.maketrans("", "", "\u200e\u200f\u061c\u2066\u2067\u2068\u2069\u00ad")


def _clean(text: str) -> str:
    return " ".join(text.translate(INVISIBLE).replace("\u00a0", " ").replace("\u202f", " ").split())


@cache
def msgstrs(locale: str) -> tuple[frozenset[str], tuple[re.Pattern[str], ...]]:
    """The locale's translations: those without placeholders as a set, the others as patterns."""
    with (TRANSLATIONS_DIR / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle, locale=locale)
    exact: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        for string in strings:
            string = _clean(string or "")
            if not string:
                continue
            if PLACEHOLDER.search(string):
                pieces = PLACEHOLDER.split(string)
                body = "(.+?)".join(re.escape(piece) for piece in pieces)
                patterns.append(re.compile(body, re.S))
            exact.add(string)
            exact.add(string.strip(STRIPPED))
    return frozenset(exact), tuple(patterns)


@cache
def formatted_words(locale: str) -> frozenset[str]:
    """Words Babel writes in dates, times and durations of the locale (month and day names,
    "a. m.", "min" ...), found by formatting a year of days and many durations."""
    where = babel_locale(KNOWN[locale].babel_data if locale in KNOWN else locale)
    found: set[str] = set()
    start = dt.datetime(2026, 1, 1, 9, 30)
    for day in range(0, 366, 3):
        moment = start + dt.timedelta(days=day, hours=day % 24)
        for form in ("short", "medium", "long", "full"):
            found.update(LETTERS.findall(format_datetime(moment, form, locale=where)))
            found.update(LETTERS.findall(format_date(moment, form, locale=where)))
            found.update(LETTERS.findall(format_time(moment, form, locale=where)))
    widths: tuple[Literal["narrow", "short", "long"], ...] = ("narrow", "short", "long")
    for seconds in (1, 5, 45, 90, 600, 3600, 7200, 86400, 3 * 86400, 20 * 86400, 90 * 86400, 400 * 86400):
        for form in widths:
            found.update(LETTERS.findall(format_timedelta(seconds, format=form, locale=where)))
    return frozenset(found)


@cache
def _list_separators(locale: str) -> re.Pattern[str]:
    """The words Babel joins a list with in the locale (", ", " y ", " و"), as one pattern."""
    joined = join(["\x01", "\x02", "\x03"], locale)
    separators = {piece for piece in re.split("[\x01-\x03]", joined) if piece}
    return re.compile("|".join(re.escape(piece) for piece in sorted(separators, key=len, reverse=True)))


@cache
def babel_names(locale: str) -> frozenset[str]:
    """Countries and languages as Babel names them in the locale, the locales' own names and
    the spoken languages the desk names itself."""
    where = babel_locale(KNOWN[locale].babel_data if locale in KNOWN else locale)
    names = {*where.territories.values(), *where.languages.values(), *SPOKEN_EXTRA.values()}
    names |= {info.native_name for info in KNOWN.values()}
    return frozenset(_clean(str(name)) for name in names)


class CatalogText:
    """Checks texts of one locale against its catalog and an allow-list of data."""

    def __init__(self, locale: str, data: Iterable[str] = ()) -> None:
        self.locale = locale
        self.exact, self.patterns = msgstrs(locale)
        self.data = {_clean(item) for item in data if item and LETTERS.search(item)} | babel_names(locale)
        self.words = formatted_words(locale)
        self.known = self.exact | self.data
        self.long_data = sorted((item for item in self.data if len(item) >= 4), key=len, reverse=True)
        self.lists = _list_separators(locale)

    def accepts(self, text: str, depth: int = 0) -> bool:
        """Whether ``text`` is the catalog's, data, or made of such parts."""
        text = _clean(text)
        bare = text.strip(STRIPPED)
        if not LETTERS.search(text) or CODE.fullmatch(bare):
            return True
        if {text, bare} & self.known:
            return True
        if all(word in self.words for word in LETTERS.findall(text)):
            return True  # a date, a time or a duration
        if depth >= 3:
            return False
        for pattern in self.patterns:
            found = pattern.fullmatch(text) or pattern.fullmatch(bare)
            if found and all(self.accepts(group, depth + 1) for group in found.groups()):
                return True
        reduced = self._without_data(text)
        if reduced != text:
            return self.accepts(reduced, depth + 1)
        for separators in SEPARATORS:
            parts = [part for part in separators.split(bare) if part.strip()]
            if parts != [bare] and all(self.accepts(part, depth + 1) for part in parts):
                return True
        parts = [part for part in self.lists.split(bare) if part.strip()]  # "francés y criollo haitiano"
        return parts != [bare] and all(self.accepts(part, depth + 1) for part in parts)

    def _without_data(self, text: str) -> str:
        """The text with each piece of data in it (whole words, longest first) made a separator."""
        for item in self.long_data:
            start = text.find(item)
            while start >= 0:
                end = start + len(item)
                before = text[start - 1] if start else " "
                after = text[end] if end < len(text) else " "
                if not (before.isalnum() or after.isalnum()):
                    text = f"{text[:start]} · {text[end:]}"
                    start = text.find(item, start + 3)
                else:
                    start = text.find(item, start + 1)
        return text

    def foreign(self, texts: Iterable[str]) -> list[str]:
        """The texts it does not accept, each once, in order."""
        return list(dict.fromkeys(t for t in texts if not self.accepts(t)))
