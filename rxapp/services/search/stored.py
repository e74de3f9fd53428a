"""A service's search keys as stored in ``service.search_text``: computed when its texts
change (``content.reindex_service``), read by the snapshot and the desk without analysing
any text again."""

from __future__ import annotations

from collections.abc import Iterable

from rxapp.services.search.analyze import any_language_keys, text_keys
from rxapp.services.search.rank import Document

# Bump when the keys of the same texts change (analysis rules, stemmers, tiers): ``cli
# migrate`` then recomputes every service's keys.
VERSION = "K1"
_SEPARATOR = "|"  # never in a key: keys are letters and digits


def encode(names: Iterable[tuple[str, str]], keywords: str, descriptions: Iterable[tuple[str, str]]) -> str:
    """The stored keys of texts given as (text, language); each key in its best tier only."""
    name = text_keys(names)
    seen = set(name)
    own = [key for key in any_language_keys(keywords) if key not in seen]
    seen.update(own)
    rest = [key for key in text_keys(descriptions) if key not in seen]
    return _SEPARATOR.join((VERSION, " ".join(name), " ".join(own), " ".join(rest)))


def is_current(stored: str) -> bool:
    """Whether stored keys were made by the current rules."""
    return stored.startswith(VERSION + _SEPARATOR)


def tiers(stored: str) -> tuple[str, str, str]:
    """The name, keyword and description keys (empty when not current)."""
    if not is_current(stored):
        return "", "", ""
    _, name, own, rest = stored.split(_SEPARATOR)
    return name, own, rest


def document(stored: str, needs: Iterable[str]) -> Document:
    """A service's search document."""
    name, own, rest = tiers(stored)
    return Document(name, own, rest, tuple(needs))
