"""Alerts as tests post them: a shelter with known hours, a coordinator, posting at a moment."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from rxapp import models as m
from rxapp.services import alerts
from rxapp.services.audit import Actor

TZ = ZoneInfo("America/Mexico_City")  # UTC-6 all year
# Wednesday 2 December 2026, 14:00 at the centre.
NOW = dt.datetime(2026, 12, 2, 20, 0, tzinfo=dt.UTC)
COORDINATOR = Actor(staff_id=1, username="coord")
SHELTER = "albergue-nocturno"
DINER = "comedor-diurno"


def local(day: int, hour: int, minute: int = 0) -> dt.datetime:
    """A moment in December 2026 at the centre, in UTC."""
    return dt.datetime(2026, 12, day, hour, minute, tzinfo=TZ).astimezone(dt.UTC)


def directory(session: Session) -> dict[str, int]:
    """Two services: a shelter open every night 19:00-07:00 (across midnight) and a diner open
    Monday to Friday 08:00-15:00, closed by exception on Thursday 3 December. Ids by slug."""
    org = m.Organization(slug="casa", name="Casa del Migrante", source_locale="es")
    session.add(org)
    session.flush()
    assert org.id is not None
    found: dict[str, int] = {}
    for slug, name in ((SHELTER, "Albergue nocturno"), (DINER, "Comedor diurno")):
        service = m.Service(slug=slug, organization_id=org.id, name=name, source_locale="es")
        session.add(service)
        session.flush()
        assert service.id is not None
        found[slug] = service.id
    for day in range(7):
        session.add(
            m.ScheduleSlot(service_id=found[SHELTER], weekday=day, opens_at=dt.time(19), closes_at=dt.time(7))
        )
    for day in range(5):
        session.add(
            m.ScheduleSlot(service_id=found[DINER], weekday=day, opens_at=dt.time(8), closes_at=dt.time(15))
        )
    session.add(m.ScheduleException(service_id=found[DINER], date=dt.date(2026, 12, 3), closed=True))
    session.add(m.Translation(record_type=m.RecordType.SERVICE, record_id=found[SHELTER], field="name",
                              locale="ar", text="الملجأ الليلي"))  # fmt: skip
    session.commit()
    return found


def post(session: Session, now: dt.datetime = NOW, **fields: Any) -> m.Alert:
    """Post an alert from the desk's fields (free text unless ``kind`` says otherwise)."""
    data = alerts.AlertInput.model_validate(fields)
    return alerts.post(session=session, data=data, actor=COORDINATOR, now=now, tz=TZ)


def message(**changes: Any) -> dict[str, Any]:
    """A free-text alert's fields, ending tomorrow evening."""
    return {
        "title": "Cierre del albergue",
        "text": "El albergue cierra a las 18:00 por fumigación.",
        "urgency": "urgent",
        "source_locale": "es",
        "ends_at": "2026-12-03T20:00",
        **changes,
    }
