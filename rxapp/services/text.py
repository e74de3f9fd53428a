"""Search normalisation shared by the database index and the browser's search."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MAX_TERM = 64
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def normalize(text: str) -> str:
    """Case-fold, strip accents and collapse everything that is not a letter or digit.

    The browser applies the same rules (``assets/paso/search.js``): keep the two in step.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_WORD.findall(stripped))


def terms(texts: Iterable[str]) -> set[str]:
    """The distinct normalised words of some texts, each cut to the indexed length."""
    words: set[str] = set()
    for text in texts:
        words.update(word[:MAX_TERM] for word in normalize(text).split())
    return words


def query_words(query: str, limit: int = 8) -> list[str]:
    """The words of a search query, normalised; at most ``limit`` so a huge query stays cheap."""
    return normalize(query[:500]).split()[:limit]
