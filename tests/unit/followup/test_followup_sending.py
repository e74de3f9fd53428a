"""A referral sent through the volunteer's own WhatsApp or SMS: the words in the person's
language, right-to-left text intact, the link to their page, each sending audited."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp.models import Referral
from rxapp.services import audit, records
from rxapp.services.followup import access, sending
from rxapp.services.followup.inputs import FollowUpError, FollowUpProblem
from rxapp.services.followup.sending import FSI, PDI, Channel
from rxapp.services.views import DayHours
from tests.data import followup, people
from tests.data.people import NOW, PHONE

PUBLIC = "https://paso.example.org"
NOTE = {"es": "Pregunta por Marta.", "ht": "Mande pou Marta.", "ar": "اسأل عن مارتا."}


def _referred(db: Engine, locale: str) -> tuple[int, int, audit.Actor]:
    actor = followup.volunteer(db)
    person = people.register(db, phone=PHONE, locale=locale)
    with Session(db) as session:
        records.refer(
            session=session, registration_id=person, author_id=actor.staff_id or 0,
            service_slug=followup.SERVICE, consented=True, now=NOW, note=NOTE[locale],
        )  # fmt: skip
        referral_id = session.exec(select(Referral.id)).one()
    assert referral_id is not None
    return person, referral_id, actor


def _send(db: Engine, locale: str, channel: Channel = Channel.WHATSAPP) -> tuple[int, sending.Sending]:
    person, referral_id, actor = _referred(db, locale)
    with Session(db) as session:
        sent = sending.send_link(
            session=session, registration_id=person, referral_id=referral_id, channel=channel,
            actor=actor, public_url=PUBLIC, now=NOW,
        )  # fmt: skip
    return person, sent


WORDS = {
    "es": ["Servicio: Orientación e información — Centro de Atención", "Dirección: Av. Central Norte 12",
           "A media cuadra del parque central", "Horario:", "lunes–viernes 8:00–17:00", "sábado 9:00–13:00", "Teléfono: +52 962 555 0100",
           "Nota: Pregunta por Marta.", "Tu código: MTZ-"],
    "ht": ["Sèvis: Oryantasyon ak enfòmasyon — Sant Èd pou Migran Paso", "Adrès: Av. Central Norte 12",
           "A mwatye blòk pak santral la", "Lè ouvèti:", "Lendi–Vandredi 08:00–17:00", "Telefòn: +52 962 555 0100",
           "Nòt: Mande pou Marta.", "Kòd ou: MTZ-"],
    "ar": [f"الخدمة: {FSI}الإرشاد والمعلومات — مركز Paso", f"العنوان: {FSI}Av. Central Norte 12",
           "على بُعد نصف مربّع سكني من الحديقة المركزية", "أوقات العمل:", f"الاثنين–الجمعة {FSI}8:00–17:00{PDI}",
           f"الهاتف: {FSI}+52 962 555 0100{PDI}", f"ملاحظة: {FSI}اسأل عن مارتا.{PDI}", f"رمزك: {FSI}MTZ-"],
}  # fmt: skip


@pytest.mark.parametrize("locale", ["es", "ht", "ar"])
def test_the_message_is_in_the_persons_language(sample_copy: Engine, locale: str) -> None:
    _, sent = _send(sample_copy, locale)
    for words in WORDS[locale]:
        assert words in sent.text, words


@pytest.mark.parametrize("locale", ["es", "ht", "ar"])
def test_the_link_carries_the_text_url_encoded(sample_copy: Engine, locale: str) -> None:
    _, sent = _send(sample_copy, locale)
    parts = urlsplit(sent.link)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "wa.me", "/525512345678")
    assert re.fullmatch(r"text=[A-Za-z0-9%._~-]+", parts.query)  # nothing left unencoded: no space, #, &
    assert parse_qs(parts.query)["text"] == [sent.text]


def test_arabic_words_stay_whole_and_latin_values_are_isolated(sample_copy: Engine) -> None:
    _, sent = _send(sample_copy, "ar")
    assert "الإرشاد والمعلومات" in sent.text and "ملاحظة" in sent.text
    link_line = sent.text.splitlines()[-1]
    assert link_line.startswith(f"{FSI}{PUBLIC}/ar/me#t=") and link_line.endswith(PDI)


def test_a_latin_message_has_no_isolates(sample_copy: Engine) -> None:
    _, sent = _send(sample_copy, "es")
    assert FSI not in sent.text and PDI not in sent.text


def test_the_link_to_the_page_carries_a_one_time_token_in_its_fragment(sample_copy: Engine) -> None:
    person, sent = _send(sample_copy, "es")
    link = sent.text.splitlines()[-1]
    assert link.startswith(f"{PUBLIC}/es/me#t=")
    token = link.split("#t=")[1]
    with Session(sample_copy) as session:
        secret = access.claim(session=session, token=token, now=NOW)
        with pytest.raises(access.AccessDeniedError):
            access.claim(session=session, token=token, now=NOW)
    assert followup.opens(sample_copy, secret) == person


def test_an_sms_link_opens_the_messages_app(sample_copy: Engine) -> None:
    _, sent = _send(sample_copy, "es", Channel.SMS)
    assert sent.link.startswith("sms:+525512345678?body=")
    assert unquote(sent.link.split("?body=")[1]) == sent.text


def test_each_sending_is_audited_with_its_token(sample_copy: Engine) -> None:
    person, _ = _send(sample_copy, "es", Channel.SMS)
    with Session(sample_copy) as session:
        referral_id = session.exec(select(Referral.id)).one()
    assert followup.actions(sample_copy) == [("token", person, ""), ("send", person, f"sms {referral_id}")]


def test_no_phone_no_sending(sample_copy: Engine) -> None:
    actor = followup.volunteer(sample_copy)
    person = people.register(sample_copy)
    people.refer(sample_copy, registration_id=person, author_id=actor.staff_id or 0)
    with Session(sample_copy) as session:
        referral_id = session.exec(select(Referral.id)).one()
        with pytest.raises(FollowUpError) as refused:
            sending.send_link(
                session=session, registration_id=person, referral_id=referral_id or 0, channel=Channel.SMS,
                actor=actor, public_url=PUBLIC, now=NOW,
            )  # fmt: skip
    assert (refused.value.field, refused.value.problem) == ("phone", FollowUpProblem.NO_PHONE)
    assert followup.actions(sample_copy) == []  # no token made


def test_another_records_referral_is_not_sent(sample_copy: Engine) -> None:
    _, referral_id, actor = _referred(sample_copy, "es")
    other = people.register(sample_copy, name="Bea", phone="+525598765432")
    with Session(sample_copy) as session, pytest.raises(FollowUpError) as refused:
        sending.send_link(
            session=session, registration_id=other, referral_id=referral_id, channel=Channel.WHATSAPP,
            actor=actor, public_url=PUBLIC, now=NOW,
        )  # fmt: skip
    assert (refused.value.field, refused.value.problem) == ("referral", FollowUpProblem.NOT_FOUND)


def test_links_from_any_written_number() -> None:
    assert (
        sending.whatsapp_link("+52 962 555 0100", "Hola y adiós")
        == "https://wa.me/529625550100?text=Hola%20y%20adi%C3%B3s"
    )
    assert sending.sms_link("+529625550100", "a&b#c") == "sms:+529625550100?body=a%26b%23c"


def test_days_with_the_same_hours_are_joined() -> None:
    week = [
        DayHours(day=name, hours=hours)
        for name, hours in zip("MTWTFSS", ["9", "9", "", "9", "9", "9", ""], strict=True)
    ]
    assert sending.week_runs(week) == [("M–T", "9"), ("T–S", "9")]


def test_the_message_says_what_to_bring(sample_copy: Engine) -> None:
    """What to bring was on the public page only: the message names the documents, or says
    none is needed when the directory says so."""
    from rxapp.models import RequiredDocument, Service

    person, referral_id, actor = _referred(sample_copy, "es")

    def message() -> str:
        with Session(sample_copy) as session:
            return sending.send_link(
                session=session, registration_id=person, referral_id=referral_id,
                channel=Channel.WHATSAPP, actor=actor, public_url=PUBLIC, now=NOW,
            ).text  # fmt: skip

    with Session(sample_copy) as session:
        service = session.exec(select(Service).where(Service.slug == followup.SERVICE)).one()
        service.no_documents_needed = True
        session.add(service)
        session.commit()
    assert "No piden documentos." in message()
    with Session(sample_copy) as session:
        service = session.exec(select(Service).where(Service.slug == followup.SERVICE)).one()
        assert service.id is not None
        service.no_documents_needed = False
        session.add(service)
        for position, text in enumerate(("CURP", "Acta de nacimiento")):
            session.add(RequiredDocument(service_id=service.id, document=text, position=position))
        session.commit()
    sent = message()
    assert "Documentos que llevar: CURP; Acta de nacimiento" in sent and "No piden documentos." not in sent
