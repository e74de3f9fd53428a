"""The languages Paso knows: BCP 47 tag, native name, direction and fallback chain."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError

from rxapp.settings import get_settings


@dataclass(frozen=True)
class LocaleInfo:
    """One interface language."""

    tag: str
    native_name: str
    direction: str  # "ltr" or "rtl"
    fallbacks: tuple[str, ...]  # tried in order when a content text is missing
    babel_data: str  # Babel's data for `ht` is a stub, so Kreyòl formats with `fr`
    # The clock of hours tables, when the locale's usual one is not Babel's: Babel writes Arabic
    # times as "7:00 م", while the Arabic readers on this route (the Maghreb, Mauritania, the
    # Sahel, Syria) read timetables in 24 hours, as Mexico's signs and the centre's own texts
    # are written: one clock on a page, not "7:00 م" in the table and "19:00" in the text.
    time_pattern: str | None = None


KNOWN: dict[str, LocaleInfo] = {
    info.tag: info
    for info in (
        LocaleInfo("es", "Español", "ltr", ("en",), "es"),
        LocaleInfo("en", "English", "ltr", ("es",), "en"),
        LocaleInfo("fr", "Français", "ltr", ("en", "es"), "fr"),
        LocaleInfo("ht", "Kreyòl ayisyen", "ltr", ("fr", "es", "en"), "fr"),
        LocaleInfo("pt", "Português", "ltr", ("es", "en"), "pt"),
        LocaleInfo("ar", "العربية", "rtl", ("en", "es"), "ar", time_pattern="H:mm"),
    )
}


@cache
def info(tag: str) -> LocaleInfo:
    """The registry entry for a tag; a tag not listed here is described from Babel's data.

    So adding a language is ``cli init <tag>`` plus the tag in ``PASO_LOCALES``.
    """
    if tag in KNOWN:
        return KNOWN[tag]
    locale = Locale.parse(tag)
    direction = "rtl" if locale.character_order == "right-to-left" else "ltr"
    name = locale.get_display_name(tag) or tag
    return LocaleInfo(tag, name[:1].upper() + name[1:], direction, ("es", "en"), tag)


def direction(tag: str) -> str:
    """ "ltr" or "rtl" for any tag (a content text's may be one Paso has no interface in);
    "ltr" when Babel does not know it."""
    try:
        return info(tag).direction
    except (ValueError, UnknownLocaleError):
        return "ltr"


_OPENS = {"ltr": "\u2066", "rtl": "\u2067"}  # LEFT-TO-RIGHT / RIGHT-TO-LEFT ISOLATE
_CLOSES = "\u2069"  # POP DIRECTIONAL ISOLATE


def isolated(text: str, written_in: str, page: str) -> str:
    """``text`` (in the language ``written_in``) as it goes on a page in ``page``: when it is
    written the other way (a Spanish fallback on an Arabic page), each line is isolated in its
    own direction, so "Clases de costura." keeps its full stop at its end. Marks, not a
    ``dir`` per field: the snapshot stays as it is and a text in the page's direction is
    untouched (its own first letter may be Latin: "WhatsApp ..." in Arabic, so no ``dir=auto``)."""
    way = direction(written_in)
    if not text or way == direction(page):
        return text
    return "\n".join(f"{_OPENS[way]}{line}{_CLOSES}" if line else line for line in text.split("\n"))


def chain(tag: str) -> tuple[str, ...]:
    """The locale itself, then its fallbacks: the order in which content texts are tried.

    ``PASO_FALLBACKS`` (e.g. ``{"ht": ["fr", "es", "en"]}``) overrides the registry.
    """
    configured = get_settings().fallbacks.get(tag)
    return (tag, *(configured if configured is not None else info(tag).fallbacks))
