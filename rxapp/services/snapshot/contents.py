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
from rxapp.services.numbers_public import part as numbers_part
from rxapp.services.snapshot.documents import Entry, bucket, dumps, entry, from_documents, items, new_day
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
    unread: Unread | None = None  # fragments left on disk when read back after a restart
    numbers: bytes = b""  # the important numbers part (rebuilt whole each time: a few dozen rows)

    def fetch(self, slug: str, kind: str) -> bytes:
        """A service's "keys" or "detail" fragment, read from its part if not held yet."""
        held: bytes = getattr(self.entries[slug], kind)
        if held or self.unread is None:
            return held
        return self.unread.fragment(slug, kind)


@dataclass
class Unread:
    """Where the keys and details of services read back from disk are: read only when a part
    holding them is rebuilt (reading all of them took seconds at 10,000 services)."""

    read: Callable[[str], bytes]
    keys: dict[str, tuple[str, int]]  # slug -> keys part, position
    details: dict[str, str]  # slug -> detail part
    times: dict[str, str]  # the index's time labels (the details hold them service by service)
    loaded: dict[str, dict[str, bytes]] = field(default_factory=dict)

    def fragment(self, slug: str, kind: str) -> bytes:
        """Read the part holding it (once)."""
        name = self.keys[slug][0] if kind == "keys" else self.details[slug]
        if name not in self.loaded:
            if kind == "keys":
                found = [body for _, body in items(self.read(name), "keys")]
                self.loaded[name] = {str(i): body for i, body in enumerate(found)}
            else:
                self.loaded[name] = {s["slug"]: body for s, body in items(self.read(name), "services")}
        return self.loaded[name][str(self.keys[slug][1]) if kind == "keys" else slug]


def head(session: Session) -> tuple[int, str | None]:
    """The directory's revision and when it moved."""
    row = session.get(m.DirectoryRevision, 1)
    return (row.revision, row.changed_at.isoformat()) if row else (0, None)


def full(session: Session, locale: str, since: str) -> Contents:
    """Every public service, from the database (seconds at 10,000 services)."""
    revision, updated = head(session)  # first: what is read below is at least this new
    services = directory.public_services(session=session, locale=locale)
    entries = {s.slug: entry(s, since) for s in services}
    return Contents(locale, revision, updated, since, entries, numbers=numbers(session, locale))


def numbers(session: Session, locale: str) -> bytes:
    """The important numbers part's body (``rxapp.services.numbers_public``)."""
    return dumps(numbers_part(session=session, locale=locale))


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
    listed = numbers(session, old.locale)  # an edit of a number stamps no service
    return Contents(old.locale, revision, updated, since, entries, old.layout, dirty, old.unread, listed)


def from_parts(
    locale: str, state: dict[str, object], index: dict[str, Any], read: Callable[[str], bytes]
) -> Contents:
    """The contents a written snapshot holds (to update it after a restart): the cards are
    read, the keys and details only when needed (``Unread``)."""
    entries: dict[str, Entry] = {}
    layout = Layout(details=list(index["details"]))
    keys: dict[str, tuple[str, int]] = {}
    for position, (cards, tiers) in enumerate(zip(index["cards"], index["keys"], strict=True)):
        rows = items(read(cards), "cards")
        for number, (row, card_body) in enumerate(rows):
            entries[row["slug"]] = from_documents(row, [], {"times": {}}, (card_body, b"", b""))
            keys[row["slug"]] = (tiers, number)
        group = tuple(row["slug"] for row, _ in rows)
        layout.cards[(position == 0, group)] = (cards, tiers)
        layout.card_order.append((cards, tiers))
    layout.homes = {slug: bucket(slug, len(layout.details)) for slug in entries}
    details = {slug: layout.details[home] for slug, home in layout.homes.items()}
    revision, since, updated = state["revision"], state["since"], state["updated"]
    assert isinstance(revision, int) and isinstance(since, str)
    unread = Unread(read, keys, details, dict(index["times"]))
    when = updated if isinstance(updated, str) else None
    return Contents(locale, revision, when, since, entries, layout, unread=unread)
