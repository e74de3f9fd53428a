"""Opening hours as HSDS schedules: a weekly slot, a closed holiday, special hours, 24 hours."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine
from sqlmodel import Session, delete, select

from rxapp import models as m
from rxapp.services.hsds import export, schedules
from tests.data import people

TZ = ZoneInfo("America/Mexico_City")  # UTC-6 all year


def _schedules(engine: Engine, locale: str = "es") -> tuple[str, list[dict[str, Any]]]:
    with Session(engine) as session:
        service = session.exec(select(m.Service).where(m.Service.slug == people.SERVICE)).one()
        assert service.id is not None
        session.exec(delete(m.ScheduleSlot).where(m.ScheduleSlot.service_id == service.id))  # type: ignore[arg-type]
        session.exec(delete(m.ScheduleException).where(m.ScheduleException.service_id == service.id))  # type: ignore[arg-type]
        session.add(
            m.ScheduleSlot(service_id=service.id, weekday=0, opens_at=dt.time(9), closes_at=dt.time(13, 30))
        )
        session.add(
            m.ScheduleSlot(service_id=service.id, weekday=6, opens_at=dt.time(0), closes_at=dt.time(0))
        )
        session.add(m.ScheduleException(service_id=service.id, date=dt.date(2026, 12, 25), note="Navidad"))
        session.add(
            m.ScheduleException(
                service_id=service.id,
                date=dt.date(2026, 12, 24),
                closed=False,
                opens_at=dt.time(8),
                closes_at=dt.time(12),
            )
        )
        session.commit()
        uid = service.uuid
        dataset = export.build(session=session, locale=locale, today=dt.date(2026, 12, 2), tz=TZ)
    return uid, next(s for s in dataset.services if s["id"] == uid)["schedules"]


def test_a_weekly_slot_is_a_weekly_schedule(sample_copy: Engine) -> None:
    uid, found = _schedules(sample_copy)
    monday = next(s for s in found if s.get("byday") == "MO")
    assert monday | {"id": ""} == {
        "id": "",
        "service_id": uid,
        "freq": "WEEKLY",
        "interval": 1,
        "wkst": "MO",
        "byday": "MO",
        "timezone": -6,
        "opens_at": "09:00-06:00",
        "closes_at": "13:30-06:00",
    }


def test_open_24_hours_follows_the_hsds_guidance(sample_copy: Engine) -> None:
    _, found = _schedules(sample_copy, "en")
    sunday = next(s for s in found if s.get("byday") == "SU" and "valid_from" not in s)
    assert (sunday["opens_at"], sunday["closes_at"], sunday["description"]) == (
        "00:00-06:00",
        "23:59-06:00",
        "Open 24 hours",
    )


def test_a_closed_holiday_is_a_dated_schedule_without_hours(sample_copy: Engine) -> None:
    uid, found = _schedules(sample_copy)
    christmas = next(s for s in found if s.get("valid_from") == "2026-12-25")
    assert christmas | {"id": ""} == {
        "id": "",
        "service_id": uid,
        "valid_from": "2026-12-25",
        "valid_to": "2026-12-25",
        "dtstart": "2026-12-25",
        "timezone": -6,
        "description": "Cerrado todo el día",
        "notes": "Navidad",
    }


def test_special_hours_hold_on_their_day_only(sample_copy: Engine) -> None:
    _, found = _schedules(sample_copy)
    eve = next(s for s in found if s.get("valid_from") == "2026-12-24")
    assert (eve["valid_to"], eve["freq"], eve["byday"], eve["opens_at"], eve["closes_at"]) == (
        "2026-12-24",
        "WEEKLY",
        "TH",
        "08:00-06:00",
        "12:00-06:00",
    )


def test_the_offset_follows_the_zone_on_that_day() -> None:
    madrid = ZoneInfo("Europe/Madrid")
    assert schedules.offset(madrid, dt.date(2026, 1, 10)) == ("+01:00", 1)
    assert schedules.offset(madrid, dt.date(2026, 7, 10)) == ("+02:00", 2)
    assert schedules.offset(ZoneInfo("UTC"), dt.date(2026, 7, 10)) == ("Z", 0)
    assert schedules.offset(ZoneInfo("Asia/Kolkata"), dt.date(2026, 7, 10)) == ("+05:30", 5.5)
