"""Choosing the reader's language from a saved choice or the Accept-Language header."""

from __future__ import annotations

from collections.abc import Sequence


def parse_accept_language(header: str) -> list[str]:
    """Language ranges of an Accept-Language header, best first (q=0 dropped)."""
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")[:32]):
        pieces = part.strip().split(";")
        tag = pieces[0].strip().lower()
        if not tag:
            continue
        quality = 1.0
        for param in pieces[1:]:
            name, _, value = param.strip().partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranked.append((-quality, index, tag))
    return [tag for _, _, tag in sorted(ranked)]


def match(tag: str | None, available: Sequence[str]) -> str | None:
    """The available locale for a tag: exact, else its primary language (``es-MX`` -> es)."""
    if not tag:
        return None
    tag = tag.strip().lower().replace("_", "-")
    lowered = {item.lower(): item for item in available}
    if tag in lowered:
        return lowered[tag]
    return lowered.get(tag.split("-")[0])


def negotiate(
    *, saved: str | None, accept_language: str | None, available: Sequence[str], default: str
) -> str:
    """The saved choice if still available, else the best Accept-Language match, else default."""
    chosen = match(saved, available)
    if chosen:
        return chosen
    for tag in parse_accept_language(accept_language or ""):
        chosen = match(tag, available)
        if chosen:
            return chosen
    return default
