"""The per-locale directory snapshot the browser renders, searches, filters and keeps offline.

It is split so that no page waits for the whole directory (10,000 services and more):

- ``index.json``: revision, counts per need, the locale's time labels and the names of the
  parts below. Small; revalidated with its ETag on every visit.
- ``cards-<n>-<hash>.json``: list cards, in name order, a fixed number per part. Lists and
  search render the first part at once and fill in as the rest arrives.
- ``keys-<n>-<hash>.json``: the search keys of the cards of ``cards-<n>`` (same order), by
  tier: name, keywords, description, in every language. Only the search page loads them: they
  weigh four times the cards, and a list never searches.
- ``detail-<n>-<hash>.json``: full services, grouped by a stable hash of the slug
  (``bucket``), so a detail page fetches the index and one small part.
- ``words-0-<hash>.json``: what search needs besides the cards' keys: each need's keywords
  (of every locale, and of this one) and the filler words (``rxapp.services.search.words``).

Parts are named by their content hash: immutable, cached forever, and an edit re-downloads
only the parts it changed.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import threading
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp import models as m
from rxapp.services import directory
from rxapp.services.search import stored, words
from rxapp.services.search.online import OnlineSearch
from rxapp.services.views import ServicePublic

FORMAT = 4  # bump when the documents' shape changes
CARD_FIELDS = (
    "slug",
    "name",
    "organization",
    "needs",
    "is_free",
    "no_documents_needed",
    "status",
    "is_sample",
)


@dataclass(frozen=True)
class Part:
    """One served JSON document: its bytes, their gzip and the ETag."""

    body: bytes
    gzipped: bytes
    etag: str


@dataclass(frozen=True)
class Snapshot:
    """A locale's index and its named parts, for one directory revision."""

    revision: int
    index: Part
    parts: dict[str, Part] = field(default_factory=dict)


def bucket(slug: str, buckets: int) -> int:
    """The detail part holding a slug: FNV-1a over UTF-8 (the browser computes the same)."""
    value = 0x811C9DC5
    for byte in slug.encode():
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value % buckets


def revision(session: Session) -> int:
    """The directory's current revision (0 for an empty directory)."""
    row = session.get(m.DirectoryRevision, 1)
    return row.revision if row else 0


def _part(document: Any) -> tuple[str, Part]:
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    digest = hashlib.sha256(body).hexdigest()[:16]
    return digest, Part(body, gzip.compress(body, 6), f'"{digest}"')


def card(service: ServicePublic, since: str) -> dict[str, Any]:
    """What a list needs of a service: enough for its card, filters, open-now and search."""
    row: dict[str, Any] = {name: getattr(service, name) for name in CARD_FIELDS}
    row["other"] = bool(service.other_locales)
    row["slots"] = service.slots
    # Past exceptions cannot change open-now; keep yesterday's for slots that pass midnight.
    row["exceptions"] = [[e.date, e.closed, e.opens, e.closes] for e in service.exceptions if e.date >= since]
    row["geo"] = next(
        ([place.latitude, place.longitude] for place in service.locations if place.latitude is not None),
        None,
    )
    return row


def keys(service: ServicePublic) -> list[str]:
    """A card's search keys by tier: name, keywords, description (``stored.tiers``)."""
    return list(stored.tiers(service.search))


def words_part(locale: str) -> dict[str, Any]:
    """The needs' keywords (all locales, and the reader's own) and the filler words, as keys."""
    return {"needs": words.need_keys(), "local": words.local_keys(locale), "stop": sorted(words.filler())}


def build(session: Session, locale: str, *, timezone: str, per_part: int, since: str) -> Snapshot:
    """Build one locale's index and parts from the database."""
    current = revision(session)
    row = session.get(m.DirectoryRevision, 1)
    services = directory.public_services(session=session, locale=locale)
    parts: dict[str, Part] = {}

    cards = [card(s, since) for s in services]
    card_names = []
    key_names = []
    for number, start in enumerate(range(0, len(cards), per_part)):
        digest, part = _part({"cards": cards[start : start + per_part]})
        card_names.append(f"cards-{number}-{digest}")
        parts[card_names[-1]] = part
        digest, part = _part({"keys": [keys(s) for s in services[start : start + per_part]]})
        key_names.append(f"keys-{number}-{digest}")
        parts[key_names[-1]] = part

    # A detail weighs about two cards: half as many per part keeps parts alike in size.
    buckets = max(1, math.ceil(len(services) / max(1, per_part // 2)))
    grouped: list[list[dict[str, Any]]] = [[] for _ in range(buckets)]
    for service in services:
        grouped[bucket(service.slug, buckets)].append(service.model_dump(mode="json", exclude={"search"}))
    detail_names = []
    for number, group in enumerate(grouped):
        digest, part = _part({"services": group})
        detail_names.append(f"detail-{number}-{digest}")
        parts[detail_names[-1]] = part

    digest, part = _part(words_part(locale))
    words_name = f"words-0-{digest}"
    parts[words_name] = part

    times: dict[str, str] = {}
    counts: dict[str, int] = {}
    for service in services:
        times.update(service.times)
        for need in service.needs:
            counts[need] = counts.get(need, 0) + 1
    _, index = _part(
        {
            "format": FORMAT,
            "locale": locale,
            "revision": current,
            "updated": row.changed_at.isoformat() if row else None,
            "timezone": timezone,
            "total": len(services),
            "counts": counts,
            "times": times,
            "cards": card_names,
            "details": detail_names,
            "keys": key_names,
            "words": words_name,
        }
    )
    return Snapshot(current, index, parts)


class SnapshotCache:
    """Snapshots per locale, rebuilt when the revision moves (one small query per request).

    A rebuild of a large directory takes seconds (about 20 s for 10,000 services): while it
    runs in the background, readers get the previous snapshot instead of waiting. Only the
    very first request of a locale waits for a build.
    """

    def __init__(self, engine: Engine, timezone: str, per_part: int, clock: Any) -> None:
        self._engine = engine
        self._timezone = timezone
        self._per_part = per_part
        self._yesterday = clock  # () -> ISO date of yesterday in the centre's time zone
        self._lock = threading.Lock()
        self._building: set[str] = set()
        self._built: dict[str, tuple[str, Snapshot]] = {}
        self._online: dict[str, tuple[Snapshot, OnlineSearch]] = {}

    def _key(self) -> tuple[str, int]:
        with Session(self._engine) as session:
            return self._yesterday(), revision(session)

    def _build(self, locale: str) -> Snapshot:
        since = self._yesterday()
        with Session(self._engine) as session:
            snapshot = build(session, locale, timezone=self._timezone, per_part=self._per_part, since=since)
        # The online search too, so the first person to search does not wait for its index.
        search = _online(snapshot)
        with self._lock:
            self._built[locale] = (since, snapshot)
            self._online[locale] = (snapshot, search)
            self._building.discard(locale)
        return snapshot

    def get(self, locale: str) -> Snapshot:
        """The current snapshot of a locale, or the previous one while the new one is built."""
        since, current = self._key()
        with self._lock:
            cached = self._built.get(locale)
            if cached is not None and cached[1].revision == current and cached[0] == since:
                return cached[1]
            if cached is not None:
                if locale not in self._building:
                    self._building.add(locale)
                    threading.Thread(target=self._build, args=(locale,), daemon=True).start()
                return cached[1]
        return self._build(locale)

    def online(self, locale: str) -> OnlineSearch:
        """Search over the locale's current snapshot (its index is built on the first search)."""
        snapshot = self.get(locale)
        with self._lock:
            found = self._online.get(locale)
        if found is not None and found[0] is snapshot:
            return found[1]
        made = _online(snapshot)
        with self._lock:
            self._online[locale] = (snapshot, made)
        return made


def _online(snapshot: Snapshot) -> OnlineSearch:
    return OnlineSearch(json.loads(snapshot.index.body), lambda name: snapshot.parts[name].body)
