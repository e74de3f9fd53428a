"""Gettext catalogs from ``translations/``: compiled ``.mo`` when fresh, else the ``.po``.

Reading the ``.po`` when it is newer than its ``.mo`` means a translator's saved file shows
up on the next build or reload without a manual compile step; production compiles at build.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from rxapp.i18n.locales import KNOWN

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent.parent / "translations"
DOMAIN = "messages"


def _paths(tag: str) -> tuple[Path, Path]:
    folder = TRANSLATIONS_DIR / tag / "LC_MESSAGES"
    return folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"


@cache
def translations(tag: str) -> NullTranslations:
    """The catalog of one locale (English msgids need none)."""
    po, mo = _paths(tag)
    if mo.exists() and (not po.exists() or mo.stat().st_mtime >= po.stat().st_mtime):
        with mo.open("rb") as handle:
            return Translations(handle, domain=DOMAIN)
    if po.exists():
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=tag)
        buffer = io.BytesIO()
        write_mo(buffer, catalog)
        buffer.seek(0)
        return Translations(buffer, domain=DOMAIN)
    return NullTranslations()


def reload() -> None:
    """Forget loaded catalogs (after a translator saved a file)."""
    translations.cache_clear()


def gettext(tag: str, message: str) -> str:
    """Translate one message into a locale."""
    return translations(tag).gettext(message)


def ngettext(tag: str, singular: str, plural: str, n: int) -> str:
    """Translate a message with a count, by the locale's plural rules."""
    return translations(tag).ngettext(singular, plural, n)


def all_translations(message: str) -> list[str]:
    """A message in every known locale (for search that matches in any language)."""
    return list(dict.fromkeys([message, *(gettext(tag, message) for tag in KNOWN)]))


class Translator:
    """``_`` and ``ngettext`` bound to one locale, for page functions."""

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self._catalog = translations(tag)

    def __call__(self, message: str) -> str:
        return self._catalog.gettext(message)

    def n(self, singular: str, plural: str, n: int) -> str:
        """Plural-aware translation."""
        return self._catalog.ngettext(singular, plural, n)

    def plural(self, singular: str, plural: str) -> dict[str, object]:
        """Every plural form of a message and the catalog's rule, for counts known only in the browser.

        ``rule`` is the gettext ``Plural-Forms`` expression of the locale (C syntax, valid JS).
        """
        rule = get_plural(self.tag)
        found = getattr(self._catalog, "_catalog", {})
        forms = [found.get((singular, i)) for i in range(rule.num_plurals)]
        if not all(forms):  # untranslated (English msgids): English plural rule
            return {"forms": [singular, plural], "rule": "(n != 1)"}
        return {"forms": forms, "rule": rule.plural_expr}
