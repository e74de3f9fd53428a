"""Data for the desk's tests: registrations made at a chosen time, volunteers, what the desk shows."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp.models import Registration, Role, StaffUser
from rxapp.services import records
from rxapp.services.registration import create_registration, validate

TZ = ZoneInfo("America/Mexico_City")  # UTC-6 all year
NOW = dt.datetime(2026, 12, 2, 18, 0, tzinfo=dt.UTC)  # noon at the centre
HOUR = dt.timedelta(hours=1)


def add(engine: Engine, name: str = "Ana", *, now: dt.datetime = NOW, **changes: Any) -> int:
    """A new registration (food, consent given) made at ``now``; its id."""
    data, problems = validate(
        {
            "draft_id": uuid.uuid4().hex,
            "locale": "es",
            "name": name,
            "needs": ["food"],
            "consent": True,
            **changes,
        }
    )
    assert data is not None, problems
    with Session(engine) as session:
        reference = create_registration(session=session, data=data, prefix="MTZ", now=now)
        found = records.find_reference(session=session, code=reference)
    assert found is not None
    return found


def set_fields(engine: Engine, registration_id: int, **values: Any) -> None:
    """Change a registration behind the desk's back (time travel, a status)."""
    with Session(engine) as session:
        row = session.get(Registration, registration_id)
        assert row is not None
        for field, value in values.items():
            setattr(row, field, value)
        session.add(row)
        session.commit()


def volunteer(engine: Engine, name: str = "Lucía") -> int:
    """A volunteer account; its id."""
    with Session(engine) as session:
        user = StaffUser(
            username=uuid.uuid4().hex[:20], display_name=name, role=Role.VOLUNTEER, password_hash="x"
        )
        session.add(user)
        session.commit()
        assert user.id is not None
        return user.id


def queue_ids(engine: Engine, query: str = "", **options: Any) -> list[int]:
    """The ids the queue shows at ``NOW``."""
    with Session(engine) as session:
        return [item.id for item in records.queue(session=session, now=NOW, tz=TZ, query=query, **options)]


def record_of(engine: Engine, registration_id: int) -> records.RecordView:
    """The record the desk shows."""
    with Session(engine) as session:
        found = records.record(session=session, registration_id=registration_id)
    assert found is not None
    return found


def reference_of(engine: Engine, registration_id: int) -> str:
    """The reference code, e.g. MTZ-7K4Q."""
    return record_of(engine, registration_id).reference
