"""Personal follow-up at a chosen moment: a volunteer, a person with a key to their page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlmodel import select

from rxapp.models import AuditEntry
from rxapp.services import audit
from rxapp.services.followup import access
from tests.data import people
from tests.data.people import NOW, Db, opened

SERVICE = people.SERVICE  # "Orientación e información", with a place, phones and hours


def volunteer(db: Db, username: str = "lucia") -> audit.Actor:
    """A volunteer's account, as the audit log names them."""
    return audit.Actor(staff_id=people.staff(db, name="Lucía Pérez", username=username), username=username)


def person(db: Db, *, at: dt.datetime = NOW, **fields: Any) -> tuple[int, str]:
    """A registration made at ``at`` and a secret to its page (as the registering phone has)."""
    registration_id = people.register(db, at=at, **fields)
    with opened(db) as session:
        return registration_id, access.issue_secret(session=session, registration_id=registration_id, now=at)


def actions(db: Db) -> list[tuple[str, int | None, str]]:
    """The audit log, oldest first: (action, record, detail)."""
    with opened(db) as session:
        rows = session.exec(select(AuditEntry).order_by(AuditEntry.id)).all()  # type: ignore[arg-type]
        return [(str(row.action.value), row.record_id, row.detail) for row in rows]


def opens(db: Db, secret: str) -> int | None:
    """The record a secret opens now, if any."""
    with opened(db) as session:
        found = access.resolve(session=session, secret=secret)
        return found.id if found else None
