"""People at a chosen moment: registrations, staff accounts, referrals, a record's history."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

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
from rxapp.services import records
from rxapp.services.registration import create_registration, validate

TZ = ZoneInfo("America/Mexico_City")  # UTC-6 all year
NOW = dt.datetime(2026, 12, 2, 18, 0, tzinfo=dt.UTC)  # noon at the centre
HOUR = dt.timedelta(hours=1)
NAME = "Zebulonia Quixote"  # a name found nowhere else in the database
PHONE = "+525512345678"
SERVICE = "paso-orientacion-inicial"  # "Orientación e información" in the sample directory
# Someone whose name and phone are found nowhere else, with two needs: what erasure must leave
# no trace of.
SOMEONE: dict[str, Any] = {"name": NAME, "phone": PHONE, "needs": ["food", "health"]}

Db = Session | Engine


@contextmanager
def opened(db: Db) -> Iterator[Session]:
    """``db`` itself when it is a session, else a session on the engine, closed after."""
    if isinstance(db, Session):
        yield db
        return
    with Session(db) as session:
        yield session


def ago(**delta: float) -> dt.datetime:
    """That long before NOW: ``ago(days=91)``."""
    return NOW - dt.timedelta(**delta)


def register(
    db: Db, *, name: str = "Ana", needs: Sequence[str] = ("food",), at: dt.datetime = NOW, **fields: Any
) -> int:
    """A registration (consent given, no phone unless given) made at ``at``; its id."""
    raw = {"draft_id": uuid.uuid4().hex, "locale": "es", "name": name, "needs": list(needs), "consent": True}
    data, problems = validate({**raw, **fields})
    assert data is not None, problems
    with opened(db) as session:
        create_registration(session=session, data=data, prefix="MTZ", now=at)
        found = session.exec(select(Registration.id).where(Registration.draft_id == data.draft_id)).one()
    assert found is not None
    return found


def update(db: Db, *, registration_id: int, **values: Any) -> None:
    """Change a registration behind the desk's back (time travel, a status)."""
    with opened(db) as session:
        row = session.get(Registration, registration_id)
        assert row is not None
        for field, value in values.items():
            setattr(row, field, value)
        session.add(row)
        session.commit()


def own_coordinator(db: Engine, account: tuple[str, str, str]) -> str:
    """An e2e module's own coordinator (username, display name, password), made once: the
    session's server is shared, and pytest may set a module fixture up again. Its username."""
    from rxapp.cli import create_coordinator  # the documented command's function

    with Session(db) as session:
        found = session.exec(select(StaffUser).where(StaffUser.username == account[0])).first()
    if found is None:
        create_coordinator(db, *account)
    return account[0]


def staff(db: Db, *, name: str = "Lucía", username: str | None = None, role: Role = Role.VOLUNTEER) -> int:
    """A staff account (a volunteer unless ``role``; no usable password); its id."""
    with opened(db) as session:
        user = StaffUser(
            username=username or uuid.uuid4().hex[:20], display_name=name, role=role, password_hash="x"
        )
        session.add(user)
        session.commit()
        assert user.id is not None
        return user.id


def refer(
    db: Db,
    *,
    registration_id: int,
    author_id: int,
    service_slug: str = SERVICE,
    consented: bool = True,
    now: dt.datetime = NOW,
) -> None:
    """The desk refers the person to a service (``records.refer``, which may refuse)."""
    with opened(db) as session:
        records.refer(
            session=session,
            registration_id=registration_id,
            author_id=author_id,
            service_slug=service_slug,
            consented=consented,
            now=now,
        )


def history(
    db: Db,
    *,
    registration_id: int,
    author_id: int | None = None,
    service: tuple[int | None, str] = (None, "Gone"),
) -> None:
    """A note, a status change, a referral (to ``service`` = (id, name)) and a dismissed duplicate."""
    other = register(db, name="Someone Else", needs=["food", "health"])
    with opened(db) as session:
        session.add(
            Note(
                registration_id=registration_id,
                author_id=author_id,
                text="Needs insulin, sister in Tapachula",
            )
        )
        session.add(
            StatusChange(
                registration_id=registration_id,
                author_id=author_id,
                from_status=RegistrationStatus.NEW,
                to_status=RegistrationStatus.REFERRED,
            )
        )
        session.add(
            Referral(
                registration_id=registration_id,
                service_id=service[0],
                service_name=service[1],
                author_id=author_id,
                consented=True,
            )
        )
        pair = sorted((registration_id, other))
        session.add(DuplicateDismissal(first_id=pair[0], second_id=pair[1]))
        session.commit()
