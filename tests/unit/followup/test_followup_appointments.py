"""Appointments: what the desk may send, when they are, the day's list; a referral's note."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp.models import Appointment, Referral, Registration
from rxapp.services import audit, records
from rxapp.services.followup import appointments
from rxapp.services.followup.inputs import (
    FORM,
    AppointmentInput,
    FollowUpError,
    FollowUpProblem,
    validate,
)
from rxapp.services.record_views import DeskError, DeskProblem
from tests.data import followup, people
from tests.data.people import NOW, TZ

TOMORROW_10 = "2026-12-03T10:00"  # NOW is noon on 2 December at the centre (UTC-6)
AT_PLACE = {"place": "COMAR, Tapachula", "starts_at": TOMORROW_10}

PROBLEMS = [
    ({"starts_at": TOMORROW_10}, "place", FollowUpProblem.REQUIRED),
    ({"place": "COMAR"}, "starts_at", FollowUpProblem.REQUIRED),
    ({**AT_PLACE, "starts_at": "tomorrow"}, "starts_at", FollowUpProblem.BAD_MOMENT),
    ({**AT_PLACE, "place": "x" * 201}, "place", FollowUpProblem.TOO_LONG),
    ({**AT_PLACE, "bring": "x" * 301}, "bring", FollowUpProblem.TOO_LONG),
    ({**AT_PLACE, "note": "x" * 501}, "note", FollowUpProblem.TOO_LONG),
    ({**AT_PLACE, "author_id": 1}, "author_id", FollowUpProblem.BAD_REQUEST),
]


@pytest.mark.parametrize(("raw", "field", "problem"), PROBLEMS)
def test_each_field_says_its_problem(raw: dict[str, Any], field: str, problem: FollowUpProblem) -> None:
    data, problems = validate(AppointmentInput, raw)
    assert data is None
    assert problems[field] == problem


def test_a_request_that_is_not_a_form_is_refused() -> None:
    assert validate(AppointmentInput, ["place"]) == (None, {FORM: FollowUpProblem.BAD_REQUEST})


def test_a_service_needs_no_place() -> None:
    data, problems = validate(AppointmentInput, {"service": followup.SERVICE, "starts_at": TOMORROW_10})
    assert problems == {} and data is not None and data.place == ""


def _add(db: Any, person: int, actor: audit.Actor, **raw: Any) -> int:
    data, problems = validate(AppointmentInput, {**AT_PLACE, **raw})
    assert data is not None, problems
    with Session(db) as session:
        return appointments.add(
            session=session, registration_id=person, data=data, actor=actor, now=NOW, tz=TZ
        )


def test_the_desks_wall_clock_time_is_stored_in_utc(empty_engine: Engine) -> None:
    person = people.register(empty_engine)
    new = _add(empty_engine, person, followup.volunteer(empty_engine))
    with Session(empty_engine) as session:
        stored = session.get(Appointment, new)
        assert stored is not None
        assert stored.starts_at.replace(tzinfo=dt.UTC) == dt.datetime(2026, 12, 3, 16, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("raw", "field", "problem"),
    [
        ({"starts_at": "2026-12-02T11:59"}, "starts_at", FollowUpProblem.PAST),
        ({"starts_at": "2027-12-04T10:00"}, "starts_at", FollowUpProblem.TOO_FAR),
        ({"service": "no-such-service"}, "service", FollowUpProblem.UNKNOWN_SERVICE),
    ],
)
def test_what_only_the_clock_or_the_directory_knows_is_refused(
    sample_copy: Engine, raw: dict[str, Any], field: str, problem: FollowUpProblem
) -> None:
    person = people.register(sample_copy)
    with pytest.raises(FollowUpError) as refused:
        _add(sample_copy, person, followup.volunteer(sample_copy), **raw)
    assert (refused.value.field, refused.value.problem) == (field, problem)


def test_an_appointment_for_a_gone_record_is_refused(empty_engine: Engine) -> None:
    with pytest.raises(FollowUpError) as refused:
        _add(empty_engine, 404, followup.volunteer(empty_engine))
    assert refused.value.problem == FollowUpProblem.NOT_FOUND


def test_adding_is_audited_and_refreshes_the_tablets(empty_engine: Engine) -> None:
    person = people.register(empty_engine, at=NOW - dt.timedelta(hours=2))
    new = _add(empty_engine, person, followup.volunteer(empty_engine))
    with Session(empty_engine) as session:
        row = session.get(Registration, person)
        assert row is not None and row.updated_at.replace(tzinfo=dt.UTC) == NOW
    assert followup.actions(empty_engine) == [("appoint", person, f"add {new}")]


def test_removing_takes_only_this_records_appointment(empty_engine: Engine) -> None:
    actor = followup.volunteer(empty_engine)
    mine, theirs = people.register(empty_engine, name="Ana"), people.register(empty_engine, name="Bea")
    their_appointment = _add(empty_engine, theirs, actor)
    with Session(empty_engine) as session:
        remove = partial(appointments.remove, session=session, actor=actor, now=NOW)
        assert not remove(registration_id=mine, appointment_id=their_appointment)
        assert remove(registration_id=theirs, appointment_id=their_appointment)
        assert session.exec(select(Appointment)).all() == []
    assert followup.actions(empty_engine)[-1] == ("appoint", theirs, f"remove {their_appointment}")


def test_the_days_list_follows_the_centres_day(sample_copy: Engine) -> None:
    """23:30 on 3 December at the centre is 4 December in UTC: it is on the 3rd's list."""
    actor = followup.volunteer(sample_copy)
    person = people.register(sample_copy, name="Ana")
    late = _add(sample_copy, person, actor, starts_at="2026-12-03T23:30", service=followup.SERVICE)
    early = _add(sample_copy, person, actor, starts_at="2026-12-03T08:00")
    _add(sample_copy, person, actor, starts_at="2026-12-04T00:30")
    with Session(sample_copy) as session:
        day = appointments.appointments_on(session=session, day=dt.date(2026, 12, 3), tz=TZ, locale="en")
    assert [a.id for a in day] == [early, late]
    assert (day[1].code[:4], day[1].name, day[1].service_slug) == ("MTZ-", "Ana", followup.SERVICE)
    assert day[1].service_name == "Information and guidance"  # in the desk's language, not "Orientación..."


def test_a_referral_note_is_written_for_the_person(sample_copy: Engine) -> None:
    person, actor = people.register(sample_copy), followup.volunteer(sample_copy)
    people.refer(sample_copy, registration_id=person, author_id=actor.staff_id or 0)
    with Session(sample_copy) as session:
        referral = session.exec(select(Referral)).one()
        assert referral.id is not None
        appointments.set_referral_note(
            session=session,
            registration_id=person,
            referral_id=referral.id,
            note="  Pregunta por Marta.  ",
            actor=actor,
            now=NOW,
        )
        session.refresh(referral)
        assert referral.note == "Pregunta por Marta."
        with pytest.raises(FollowUpError) as refused:
            appointments.set_referral_note(
                session=session, registration_id=person, referral_id=referral.id, note="x" * 501,
                actor=actor, now=NOW,
            )  # fmt: skip
        assert refused.value.problem == FollowUpProblem.TOO_LONG


def test_a_referral_note_of_another_record_is_not_found(sample_copy: Engine) -> None:
    mine, theirs = people.register(sample_copy, name="Ana"), people.register(sample_copy, name="Bea")
    actor = followup.volunteer(sample_copy)
    people.refer(sample_copy, registration_id=theirs, author_id=actor.staff_id or 0)
    with Session(sample_copy) as session:
        referral_id = session.exec(select(Referral.id)).one()
        with pytest.raises(FollowUpError) as refused:
            appointments.set_referral_note(
                session=session, registration_id=mine, referral_id=referral_id or 0, note="Hola",
                actor=actor, now=NOW,
            )  # fmt: skip
    assert refused.value.problem == FollowUpProblem.NOT_FOUND


def test_referring_takes_a_note_for_the_person(sample_copy: Engine) -> None:
    person, author = people.register(sample_copy), people.staff(sample_copy)
    with Session(sample_copy) as session:
        refer = partial(
            records.refer, session=session, registration_id=person, author_id=author, consented=True,
            service_slug=followup.SERVICE, now=NOW,
        )  # fmt: skip
        with pytest.raises(DeskError) as refused:
            refer(note="x" * 501)
        assert refused.value.problem == DeskProblem.NOTE_TOO_LONG
        refer(note="Lleva tu código.")
        view = records.record(session=session, registration_id=person)
    assert view is not None and [r.note for r in view.referrals] == ["Lleva tu código."]
