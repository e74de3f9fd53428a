"""Editing the directory at the desk: services, hours, phones, translations, revisions."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp import models as m
from rxapp.services import directory, editing, snapshot
from rxapp.services.editing import EditError
from rxapp.services.editing_input import (
    EditProblem,
    NewService,
    OrganizationEdit,
    ServiceEdit,
    TranslationEdit,
    validate,
)
from rxapp.services.editing_sheet import ServiceSheet, SlotEdit
from rxapp.services.editing_views import sheet, text_rows
from rxapp.services.hours import Slot, open_state
from rxapp.services.translation import TranslationStatus
from tests.data.directory import edit_service, first_service, service_form

P = EditProblem
MEXICO = ZoneInfo("America/Mexico_City")


def _revision(session: Session) -> int:
    return snapshot.revision(session)


def _statuses(session: Session, slug: str, locale: str) -> dict[str, TranslationStatus]:
    rows = text_rows(session=session, slug=slug, locales=[locale]) or []
    return {r.field: r.cells[0].status for r in rows if r.record_type is m.RecordType.SERVICE}


def test_a_new_organization_and_service_are_found_by_search(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        org = editing.create_organization(
            session=session, data=OrganizationEdit(name="Casa Ñandú"), source_locale="es"
        )
        assert org.slug == "casa-nandu" and org.text_versions == {"name": 1, "description": 1}
        assert org.id is not None
        data = ServiceEdit(name="Comedor Ñandú", description="Desayuno caliente", languages=["es", "mam"])
        service = editing.create_service(session=session, organization_id=org.id, data=data)
        assert service.slug == "comedor-nandu" and service.source_locale == "es"
        assert _revision(session) == 2  # one revision per save
        found = directory.list_services(session=session, locale="es", query="nandu desayuno")
        assert [s.slug for s in found] == ["comedor-nandu"]
        assert found[0].organization == "Casa Ñandú"


def test_a_second_service_of_the_same_name_gets_its_own_slug(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        org_id = first_service(session).organization_id
        made = [
            editing.create_service(session=session, organization_id=org_id, data=ServiceEdit(name="Ropa"))
            for _ in range(2)
        ]
        assert [s.slug for s in made] == ["ropa", "ropa-2"]


def test_the_new_service_form_creates_the_organization_it_names(sample_copy: Engine) -> None:
    data, problems = validate(NewService, {"name": "Clínica móvil", "new_organization": "Médicos del Camino"})
    assert problems == {} and data is not None and data.source_locale == "es"
    with Session(sample_copy) as session:
        service = editing.create_from_form(session=session, data=data)
        org = session.get(m.Organization, service.organization_id)
        assert org is not None and org.name == "Médicos del Camino" and not org.is_sample


def test_the_new_service_form_needs_an_organization() -> None:
    _, problems = validate(NewService, {"name": "Clínica", "organization_id": ""})
    assert problems == {"new_organization": P.REQUIRED}


def test_a_renamed_service_is_found_by_its_new_name_only(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service = first_service(session)
        old = service.name
        before = _revision(session)
        edit_service(session, service=service, name="Zapatería Quetzal")
        assert _revision(session) == before + 1
        assert [s.slug for s in directory.list_services(session=session, locale="es", query="quetzal")] == [
            service.slug
        ]
        hits = directory.list_services(session=session, locale="es", query=old)
        assert service.slug not in [s.slug for s in hits if s.name == old]


def test_editing_a_source_text_makes_its_translations_outdated(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service = first_service(session)
        assert set(_statuses(session, service.slug, "fr").values()) == {TranslationStatus.UP_TO_DATE}
        version = service.text_versions["eligibility"]
        edit_service(session, service=service, eligibility="Solo mayores de 18 años.")
        assert service.text_versions["eligibility"] == version + 1
        statuses = _statuses(session, service.slug, "fr")
    assert statuses["eligibility"] is TranslationStatus.OUTDATED
    assert statuses["name"] is TranslationStatus.UP_TO_DATE  # unchanged text, same version


def test_a_typed_translation_is_up_to_date_and_reviewed(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service = first_service(session)
        edit_service(session, service=service, name="Comedor nuevo")
        before = _revision(session)
        data = TranslationEdit(
            record_type=m.RecordType.SERVICE,
            record_id=service.id or 0,
            field="name",
            locale="fr",
            text="Cantine",
        )
        row = editing.set_translation(session=session, data=data)
        assert (row.source_version, row.unreviewed, row.source_text) == (
            service.text_versions["name"],
            False,
            "Comedor nuevo",
        )
        assert _statuses(session, service.slug, "fr")["name"] is TranslationStatus.UP_TO_DATE
        assert _revision(session) == before + 1
        assert directory.list_services(session=session, locale="es", query="cantine")  # any language


def test_a_translation_into_the_source_language_is_refused(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service = first_service(session)
        data = TranslationEdit(
            record_type=m.RecordType.SERVICE, record_id=service.id or 0, field="name", locale="es", text="X"
        )
        with pytest.raises(EditError) as raised:
            editing.set_translation(session=session, data=data)
    assert (raised.value.problem, raised.value.field) == (P.SAME_LOCALE, "locale")


@pytest.mark.parametrize(
    ("slot", "problem"),
    [
        ({"weekday": "7", "opens": "09:00", "closes": "17:00"}, {"weekday": P.BAD_WEEKDAY}),
        ({"weekday": "-1", "opens": "09:00", "closes": "17:00"}, {"weekday": P.BAD_WEEKDAY}),
        ({"weekday": "lunes", "opens": "09:00", "closes": "17:00"}, {"weekday": P.BAD_WEEKDAY}),
        ({"weekday": "0", "opens": "25:00", "closes": "17:00"}, {"opens": P.BAD_TIME}),
        ({"weekday": "0", "opens": "09:00", "closes": ""}, {"closes": P.BAD_TIME}),
        ({"weekday": "0", "opens": "22:00", "closes": "06:00"}, {}),  # passes midnight
        ({"weekday": "6", "opens": "00:00", "closes": "00:00"}, {}),  # 24 hours
    ],
)
def test_weekly_slot_validation(slot: dict[str, str], problem: dict[str, EditProblem]) -> None:
    _, problems = validate(SlotEdit, slot)
    assert problems == problem


@pytest.mark.parametrize(
    ("changes", "problems"),
    [
        ({"name": "  "}, {"name": P.REQUIRED}),
        ({"name": "x" * 201}, {"name": P.TOO_LONG}),
        ({"status": "closed"}, {"status": P.INVALID_CHOICE}),
        ({"categories": ["food", "magic"]}, {"categories": P.INVALID_CHOICE}),
        ({"languages": ["klingon"]}, {"languages": P.INVALID_CHOICE}),
        ({"location": {"latitude": "north"}}, {"location.latitude": P.BAD_COORDINATE}),
        ({"location": {"longitude": "200"}}, {"location.longitude": P.BAD_COORDINATE}),
        ({"hours": [{"weekday": "1", "opens": "9", "closes": "12:00"}]}, {"hours.0.opens": P.BAD_TIME}),
        ({"exceptions": [{"date": "2026-13-01"}]}, {"exceptions.0.date": P.BAD_DATE}),
        (
            {"exceptions": [{"date": "2026-12-24", "closed": False}]},
            {
                "exceptions.0.opens": P.HOURS_NEEDED,
                "exceptions.0.closes": P.HOURS_NEEDED,
            },
        ),
        (
            {"exceptions": [{"date": "2026-12-24"}, {"date": "2026-12-24", "note": "otra"}]},
            {"exceptions": P.DUPLICATE_DATE},
        ),
        ({"phones": [{"number": "call us"}]}, {"phones.0.number": P.PHONE_INVALID}),
        (
            {"phones": [{"number": "962 123 4567", "is_whatsapp": True}]},
            {"phones.0.is_whatsapp": P.WHATSAPP_NEEDS_PLUS},
        ),
        ({"surprise": "1"}, {"surprise": P.BAD_REQUEST}),
    ],
)
def test_service_form_validation(changes: dict[str, Any], problems: dict[str, EditProblem]) -> None:
    raw = {"name": "Comedor", "status": "active", **changes}
    assert validate(ServiceSheet, raw)[1] == problems


def test_the_whole_form_is_one_revision_and_replaces_hours_phones_exceptions(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service = first_service(session)
        before = _revision(session)
        raw = service_form(
            service,
            status="temporarily_closed",
            categories=["food", "health"],
            location={
                "name": "Bodega",
                "address": "Calle 5 #3",
                "directions": "Junto al río",
                "latitude": "15,3",
            },
            hours=[
                {"weekday": "0", "opens": "08:00", "closes": "12:00"},
                {"weekday": "0", "opens": "15:00", "closes": "19:00"},  # several a day
                {"weekday": "4", "opens": "22:00", "closes": "06:00"},
            ],
            exceptions=[{"date": "2026-12-25", "closed": True, "note": "Navidad"}],
            phones=[{"number": "+52 962 100 2000", "is_whatsapp": True, "description": "Recepción"}],
        )
        data, problems = validate(ServiceSheet, raw)
        assert problems == {} and data is not None
        editing.save_sheet(session=session, service_id=service.id or 0, data=data)
        assert _revision(session) == before + 1
        found = sheet(session=session, slug=service.slug)
        assert found is not None
        assert [(s.weekday, s.opens_at.hour) for s in found.slots] == [(0, 8), (0, 15), (4, 22)]
        assert [(p.number, p.is_whatsapp) for p in found.phones] == [("+52 962 100 2000", True)]
        assert found.exceptions[0].note == "Navidad" and found.categories == ["food", "health"]
        assert found.location is not None and found.location.latitude == 15.3
        view = directory.get_service(session=session, slug=service.slug, locale="es")
        assert view is not None and view.status is m.ServiceStatus.TEMPORARILY_CLOSED
        assert view.phones[0].whatsapp == "https://wa.me/529621002000"


def test_renaming_the_organization_in_the_form_reindexes_all_its_services(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service = first_service(session)
        siblings = session.exec(
            select(m.Service).where(m.Service.organization_id == service.organization_id)
        ).all()
        assert len(siblings) > 1
        before = _revision(session)
        raw = service_form(
            service, organization={"name": "Fundación Tacaná", "url": "https://tacana.example.org"}
        )
        data, problems = validate(ServiceSheet, raw)
        assert problems == {} and data is not None
        editing.save_sheet(session=session, service_id=service.id or 0, data=data)
        found = directory.list_services(session=session, locale="es", query="tacana", limit=100)
        assert {s.slug for s in found} >= {
            s.slug for s in siblings if s.status is not m.ServiceStatus.INACTIVE
        }
        assert _revision(session) == before + 1


def test_a_slot_past_midnight_keeps_the_service_open_after_midnight(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service = first_service(session)
        slot = SlotEdit(weekday=4, opens=dt.time(22), closes=dt.time(6))
        editing.set_hours(session=session, service_id=service.id or 0, slots=[slot])
        rows = session.exec(select(m.ScheduleSlot).where(m.ScheduleSlot.service_id == service.id)).all()
    slots = [Slot(r.weekday, r.opens_at, r.closes_at) for r in rows]
    assert open_state(slots, [], dt.datetime(2026, 12, 5, 3, 0)).is_open  # Saturday 03:00
    assert not open_state(slots, [], dt.datetime(2026, 12, 5, 7, 0)).is_open


def test_a_phone_kept_by_id_keeps_its_translations_and_a_removed_one_loses_them(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        phone = session.exec(select(m.Phone).where(m.Phone.description != "")).first()
        assert phone is not None and phone.id is not None and phone.service_id is not None
        others = session.exec(select(m.Phone).where(m.Phone.service_id == phone.service_id)).all()
        kept = [
            {"id": p.id, "number": p.number, "is_whatsapp": p.is_whatsapp, "description": p.description}
            for p in others
        ]
        data, _ = validate(ServiceSheet, {"name": "x", "phones": kept})
        assert data is not None
        editing.set_phones(session=session, service_id=phone.service_id, phones=data.phones)
        query = select(m.Translation).where(
            m.Translation.record_type == m.RecordType.PHONE, m.Translation.record_id == phone.id
        )
        assert session.exec(query).all()
        editing.set_phones(session=session, service_id=phone.service_id, phones=[])
        assert not session.exec(query).all()
        assert session.get(m.Phone, phone.id) is None


def test_an_inactive_service_leaves_the_public_directory(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service = first_service(session)
        edit_service(session, service=service, status="inactive")
        assert directory.get_service(session=session, slug=service.slug, locale="es") is None


def test_verified_today_is_the_centres_calendar_day(sample_copy: Engine) -> None:
    late_evening = dt.datetime(2026, 12, 2, 3, 30, tzinfo=dt.UTC)  # 21:30 on the 1st in Motozintla
    with Session(sample_copy) as session:
        service = first_service(session)
        day = editing.mark_verified(session=session, service_id=service.id or 0, now=late_evening, tz=MEXICO)
        assert day == dt.date(2026, 12, 1) == service.assured_date


def test_an_edit_shows_in_the_next_snapshot_without_a_rebuild(sample_copy: Engine) -> None:
    """The public pages load the snapshot of the current revision: a save moves it."""
    with Session(sample_copy) as session:
        service = first_service(session)
        before = snapshot.build(
            session, "es", timezone="America/Mexico_City", per_part=100, since="2026-01-01"
        )
        edit_service(session, service=service, name="Albergue Sol")
        after = snapshot.build(
            session, "es", timezone="America/Mexico_City", per_part=100, since="2026-01-01"
        )
    index = json.loads(after.index.body)
    assert index["revision"] == before.revision + 1
    names = [c["name"] for part in index["cards"] for c in json.loads(after.parts[part].body)["cards"]]
    assert "Albergue Sol" in names


def test_an_unknown_service_is_not_found(sample_copy: Engine) -> None:
    with Session(sample_copy) as session, pytest.raises(EditError) as raised:
        editing.update_service(session=session, service_id=99999, data=ServiceEdit(name="x"))
    assert raised.value.problem is P.NOT_FOUND
