"""The per-locale directory snapshot the browser renders, searches, filters and keeps offline.

It is split so that no page waits for the whole directory (10,000 services and more):

- ``index.json``: revision, counts per need, the locale's time labels and the names of the
  parts below. Small; revalidated with its ETag on every visit.
- ``cards-<n>-<hash>.json``: list cards, in name order, about ``per_part`` a part
  (cut where the content says, ``documents.chunks``; ``<n>`` is not a position). Lists and
  search render the first part at once and fill in as the rest arrives.
- ``keys-<n>-<hash>.json``: the search keys of the cards of ``cards-<n>`` (same order), by
  tier: name, keywords, description, in every language. Only the search page loads them: they
  weigh four times the cards, and a list never searches.
- ``detail-<n>-<hash>.json``: full services, grouped by a stable hash of the slug
  (``bucket``), in a number of buckets kept between edits, so a detail page fetches the index and one small part.
- the index's ``alerts``: the locale's alerts not ended and those ended in the last 30 days
  (``rxapp.services.alerts.index_alerts``), so they travel, and stay offline, with the index.
- ``words-0-<hash>.json``: what search needs besides the cards' keys: each need's keywords
  (of every locale, and of this one) and the filler words (``rxapp.services.search.words``).

Parts are named by their content hash: immutable, cached forever, and an edit re-downloads
only the parts it changed. An edit also rebuilds only what it changed (``contents``,
``layout``), and the files outlive a restart (``store``, ``cache``).
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlmodel import Session

from rxapp.services.alerts import cutoff, index_alerts
from rxapp.services.snapshot.cache import SnapshotCache, publish, words
from rxapp.services.snapshot.contents import full, head
from rxapp.services.snapshot.documents import (
    CARD_FIELDS,
    FORMAT,
    Part,
    Snapshot,
    bucket,
    card,
    keys,
    words_part,
)
from rxapp.services.snapshot.store import Store

__all__ = [
    "CARD_FIELDS",
    "FORMAT",
    "Part",
    "Snapshot",
    "SnapshotCache",
    "bucket",
    "build",
    "card",
    "keys",
    "revision",
    "words_part",
]


def revision(session: Session) -> int:
    """The directory's current revision (0 for an empty directory)."""
    return head(session)[0]


def build(session: Session, locale: str, *, timezone: str, per_part: int, since: str) -> Snapshot:
    """Build one locale's index and parts from the database, whole, in memory."""
    contents = full(session, locale, since)
    alerts = index_alerts(session=session, locale=locale, oldest=cutoff(since, ZoneInfo(timezone)))
    return publish(Store(None, locale), contents, per_part, timezone, words(locale), {}, alerts)
