"""What the desk's input models share: a problem code raised as pydantic's error, an empty box
read as None, wall-clock moments and dates typed at the desk, and one problem per field.

Each area names its problems in its own ``StrEnum`` (``AlertProblem``, ``EditProblem``,
``FollowUpProblem``); they share the codes used here ("bad_moment", "bad_date", "required"),
so a value's problem found by a shared validator is read back into the area's own enum.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from enum import StrEnum
from typing import Annotated, Any, Generic, TypeVar

from pydantic import BaseModel, BeforeValidator, ValidationError
from pydantic_core import PydanticCustomError

FORM = "form"  # the key of problems that belong to no single field
BAD_MOMENT = "bad_moment"  # not a date and time
BAD_DATE = "bad_date"

# Pydantic's own error types as the codes the areas share; an area without the code (no
# "invalid_choice" in its enum) reads it as its bad request.
PYDANTIC = {
    "missing": "required",
    "string_too_long": "too_long",
    "too_long": "too_long",
    "enum": "invalid_choice",
    "datetime_from_date_parsing": BAD_MOMENT,
    "datetime_parsing": BAD_MOMENT,
    "date_parsing": BAD_DATE,
}

Model = TypeVar("Model", bound=BaseModel)
Problem = TypeVar("Problem", bound=StrEnum)


def problem(code: str) -> PydanticCustomError:
    """A validation error carrying a problem code (its ``type`` is the code)."""
    return PydanticCustomError(str(code), str(code))


def blank_none(value: Any) -> Any:
    """None for an empty or blank box, else the value as sent."""
    return None if value is None or (isinstance(value, str) and not value.strip()) else value


def _reader(kind: type, parse: Callable[[str], Any], code: str) -> Callable[[Any], Any]:
    """A box's text read as ``kind`` (a date, a date and time), None when left empty, else
    the problem ``code``."""

    def read(value: Any) -> Any:
        value = blank_none(value)
        if value is None or isinstance(value, kind):
            return value
        try:
            return parse(str(value).strip())
        except ValueError:
            raise problem(code) from None

    return read


# A wall-clock date and time ("2026-12-03T16:00", as ``datetime-local`` sends it), and a date.
Moment = Annotated[
    dt.datetime | None, BeforeValidator(_reader(dt.datetime, dt.datetime.fromisoformat, BAD_MOMENT))
]
Day = Annotated[dt.date | None, BeforeValidator(_reader(dt.date, dt.date.fromisoformat, BAD_DATE))]


class FieldError(Exception, Generic[Problem]):
    """An input refused by a rule the model cannot check alone (the clock, the database),
    with its problem and the field it is about."""

    def __init__(self, problem: Problem, field: str = FORM) -> None:
        super().__init__(f"{field}: {problem}")
        self.problem = problem
        self.field = field


def first_field(location: Sequence[int | str]) -> str:
    """A problem's field: the first part of pydantic's location (``FORM`` for none)."""
    return str(location[0]) if location else FORM


def validate_into(
    model: type[Model],
    raw: Any,
    *,
    problems: type[Problem],
    bad_request: Problem,
    pydantic: Mapping[str, str] = PYDANTIC,
    field: Callable[[Sequence[int | str]], str] = first_field,
) -> tuple[Model | None, dict[str, Problem]]:
    """The validated input, or one problem per field (``FORM`` for a malformed request).

    A code raised by a validator is read as ``problems``; pydantic's own error types through
    ``pydantic`` (error type -> code); anything else (a wrong type, an unknown key) is
    ``bad_request``.
    """
    if not isinstance(raw, dict):
        return None, {FORM: bad_request}
    try:
        return model.model_validate(raw), {}
    except ValidationError as error:
        found: dict[str, Problem] = {}
        known = {member.value for member in problems}
        for item in error.errors():
            kind = item["type"]
            code = kind if kind in known else pydantic.get(kind, bad_request)
            found.setdefault(field(item["loc"]), problems(code) if code in known else bad_request)
        return None, found
