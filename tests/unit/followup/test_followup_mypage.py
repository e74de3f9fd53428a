"""The person's page document: their code, turn, referrals and appointments, and nothing else."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp.models import Referral, Registration, RegistrationStatus, Service
from rxapp.services import records
from rxapp.services.followup import appointments, followups, mypage
from rxapp.services.followup.inputs import AppointmentInput, FollowUpInput
from tests.data import followup, people
from tests.data.people import NAME, NOW, PHONE, TZ

NOTE_FOR_PERSON = "Pregunta por Marta en la puerta azul."
DESK_NOTE = "Needs insulin, sister in Tapachula"


@pytest.fixture
def helped(sample_copy: Engine) -> int:
    """Someone referred (with a note for them), given an appointment, a desk note and a follow-up."""
    actor = followup.volunteer(sample_copy)
    person = people.register(sample_copy, **people.SOMEONE, at=NOW - dt.timedelta(hours=3))
    with Session(sample_copy) as session:
        records.add_note(
            session=session, registration_id=person, author_id=actor.staff_id or 0, text=DESK_NOTE, now=NOW
        )
        records.refer(
            session=session, registration_id=person, author_id=actor.staff_id or 0,
            service_slug=followup.SERVICE, consented=True, now=NOW, note=NOTE_FOR_PERSON,
        )  # fmt: skip
        for when, where in (
            ("2026-12-03T10:00", {"service": "san-francisco-comedor"}),
            ("2026-12-04T09:30", {"place": "COMAR, Tapachula"}),
        ):
            data = AppointmentInput.model_validate({"starts_at": when, "bring": "Tu CURP", **where})
            appointments.add(session=session, registration_id=person, data=data, actor=actor, now=NOW, tz=TZ)
        followups.set_follow_up(
            session=session, registration_id=person, data=FollowUpInput(on=NOW.date(), note="Secret desk reminder"),
            actor=actor, now=NOW, tz=TZ,
        )  # fmt: skip
    return person


def _page(db: Engine, person: int, locale: str = "es", at: dt.datetime = NOW) -> dict[str, Any]:
    with Session(db) as session:
        row = session.get(Registration, person)
        assert row is not None
        return mypage.my_page(session=session, registration=row, locale=locale, now=at, tz=TZ)


def test_the_page_holds_the_code_and_the_turn(sample_copy: Engine, helped: int) -> None:
    page = _page(sample_copy, helped)
    assert page["code"].startswith("MTZ-") and (page["locale"], page["dir"]) == ("es", "ltr")
    assert page["turn"] == {"state": "done", "desk": None, "ahead": None, "called_at": None}


def test_a_referral_carries_the_note_and_the_services_card(sample_copy: Engine, helped: int) -> None:
    [referral] = _page(sample_copy, helped)["referrals"]
    assert (referral["date"], referral["note"]) == ("2026-12-02", NOTE_FOR_PERSON)
    card = referral["service"]
    assert card["name"] == referral["service_name"] == "Orientación e información"
    assert card["locations"][0]["address"].startswith("Av. Central Norte 12")
    assert card["locations"][0]["directions"].startswith("A media cuadra del parque central")
    assert card["phones"][0] == {
        "number": "+52 962 555 0100", "tel": "tel:+529625550100", "whatsapp": "https://wa.me/529625550100",
        "description": "Recepción (WhatsApp)",
    }  # fmt: skip
    assert [0, "08:00", "17:00"] in [
        list(slot) for slot in card["slots"]
    ]  # open-now, offline, as the snapshot's
    assert card["week"][0] == {"day": "lunes", "hours": "8:00–17:00"}


def test_the_card_is_in_the_pages_language(sample_copy: Engine, helped: int) -> None:
    page = _page(sample_copy, helped, locale="ar")
    assert page["dir"] == "rtl"
    assert page["referrals"][0]["service"]["name"] == "الإرشاد والمعلومات"


def test_appointments_are_in_the_centres_time_with_their_service_or_place(
    sample_copy: Engine, helped: int
) -> None:
    first, second = _page(sample_copy, helped)["appointments"]
    assert (first["date"], first["time"], first["starts_at"]) == (
        "2026-12-03",
        "10:00",
        "2026-12-03T16:00:00+00:00",
    )
    assert first["service"]["slug"] == "san-francisco-comedor" and first["place"] == ""
    assert (second["time"], second["place"], second["service"], second["bring"]) == (
        "09:30",
        "COMAR, Tapachula",
        None,
        "Tu CURP",
    )


def test_past_appointments_are_left_out(sample_copy: Engine, helped: int) -> None:
    later = dt.datetime(2026, 12, 4, 7, 0, tzinfo=dt.UTC)  # 1:00 on the 4th at the centre
    assert [a["date"] for a in _page(sample_copy, helped, at=later)["appointments"]] == ["2026-12-04"]


def test_nothing_of_the_desk_or_the_person_leaks(sample_copy: Engine, helped: int) -> None:
    text = json.dumps(_page(sample_copy, helped), ensure_ascii=False)
    for private in (NAME, PHONE, "962 123", DESK_NOTE, "Secret desk reminder", "Lucía"):
        assert private not in text, private


def test_no_other_persons_data(sample_copy: Engine, helped: int) -> None:
    other = people.register(sample_copy, name="Someone Else")
    people.refer(
        sample_copy,
        registration_id=other,
        author_id=people.staff(sample_copy),
        service_slug="los-cerros-farmacia",
    )
    page = _page(sample_copy, helped)
    assert [r["service"]["slug"] for r in page["referrals"]] == [followup.SERVICE]


def test_the_version_moves_with_the_content_only(sample_copy: Engine, helped: int) -> None:
    before = _page(sample_copy, helped)
    assert _page(sample_copy, helped)["version"] == before["version"]
    people.update(sample_copy, registration_id=helped, status=RegistrationStatus.WAITING)
    after = _page(sample_copy, helped)
    assert after["turn"]["state"] == "waiting" and after["version"] != before["version"]
    assert mypage.version(after) == after["version"]


def test_a_service_gone_from_the_directory_keeps_its_name(sample_copy: Engine, helped: int) -> None:
    with Session(sample_copy) as session:
        referral = session.exec(select(Referral)).one()
        referral.service_id = None  # what ON DELETE SET NULL leaves
        session.add(referral)
        session.commit()
        assert session.exec(select(Service).where(Service.slug == followup.SERVICE)).one()
    [shown] = _page(sample_copy, helped)["referrals"]
    assert (shown["service"], shown["service_name"]) == (None, "Orientación e información")


def test_a_referral_s_card_carries_the_documents_to_bring(sample_copy: Engine, helped: int) -> None:
    """What to bring was on the public page only: the person's page (kept offline) has it too."""
    from rxapp.models import RequiredDocument

    with Session(sample_copy) as session:
        service = session.exec(select(Service).where(Service.slug == followup.SERVICE)).one()
        assert service.id is not None
        service.no_documents_needed = False
        session.add(service)
        session.add(RequiredDocument(service_id=service.id, document="CURP o pasaporte", position=0))
        session.add(
            RequiredDocument(service_id=service.id, document="Comprobante", uri="https://x.mx", position=1)
        )
        session.commit()
    card = _page(sample_copy, helped)["referrals"][0]["service"]
    assert card["documents"] == [
        {"text": "CURP o pasaporte", "link": ""},
        {"text": "Comprobante", "link": "https://x.mx"},
    ]
