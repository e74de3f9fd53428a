"""What a request costs the database: a part none (named by its content), the index one query
per ``revision_ttl`` (bench/serving.py: the app answered 0.10-0.14x Caddy's static rate with a
query and a thread per request)."""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from rxapp.services.snapshot import SnapshotCache
from tests.data.snapshots import SINCE, TZ, edit, slugs


@pytest.fixture
def queries(sample_copy: Engine) -> Iterator[list[str]]:
    """The statements the engine runs from now on."""
    seen: list[str] = []

    def record(*args: Any) -> None:
        seen.append(str(args[2]))

    sa.event.listen(sample_copy, "before_cursor_execute", record)
    yield seen
    sa.event.remove(sample_copy, "before_cursor_execute", record)


def _cache(engine: Engine, folder: Path, ttl: float) -> SnapshotCache:
    return SnapshotCache(engine, TZ, 8, lambda: SINCE, folder, revision_ttl=ttl)


def _clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    now = [1000.0]
    monkeypatch.setattr(time, "monotonic", lambda: now[0])  # the cache calls time.monotonic()
    return now


def test_a_part_is_served_by_name_without_a_query(
    sample_copy: Engine, tmp_path: Path, queries: list[str]
) -> None:
    snapshots = _cache(sample_copy, tmp_path, 0.0)
    built = snapshots.get("es")
    name = next(iter(built.parts))
    queries.clear()
    found = snapshots.part("es", name)
    assert found is not None and found.body == built.parts[name].body
    assert snapshots.part("es", "cards-0-0000") is None and snapshots.part("ar", name) is None
    assert queries == []


def test_the_index_asks_the_revision_once_per_ttl(
    sample_copy: Engine, tmp_path: Path, queries: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    now = _clock(monkeypatch)
    snapshots = _cache(sample_copy, tmp_path, 0.25)
    before = snapshots.get("es")
    queries.clear()
    assert snapshots.fresh("es") is before  # within the ttl: no query, no thread
    assert snapshots.get("es") is before
    assert queries == []
    edit(sample_copy, slugs(sample_copy)[0], description="Cambiado hace un momento")
    monkeypatch.setattr(snapshots, "_update_then_done", lambda locale: None)  # no background thread
    assert snapshots.get("es").revision == before.revision  # still within the ttl
    now[0] += 0.25
    assert snapshots.fresh("es") is None  # the ttl is over: the endpoint asks in a thread
    snapshots.get("es")  # reads the new revision, serves the previous snapshot meanwhile
    assert snapshots.update("es").revision == before.revision + 1


def test_without_a_ttl_every_index_request_reads_the_revision(
    sample_copy: Engine, tmp_path: Path, queries: list[str]
) -> None:
    snapshots = _cache(sample_copy, tmp_path, 0.0)
    snapshots.get("es")
    assert snapshots.fresh("es") is None
    queries.clear()
    for _ in itertools.repeat(None, 3):
        snapshots.get("es")
    assert sum("directoryrevision" in query for query in queries) == 3
