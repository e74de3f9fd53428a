"""Dates, times and lists formatted by Babel for a locale.

Babel's ``ht`` is a stub: Kreyòl takes its names from ``kreyol.py`` and its patterns from ``fr``.
"""

from __future__ import annotations

import datetime as dt
import functools

from babel import Locale
from babel.dates import format_date, format_time, get_datetime_format, get_day_names
from babel.lists import format_list
from babel.numbers import get_decimal_symbol, get_group_symbol

from rxapp.i18n import kreyol
from rxapp.i18n.catalogs import Translator
from rxapp.i18n.locales import KNOWN


@functools.lru_cache(
    maxsize=64
)  # Locale.parse costs ~20 µs; an API page names thousands of languages and times
def babel_locale(tag: str) -> Locale:
    """The Babel locale whose data formats ``tag``."""
    info = KNOWN.get(tag)
    return Locale.parse(info.babel_data if info else tag)


def time_short(value: dt.time, tag: str) -> str:
    """A wall-clock time as the locale writes it (12 or 24 hours): "19:00", "7:00 PM"."""
    known = KNOWN.get(tag)
    pattern = known.time_pattern if known and known.time_pattern else "short"
    return str(format_time(value, format=pattern, locale=babel_locale(tag)))


def datetime_short(value: dt.datetime, tag: str) -> str:
    """A moment such as "2/12/26, 21:35", with the locale's clock (``time_short``)."""
    locale = babel_locale(tag)
    pattern = str(get_datetime_format("short", locale=locale))
    day = str(format_date(value.date(), format="short", locale=locale))
    return pattern.replace("{1}", day).replace("{0}", time_short(value.time(), tag))


def uses_12_hours(tag: str) -> bool:
    """Whether the locale's clock says AM and PM (directory texts must say it too)."""
    return not time_short(dt.time(13, 0), tag).startswith("13")


def date_medium(value: dt.date, tag: str) -> str:
    """A date such as "27 nov 2026"."""
    return str(format_date(value, format="medium", locale=babel_locale(tag)))


def date_long(value: dt.date, tag: str) -> str:
    """A date such as "27 de noviembre de 2026"."""
    if tag == "ht":
        return f"{value.day} {kreyol.MONTHS[value.month - 1]} {value.year}"
    return str(format_date(value, format="long", locale=babel_locale(tag)))


def browser_months(tag: str) -> list[str] | None:
    """Month names for dates the browser writes, where its Intl has no data for the locale
    (Chromium writes Kreyòl dates in French); None where Intl writes them well."""
    return list(kreyol.MONTHS) if tag == "ht" else None


def group_symbol(tag: str) -> str:
    """The locale's thousands separator ("." in es), for numbers the browser formats."""
    return str(get_group_symbol(babel_locale(tag)))


def decimal_symbol(tag: str) -> str:
    """The locale's decimal sign ("," in es), for distances the browser writes."""
    return str(get_decimal_symbol(babel_locale(tag)))


def weekday_names(tag: str) -> list[str]:
    """Monday..Sunday, wide, in the locale (standalone form, capitalised as a label)."""
    if tag == "ht":
        return list(kreyol.WEEKDAYS)
    names = get_day_names("wide", context="stand-alone", locale=babel_locale(tag))
    return [str(names[i]) for i in range(7)]


def join(items: list[str], tag: str) -> str:
    """A list in prose: "español, inglés y francés"."""
    if tag == "ht" and len(items) > 1:
        return f"{', '.join(items[:-1])} {kreyol.AND} {items[-1]}"
    return str(format_list(items, locale=babel_locale(tag)))


def language_name(language: str, tag: str) -> str:
    """The name of a spoken language in the reader's locale, falling back to the tag."""
    if language == "mis":  # "Other language" on the form (rxapp/i18n/countries.py)
        return Translator(tag)("Other language")
    if tag == "ht" and language in kreyol.LANGUAGES:
        return kreyol.LANGUAGES[language]
    name = babel_locale(tag).languages.get(language) or Locale.parse("en").languages.get(language)
    return str(name or language)
