"""The languages Paso knows: BCP 47 tag, native name, direction and fallback chain."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LocaleInfo:
    """One interface language."""

    tag: str
    native_name: str
    direction: str  # "ltr" or "rtl"
    fallbacks: tuple[str, ...]  # tried in order when a content text is missing
    babel_data: str  # Babel's data for `ht` is a stub, so Kreyòl formats with `fr`


KNOWN: dict[str, LocaleInfo] = {
    info.tag: info
    for info in (
        LocaleInfo("es", "Español", "ltr", ("en",), "es"),
        LocaleInfo("en", "English", "ltr", ("es",), "en"),
        LocaleInfo("fr", "Français", "ltr", ("en", "es"), "fr"),
        LocaleInfo("ht", "Kreyòl ayisyen", "ltr", ("fr", "es", "en"), "fr"),
        LocaleInfo("pt", "Português", "ltr", ("es", "en"), "pt"),
        LocaleInfo("ar", "العربية", "rtl", ("en", "es"), "ar"),
    )
}


def info(tag: str) -> LocaleInfo:
    """The registry entry for a tag (KeyError for an unknown one)."""
    return KNOWN[tag]


def chain(tag: str) -> tuple[str, ...]:
    """The locale itself, then its fallbacks: the order in which content texts are tried."""
    return (tag, *KNOWN[tag].fallbacks)
