"""Assembling a locale's parts from its services' fragments, reusing every part whose services
did not change (by name: the same content hashes to the same name)."""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from rxapp.services.snapshot.documents import (
    FORMAT,
    Entry,
    bucket,
    bucket_count,
    chunks,
    digest,
    dumps,
    joined,
)


@dataclass
class Layout:
    """Which services each part holds, and its name."""

    cards: dict[tuple[bool, tuple[str, ...]], tuple[str, str]] = field(default_factory=dict)
    card_order: list[tuple[str, str]] = field(default_factory=list)  # cards and keys names, in order
    details: list[str] = field(default_factory=list)
    homes: dict[str, int] = field(default_factory=dict)  # slug -> detail bucket

    def names(self) -> list[str]:
        """Every part it names."""
        return [name for pair in self.card_order for name in pair] + self.details


def _number(first: bool, group: tuple[str, ...]) -> int:
    # Not the position: a part keeps its name when a part is inserted before it.
    return 0 if first else 1 + zlib.crc32(group[0].encode()) % 999_999


def assemble(
    entries: dict[str, Entry],
    per_part: int,
    previous: Layout | None,
    dirty: set[str],
    fetch: Callable[[str, str], bytes] | None = None,
) -> tuple[Layout, dict[str, bytes]]:
    """The new layout and the bodies of the parts it adds (``dirty``: slugs changed, added or
    removed since ``previous``; None for previous builds everything). ``fetch(slug, kind)``
    gives a service's "keys" or "detail" fragment when the entries do not hold it yet."""
    fetch = fetch or (lambda slug, kind: getattr(entries[slug], kind))
    ordered = sorted(entries.values(), key=lambda e: e.order)
    made: dict[str, bytes] = {}
    layout = Layout()
    for position, group in enumerate(chunks([e.slug for e in ordered], per_part)):
        key = (position == 0, group)
        known = previous.cards.get(key) if previous else None
        if known is None or not dirty.isdisjoint(group):
            number = _number(position == 0, group)
            cards = joined("cards", [entries[slug].card for slug in group])
            tiers = joined("keys", [fetch(slug, "keys") for slug in group])
            known = (f"cards-{number}-{digest(cards)}", f"keys-{number}-{digest(tiers)}")
            made[known[0]], made[known[1]] = cards, tiers
        layout.cards[key] = known
        layout.card_order.append(known)

    buckets = len(previous.details) if previous else 0
    wanted = bucket_count(len(entries), per_part)
    if not buckets or not wanted // 2 <= buckets <= wanted * 2:  # re-bucket as the directory grows
        buckets, previous = wanted, None
    homes = previous.homes if previous else {}
    layout.homes = {slug: homes.get(slug, -1) for slug in entries}
    for slug, home in layout.homes.items():
        if home < 0:
            layout.homes[slug] = bucket(slug, buckets)
    stale = {layout.homes.get(slug, -1) for slug in dirty} | {homes.get(slug, -1) for slug in dirty}
    grouped: list[list[bytes]] = [[] for _ in range(buckets)]
    for found in ordered:
        home = layout.homes[found.slug]
        if previous is None or home in stale:
            grouped[home].append(fetch(found.slug, "detail"))
    for number in range(buckets):
        if previous is not None and number not in stale:
            layout.details.append(previous.details[number])
            continue
        body = joined("services", grouped[number])
        layout.details.append(f"detail-{number}-{digest(body)}")
        made[layout.details[-1]] = body
    return layout, made


def index(
    entries: dict[str, Entry],
    layout: Layout,
    *,
    locale: str,
    revision: int,
    updated: str | None,
    timezone: str,
    words: str,
    known_times: Mapping[str, str] | None = None,
    alerts: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The index document: what a page needs before any part (``known_times``: time labels
    of services whose details were not read back from disk; ``alerts``: the locale's alerts,
    ``rxapp.services.alerts.index_alerts``)."""
    counts: Counter[str] = Counter()
    times: dict[str, str] = dict(known_times or {})
    for found in entries.values():
        counts.update(found.needs)
        times.update(found.times)
    return {
        "format": FORMAT,
        "locale": locale,
        "revision": revision,
        "updated": updated,
        "timezone": timezone,
        "total": len(entries),
        "counts": dict(sorted(counts.items())),
        "times": dict(sorted(times.items())),
        "cards": [pair[0] for pair in layout.card_order],
        "details": layout.details,
        "keys": [pair[1] for pair in layout.card_order],
        "words": words,
        "alerts": alerts or [],
    }


__all__ = ["Layout", "assemble", "dumps", "index"]
