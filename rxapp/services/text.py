"""Text folding shared by search, the desk's name search and sorting.

The browser applies the same rules (``assets/paso/search.mjs``, ``fold``); both are checked
against ``tests/fixtures/search_cases.json``.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# After case-folding and dropping marks (accents, Arabic harakat and the hamza/madda that
# NFKD splits off alef, waw and ya): the Arabic letters people write one for another, the
# tatweel, Persian keyboard forms, ligatures NFKD keeps, and Arabic-Indic digits.
_FOLD = str.maketrans(
    {
        "ٱ": "ا",  # alef wasla
        "ة": "ه",  # ta marbuta
        "ى": "ي",  # alef maqsura
        "ی": "ي",  # Persian ya
        "ک": "ك",  # Persian kaf
        "ـ": None,  # tatweel
        "œ": "oe",
        "æ": "ae",
        **{chr(0x660 + i): str(i) for i in range(10)},
        **{chr(0x6F0 + i): str(i) for i in range(10)},
    }
)


def normalize(text: str) -> str:
    """Case-fold, strip accents and marks, fold Arabic letter variants; words joined by spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.category(ch).startswith("M"))
    return " ".join(_WORD.findall(stripped.translate(_FOLD)))


# Characters a person never means to type and a reader cannot see: control characters (a NUL
# is refused by PostgreSQL, so a registration holding one was retried forever, issue 16), bidi
# embeddings, overrides and isolates (they reorder what the desk reads), zero-width space,
# word joiner and BOM (a name of nothing but these looked filled in). Tab and newlines stay
# (a message has lines); the zero-width (non-)joiners stay: Arabic-script words need them.
_INVISIBLE = dict.fromkeys(
    [
        *range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0),
        0x200B, 0x200E, 0x200F, *range(0x202A, 0x202F), 0x2060, *range(0x2066, 0x206A), 0xFEFF,
    ]
)  # fmt: skip


def visible(text: str) -> str:
    """``text`` without invisible control and direction characters (see ``_INVISIBLE``)."""
    return text.translate(_INVISIBLE)
