"""Validating important numbers: every refusal through one table of (field, value, problem)."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp import models as m
from rxapp.services import numbers
from rxapp.services.numbers import NumberError, NumberInput, NumberProblem

GOOD: dict[str, Any] = {
    "name": "Consulado de Honduras",
    "purpose": "Pasaportes",
    "hours": "Lunes a viernes",
    "phone": "+52 962 555 0211",
    "group": "consulate",
}


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("name", "   ", NumberProblem.NO_NAME),
        ("phone", "", NumberProblem.NO_PHONE),
        ("phone", "12", NumberProblem.BAD_PHONE),  # not a short code of the centre's country
        ("phone", "+52 123", NumberProblem.BAD_PHONE),
        ("phone", "call me", NumberProblem.BAD_PHONE),
        ("other_phone", "555", NumberProblem.BAD_PHONE),
        ("whatsapp_number", "+1 2", NumberProblem.BAD_PHONE),
    ],
)
def test_a_refused_number_says_why(
    empty_engine: Engine, field: str, value: str, problem: NumberProblem
) -> None:
    data = NumberInput.model_validate({**GOOD, field: value, "whatsapp": "on"})
    with Session(empty_engine) as session, pytest.raises(NumberError) as refused:
        numbers.create(session=session, data=data, source_locale="es")
    assert refused.value.problem is problem


def test_whatsapp_on_a_short_code_is_refused(empty_engine: Engine) -> None:
    """wa.me takes a full number with its country code: 911 has no WhatsApp."""
    data = NumberInput.model_validate({**GOOD, "phone": "911", "whatsapp": "on"})
    with Session(empty_engine) as session, pytest.raises(NumberError) as refused:
        numbers.create(session=session, data=data, source_locale="es")
    assert refused.value.problem is NumberProblem.BAD_WHATSAPP


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", "x" * 201), ("purpose", "x" * 501), ("hours", "x" * 201), ("group", "police")],
)
def test_the_form_refuses_what_no_field_takes(field: str, value: str) -> None:
    with pytest.raises(ValidationError):
        NumberInput.model_validate({**GOOD, field: value})


@pytest.mark.parametrize(
    ("typed", "stored", "shown"),
    [
        ("911", "911", "911"),
        ("9 1 1", "911", "911"),
        ("962 555 0211", "+529625550211", "+52 962 555 0211"),  # the centre's country by default
        ("+504 2555-0100", "+50425550100", "+504 2555-0100"),
    ],
)
def test_numbers_are_stored_normalised_and_shown_as_people_read_them(
    typed: str, stored: str, shown: str
) -> None:
    assert numbers.normalise(typed) == stored
    assert numbers.display(stored) == shown


def test_a_checkbox_is_on_only_when_the_form_sends_it() -> None:
    assert NumberInput.model_validate({**GOOD, "whatsapp": "on"}).whatsapp is True
    assert NumberInput.model_validate(GOOD).whatsapp is False


def test_whatsapp_on_the_number_itself_is_not_stored_twice(empty_engine: Engine) -> None:
    data = NumberInput.model_validate({**GOOD, "whatsapp": "on", "whatsapp_number": "+52 962 555 0211"})
    with Session(empty_engine) as session:
        saved = numbers.create(session=session, data=data, source_locale="es")
        assert (saved.phones, saved.whatsapp, saved.whatsapp_number) == (["+529625550211"], True, "")
        assert saved.group is m.NumberGroup.CONSULATE
