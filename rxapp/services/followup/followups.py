"""The desk's follow-up: a date to look at a record again and a note saying why, and the
records due today or overdue. Desk-only data: none of it reaches the person's page.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict
from sqlmodel import Session, col, select

from rxapp.models import AuditAction, Registration, RegistrationStatus
from rxapp.services import audit
from rxapp.services.clock import local_day
from rxapp.services.followup.inputs import (
    FollowUpError,
    FollowUpInput,
    FollowUpProblem,
    commit_change,
    record_of,
)

Due = Literal["today", "overdue"]


class DueItem(BaseModel):
    """A record whose follow-up is due: what the desk's list shows (``on`` is the local date)."""

    model_config = ConfigDict(frozen=True)

    id: int
    code: str
    name: str
    note: str
    on: dt.date
    status: RegistrationStatus


def set_follow_up(
    *,
    session: Session,
    registration_id: int,
    data: FollowUpInput,
    actor: audit.Actor,
    now: dt.datetime,
    tz: ZoneInfo,
) -> None:
    """Set the follow-up date and note (``data.on`` None clears both).

    A date before today at the centre is refused (``PAST`` on ``on``): "overdue" means the
    desk let it pass, not that it was entered late. Audited as ``FOLLOWUP`` with the date.
    """
    row = record_of(session, registration_id)
    if data.on is not None and data.on < local_day(now, tz):
        raise FollowUpError(FollowUpProblem.PAST, "on")
    row.follow_up_on = data.on
    row.follow_up_note = data.note if data.on is not None else ""
    detail = data.on.isoformat() if data.on else ""
    commit_change(session, row, actor=actor, action=AuditAction.FOLLOWUP, detail=detail, now=now)


def due(*, session: Session, kind: Due, now: dt.datetime, tz: ZoneInfo, limit: int = 500) -> list[DueItem]:
    """Records whose follow-up falls today ("today") or before today ("overdue") at the centre,
    oldest date first. Every status is listed, closed ones too: a follow-up may be exactly
    "check on them after closing"; clearing the date is what takes a record off the list."""
    today = local_day(now, tz)
    on = col(Registration.follow_up_on)
    statement = select(Registration).where(on == today if kind == "today" else on < today)
    rows = session.exec(
        statement.order_by(on, col(Registration.created_at), col(Registration.id)).limit(limit)
    )
    return [
        DueItem(
            id=row.id or 0,
            code=row.reference,
            name=row.name,
            note=row.follow_up_note,
            on=row.follow_up_on or today,
            status=row.status,
        )
        for row in rows
    ]
