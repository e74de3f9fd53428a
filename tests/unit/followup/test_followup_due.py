"""The desk's follow-up date and note; what is due today and what is overdue, in the centre's days."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp.models import Registration
from rxapp.services.followup import followups
from rxapp.services.followup.inputs import FollowUpError, FollowUpInput, FollowUpProblem, validate
from tests.data import followup, people
from tests.data.people import NOW, TZ

FRIDAY = dt.date(2026, 12, 4)  # NOW is Wednesday 2 December, noon at the centre


def _set(db: Engine, person: int, on: dt.date | None, note: str = "Call about the COMAR papers") -> None:
    with Session(db) as session:
        followups.set_follow_up(
            session=session,
            registration_id=person,
            data=FollowUpInput(on=on, note=note),
            actor=followup.volunteer(session, username=f"v{person}{on}"),
            now=NOW,
            tz=TZ,
        )


def _due(db: Engine, kind: followups.Due, at: dt.datetime) -> list[tuple[int, str]]:
    with Session(db) as session:
        return [(item.id, item.note) for item in followups.due(session=session, kind=kind, now=at, tz=TZ)]


def _on(day: dt.date, hour: int = 12) -> dt.datetime:
    """That local hour of that day at the centre, in UTC."""
    return dt.datetime.combine(day, dt.time(hour), tzinfo=TZ).astimezone(dt.UTC)


def test_setting_stores_the_date_and_the_note_and_is_audited(empty_engine: Engine) -> None:
    person = people.register(empty_engine)
    _set(empty_engine, person, FRIDAY)
    with Session(empty_engine) as session:
        row = session.get(Registration, person)
        assert row is not None and (row.follow_up_on, row.follow_up_note) == (
            FRIDAY,
            "Call about the COMAR papers",
        )
    assert followup.actions(empty_engine) == [("followup", person, "2026-12-04")]


def test_clearing_the_date_clears_the_note(empty_engine: Engine) -> None:
    person = people.register(empty_engine)
    _set(empty_engine, person, FRIDAY)
    _set(empty_engine, person, None, note="left over")
    with Session(empty_engine) as session:
        row = session.get(Registration, person)
        assert row is not None and (row.follow_up_on, row.follow_up_note) == (None, "")


def test_a_date_before_today_is_refused(empty_engine: Engine) -> None:
    person = people.register(empty_engine)
    with pytest.raises(FollowUpError) as refused:
        _set(empty_engine, person, NOW.date() - dt.timedelta(days=1))
    assert (refused.value.field, refused.value.problem) == ("on", FollowUpProblem.PAST)


def test_the_form_says_a_bad_date_and_a_long_note() -> None:
    assert validate(FollowUpInput, {"on": "Friday", "note": "x" * 501})[1] == {
        "on": FollowUpProblem.BAD_DATE,
        "note": FollowUpProblem.TOO_LONG,
    }


@pytest.mark.parametrize(
    ("at", "today", "overdue"),
    [
        (_on(FRIDAY - dt.timedelta(days=1)), False, False),
        (_on(FRIDAY, hour=0), True, False),
        (_on(FRIDAY, hour=23), True, False),
        (_on(FRIDAY + dt.timedelta(days=1), hour=0), False, True),
        (_on(FRIDAY + dt.timedelta(days=30)), False, True),
    ],
)
def test_due_today_then_overdue_in_the_centres_days(
    empty_engine: Engine, at: dt.datetime, today: bool, overdue: bool
) -> None:
    person = people.register(empty_engine)
    _set(empty_engine, person, FRIDAY)
    expected = [(person, "Call about the COMAR papers")]
    assert _due(empty_engine, "today", at) == (expected if today else [])
    assert _due(empty_engine, "overdue", at) == (expected if overdue else [])


def test_the_list_names_the_record_and_puts_the_oldest_date_first(empty_engine: Engine) -> None:
    later, sooner = people.register(empty_engine, name="Ana"), people.register(empty_engine, name="Bea")
    _set(empty_engine, later, FRIDAY + dt.timedelta(days=1))
    _set(empty_engine, sooner, FRIDAY)
    no_date = people.register(empty_engine, name="Cira")
    with Session(empty_engine) as session:
        items = followups.due(session=session, kind="overdue", now=_on(FRIDAY + dt.timedelta(days=5)), tz=TZ)
    assert [(i.id, i.name, i.on) for i in items] == [
        (sooner, "Bea", FRIDAY),
        (later, "Ana", FRIDAY + dt.timedelta(days=1)),
    ]
    assert all(item.code.startswith("MTZ-") for item in items) and no_date not in [i.id for i in items]
