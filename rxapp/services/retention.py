"""Retention, erasure and export of the records of the people the centre serves.

A registration is deleted, with everything that points at it, once it is older than the
period the consent text names (``retention_days``). Before it goes, it is added to anonymous
per-day counts (``Tally``) so the reports keep counting it. A person may ask for their record
(``export``) or for it to be erased (``erase``) at any time. On SQLite the deleted bytes are
overwritten (``secure_delete``) and the write-ahead log is emptied; on PostgreSQL the space
is reclaimed by autovacuum. Backups age out within the same period (``backup.prune``, run by
every backup and by the retention command and job).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator, Sequence
from enum import Enum
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp import models as m
from rxapp.services import audit
from rxapp.services.clock import as_utc, local_day
from rxapp.services.ratelimit import WINDOW

_REG = m.Registration.__table__  # type: ignore[attr-defined]
_NOTE = m.Note.__table__  # type: ignore[attr-defined]
_STATUS = m.StatusChange.__table__  # type: ignore[attr-defined]
_REFERRAL = m.Referral.__table__  # type: ignore[attr-defined]
_DISMISSAL = m.DuplicateDismissal.__table__  # type: ignore[attr-defined]
_KEY = m.PersonalKey.__table__  # type: ignore[attr-defined]
_APPOINTMENT = m.Appointment.__table__  # type: ignore[attr-defined]
_CALL = m.Call.__table__  # type: ignore[attr-defined]
_SERVICE = m.Service.__table__  # type: ignore[attr-defined]
_STAFF = m.StaffUser.__table__  # type: ignore[attr-defined]
_TALLY = m.Tally.__table__  # type: ignore[attr-defined]
_LOCK = m.JobLock.__table__  # type: ignore[attr-defined]
_COUNTER = m.RateCounter.__table__  # type: ignore[attr-defined]
_SESSION = m.StaffSession.__table__  # type: ignore[attr-defined]
_CHUNK = 500  # ids per statement: well under every database's limit on parameters
LOCK_NAME = "retention"
_LONG_AGO = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)  # a new lock row is free to take


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield list(ids[start : start + _CHUNK])


def _insert(dialect: sa.Dialect) -> Any:
    """The dialect's INSERT, which has ON CONFLICT (SQLite and PostgreSQL alike)."""
    return sqlite_insert if dialect.name == "sqlite" else postgresql_insert


def tally(*, session: Session, registration_ids: Sequence[int], tz: ZoneInfo) -> None:
    """Add these registrations to the anonymous counts, per local day (in ``tz``) of arrival."""
    counts: Counter[tuple[dt.date, str, str]] = Counter()
    for chunk in _chunks(registration_ids):
        people = sa.select(_REG.c.id, _REG.c.created_at, _REG.c.needs, _REG.c.nationality)
        days: dict[int, dt.date] = {}
        for row in session.execute(people.where(_REG.c.id.in_(chunk))):
            day = days[row.id] = local_day(row.created_at, tz)
            counts[day, "registrations", ""] += 1
            counts[day, "nationality", row.nationality or ""] += 1
            for need in row.needs:
                counts[day, "need", need] += 1
        referrals = (
            sa.select(_REFERRAL.c.registration_id, _SERVICE.c.slug)
            .select_from(_REFERRAL.outerjoin(_SERVICE, _REFERRAL.c.service_id == _SERVICE.c.id))
            .where(_REFERRAL.c.registration_id.in_(chunk))
        )
        for row in session.execute(referrals):
            counts[days[row.registration_id], "referral", row.slug or ""] += 1  # "": service gone
    rows = [{"day": d, "metric": m, "key": k, "count": n} for (d, m, k), n in counts.items()]
    for start in range(0, len(rows), _CHUNK):
        statement = _insert(session.get_bind().dialect)(_TALLY).values(rows[start : start + _CHUNK])
        session.execute(
            statement.on_conflict_do_update(
                index_elements=["day", "metric", "key"],
                set_={"count": _TALLY.c.count + statement.excluded.count},
            )
        )


def _delete_people(session: Session, ids: Sequence[int]) -> int:
    """Delete registrations and every row about them; how many registrations went.

    The foreign keys cascade too, but only where they are enforced (SQLite needs its pragma
    on every connection): deleting explicitly does not depend on it.
    """
    connection = session.connection()
    deleted = 0
    for chunk in _chunks(ids):
        # Keys to the person's page too: a phone's secret opens nothing once the record is gone.
        for table in (_NOTE, _STATUS, _REFERRAL, _KEY, _APPOINTMENT, _CALL):
            connection.execute(sa.delete(table).where(table.c.registration_id.in_(chunk)))
        connection.execute(
            sa.delete(_DISMISSAL).where(
                sa.or_(_DISMISSAL.c.first_id.in_(chunk), _DISMISSAL.c.second_id.in_(chunk))
            )
        )
        deleted += connection.execute(sa.delete(_REG).where(_REG.c.id.in_(chunk))).rowcount
    return deleted


def forget_on_disk(session: Session) -> None:
    """Empty SQLite's write-ahead log, which still holds the deleted rows' old pages."""
    if session.get_bind().dialect.name == "sqlite":
        # Best effort: with a reader still open it checkpoints what it can; the next one ends it.
        session.connection().exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        session.commit()


def purge(*, session: Session, days: int, now: dt.datetime, tz: ZoneInfo) -> int:
    """Tally and delete registrations created more than ``days`` ago; how many, in one transaction.

    Also forgets rate-limit windows older than two days and staff sessions that ended or
    began more than a day ago (so a desk signs in again at least every other day).
    """
    moment = as_utc(now)
    old = sa.select(_REG.c.id).where(_REG.c.created_at < moment - dt.timedelta(days=days))
    ids = list(session.execute(old).scalars())
    tally(session=session, registration_ids=ids, tz=tz)
    count = _delete_people(session, ids)
    audit.record(
        session=session, actor=audit.SYSTEM, action=m.AuditAction.RETENTION, detail=f"{count} deleted",
        now=moment, commit=False,
    )  # fmt: skip
    session.execute(
        sa.delete(_COUNTER).where(_COUNTER.c.window < (int(moment.timestamp()) - 2 * 86400) // WINDOW)
    )
    session.execute(
        sa.delete(_SESSION).where(
            sa.or_(_SESSION.c.ended_at.is_not(None), _SESSION.c.created_at < moment - dt.timedelta(days=1))
        )
    )
    session.commit()
    forget_on_disk(session)
    return count


def _take_lock(bind: Engine, *, holder: str, now: dt.datetime, until: dt.datetime) -> bool:
    """Hold the retention lock until ``until`` unless another worker holds an unexpired lease.

    The conditional UPDATE is the lock: the database runs one at a time, and only the first
    finds the lease expired (PostgreSQL re-checks the condition after waiting for the row).
    """
    with bind.begin() as connection:
        missing = _insert(connection.dialect)(_LOCK).values(name=LOCK_NAME, holder="", until=_LONG_AGO)
        connection.execute(missing.on_conflict_do_nothing(index_elements=["name"]))
        taken = connection.execute(
            sa.update(_LOCK)
            .where(_LOCK.c.name == LOCK_NAME, sa.or_(_LOCK.c.until < now, _LOCK.c.holder == holder))
            .values(holder=holder, until=until)
        )
    return taken.rowcount == 1


def run(
    *, bind: Engine, days: int, now: dt.datetime, tz: ZoneInfo, holder: str, lease_seconds: int = 600
) -> int | None:
    """Purge once under the job lock; the count, or None when another worker is running it."""
    moment = as_utc(now)
    if not _take_lock(bind, holder=holder, now=moment, until=moment + dt.timedelta(seconds=lease_seconds)):
        return None
    try:
        with Session(bind) as session:
            return purge(session=session, days=days, now=moment, tz=tz)
    finally:
        with bind.begin() as connection:
            connection.execute(
                sa.update(_LOCK)
                .where(_LOCK.c.name == LOCK_NAME, _LOCK.c.holder == holder)
                .values(until=moment)
            )


def erase(*, session: Session, registration_id: int, actor: audit.Actor, now: dt.datetime) -> bool:
    """Delete one person's record and everything about it, on request; False if there is none."""
    # No tally: a person who asks to be erased leaves the counts too, or the reports would
    # still hold the day they came, their needs and their nationality.
    if not _delete_people(session, [registration_id]):
        session.rollback()
        return False
    audit.record(
        session=session,
        actor=actor,
        action=m.AuditAction.ERASE,
        record_id=registration_id,
        now=now,
        commit=False,
    )
    session.commit()
    forget_on_disk(session)
    return True


def _plain(value: Any) -> Any:
    """A value as JSON has it: instants in ISO 8601 UTC, enums as their value."""
    if isinstance(value, dt.datetime):
        return as_utc(value).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def export(
    *, session: Session, registration_id: int, actor: audit.Actor, now: dt.datetime
) -> dict[str, Any] | None:
    """Everything held about one person, ready for ``json.dumps``; None if there is no record."""
    person = session.execute(sa.select(_REG).where(_REG.c.id == registration_id)).first()
    if person is None:
        return None
    notes = (
        sa.select(_NOTE.c.text, _NOTE.c.created_at, _STAFF.c.display_name)
        .select_from(_NOTE.outerjoin(_STAFF, _NOTE.c.author_id == _STAFF.c.id))
        .where(_NOTE.c.registration_id == registration_id)
        .order_by(_NOTE.c.created_at, _NOTE.c.id)
    )
    statuses = (
        sa.select(_STATUS.c.from_status, _STATUS.c.to_status, _STATUS.c.created_at)
        .where(_STATUS.c.registration_id == registration_id)
        .order_by(_STATUS.c.created_at, _STATUS.c.id)
    )
    referrals = (
        sa.select(_REFERRAL.c.service_name, _REFERRAL.c.consented, _REFERRAL.c.created_at, _REFERRAL.c.note)
        .where(_REFERRAL.c.registration_id == registration_id)
        .order_by(_REFERRAL.c.created_at, _REFERRAL.c.id)
    )
    appointments = (
        sa.select(_APPOINTMENT.c.starts_at, _APPOINTMENT.c.place, _SERVICE.c.name, _APPOINTMENT.c.bring,
                  _APPOINTMENT.c.note)
        .select_from(_APPOINTMENT.outerjoin(_SERVICE, _APPOINTMENT.c.service_id == _SERVICE.c.id))
        .where(_APPOINTMENT.c.registration_id == registration_id)
        .order_by(_APPOINTMENT.c.starts_at, _APPOINTMENT.c.id)
    )  # fmt: skip
    calls = (
        sa.select(_CALL.c.desk, _CALL.c.called_at)
        .where(_CALL.c.registration_id == registration_id)
        .order_by(_CALL.c.called_at, _CALL.c.id)
    )
    # Duplicate dismissals are left out: they only name other people's record numbers. Keys to
    # the person's page too: only their digests are kept, which tell the person nothing.
    result = {
        "exported_at": _plain(now),
        "consent_version": person.consent_version,
        "registration": {name: _plain(value) for name, value in person._mapping.items()},
        "notes": [
            {"text": row.text, "created_at": _plain(row.created_at), "author": row.display_name or ""}
            for row in session.execute(notes)
        ],
        "status_history": [
            {
                "from": _plain(row.from_status),
                "to": _plain(row.to_status),
                "created_at": _plain(row.created_at),
            }
            for row in session.execute(statuses)
        ],
        "referrals": [
            {
                "service": row.service_name,
                "consented": row.consented,
                "created_at": _plain(row.created_at),
                "note": row.note,
            }
            for row in session.execute(referrals)
        ],
        "appointments": [
            {
                "starts_at": _plain(row.starts_at),
                "place": row.place,
                "service": row.name or "",
                "bring": row.bring,
                "note": row.note,
            }
            for row in session.execute(appointments)
        ],
        "calls": [{"desk": row.desk, "called_at": _plain(row.called_at)} for row in session.execute(calls)],
    }
    audit.record(
        session=session, actor=actor, action=m.AuditAction.EXPORT, record_id=registration_id, now=now
    )
    return result
