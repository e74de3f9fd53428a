"""Calling people to a desk, their turn on their page, the waiting-room display and its key."""

from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp.models import Call, Registration, RegistrationStatus, StatusChange
from rxapp.services import audit, records
from rxapp.services.followup import turns
from rxapp.services.followup.inputs import FollowUpError, FollowUpProblem
from tests.data import followup, people
from tests.data.db import dump
from tests.data.people import HOUR, NOW, TZ


def _call_next(db: Engine, actor: audit.Actor, desk: int = 3, at: dt.datetime = NOW) -> turns.Called | None:
    with Session(db) as session:
        return turns.call_next(session=session, desk=desk, actor=actor, now=at, tz=TZ)


def _turn(db: Engine, person: int, at: dt.datetime = NOW) -> turns.Turn:
    with Session(db) as session:
        row = session.get(Registration, person)
        assert row is not None
        return turns.turn(session=session, registration=row, now=at, tz=TZ)


def test_call_next_calls_the_oldest_of_todays_waiting_records(empty_engine: Engine) -> None:
    actor = followup.volunteer(empty_engine)
    people.register(empty_engine, name="Yesterday", at=NOW - 24 * HOUR)
    busy = people.register(empty_engine, name="Busy", at=NOW - 5 * HOUR)
    people.update(empty_engine, registration_id=busy, status=RegistrationStatus.IN_PROGRESS)
    first = people.register(empty_engine, name="First", at=NOW - 3 * HOUR)
    second = people.register(empty_engine, name="Second", at=NOW - 2 * HOUR)
    people.update(empty_engine, registration_id=second, status=RegistrationStatus.WAITING)
    called = [_call_next(empty_engine, actor, desk=desk) for desk in (3, 4, 5)]
    assert [c["registration_id"] if c else None for c in called] == [first, second, None]
    assert called[0] is not None and called[0]["desk"] == 3


def test_calling_moves_the_record_to_in_progress_with_its_author_and_audits(empty_engine: Engine) -> None:
    actor = followup.volunteer(empty_engine)
    person = people.register(empty_engine, at=NOW - HOUR)
    _call_next(empty_engine, actor, desk=7)
    with Session(empty_engine) as session:
        row = session.get(Registration, person)
        step = session.exec(select(StatusChange)).one()
        assert row is not None and row.status == RegistrationStatus.IN_PROGRESS
        assert (step.from_status, step.to_status, step.author_id) == (
            RegistrationStatus.NEW, RegistrationStatus.IN_PROGRESS, actor.staff_id,
        )  # fmt: skip
    assert followup.actions(empty_engine) == [("call", person, "7")]


def test_a_chosen_record_is_called_whatever_its_status(empty_engine: Engine) -> None:
    actor = followup.volunteer(empty_engine)
    person = people.register(empty_engine)
    people.update(empty_engine, registration_id=person, status=RegistrationStatus.REFERRED)
    with Session(empty_engine) as session:
        called = turns.call(session=session, registration_id=person, desk=20, actor=actor, now=NOW)
    assert (called["desk"], _turn(empty_engine, person)["state"]) == (20, "called")


@pytest.mark.parametrize("desk", [0, 21, -1])
def test_a_desk_number_is_1_to_20(empty_engine: Engine, desk: int) -> None:
    person = people.register(empty_engine)
    with Session(empty_engine) as session, pytest.raises(FollowUpError) as refused:
        turns.call(session=session, registration_id=person, desk=desk, actor=audit.SYSTEM, now=NOW)
    assert (refused.value.field, refused.value.problem) == ("desk", FollowUpProblem.BAD_DESK)


def test_waiting_counts_who_is_ahead_today(empty_engine: Engine) -> None:
    ahead = [people.register(empty_engine, name=f"P{n}", at=NOW - (5 - n) * HOUR) for n in range(3)]
    people.update(empty_engine, registration_id=ahead[0], status=RegistrationStatus.CLOSED)  # not waiting
    people.register(empty_engine, name="Yesterday", at=NOW - 30 * HOUR)  # not today's line
    me = people.register(empty_engine, name="Me", at=NOW - HOUR)
    people.register(empty_engine, name="After", at=NOW)
    assert _turn(empty_engine, me) == {"state": "waiting", "desk": None, "ahead": 2, "called_at": None}


def test_a_record_of_another_day_waits_in_no_line(empty_engine: Engine) -> None:
    person = people.register(empty_engine, at=NOW - 30 * HOUR)
    assert _turn(empty_engine, person)["ahead"] is None


def test_called_then_helped_then_done(sample_copy: Engine) -> None:
    actor = followup.volunteer(sample_copy)
    person = people.register(sample_copy, at=NOW - HOUR)
    _call_next(sample_copy, actor, desk=2)
    assert _turn(sample_copy, person) == {
        "state": "called",
        "desk": 2,
        "ahead": None,
        "called_at": NOW.isoformat(),
    }
    with Session(sample_copy) as session:
        records.add_note(
            session=session,
            registration_id=person,
            author_id=actor.staff_id or 0,
            text="Hi",
            now=NOW + HOUR / 6,
        )
    assert _turn(sample_copy, person)["state"] == "helped"
    people.refer(sample_copy, registration_id=person, author_id=actor.staff_id or 0, now=NOW + HOUR / 3)
    assert _turn(sample_copy, person) == {"state": "done", "desk": None, "ahead": None, "called_at": None}


def test_the_display_shows_todays_latest_calls_codes_and_desks_only(empty_engine: Engine) -> None:
    actor = followup.volunteer(empty_engine)
    names = [f"Zebulonia{n}" for n in range(8)]
    ids = [people.register(empty_engine, name=name, at=NOW - 30 * HOUR) for name in names]
    with Session(empty_engine) as session:
        for n, person in enumerate(ids):  # the first called yesterday, then seven today, a minute apart
            at = NOW - 24 * HOUR if n == 0 else NOW - (8 - n) * dt.timedelta(minutes=1)
            turns.call(session=session, registration_id=person, desk=n + 1, actor=actor, now=at)
        shown = turns.recent_calls(session=session, now=NOW, tz=TZ)
    assert [call["desk"] for call in shown] == [8, 7, 6, 5, 4, 3]
    assert all(set(call) == {"code", "desk", "called_at"} for call in shown)
    assert not any(name in json.dumps(shown) for name in names)


def test_a_new_display_key_replaces_the_old_one(empty_engine: Engine) -> None:
    actor = followup.volunteer(empty_engine)
    with Session(empty_engine) as session:
        assert not turns.display_allowed(session=session, key="")
        old = turns.new_display_key(session=session, actor=actor, now=NOW)
        assert turns.display_allowed(session=session, key=old)
        new = turns.new_display_key(session=session, actor=actor, now=NOW + HOUR)
        assert turns.display_allowed(session=session, key=new)
        assert not turns.display_allowed(session=session, key=old)
        assert not turns.display_allowed(session=session, key=new[:-1])
    assert new not in "".join(dump(empty_engine).values())
    assert [a for a, _, _ in followup.actions(empty_engine)] == ["display", "display"]


def test_no_display_key_lets_nobody_in(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        assert not turns.display_allowed(session=session, key="anything")


def test_two_desks_pressing_at_once_call_two_people(
    empty_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Desk 2 calls the first person between desk 1's look at the line and its update: desk 1
    takes the next person instead of calling the same one twice."""
    actor = followup.volunteer(empty_engine)
    first = people.register(empty_engine, name="First", at=NOW - 2 * HOUR)
    second = people.register(empty_engine, name="Second", at=NOW - HOUR)
    with Session(empty_engine) as desk_1, Session(empty_engine) as desk_2:
        look = desk_1.exec

        def look_then_lose(statement: Any) -> SimpleNamespace:
            rows = look(statement).all()
            monkeypatch.setattr(desk_1, "exec", look)  # only desk 1's first look is overtaken
            turns.call(session=desk_2, registration_id=first, desk=2, actor=actor, now=NOW)
            return SimpleNamespace(all=lambda: rows)

        monkeypatch.setattr(desk_1, "exec", look_then_lose)
        called = turns.call_next(session=desk_1, desk=1, actor=actor, now=NOW, tz=TZ)
        calls = {(call.registration_id, call.desk) for call in desk_1.exec(select(Call))}
    assert called is not None and called["registration_id"] == second
    assert calls == {(first, 2), (second, 1)}
