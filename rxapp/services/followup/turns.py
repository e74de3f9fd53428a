"""Turns: the desk calls a person to a desk number; the person's page shows their turn, the
waiting-room display the codes being called (never a name).

Calling moves the record to IN_PROGRESS, by ``records.set_status``'s rules: any status may
move to any other, each move is a step in the record's history with its author, and the
record's ``updated_at`` moves (the tablets refresh). IN_PROGRESS takes the record out of
"call next" (which calls only NEW and WAITING records), so the next press calls the next
person; a record called again (it came back) moves to IN_PROGRESS from wherever it was.

The person's turn, from the record alone:

- ``waiting``: NEW or WAITING; ``ahead`` = today's records before them still NEW or WAITING
  (None for a record of another day: it is in nobody's line today);
- ``called``: IN_PROGRESS and nothing has happened to the record since its last call
  (``updated_at`` is the call's time): "it is your turn at desk N";
- ``helped``: IN_PROGRESS once the desk has done anything else to it (a note, a referral...);
- ``done``: REFERRED or CLOSED.
"""

from __future__ import annotations

import datetime as dt
import hmac
from enum import StrEnum
from typing import TypedDict
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlmodel import Session, col, func, select

from rxapp.models import AuditAction, Call, DisplayKey, Registration, RegistrationStatus, StatusChange
from rxapp.services import audit
from rxapp.services.clock import as_utc, day_start, local_day
from rxapp.services.followup.access import digest, new_secret
from rxapp.services.followup.inputs import check_desk, record_of

_WAITING = (RegistrationStatus.NEW, RegistrationStatus.WAITING)
_DONE = (RegistrationStatus.REFERRED, RegistrationStatus.CLOSED)


class TurnState(StrEnum):
    """Where the person is, in the words their page uses."""

    WAITING = "waiting"
    CALLED = "called"
    HELPED = "helped"
    DONE = "done"


class Turn(TypedDict):
    """The person's turn, as their page gets it (``called_at``: ISO 8601 UTC, or None)."""

    state: str
    desk: int | None
    ahead: int | None
    called_at: str | None


class Called(TypedDict):
    """One call: what the desk is told and the display shows (``called_at``: ISO 8601 UTC)."""

    registration_id: int
    code: str
    desk: int
    called_at: str


class Shown(TypedDict):
    """One call on the waiting-room display: a code, a desk, a time. Never a name."""

    code: str
    desk: int
    called_at: str


def _today(now: dt.datetime, tz: ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    day = local_day(now, tz)
    return day_start(day, tz), day_start(day + dt.timedelta(days=1), tz)


def _called(session: Session, row: Registration, desk: int, actor: audit.Actor, now: dt.datetime) -> Called:
    """Record the call, move the record to IN_PROGRESS (``row.status``: where it was), audit."""
    assert row.id is not None
    moment = as_utc(now)
    if row.status != RegistrationStatus.IN_PROGRESS:
        session.add(
            StatusChange(
                registration_id=row.id,
                author_id=actor.staff_id,
                from_status=row.status,
                to_status=RegistrationStatus.IN_PROGRESS,
                created_at=moment,
            )
        )
    row.status, row.updated_at = RegistrationStatus.IN_PROGRESS, moment
    session.add(row)
    session.add(Call(registration_id=row.id, reference=row.reference, desk=desk, called_at=moment))
    audit.record(
        session=session, actor=actor, action=AuditAction.CALL, record_id=row.id, detail=str(desk),
        now=moment, commit=False,
    )  # fmt: skip
    session.commit()
    return {"registration_id": row.id, "code": row.reference, "desk": desk, "called_at": moment.isoformat()}


def call(
    *, session: Session, registration_id: int, desk: int, actor: audit.Actor, now: dt.datetime
) -> Called:
    """Call a chosen record to ``desk`` (1-20). ``FollowUpError``: BAD_DESK, NOT_FOUND."""
    check_desk(desk)
    return _called(session, record_of(session, registration_id), desk, actor, now)


def call_next(
    *, session: Session, desk: int, actor: audit.Actor, now: dt.datetime, tz: ZoneInfo
) -> Called | None:
    """Call the oldest of today's records still NEW or WAITING to ``desk``; None when nobody waits.

    Two desks pressing at once never call the same person: the status moves by a conditional
    UPDATE, and the desk that loses takes the next record.
    """
    check_desk(desk)
    start, end = _today(now, tz)
    waiting = (
        select(Registration)
        .where(
            col(Registration.status).in_(_WAITING),
            col(Registration.created_at) >= start,
            col(Registration.created_at) < end,
        )
        .order_by(col(Registration.created_at), col(Registration.id))
        .limit(5)
    )
    for _attempt in range(5):
        candidates = session.exec(waiting).all()
        if not candidates:
            return None
        for row in candidates:
            taken = session.connection().execute(
                sa.update(Registration)
                .where(col(Registration.id) == row.id, col(Registration.status) == row.status)
                .values(status=RegistrationStatus.IN_PROGRESS)
            )
            if taken.rowcount == 1:
                return _called(session, row, desk, actor, now)
        session.rollback()
    return None


def turn(*, session: Session, registration: Registration, now: dt.datetime, tz: ZoneInfo) -> Turn:
    """The person's turn as their page shows it (the module's docstring has the rules)."""
    last = session.exec(
        select(Call)
        .where(Call.registration_id == registration.id)
        .order_by(col(Call.called_at).desc(), col(Call.id).desc())
    ).first()
    desk = last.desk if last else None
    called_at = as_utc(last.called_at).isoformat() if last else None
    status = registration.status
    if status in _DONE:
        return {"state": TurnState.DONE.value, "desk": None, "ahead": None, "called_at": None}
    if status == RegistrationStatus.IN_PROGRESS:
        fresh = last is not None and as_utc(last.called_at) >= as_utc(registration.updated_at)
        state = TurnState.CALLED if fresh else TurnState.HELPED
        return {"state": state.value, "desk": desk, "ahead": None, "called_at": called_at}
    return {
        "state": TurnState.WAITING.value,
        "desk": None,
        "ahead": _ahead(session, registration, now, tz),
        "called_at": None,
    }


def _ahead(session: Session, registration: Registration, now: dt.datetime, tz: ZoneInfo) -> int | None:
    start, end = _today(now, tz)
    created = as_utc(registration.created_at)
    if not start <= created < end:
        return None
    earlier = sa.or_(
        col(Registration.created_at) < created,
        sa.and_(col(Registration.created_at) == created, col(Registration.id) < registration.id),
    )
    return session.exec(
        select(func.count())
        .select_from(Registration)
        .where(col(Registration.status).in_(_WAITING), col(Registration.created_at) >= start, earlier)
    ).one()


def recent_calls(*, session: Session, now: dt.datetime, tz: ZoneInfo, limit: int = 6) -> list[Shown]:
    """Today's latest calls, newest first, for the waiting-room display: codes, desks, times."""
    start, end = _today(now, tz)
    rows = session.exec(
        select(Call.reference, Call.desk, Call.called_at)
        .where(col(Call.called_at) >= start, col(Call.called_at) < end)
        .order_by(col(Call.called_at).desc(), col(Call.id).desc())
        .limit(limit)
    )
    return [{"code": code, "desk": desk, "called_at": as_utc(at).isoformat()} for code, desk, at in rows]


def new_display_key(*, session: Session, actor: audit.Actor, now: dt.datetime) -> str:
    """A fresh key for the waiting-room display, replacing the previous one (which stops
    working at once); returned once, stored as its digest. Audited as ``DISPLAY``."""
    key = new_secret()
    row = session.get(DisplayKey, 1) or DisplayKey(id=1, digest="")
    row.digest, row.created_at = digest(key), as_utc(now)
    session.add(row)
    audit.record(session=session, actor=actor, action=AuditAction.DISPLAY, now=now, commit=False)
    session.commit()
    return key


def display_allowed(*, session: Session, key: str) -> bool:
    """Whether ``key`` is the display's current key (False when none was ever set)."""
    row = session.get(DisplayKey, 1)
    return bool(key) and row is not None and hmac.compare_digest(row.digest, digest(key))
