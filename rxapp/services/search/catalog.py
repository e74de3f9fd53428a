"""Every service of the directory, of any status, searchable on the server (the desk, and
``directory.list_services``): one index per directory revision, built from the stored keys."""

from __future__ import annotations

import gc
import threading
from collections import defaultdict
from collections.abc import Collection, Set
from dataclasses import dataclass

from sqlmodel import Session, select

from rxapp import models as m
from rxapp.services.search import stored, words
from rxapp.services.search.rank import Index
from rxapp.services.text import normalize


@dataclass(frozen=True)
class Catalog:
    """Service ids in name order and their index (document i is ``ids[i]``)."""

    revision: int
    ids: list[int]
    index: Index


_lock = threading.Lock()
_built: dict[str, Catalog] = {}
# A catalog of this many services or more is kept out of the collector's full passes (``_settle``).
SETTLE_FROM = 2_000
_settling = threading.Lock()


def _revision(session: Session) -> int:
    row = session.get(m.DirectoryRevision, 1)
    return row.revision if row else 0


def build(session: Session) -> Catalog:
    """Index every service from its stored keys and needs."""
    rows = sorted(
        session.exec(select(m.Service.id, m.Service.name, m.Service.search_text)).all(),
        key=lambda row: normalize(row[1]),
    )
    needs: dict[int, list[str]] = defaultdict(list)
    for service_id, slug in session.exec(
        select(m.ServiceCategory.service_id, m.ServiceCategory.category_slug)
    ):
        needs[service_id].append(slug)
    ids = [service_id or 0 for service_id, _, _ in rows]
    documents = [stored.document(text, needs[service_id or 0]) for service_id, _, text in rows]
    return Catalog(_revision(session), ids, Index(documents, words.need_keys(), words.filler()))


def catalog(session: Session) -> Catalog:
    """The index of the directory as it is now (rebuilt when the directory's revision moved)."""
    bind = session.get_bind()
    key = str(getattr(bind, "url", id(bind)))
    current = _revision(session)
    with _lock:
        found = _built.get(key)
    if found is not None and found.revision == current:
        return found
    made = build(session)
    with _lock:
        _built[key] = made
    if len(made.ids) >= SETTLE_FROM:
        _settle()
    return made


def _settle() -> None:
    """Move what the worker holds now (a new catalog: millions of small objects at 10,000
    services) out of the cyclic collector's reach, so its full passes stop walking them.

    Measured (issue 20, ``bench.gc_pauses`` and ``bench.hsds``): each full pass over a
    10,000-service catalog took ~105 ms in one process, the API's by-need pages' 5 % tail
    served; frozen, under 1 ms. Thawed and collected
    first, each time: the previous catalog and any cycle that became garbage since the last
    freeze are collected, so nothing frozen leaks for longer than one directory revision.
    Reference counting frees frozen objects as it always does.
    """
    with _settling:
        gc.unfreeze()
        gc.collect()
        gc.freeze()


def find(session: Session, query: str, among: Collection[int] | None = None) -> list[int]:
    """Ids of the services matching a query, best first (partial matches when none match all)."""
    made = catalog(session)
    order = [made.ids[doc] for doc in made.index.search(query).order]
    if among is None:
        return order
    allowed = among if isinstance(among, Set) else set(among)
    return [service_id for service_id in order if service_id in allowed]
