"""The per-locale directory snapshot: one JSON document the browser renders, searches,
filters and keeps for offline use. Versioned by the directory revision; rebuilt on change."""

from __future__ import annotations

import gzip
import hashlib
import json
import threading
from dataclasses import dataclass

from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp import models as m
from rxapp.services import directory

FORMAT = 1  # bump when the document's shape changes


@dataclass(frozen=True)
class Snapshot:
    """A built snapshot: the JSON bytes, their gzip and the ETag."""

    revision: int
    body: bytes
    gzipped: bytes
    etag: str


def revision(session: Session) -> int:
    """The directory's current revision (0 for an empty directory)."""
    row = session.get(m.DirectoryRevision, 1)
    return row.revision if row else 0


def build(session: Session, locale: str, *, timezone: str) -> Snapshot:
    """Build one locale's snapshot from the database."""
    current = revision(session)
    row = session.get(m.DirectoryRevision, 1)
    services = directory.public_services(session=session, locale=locale)
    document = {
        "format": FORMAT,
        "locale": locale,
        "revision": current,
        "updated": row.changed_at.isoformat() if row else None,
        "timezone": timezone,
        "services": [s.model_dump(mode="json") for s in services],
    }
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()
    digest = hashlib.sha256(body).hexdigest()[:20]
    return Snapshot(current, body, gzip.compress(body, 6), f'"{locale}-{current}-{digest}"')


class SnapshotCache:
    """Snapshots per locale, rebuilt when the revision moves (one small query per request)."""

    def __init__(self, engine: Engine, timezone: str) -> None:
        self._engine = engine
        self._timezone = timezone
        self._lock = threading.Lock()
        self._built: dict[str, Snapshot] = {}

    def get(self, locale: str) -> Snapshot:
        """The current snapshot of a locale."""
        with Session(self._engine) as session:
            current = revision(session)
            cached = self._built.get(locale)
            if cached is not None and cached.revision == current:
                return cached
            with self._lock:
                snapshot = build(session, locale, timezone=self._timezone)
                self._built[locale] = snapshot
                return snapshot
