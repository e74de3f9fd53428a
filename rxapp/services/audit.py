"""The audit log: who read or changed which registration, and when.

Every read of a record is written down. A read is opening a record, a search whose results
show it (one row per record shown, ``records``) and an export. The queue list is the
exception: it writes ONE row per view (``AuditAction.QUEUE``, no record id, ``detail`` = the
number of rows shown), not one per record, or every tablet's refresh would flood the log.

The log holds no personal data: record numbers, staff usernames, actions, statuses and
counts only, never a name, phone or note. So it outlives the records it mentions
(retention and erasure leave it in place) and can be shown to any coordinator.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from rxapp.models import AuditAction, AuditEntry, utcnow
from rxapp.services.clock import as_utc

_TABLE = AuditEntry.__table__  # type: ignore[attr-defined]
_DETAIL_MAX = 200  # the column's length (PostgreSQL refuses longer)


@dataclass(frozen=True)
class Actor:
    """Who did it: a staff account, or the system (``staff_id`` None, ``username`` "")."""

    staff_id: int | None
    username: str


SYSTEM = Actor(staff_id=None, username="")


@dataclass(frozen=True)
class AuditRow:
    """One entry of the log as shown to coordinators (``id`` pages through it)."""

    id: int
    at: dt.datetime
    username: str
    action: AuditAction
    record_id: int | None
    detail: str


def _row(
    actor: Actor, action: AuditAction, record_id: int | None, detail: str, at: dt.datetime
) -> dict[str, Any]:
    return {
        "at": as_utc(at),
        "staff_id": actor.staff_id,
        "staff_username": actor.username,
        "action": action,
        "record_id": record_id,
        "detail": detail[:_DETAIL_MAX],
    }


def record(
    *,
    session: Session,
    actor: Actor,
    action: AuditAction,
    record_id: int | None = None,
    detail: str = "",
    now: dt.datetime | None = None,
    commit: bool = True,
) -> None:
    """Write one entry; with ``commit`` false it is committed with the caller's own change."""
    session.execute(sa.insert(_TABLE).values(_row(actor, action, record_id, detail, now or utcnow())))
    if commit:
        session.commit()


def records(
    *,
    session: Session,
    actor: Actor,
    action: AuditAction,
    record_ids: Sequence[int],
    detail: str = "",
    now: dt.datetime | None = None,
    commit: bool = True,
) -> None:
    """Write one entry per record (e.g. each record a search showed) in one statement."""
    if record_ids:
        at = now or utcnow()
        rows = [_row(actor, action, record_id, detail, at) for record_id in record_ids]
        session.execute(sa.insert(_TABLE).values(rows))
    if commit:
        session.commit()


def log(
    *, session: Session, limit: int = 100, before_id: int | None = None, record_id: int | None = None
) -> list[AuditRow]:
    """The newest entries first; ``before_id`` continues after a page, ``record_id`` filters."""
    query = sa.select(_TABLE).order_by(_TABLE.c.id.desc()).limit(limit)
    if before_id is not None:
        query = query.where(_TABLE.c.id < before_id)
    if record_id is not None:
        query = query.where(_TABLE.c.record_id == record_id)
    return [
        AuditRow(
            id=row.id,
            at=as_utc(row.at),
            username=row.staff_username,
            action=AuditAction(row.action),
            record_id=row.record_id,
            detail=row.detail,
        )
        for row in session.execute(query)
    ]
