"""Test helpers: registrations at chosen times, their desk history, a dump of every table."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from rxapp.models import (
    DuplicateDismissal,
    Note,
    Referral,
    Registration,
    RegistrationStatus,
    Role,
    StaffUser,
    StatusChange,
)
from rxapp.services import registration as reg

NOW = dt.datetime(2026, 12, 1, 18, 0, tzinfo=dt.UTC)
NAME = "Zebulonia Quixote"  # a name found nowhere else in the database
PHONE = "+525512345678"
_drafts = itertools.count(1)


def add_person(session: Session, *, days_ago: float = 0, at: dt.datetime | None = None, **fields: Any) -> int:
    """Register someone (by default NAME, with PHONE) at ``at`` or ``days_ago`` before NOW; the id."""
    raw = {
        "draft_id": f"draft{next(_drafts):016d}", "locale": "es", "name": NAME, "needs": ["food", "health"],
        "phone": PHONE, "consent": True, **fields,
    }  # fmt: skip
    data, problems = reg.validate(raw)
    assert data is not None, problems
    moment = at or NOW - dt.timedelta(days=days_ago)
    reg.create_registration(session=session, data=data, prefix="MTZ", now=moment)
    found = session.exec(select(Registration.id).where(Registration.draft_id == data.draft_id)).one()
    assert found is not None
    return found


def add_staff(session: Session, username: str = "maria", display_name: str = "María V.") -> int:
    """A volunteer account; its id."""
    user = StaffUser(username=username, display_name=display_name, role=Role.VOLUNTEER, password_hash="x")
    session.add(user)
    session.commit()
    assert user.id is not None
    return user.id


def add_history(
    session: Session,
    person: int,
    *,
    staff: int | None = None,
    service: tuple[int | None, str] = (None, "Gone"),
) -> None:
    """A note, a status change, a referral (to ``service`` = (id, name)) and a dismissal."""
    other = add_person(session, name="Someone Else", phone=None, draft_id=f"other{person:016d}")
    session.add(Note(registration_id=person, author_id=staff, text="Needs insulin, sister in Tapachula"))
    session.add(
        StatusChange(
            registration_id=person,
            author_id=staff,
            from_status=RegistrationStatus.NEW,
            to_status=RegistrationStatus.REFERRED,
        )
    )
    session.add(
        Referral(
            registration_id=person,
            service_id=service[0],
            service_name=service[1],
            author_id=staff,
            consented=True,
        )
    )
    session.add(DuplicateDismissal(first_id=min(person, other), second_id=max(person, other)))
    session.commit()


def dump(bind: Engine, *, only: str | None = None) -> dict[str, str]:
    """Every row of every table (or of ``only``) as text, by table name."""
    with bind.connect() as connection:
        return {
            table.name: repr(connection.execute(sa.select(table)).all())
            for table in SQLModel.metadata.sorted_tables
            if only in (None, table.name)
        }
