"""The service form's place: its type (in person, postal, online), accessibility and the
languages spoken there; checked, read from the form, saved as source texts, shown back, listed
for translators."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp import models as m
from rxapp.desk import directory_display as show
from rxapp.desk.service.form import sheet_raw
from rxapp.i18n.catalogs import Translator
from rxapp.services import editing, translation
from rxapp.services.editing_input import EditProblem, TranslationEdit, validate
from rxapp.services.editing_sheet import LocationEdit, ServiceSheet
from rxapp.services.editing_views import sheet, text_rows
from tests.data.directory import first_service, service_form

P = EditProblem
ROWS: dict[str, list[dict[str, str]]] = {"hours": [], "exceptions": [], "phones": []}
RAMP = "Rampa por la puerta lateral; baños en la planta baja."


@pytest.mark.parametrize(
    ("location", "problems"),
    [
        ({"location_type": "boat"}, {"location.location_type": P.INVALID_CHOICE}),
        ({"location_type": ""}, {"location.location_type": P.INVALID_CHOICE}),
        ({"languages": ["es", "klingon"]}, {"location.languages": P.INVALID_CHOICE}),
        ({"accessibility": "x" * 2001}, {"location.accessibility": P.TOO_LONG}),
        # Right, or left out: no problem.
        ({"location_type": "virtual", "languages": ["es", "mam", "ht"], "accessibility": RAMP}, {}),
        ({"location_type": "postal"}, {}),
        ({}, {}),
    ],
)
def test_the_place_s_type_languages_and_accessibility_are_checked(
    location: dict[str, Any], problems: dict[str, EditProblem]
) -> None:
    raw = {"name": "Comedor", "status": "active", "location": {"name": "Sede", **location}}
    assert validate(ServiceSheet, raw)[1] == problems


def test_the_form_is_read_with_the_place_s_ticks_apart_from_the_service_s() -> None:
    form = {
        "name": "Comedor",
        "languages.es": "on",
        "location.name": "Sede",
        "location.location_type": "virtual",
        "location.accessibility": RAMP,
        "location.languages.ht": "on",
        "location.languages.mam": "on",
    }
    raw = sheet_raw(form, ROWS)
    assert raw["languages"] == ["es"]
    assert (raw["location"]["location_type"], raw["location"]["accessibility"]) == ("virtual", RAMP)
    assert sorted(raw["location"]["languages"]) == ["ht", "mam"]
    # A form without the select (an older page) keeps the default: in person.
    assert "location_type" not in sheet_raw({"name": "Comedor", "location.name": "Sede"}, ROWS)["location"]


def _saved(session: Session, service: m.Service, **location: Any) -> m.Location:
    place = {"name": "Sede", **location}
    data, problems = validate(ServiceSheet, service_form(service, location=place))
    assert problems == {} and data is not None
    editing.save_sheet(session=session, service_id=service.id or 0, data=data)
    found = sheet(session=session, slug=service.slug)
    assert found is not None and found.location is not None
    return found.location


def test_saving_the_place_writes_its_type_languages_and_accessibility_as_source_texts(
    sample_copy: Engine,
) -> None:
    with Session(sample_copy) as session:
        service = first_service(session)
        before = sheet(session=session, slug=service.slug)
        assert before is not None and before.accessibility is not None
        version = before.accessibility.text_versions["description"]
        place = _saved(session, service, location_type="virtual", accessibility=RAMP, languages=["mam", "es"])
        found = sheet(session=session, slug=service.slug)
        assert found is not None and found.accessibility is not None
        assert place.location_type is m.LocationType.VIRTUAL
        assert found.place_languages == ["es", "mam"]
        access = found.accessibility
        assert (access.description, access.text_versions["description"]) == (RAMP, version + 1)
        assert access.details  # the sample's, which the form does not edit, stays
        values = show.sheet_values(found, Translator("es"))
        assert (values["location.location_type"], values["location.accessibility"]) == ("virtual", RAMP)
        # A translatable text: the translate page lists it, its translations now outdated.
        rows = text_rows(session=session, slug=service.slug, locales=["es", "en"]) or []
        line = next(r for r in rows if r.record_type is m.RecordType.ACCESS and r.field == "description")
        assert (line.source, line.cells[0].status.value) == (RAMP, "outdated")
        assert show.text_row(line, Translator("en")).what.startswith("Accessibility")


def test_the_form_edits_the_accessibility_details_too(sample_copy: Engine) -> None:
    """The details (HSDS accessibility ``details``) were the import's only: the form shows and
    saves them; a caller that does not name them (None) leaves them alone."""
    more = "Silla de ruedas prestada en la recepción."
    with Session(sample_copy) as session:
        service = first_service(session)
        _saved(session, service, accessibility=RAMP, accessibility_details=more)
        found = sheet(session=session, slug=service.slug)
        assert found is not None and found.accessibility is not None
        assert found.accessibility.details == more
        assert show.sheet_values(found, Translator("es"))["location.accessibility_details"] == more
        editing.set_location(
            session=session, service_id=service.id or 0, data=LocationEdit(name="Sede", accessibility=RAMP)
        )
        assert found.accessibility.details == more  # not named: left as it was
        _saved(session, service, accessibility="", accessibility_details=more)  # details alone keep it
        found = sheet(session=session, slug=service.slug)
        assert found is not None and found.accessibility is not None
        assert (found.accessibility.description, found.accessibility.details) == ("", more)


def test_emptying_the_description_of_a_place_with_nothing_else_removes_it_and_its_translations(
    sample_copy: Engine,
) -> None:
    with Session(sample_copy) as session:
        org = session.exec(
            select(m.Organization).where(m.Organization.slug == "unidad-salud-el-mirador")
        ).one()
        service = session.exec(select(m.Service).where(m.Service.organization_id == org.id)).first()
        assert service is not None
        found = sheet(session=session, slug=service.slug)
        assert found is not None and found.accessibility is not None and not found.accessibility.details
        gone = found.accessibility.id
        _saved(session, service, accessibility="")
        assert session.get(m.Accessibility, gone) is None
        assert not session.exec(
            select(m.Translation).where(
                m.Translation.record_type == m.RecordType.ACCESS, m.Translation.record_id == gone
            )
        ).all()


def test_a_service_with_no_place_gets_none_from_the_type_alone(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service = first_service(session)
        for link in session.exec(
            select(m.ServiceAtLocation).where(m.ServiceAtLocation.service_id == service.id)
        ):
            session.delete(link)
        session.commit()
        data, _ = validate(ServiceSheet, service_form(service, location={"location_type": "physical"}))
        assert data is not None
        editing.save_sheet(session=session, service_id=service.id or 0, data=data)
        found = sheet(session=session, slug=service.slug)
        assert found is not None and found.location is None


def test_translating_a_place_s_accessibility_moves_its_services_revision(sample_copy: Engine) -> None:
    """A translation of a place's text reaches the services there (an Accessibility row has no
    ``service_id``: the desk's save failed before)."""
    with Session(sample_copy) as session:
        service = first_service(session)
        found = sheet(session=session, slug=service.slug)
        assert found is not None and found.accessibility is not None
        revision = service.revision
        editing.set_translation(
            session=session,
            data=TranslationEdit(
                record_type=m.RecordType.ACCESS,
                record_id=found.accessibility.id or 0,
                field="description",
                locale="en",
                text="Step-free entrance.",
            ),
        )
        session.refresh(service)
        assert service.revision > revision


def test_the_translators_po_files_carry_the_accessibility_texts(session: Session) -> None:
    found = [
        e for e in translation.entries(session=session, locale="en") if e.record_type is m.RecordType.ACCESS
    ]
    assert {e.field for e in found} == {"description", "details"}
    assert all(e.context.startswith("accessibility:") for e in found)
    assert RAMP in {e.source for e in found}
