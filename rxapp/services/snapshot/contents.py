"""A locale's services as fragments at one directory revision: built whole from the database,
brought up to date from the services stamped with a newer revision, or read back from the
parts on disk."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, col, select

from rxapp import models as m
from rxapp.services import directory
from rxapp.services.directory import BATCH, PUBLIC_STATUSES
from rxapp.services.snapshot.documents import Entry, bucket, entry, from_documents, items, new_day
from rxapp.services.snapshot.layout import Layout
from rxapp.services.views import build_views


@dataclass
class Contents:
    """Every public service's fragments, at ``revision``, cards filtered from ``since``."""

    locale: str
    revision: int
    updated: str | None
    since: str
    entries: dict[str, Entry]
    layout: Layout | None = None
    dirty: set[str] = field(default_factory=set)  # slugs changed since ``layout`` was made


def head(session: Session) -> tuple[int, str | None]:
    """The directory's revision and when it moved."""
    row = session.get(m.DirectoryRevision, 1)
    return (row.revision, row.changed_at.isoformat()) if row else (0, None)


def full(session: Session, locale: str, since: str) -> Contents:
    """Every public service, from the database (seconds at 10,000 services)."""
    revision, updated = head(session)  # first: what is read below is at least this new
    services = directory.public_services(session=session, locale=locale)
    return Contents(locale, revision, updated, since, {s.slug: entry(s, since) for s in services})


def catch_up(session: Session, old: Contents, since: str) -> Contents | None:
    """``old`` brought to the database's revision and to ``since``, or None when a full build
    is due (the database went back, as after a restore, or most services changed)."""
    revision, updated = head(session)
    if revision < old.revision or since < old.since:
        return None
    changed = session.exec(select(m.Service).where(col(m.Service.revision) > old.revision)).all()
    if len(changed) > max(100, len(old.entries) // 2):
        return None
    entries = dict(old.entries)
    dirty = set(old.dirty)
    for service in changed:
        dirty.add(service.slug)
        entries.pop(service.slug, None)
    public = [s for s in changed if s.status in PUBLIC_STATUSES]
    for start in range(0, len(public), BATCH):
        for view in build_views(session, public[start : start + BATCH], old.locale):
            entries[view.slug] = entry(view, since)
    if since != old.since:  # a new day: yesterday's exceptions leave the cards
        for slug, found in entries.items():
            if found.oldest and found.oldest < since:
                entries[slug] = new_day(found, since)
                dirty.add(slug)
    return Contents(old.locale, revision, updated, since, entries, old.layout, dirty)


def from_parts(
    locale: str, state: dict[str, object], index: dict[str, list[str]], read: Callable[[str], bytes]
) -> Contents:
    """The contents a written snapshot holds (to update it after a restart)."""
    details: dict[str, tuple[dict[str, Any], bytes]] = {}
    for name in index["details"]:
        for service, body in items(read(name), "services"):
            details[service["slug"]] = (service, body)
    entries: dict[str, Entry] = {}
    layout = Layout(details=list(index["details"]))
    for position, (cards, tiers) in enumerate(zip(index["cards"], index["keys"], strict=True)):
        rows, keys = items(read(cards), "cards"), items(read(tiers), "keys")
        for (row, card_body), (tier, keys_body) in zip(rows, keys, strict=True):
            detail, detail_body = details[row["slug"]]
            entries[row["slug"]] = from_documents(row, tier, detail, (card_body, keys_body, detail_body))
        group = tuple(row["slug"] for row, _ in rows)
        layout.cards[(position == 0, group)] = (cards, tiers)
        layout.card_order.append((cards, tiers))
    layout.homes = {slug: bucket(slug, len(layout.details)) for slug in entries}
    revision, since, updated = state["revision"], state["since"], state["updated"]
    assert isinstance(revision, int) and isinstance(since, str)
    return Contents(locale, revision, updated if isinstance(updated, str) else None, since, entries, layout)
