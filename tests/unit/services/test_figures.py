"""Reports: counts of records held plus tallies of records retired, per local day, as CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp.models import Service
from rxapp.services import figures, retention
from tests.data import people
from tests.data.people import NOW

TZ = ZoneInfo("America/Mexico_City")  # UTC-6 all year
DAY = dt.date(2026, 11, 20)


def _noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=TZ)


def _report(session: Session, start: dt.date = DAY, end: dt.date = DAY) -> figures.Figures:
    return figures.compute(session=session, start=start, end=end, tz=TZ)


def _service(session: Session) -> tuple[int, str]:
    found = session.exec(select(Service).order_by(Service.slug)).first()
    assert found is not None and found.id is not None
    return found.id, found.slug


def test_every_day_of_the_range_is_listed_zero_filled(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        people.register(session, at=_noon(DAY))
        people.register(session, at=_noon(DAY + dt.timedelta(days=2)))
        result = _report(session, DAY - dt.timedelta(days=1), DAY + dt.timedelta(days=2))
    assert result.per_day == [("2026-11-19", 0), ("2026-11-20", 1), ("2026-11-21", 0), ("2026-11-22", 1)]
    assert result.total == 2


def test_days_are_the_centres_local_days(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        people.register(session, at=dt.datetime(2026, 11, 21, 3, 0, tzinfo=dt.UTC))  # 21:00 on the 20th there
        people.register(session, at=dt.datetime(2026, 11, 21, 6, 0, tzinfo=dt.UTC))  # midnight: the 21st
        result = _report(session, DAY, DAY + dt.timedelta(days=1))
    assert result.per_day == [("2026-11-20", 1), ("2026-11-21", 1)]


def test_records_outside_the_range_are_not_counted(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        people.register(session, at=_noon(DAY - dt.timedelta(days=1)), nationality="GT")
        people.register(session, at=_noon(DAY + dt.timedelta(days=1)), nationality="GT")
        result = _report(session)
    assert (result.total, result.nationalities, result.needs) == (0, [], [])


def test_needs_nationalities_and_referrals_are_ranked_most_first(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service, slug = _service(session)
        person = people.register(session, needs=["food", "health"], at=_noon(DAY), nationality="HN")
        people.history(session, registration_id=person, service=(service, "x"))
        people.register(session, at=_noon(DAY), nationality="HN", needs=["legal", "food"])
        people.register(session, at=_noon(DAY), nationality="SV", needs=["legal"])
        result = _report(session)
    assert result.needs == [("food", 2), ("legal", 2), ("health", 1)]
    assert result.nationalities == [("HN", 2), ("SV", 1)]
    assert result.referrals == [(slug, 1)]
    assert result.total == 3


def test_a_person_without_nationality_counts_under_the_empty_key(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        people.register(session, at=_noon(DAY))
        assert _report(session).nationalities == [("", 1)]


def test_tallied_counts_are_added_to_the_records_held(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        people.register(session, at=_noon(DAY), nationality="HN")
        retention.tally(
            session=session,
            registration_ids=[people.register(session, at=_noon(DAY))],
            tz=TZ,
        )
        session.commit()
        result = _report(session)
    assert result.total == 3  # the tallied one is also still held: tally alone does not delete
    assert result.nationalities == [("", 2), ("HN", 1)]


def test_counts_survive_retention(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service, _slug = _service(session)
        for day in (NOW.date() - dt.timedelta(days=100), NOW.date() - dt.timedelta(days=10)):
            people.history(
                session,
                registration_id=people.register(session, at=_noon(day), nationality="VE"),
                service=(service, "x"),
            )
        start, end = NOW.date() - dt.timedelta(days=120), NOW.date()
        before = _report(session, start, end)
        assert retention.purge(session=session, days=90, now=NOW, tz=TZ) == 1
        assert _report(session, start, end) == before


def test_a_report_never_reads_a_name(sample_copy: Engine) -> None:
    statements: list[str] = []
    sa.event.listen(sample_copy, "before_cursor_execute", lambda *args: statements.append(args[2]))
    with Session(sample_copy) as session:
        service, _slug = _service(session)
        people.history(
            session, registration_id=people.register(session, at=_noon(DAY)), service=(service, "x")
        )
        retention.tally(
            session=session,
            registration_ids=[people.register(session, at=_noon(DAY))],
            tz=TZ,
        )
        statements.clear()
        _report(session, DAY - dt.timedelta(days=30), DAY)
    selects = [s for s in statements if "registration" in s]
    assert selects
    assert not [s for s in selects if "registration.name" in s or "registration.phone" in s]
    assert not [s for s in selects if "registration.message" in s or "SELECT registration.*" in s]


def test_the_csv_is_one_table_of_section_key_count(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service, slug = _service(session)
        person = people.register(session, needs=["food", "health"], at=_noon(DAY), nationality="HN")
        people.history(session, registration_id=person, service=(service, "x"))
        text = figures.to_csv(_report(session, DAY, DAY + dt.timedelta(days=1)))
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["section", "key", "count"]
    assert rows[1:] == [
        ["per_day", "2026-11-20", "1"],
        ["per_day", "2026-11-21", "0"],
        ["need", "food", "1"],
        ["need", "health", "1"],
        ["nationality", "HN", "1"],
        ["referral", slug, "1"],
        ["total", "", "1"],
    ]


def test_a_range_that_ends_before_it_starts_is_refused(empty_engine: Engine) -> None:
    with Session(empty_engine) as session, pytest.raises(ValueError, match="before it starts"):
        _report(session, DAY, DAY - dt.timedelta(days=1))
