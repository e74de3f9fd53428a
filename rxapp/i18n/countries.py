"""Countries and spoken languages for the registration form, named in the page's language.

Country names come from Babel; Babel has none for Kreyòl, so ``ht`` names the countries most
often seen on the route in Kreyòl (``kreyol.COUNTRIES``) and the rest in French, which Haitians
read. The nationalities most often seen at the centre come first.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import phonenumbers

from rxapp.i18n import kreyol
from rxapp.i18n.formatting import babel_locale
from rxapp.i18n.locales import info

# Most frequent on the route through Motozintla (see ../shared/notes/product.md).
FREQUENT = ("HN", "GT", "SV", "VE", "HT", "CU", "NI", "EC", "CO", "MX")

# Languages people speak at the desk besides the interface's: Mayan languages of western
# Guatemala and Garifuna. Named in their own language, as in the language switcher.
SPOKEN_EXTRA = {"mam": "Mam", "quc": "K'iche'", "kek": "Q'eqchi'", "cab": "Garifuna"}
# "Other language" on the form: ISO 639-2 "mis", a language that has no code in the list.
OTHER_LANGUAGE = "mis"


def _collation_key(name: str) -> str:
    """Accents, case and hyphens do not move a name ("Égypte" sorts with the E's)."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    letters = "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))
    return " ".join(re.findall(r"\w+", letters))


@cache
def country_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes that are countries with phone numbers (no "EU", "001" ...)."""
    names = babel_locale("en").territories
    return frozenset(code for code in phonenumbers.SUPPORTED_REGIONS if code in names and code != "001")


@cache
def _names(tag: str) -> dict[str, str]:
    names = {code: str(name) for code, name in babel_locale(tag).territories.items()}
    return names | kreyol.COUNTRIES if tag == "ht" else names


def country_name(code: str, tag: str) -> str:
    """A country's name in the reader's language ("Ayiti" in Kreyòl), else its code."""
    return _names(tag).get(code, code)


@cache
def countries(tag: str) -> tuple[tuple[str, str], ...]:
    """(code, name) pairs: the frequent ones first, then the rest in alphabetical order."""
    names = _names(tag)
    frequent = [(code, names[code]) for code in FREQUENT]
    rest = sorted(
        ((code, names.get(code, code)) for code in country_codes() if code not in FREQUENT),
        key=lambda pair: _collation_key(pair[1]),
    )
    return (*frequent, *rest)


def spoken_languages(locales: list[str]) -> tuple[tuple[str, str], ...]:
    """(tag, native name) of the languages a person can tick."""
    return (*((tag, info(tag).native_name) for tag in locales), *SPOKEN_EXTRA.items())


def is_known_country(code: str) -> bool:
    """A code from the list."""
    return code in country_codes()
