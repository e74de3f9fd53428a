"""What the desk shows: the queue's ids, a record, its reference."""

from __future__ import annotations

from typing import Any

from rxapp.services import records
from tests.data.people import NOW, TZ, Db, opened


def queue_ids(db: Db, *, query: str = "", **options: Any) -> list[int]:
    """The ids the queue shows at ``NOW``."""
    with opened(db) as session:
        return [item.id for item in records.queue(session=session, now=NOW, tz=TZ, query=query, **options)]


def record_of(db: Db, *, registration_id: int) -> records.RecordView:
    """The record the desk shows."""
    with opened(db) as session:
        found = records.record(session=session, registration_id=registration_id)
    assert found is not None
    return found


def reference_of(db: Db, *, registration_id: int) -> str:
    """The reference code, e.g. MTZ-7K4Q."""
    return record_of(db, registration_id=registration_id).reference
