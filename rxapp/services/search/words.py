"""The words translators own for search: each need's keywords and the filler words a query
may drop, in every locale, from the interface catalogs (``translations/*/messages.po``)."""

from __future__ import annotations

from functools import cache

from rxapp.i18n import catalogs
from rxapp.services.search.analyze import text_keys
from rxapp.services.text import normalize
from rxapp.settings import get_settings
from rxapp.taxonomy import N_, NEEDS

# TRANSLATORS: not a translation either: the small words people in your language type around
# what they need ("I need", "where is", "a", "the", "for", "please"), comma-separated. A search
# ignores them when it has other words. Never list a word that names a need (food, doctor…).
FILLER = N_(
    "i, i'm, me, my, we, us, you, a, an, the, to, of, for, in, on, at, by, with, and, or, is, are, am, "
    "be, can, could, get, need, needs, want, looking, look, find, where, how, what, which, who, there, "
    "here, any, some, please, near, nearby, help, urgent, free, today, tonight, now, place, service, services"
)


def _locales() -> tuple[str, ...]:
    return tuple(get_settings().locales)


@cache
def need_keys(locales: tuple[str, ...] | None = None) -> dict[str, str]:
    """Per need, the keys of its name and keywords in every locale (a query in any language)."""
    tags = locales or _locales()
    found = {}
    for need in NEEDS:
        texts = [(need.label, "en"), (need.keywords, "en")]
        for tag in tags:
            texts += [(catalogs.gettext(tag, need.label), tag), (catalogs.gettext(tag, need.keywords), tag)]
        found[need.slug] = " ".join(text_keys(texts))
    return found


@cache
def local_keys(locale: str) -> dict[str, str]:
    """Per need, the keys of its name and keywords in one locale's own catalog: a match there
    counts a little more on that locale's pages ("pain" is bread in French, not pain)."""
    texts = {
        n.slug: [(catalogs.gettext(locale, n.label), locale), (catalogs.gettext(locale, n.keywords), locale)]
        for n in NEEDS
    }
    return {slug: " ".join(text_keys(pairs)) for slug, pairs in texts.items()}


@cache
def filler(locales: tuple[str, ...] | None = None) -> frozenset[str]:
    """Every locale's filler words, folded."""
    tags = locales or _locales()
    words: set[str] = set(normalize(FILLER).split())
    for tag in tags:
        words.update(normalize(catalogs.gettext(tag, FILLER)).split())
    return frozenset(words)


def clear() -> None:
    """Forget the lists (after the catalogs were reloaded)."""
    need_keys.cache_clear()
    local_keys.cache_clear()
    filler.cache_clear()
