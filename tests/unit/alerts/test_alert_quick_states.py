"""One-tap states of a service ("full tonight", "closed today") end by themselves at its next
opening, read from its weekly slots and dated exceptions; every alert ends by itself (time
travel: the services take ``now``, the project's clock)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp import models as m
from rxapp.services import alerts
from rxapp.services.alerts import QuickState
from tests.data.alerts import COORDINATOR, DINER, NOW, SHELTER, TZ, directory, local, message, post

FULL, CLOSED = m.AlertKind.FULL_TONIGHT, m.AlertKind.CLOSED_TODAY


@pytest.fixture
def db(empty_engine: Engine) -> tuple[Session, dict[str, int]]:
    session = Session(empty_engine)
    return session, directory(session)


def _tap(db: tuple[Session, dict[str, int]], slug: str, kind: m.AlertKind, now: dt.datetime) -> m.Alert:
    session, ids = db
    data = QuickState(service_id=ids[slug], kind=kind)
    return alerts.quick_state(session=session, data=data, actor=COORDINATOR, now=now, tz=TZ)


def _ends(alert: m.Alert) -> dt.datetime:
    return alerts.ends_of(alert)


@pytest.mark.parametrize(
    ("now", "ends", "why"),
    [
        (local(2, 14), local(3, 19), "closed at 14:00: tonight's 19:00 opening, so until the next one"),
        (local(2, 23), local(3, 19), "open, before midnight: until tomorrow's opening"),
        (local(3, 1), local(3, 19), "open, after midnight (yesterday's slot): until tonight's opening"),
        (local(3, 8), local(4, 19), "closed in the morning: tonight is the coming night"),
    ],
)
def test_full_tonight_ends_at_the_shelters_next_opening(
    db: tuple[Session, dict[str, int]], now: dt.datetime, ends: dt.datetime, why: str
) -> None:
    assert _ends(_tap(db, SHELTER, FULL, now)) == ends, why


def test_closed_today_skips_a_day_closed_by_exception(db: tuple[Session, dict[str, int]]) -> None:
    """The diner opens Monday to Friday at 08:00 and is closed on Thursday 3 by exception."""
    assert _ends(_tap(db, DINER, CLOSED, local(2, 7))) == local(4, 8)


def test_closed_today_on_a_friday_lasts_the_weekend(db: tuple[Session, dict[str, int]]) -> None:
    assert _ends(_tap(db, DINER, CLOSED, local(4, 10))) == local(7, 8)


def test_a_service_without_hours_is_closed_until_the_end_of_the_day(
    db: tuple[Session, dict[str, int]],
) -> None:
    session, ids = db
    service = m.Service(slug="sin-horario", organization_id=1, name="Sin horario", source_locale="es")
    session.add(service)
    session.commit()
    ids["sin-horario"] = service.id or 0
    assert _ends(_tap(db, "sin-horario", CLOSED, local(2, 10))) == local(3, 0)


def test_closed_today_of_a_service_with_hours_only_at_its_place_ends_at_the_place_s_opening(
    db: tuple[Session, dict[str, int]],
) -> None:
    """Its "open now" reads its place's hours (views_places): so does the state's end."""
    session, ids = db
    service = m.Service(slug="por-lugar", organization_id=1, name="Por lugar", source_locale="es")
    place = m.Location(organization_id=1, name="Anexo")
    session.add_all([service, place])
    session.flush()
    link = m.ServiceAtLocation(service_id=service.id or 0, location_id=place.id or 0)
    session.add(link)
    session.flush()
    session.add(
        m.ScheduleSlot(service_at_location_id=link.id, weekday=3, opens_at=dt.time(10), closes_at=dt.time(12))
    )
    session.commit()
    ids["por-lugar"] = service.id or 0
    assert _ends(_tap(db, "por-lugar", CLOSED, local(2, 10))) == local(3, 10)


def test_a_second_tap_posts_nothing_new(db: tuple[Session, dict[str, int]]) -> None:
    first = _tap(db, SHELTER, FULL, NOW)
    again = _tap(db, SHELTER, FULL, NOW + dt.timedelta(minutes=1))
    assert again.public_id == first.public_id


def test_an_alert_ends_by_itself(db: tuple[Session, dict[str, int]]) -> None:
    session, _ = db
    alert = post(session, **message(ends_at="2026-12-03T20:00"))
    for now, where in [
        (NOW, "current"),
        (local(3, 19, 59), "current"),
        (local(3, 20), "ended"),
        (local(20, 12), "ended"),
    ]:
        lists = alerts.desk_lists(session=session, locale="es", now=now)
        found = {name: [v.id for v in getattr(lists, name)] for name in ("current", "scheduled", "ended")}
        assert found[where] == [alert.public_id], now


def test_a_scheduled_alert_waits_for_its_start(db: tuple[Session, dict[str, int]]) -> None:
    session, _ = db
    alert = post(session, **message(starts_at="2026-12-03T08:00"))
    assert [v.id for v in alerts.desk_lists(session=session, locale="es", now=NOW).scheduled] == [
        alert.public_id
    ]
    assert [v.id for v in alerts.desk_lists(session=session, locale="es", now=local(3, 9)).current] == [
        alert.public_id
    ]


def test_the_desks_list_knows_which_services_have_a_state_now(db: tuple[Session, dict[str, int]]) -> None:
    session, ids = db
    alert = _tap(db, SHELTER, FULL, NOW)
    showing = alerts.Showing(FULL, alert.public_id, local(3, 19))
    assert alerts.showing_on_services(session=session, now=NOW) == {ids[SHELTER]: [showing]}
    assert alerts.showing_on_services(session=session, now=local(3, 19)) == {}
