"""The service form's HSDS fields: website, email, ages, interpretation, phone type and
extension, and the place's address parts; checked, saved, shown back."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp import models as m
from rxapp.desk import directory_display as show
from rxapp.desk.service.form import sheet_raw
from rxapp.i18n.catalogs import Translator
from rxapp.services import editing
from rxapp.services.editing_input import EditProblem, validate
from rxapp.services.editing_sheet import ServiceSheet
from rxapp.services.editing_views import sheet, text_rows
from tests.data.directory import first_service, service_form

P = EditProblem
PHONE = {"number": "+52 962 100 2000"}


@pytest.mark.parametrize(
    ("changes", "problems"),
    [
        ({"email": "comedor@"}, {"email": P.BAD_EMAIL}),
        ({"email": "comedor at casa.org"}, {"email": P.BAD_EMAIL}),
        ({"url": "casa.org"}, {"url": P.BAD_URL}),
        ({"minimum_age": "18", "maximum_age": "12"}, {"maximum_age": P.AGES_ORDER}),
        ({"minimum_age": "131"}, {"minimum_age": P.BAD_AGE}),
        ({"maximum_age": "-1"}, {"maximum_age": P.BAD_AGE}),
        ({"minimum_age": "doce"}, {"minimum_age": P.BAD_AGE}),
        ({"minimum_age": "12.5"}, {"minimum_age": P.BAD_AGE}),
        ({"interpretation_services": "x" * 4001}, {"interpretation_services": P.TOO_LONG}),
        ({"phones": [PHONE | {"type": "pigeon"}]}, {"phones.0.type": P.INVALID_CHOICE}),
        ({"phones": [PHONE | {"extension": "12a"}]}, {"phones.0.extension": P.BAD_EXTENSION}),
        ({"phones": [PHONE | {"extension": "123456789"}]}, {"phones.0.extension": P.BAD_EXTENSION}),
        ({"location": {"country": "XX"}}, {"location.country": P.BAD_COUNTRY}),
        ({"location": {"country": "MEX"}}, {"location.country": P.BAD_COUNTRY}),
        ({"location": {"postal_code": "3" * 21}}, {"location.postal_code": P.TOO_LONG}),
        # Left empty, or right: no problem.
        ({"email": " ", "url": "", "minimum_age": "", "maximum_age": ""}, {}),
        ({"minimum_age": "12", "maximum_age": "12"}, {}),
        ({"minimum_age": "0", "maximum_age": "130"}, {}),
        ({"phones": [PHONE | {"type": "fax", "extension": "104"}]}, {}),
        ({"location": {"country": "gt", "city": "Tapachula"}}, {}),
    ],
)
def test_the_new_fields_are_checked(changes: dict[str, Any], problems: dict[str, EditProblem]) -> None:
    raw = {"name": "Comedor", "status": "active", **changes}
    assert validate(ServiceSheet, raw)[1] == problems


def test_the_problems_are_worded_in_the_desks_language() -> None:
    words = show.problem_words(
        {"maximum_age": P.AGES_ORDER, "location.country": P.BAD_COUNTRY}, Translator("en")
    )
    assert words["maximum_age"] == "The maximum age cannot be below the minimum age."
    assert words["location.country"] == "Write a two-letter country code such as MX, or leave it empty."


def test_the_form_saves_the_new_fields_and_shows_them_back(sample_copy: Engine) -> None:
    rows = {"hours": [], "exceptions": [], "phones": [{"key": "r1", "id": ""}, {"key": "r2", "id": ""}]}
    form = {
        "name": "Comedor",
        "status": "active",
        "url": "https://casa.example.org/comedor",
        "email": "comedor@casa.example.org",
        "minimum_age": "18",
        "maximum_age": "",
        "interpretation_services": "Intérpretes de mam los martes",
        "location.address": "Calle 5 #3",
        "location.city": "Motozintla",
        "location.state_province": "Chiapas",
        "location.postal_code": "30900",
        "location.country": "mx",
        "phones.r1.number": "+52 962 100 2000",
        "phones.r1.type": "cell",
        "phones.r1.extension": "12",
        "phones.r2.number": "962 100 3000",  # a row whose kind the form did not send: a voice line
    }
    data, problems = validate(ServiceSheet, sheet_raw(form, rows))
    assert problems == {} and data is not None
    with Session(sample_copy) as session:
        service = first_service(session)
        editing.save_sheet(session=session, service_id=service.id or 0, data=data)
        found = sheet(session=session, slug=service.slug)
        assert found is not None and found.location is not None
        saved = found.service
        assert (saved.url, saved.email, saved.minimum_age, saved.maximum_age) == (
            "https://casa.example.org/comedor",
            "comedor@casa.example.org",
            18,
            None,
        )
        place = found.location
        assert (place.address, place.city, place.state_province, place.postal_code, place.country) == (
            "Calle 5 #3",
            "Motozintla",
            "Chiapas",
            "30900",
            "MX",
        )
        assert [(p.type, p.extension) for p in found.phones] == [
            (m.PhoneType.CELL, 12),
            (m.PhoneType.VOICE, None),
        ]
        values = show.sheet_values(found, Translator("es"))
        assert (values["minimum_age"], values["maximum_age"], values["location.country"]) == ("18", "", "MX")
        assert values["interpretation_services"] == "Intérpretes de mam los martes"
        assert [(r["type"], r["extension"]) for r in show.phone_rows(found)] == [
            ("cell", "12"),
            ("voice", ""),
        ]
        # Interpretation is a translatable text: the translators' side by side view lists it.
        texts = text_rows(session=session, slug=service.slug, locales=["es", "en"]) or []
        assert any(r.field == "interpretation_services" for r in texts)


def test_clearing_the_ages_and_contacts_saves_none(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service = first_service(session)
        service.url, service.minimum_age = "https://x.example.org", 5
        session.add(service)
        session.commit()
        data, _ = validate(ServiceSheet, service_form(service, url="", minimum_age=""))
        assert data is not None
        saved = editing.save_sheet(session=session, service_id=service.id or 0, data=data)
        assert (saved.url, saved.minimum_age) == (None, None)
