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
