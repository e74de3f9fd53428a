"""From the open record at the desk (issue 19): a referral sent by WhatsApp or SMS is a message
in the person's language with a one-time link to their page, audited; a record without a phone
is refused in words; the QR opens their page once; "remove phone access" ends it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp.desk.queue.state import QueueState
from rxapp.models import AuditAction, AuditEntry, Referral, Role
from rxapp.services import records
from rxapp.services.followup import access
from tests.data import people
from tests.data.aio import run
from tests.data.desk_states import signed_in
from tests.data.events import event_fn

SERVICE = "paso-orientacion-inicial"


def _opened(engine: Engine, monkeypatch: pytest.MonkeyPatch, **fields: Any) -> tuple[QueueState, int, int]:
    now = dt.datetime.now(dt.UTC)
    person = people.register(engine, name="Envío", at=now, locale="ht", **fields)
    with Session(engine) as session:
        records.refer(session=session, registration_id=person, author_id=people.staff(session, name="Rita"),
                      service_slug=SERVICE, consented=True, now=now, note="Mande pou Marta.")  # fmt: skip
        referral = session.exec(select(Referral.id).where(Referral.registration_id == person)).one()
    assert referral is not None
    state = signed_in(engine, monkeypatch, Role.VOLUNTEER, QueueState, "/es/desk")
    run(state.open(person))
    return state, person, referral


def test_a_referral_sent_by_whatsapp_is_a_message_in_their_language_and_audited(
    sample_copy: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    state, _, referral = _opened(sample_copy, monkeypatch, phone="+50499998888")
    assert state.opened.has_phone and state.opened.referrals[0].note == "Mande pou Marta."
    run(state.prepare_sending(referral, "whatsapp"))
    assert state.sending.link.startswith("https://wa.me/50499998888?text=")
    assert "Mande pou Marta." in state.sending.text and "/ht/me#t=" in state.sending.text
    run(state.prepare_sending(referral, "sms"))
    assert state.sending.link.startswith("sms:+50499998888?body=")
    with Session(sample_copy) as session:
        sent = session.exec(select(AuditEntry).where(AuditEntry.action == AuditAction.SEND)).all()
    assert len(sent) == 2


def test_without_a_phone_it_is_refused_in_words(sample_copy: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    state, _, referral = _opened(sample_copy, monkeypatch)
    assert not state.opened.has_phone
    run(state.prepare_sending(referral, "whatsapp"))
    assert state.desk_error == "Este registro no tiene un número de teléfono al que enviarlo."
    assert state.sending.link == ""


def test_the_qr_opens_their_page_once_and_remove_access_ends_it(
    sample_copy: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    state, _, _ = _opened(sample_copy, monkeypatch)
    run(state.show_page_code())
    assert "/ht/me#t=" in state.page_link
    token = state.page_link.split("#t=", 1)[1]
    now = dt.datetime.now(dt.UTC)
    with Session(sample_copy) as session:
        secret = access.claim(session=session, token=token, now=now)
        assert access.resolve(session=session, secret=secret) is not None
    run(state.revoke_page())
    assert state.page_link == "" and state.desk_error.startswith("Acceso quitado")
    with Session(sample_copy) as session:
        assert access.resolve(session=session, secret=secret) is None
    run(event_fn(QueueState.close_record)(state))
    assert state.sending.link == "" and state.page_link == ""
