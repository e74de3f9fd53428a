"""Erasure, retention and merging reach the keys, calls and appointments too; the audit log
shows the new actions and holds no personal data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from rxapp.desk.audit import action_words
from rxapp.i18n.catalogs import Translator
from rxapp.models import Appointment, AuditAction, Call, PersonalKey
from rxapp.services import audit, records, retention
from rxapp.services.followup import appointments, turns
from rxapp.services.followup.inputs import AppointmentInput
from tests.data import followup, people
from tests.data.db import count, dump
from tests.data.people import NAME, NOW, PHONE, TZ

TOMORROW = AppointmentInput(place="COMAR", starts_at=dt.datetime(2026, 12, 3, 10, 0), bring="Tu CURP")


def _followed(db: Engine, at: dt.datetime = NOW) -> tuple[int, str, audit.Actor]:
    """Someone with a page, an appointment and a call (``at``: when they registered)."""
    actor = followup.volunteer(db)
    person, secret = followup.person(db, **people.SOMEONE, at=at)
    with Session(db) as session:
        appointments.add(session=session, registration_id=person, data=TOMORROW, actor=actor, now=NOW, tz=TZ)
        turns.call(session=session, registration_id=person, desk=2, actor=actor, now=NOW)
    return person, secret, actor


def _codes_shown(db: Engine) -> list[str]:
    with Session(db) as session:
        return [shown["code"] for shown in turns.recent_calls(session=session, now=NOW, tz=TZ)]


def test_erasure_ends_the_secret_the_calls_and_the_appointments(empty_engine: Engine) -> None:
    person, secret, actor = _followed(empty_engine)
    assert followup.opens(empty_engine, secret) == person and len(_codes_shown(empty_engine)) == 1
    with Session(empty_engine) as session:
        assert retention.erase(session=session, registration_id=person, actor=actor, now=NOW)
    assert followup.opens(empty_engine, secret) is None
    assert _codes_shown(empty_engine) == []
    assert [count(empty_engine, model=model) for model in (PersonalKey, Call, Appointment)] == [0, 0, 0]


def test_retention_ends_them_too(empty_engine: Engine) -> None:
    _, secret, _ = _followed(empty_engine, at=NOW - dt.timedelta(days=91))
    with Session(empty_engine) as session:
        assert retention.purge(session=session, days=90, now=NOW, tz=TZ) == 1
    assert followup.opens(empty_engine, secret) is None
    assert _codes_shown(empty_engine) == [] and count(empty_engine, model=Appointment) == 0


def test_erasure_ends_them_without_the_foreign_key_pragma(tmp_path: Path) -> None:
    plain = sa.create_engine(f"sqlite:///{tmp_path}/plain.db")  # no pragmas: no cascades
    SQLModel.metadata.create_all(plain)
    person, _, actor = _followed(plain)
    with Session(plain) as session:
        retention.erase(session=session, registration_id=person, actor=actor, now=NOW)
    assert [count(plain, model=model) for model in (PersonalKey, Call, Appointment)] == [0, 0, 0]
    plain.dispose()


def test_a_merged_records_secret_opens_the_kept_record(empty_engine: Engine) -> None:
    keep = people.register(empty_engine, name=NAME, phone=PHONE)
    drop, secret, actor = _followed(empty_engine)
    with Session(empty_engine) as session:
        records.merge(session=session, keep_id=keep, drop_id=drop, author_id=actor.staff_id or 0, now=NOW)
        moved = session.exec(select(Appointment.registration_id)).all()
    assert followup.opens(empty_engine, secret) == keep
    assert list(moved) == [keep]


def test_the_export_holds_appointments_calls_and_referral_notes(sample_copy: Engine) -> None:
    person, _, actor = _followed(sample_copy)
    with Session(sample_copy) as session:
        records.refer(
            session=session, registration_id=person, author_id=actor.staff_id or 0,
            service_slug=followup.SERVICE, consented=True, now=NOW, note="Pregunta por Marta.",
        )  # fmt: skip
        exported = retention.export(session=session, registration_id=person, actor=actor, now=NOW)
    assert exported is not None
    assert [(a["place"], a["bring"]) for a in exported["appointments"]] == [("COMAR", "Tu CURP")]
    assert [c["desk"] for c in exported["calls"]] == [2]
    assert exported["referrals"][0]["note"] == "Pregunta por Marta."


def test_the_follow_up_audit_rows_hold_no_personal_data(empty_engine: Engine) -> None:
    _followed(empty_engine)
    log = dump(empty_engine, only="auditentry")["auditentry"]
    assert "APPOINT" in log and "CALL" in log
    assert NAME not in log and PHONE not in log and "COMAR" not in log


@pytest.mark.parametrize("action", list(AuditAction))
def test_every_action_can_be_shown_on_the_audit_page(action: AuditAction) -> None:
    """Bug: the page looked each action's words up by key: a new action broke the whole log."""
    assert action_words(action, Translator("es"))
