"""Follow-up at the desk (issue 19), through the real desk states: on the open record a follow-up
day with the desk's note and the person's appointments, each refused beside its field in the
desk's language with nothing saved; the Follow-up page lists what is overdue, what is due today
and a day's appointments, and opens a record on the queue."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp.desk.followup.page import FollowUpState
from rxapp.desk.followup.record import RecordPlanState
from rxapp.desk.queue.state import QueueState
from rxapp.models import Appointment, AuditAction, AuditEntry, Registration, Role
from rxapp.services import retention
from rxapp.services.audit import Actor
from rxapp.services.clock import local_day
from rxapp.settings import get_settings
from tests.data import people
from tests.data.aio import run
from tests.data.desk_states import signed_in
from tests.data.events import event_fn

SERVICE = "paso-orientacion-inicial"


def _today() -> dt.date:
    return local_day(dt.datetime.now(dt.UTC), get_settings().tz)


def _record(
    engine: Engine, monkeypatch: pytest.MonkeyPatch, role: Role = Role.VOLUNTEER
) -> tuple[RecordPlanState, int]:
    person = people.register(engine, name="Sigue", at=dt.datetime.now(dt.UTC))
    state = signed_in(engine, monkeypatch, role, RecordPlanState, "/es/desk")
    run(state.open(person))
    return state, person


def _stored(engine: Engine, person: int) -> Registration:
    with Session(engine) as session:
        row = session.get(Registration, person)
        assert row is not None
        return row


def test_a_follow_up_day_shows_on_the_record_and_in_due_today(
    sample_copy: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    state, person = _record(sample_copy, monkeypatch)
    run(state.set_follow_up({"on": _today().isoformat(), "note": "Llamar al albergue"}))
    queue = run(state.get_state(QueueState))
    assert queue.plan_errors == {}
    assert (
        queue.opened.follow_up.value == _today().isoformat()
        and queue.opened.follow_up.note == "Llamar al albergue"
    )
    page = signed_in(sample_copy, monkeypatch, Role.VOLUNTEER, FollowUpState, "/es/desk/follow-up")
    run(page.load())
    assert [(row.id, row.note) for row in page.due_today] == [(person, "Llamar al albergue")]
    assert page.overdue == []
    run(state.clear_follow_up())
    assert _stored(sample_copy, person).follow_up_on is None and queue.opened.follow_up.on == ""


def test_a_past_day_or_a_long_note_is_refused_beside_it_and_nothing_is_saved(
    sample_copy: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    state, person = _record(sample_copy, monkeypatch)
    yesterday = (_today() - dt.timedelta(days=1)).isoformat()
    run(state.set_follow_up({"on": yesterday, "note": "tarde"}))
    queue = run(state.get_state(QueueState))
    assert queue.plan_errors["fu.on"] == "Elige hoy o un día posterior."
    assert queue.plan_errors["fu.form"].startswith("Por favor, corrige")
    run(state.set_follow_up({"on": "mañana", "note": "x" * 501}))
    assert set(queue.plan_errors) == {"fu.on", "fu.note", "fu.form"}
    assert _stored(sample_copy, person).follow_up_on is None


def test_overdue_lists_a_day_the_desk_let_pass(sample_copy: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    person = people.register(sample_copy, name="Atrasada", at=dt.datetime.now(dt.UTC))
    with Session(sample_copy) as session:  # set three days ago (the desk refuses a past day)
        row = session.get(Registration, person)
        assert row is not None
        row.follow_up_on, row.follow_up_note = _today() - dt.timedelta(days=3), "Documentos"
        session.add(row)
        session.commit()
    page = signed_in(sample_copy, monkeypatch, Role.VOLUNTEER, FollowUpState, "/es/desk/follow-up")
    run(page.load())
    assert [(row.id, row.note) for row in page.overdue] == [(person, "Documentos")]
    assert run(page.open_record(person)) is not None  # a redirect to the queue
    queue = run(page.get_state(QueueState))
    run(queue.load())  # which opens the record as it loads, once
    assert queue.opened.id == person
    run(event_fn(QueueState.close_record)(queue))
    run(queue.load())
    assert queue.opened.id == 0


def test_an_appointment_is_added_listed_on_its_day_and_removed(
    sample_copy: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    state, _ = _record(sample_copy, monkeypatch)
    queue = run(state.get_state(QueueState))
    key = queue.plan_key
    tomorrow = _today() + dt.timedelta(days=1)
    form = {
        "service": SERVICE,
        "place": "",
        "starts_at": f"{tomorrow.isoformat()}T09:30",
        "bring": "Pasaporte",
        "note": "",
    }
    run(state.add_appointment(form))
    assert queue.plan_errors == {} and queue.plan_key != key  # an empty form again
    [row] = queue.opened.appointments
    assert row.what and row.bring == "Pasaporte" and not row.past and "9:30" in row.when
    page = signed_in(sample_copy, monkeypatch, Role.VOLUNTEER, FollowUpState, "/es/desk/follow-up")
    run(page.load())
    assert page.booked == []  # today's list
    run(page.show_day(page.next_day))
    assert [(b.code, b.when) for b in page.booked] == [(queue.opened.reference, "9:30")]
    assert page.day_title.startswith("Mañana")
    run(state.remove_appointment(row.id))
    assert queue.opened.appointments == []
    with Session(sample_copy) as session:
        assert session.exec(select(Appointment)).all() == []
        audited = session.exec(
            select(AuditEntry.detail).where(AuditEntry.action == AuditAction.APPOINT)
        ).all()
    assert audited == [f"add {row.id}", f"remove {row.id}"]


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"service": ""}, "ap.place", "Elige un servicio o escribe el lugar."),
        ({"starts_at": ""}, "ap.starts_at", "Escribe esto, no puede quedar vacío."),
        ({"starts_at": "pronto"}, "ap.starts_at", "Escribe una fecha y una hora."),
        ({"starts_at": "2020-01-01T09:00"}, "ap.starts_at", "Esto ya pasó: elige una hora posterior."),
        ({"starts_at": "2099-01-01T09:00"}, "ap.starts_at", "Más de un año por delante: revisa el año."),
        ({"service": "no-existe"}, "ap.service", "Elige un servicio de la lista."),
        ({"bring": "x" * 301}, "ap.bring", "Es demasiado largo: acórtalo."),
    ],
)
def test_a_wrong_appointment_is_refused_beside_its_field(
    sample_copy: Engine, monkeypatch: pytest.MonkeyPatch, changes: dict[str, str], field: str, words: str
) -> None:
    state, _ = _record(sample_copy, monkeypatch)
    queue = run(state.get_state(QueueState))
    key = queue.plan_key
    tomorrow = (_today() + dt.timedelta(days=1)).isoformat()
    form = {"service": SERVICE, "place": "", "starts_at": f"{tomorrow}T09:30", "bring": "", "note": ""}
    run(state.add_appointment(form | changes))
    assert queue.plan_errors[field] == words and "ap.form" in queue.plan_errors
    assert queue.plan_key == key  # what was typed stays
    assert queue.opened.appointments == []


def test_a_translator_changes_nothing_and_an_erased_record_is_said(
    sample_copy: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = people.register(sample_copy, name="Nadie", at=dt.datetime.now(dt.UTC))
    translator = signed_in(sample_copy, monkeypatch, Role.TRANSLATOR, RecordPlanState, "/es/desk")
    run(translator.set_follow_up({"on": _today().isoformat(), "note": ""}))
    assert _stored(sample_copy, person).follow_up_on is None
    state, other = _record(sample_copy, monkeypatch)
    with Session(sample_copy) as session:
        retention.erase(
            session=session, registration_id=other, actor=Actor(None, "test"), now=dt.datetime.now(dt.UTC)
        )
    run(state.set_follow_up({"on": _today().isoformat(), "note": ""}))
    assert run(state.get_state(QueueState)).desk_error == "Esto ya no está en el registro. Ábrelo otra vez."
