"""What a coordinator may send to edit the directory, validated whatever the client sent.

Each problem is an ``EditProblem`` code on a field path (``name``, ``hours.2.closes``,
``phones.0.number``), which the desk words in its own language next to the field.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    field_validator,
)

from rxapp import models as m
from rxapp.i18n.countries import SPOKEN_EXTRA
from rxapp.i18n.locales import KNOWN
from rxapp.models.alerts import TEXT_MAX as ALERT_TEXT_MAX
from rxapp.models.alerts import TITLE_MAX as ALERT_TITLE_MAX
from rxapp.services.forms import Model, problem, validate_into
from rxapp.settings import get_settings
from rxapp.taxonomy import NEEDS_BY_SLUG


class EditProblem(StrEnum):
    """What can be wrong with a field of a directory edit."""

    REQUIRED = "required"
    TOO_LONG = "too_long"
    INVALID_CHOICE = "invalid_choice"
    BAD_WEEKDAY = "bad_weekday"
    BAD_TIME = "bad_time"
    BAD_DATE = "bad_date"
    HOURS_NEEDED = "hours_needed"  # special hours without both times
    DUPLICATE_DATE = "duplicate_date"
    BAD_COORDINATE = "bad_coordinate"
    PHONE_INVALID = "phone_invalid"
    WHATSAPP_NEEDS_PLUS = "whatsapp_needs_plus"  # wa.me links need the country code
    BAD_URL = "bad_url"
    BAD_EMAIL = "bad_email"
    BAD_AGE = "bad_age"  # not a whole number of years from 0 to AGE_MAX
    AGES_ORDER = "ages_order"  # a minimum age above the maximum
    BAD_EXTENSION = "bad_extension"
    BAD_COUNTRY = "bad_country"  # not an ISO 3166-1 two-letter code
    TOO_MANY = "too_many"
    SAME_LOCALE = "same_locale"  # a "translation" into the text's own language
    DOCUMENTS_CONTRADICT = "documents_contradict"  # "no documents needed" and documents to bring
    NOT_FOUND = "not_found"
    BAD_REQUEST = "bad_request"  # malformed, not something a person typed


FORM = "form"  # the key of problems that belong to no single field
NAME_MAX = 200
TEXT_MAX = 4000
# The longest text each translatable field takes, in its source and in any translation.
FIELD_MAX: dict[tuple[m.RecordType, str], int] = {
    (m.RecordType.ORGANIZATION, "name"): NAME_MAX,
    (m.RecordType.SERVICE, "name"): NAME_MAX,
    (m.RecordType.LOCATION, "name"): NAME_MAX,
    (m.RecordType.LOCATION, "directions"): 2000,
    (m.RecordType.PHONE, "description"): 200,
    (m.RecordType.EXCEPTION, "note"): 300,
    (m.RecordType.DOCUMENT, "document"): 300,
    (m.RecordType.ALERT, "title"): ALERT_TITLE_MAX,
    (m.RecordType.ALERT, "text"): ALERT_TEXT_MAX,
    (m.RecordType.NUMBER, "name"): NAME_MAX,
    (m.RecordType.NUMBER, "purpose"): 500,
    (m.RecordType.NUMBER, "hours"): 200,
    (m.RecordType.ACCESS, "description"): 2000,
    (m.RecordType.ACCESS, "details"): 2000,
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$")


def required(value: str) -> str:
    """Refuse an empty text."""
    if not value:
        raise problem(EditProblem.REQUIRED)
    return value


def spoken_languages(value: list[str]) -> list[str]:
    """Languages spoken at a service or a place: tags the desk offers, each once, in order."""
    known = {*KNOWN, *SPOKEN_EXTRA, *get_settings().locales}
    if any(tag not in known for tag in value):
        raise problem(EditProblem.INVALID_CHOICE)
    return sorted(set(value))


def choice(kind: type[StrEnum]) -> Any:
    """A value of the enum ``kind`` (by its value), else the problem INVALID_CHOICE."""

    def check(value: Any) -> Any:
        if value not in {member.value for member in kind}:
            raise problem(EditProblem.INVALID_CHOICE)
        return value

    return BeforeValidator(check)


def empty_none(value: Any) -> Any:
    """None for an empty or blank value (an untouched input)."""
    return None if value is None or (isinstance(value, str) and not value.strip()) else value


def parse_time(value: Any) -> Any:
    """A wall-clock time from "HH:MM"."""
    if isinstance(value, dt.time):
        return value
    try:
        return dt.time.fromisoformat(str(value).strip())
    except ValueError:
        raise problem(EditProblem.BAD_TIME) from None


def _matching(pattern: re.Pattern[str], code: EditProblem) -> Any:
    """A box that is empty (None) or matches ``pattern``, else the problem ``code``."""

    def check(value: Any) -> Any:
        value = empty_none(value)
        if value is not None and not pattern.match(str(value).strip()):
            raise problem(code)
        return value

    return BeforeValidator(check)


def _whole(limit: int, code: EditProblem) -> Any:
    """A box holding a whole number from 0 to ``limit``, or empty (None), else ``code``."""

    def check(value: Any) -> Any:
        value = empty_none(value)
        if value is None or isinstance(value, int):
            number = value
        elif str(value).strip().isdigit():
            number = int(str(value).strip())
        else:
            raise problem(code)
        if number is not None and not 0 <= number <= limit:
            raise problem(code)
        return number

    return BeforeValidator(check)


Required = Annotated[str, AfterValidator(required)]
Time = Annotated[dt.time, BeforeValidator(parse_time)]
Url = Annotated[
    Annotated[str, StringConstraints(max_length=300)] | None, _matching(_URL, EditProblem.BAD_URL)
]
Email = Annotated[
    Annotated[str, StringConstraints(max_length=200)] | None, _matching(_EMAIL, EditProblem.BAD_EMAIL)
]
Age = Annotated[int | None, _whole(m.AGE_MAX, EditProblem.BAD_AGE)]
Extension = Annotated[int | None, _whole(m.EXTENSION_MAX, EditProblem.BAD_EXTENSION)]


class Input(BaseModel):
    """Strict about unknown keys, lenient about surrounding spaces."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class OrganizationEdit(Input):
    """An organization's texts and contacts."""

    name: Required = Field(max_length=NAME_MAX)
    description: str = Field(default="", max_length=TEXT_MAX)
    url: Url = None
    email: Email = None


class ServiceEdit(Input):
    """A service's source texts, contacts, ages, flags, status, needs and languages spoken."""

    name: Required = Field(max_length=NAME_MAX)
    description: str = Field(default="", max_length=TEXT_MAX)
    eligibility: str = Field(default="", max_length=TEXT_MAX)
    application_process: str = Field(default="", max_length=TEXT_MAX)
    fees_description: str = Field(default="", max_length=TEXT_MAX)
    interpretation_services: str = Field(default="", max_length=TEXT_MAX)
    url: Url = None
    email: Email = None
    minimum_age: Age = None
    # Checked even when left out: only then is the order of the two ages checked.
    maximum_age: Age = Field(default=None, validate_default=True)
    keywords: str = Field(default="", max_length=500)  # search words for this service, any language
    is_free: bool = False
    no_documents_needed: bool = False
    status: m.ServiceStatus = m.ServiceStatus.ACTIVE
    categories: list[str] = Field(default_factory=list, max_length=len(NEEDS_BY_SLUG))
    languages: list[str] = Field(default_factory=list, max_length=40)

    @field_validator("status", mode="before")
    @classmethod
    def _status(cls, value: Any) -> Any:
        if value not in {s.value for s in m.ServiceStatus}:
            raise problem(EditProblem.INVALID_CHOICE)
        return value

    @field_validator("maximum_age")
    @classmethod
    def _ages(cls, value: int | None, info: ValidationInfo) -> int | None:
        least = info.data.get("minimum_age")
        if value is not None and least is not None and least > value:
            raise problem(EditProblem.AGES_ORDER)
        return value

    @field_validator("categories")
    @classmethod
    def _categories(cls, value: list[str]) -> list[str]:
        if any(slug not in NEEDS_BY_SLUG for slug in value):
            raise problem(EditProblem.INVALID_CHOICE)
        return sorted(set(value))

    @field_validator("languages")
    @classmethod
    def _languages(cls, value: list[str]) -> list[str]:
        return spoken_languages(value)


class NewService(ServiceEdit):
    """A new service: of an existing organization, or of a new one named here (its place,
    hours and phones are added after, in the edit form)."""

    organization_id: int | None = None
    new_organization: str = Field(default="", max_length=NAME_MAX, validate_default=True)
    source_locale: str = Field(default="", validate_default=True)  # the language of its texts

    @field_validator("organization_id", mode="before")
    @classmethod
    def _organization(cls, value: Any) -> Any:
        value = empty_none(value)
        if value is not None and not str(value).strip().isdigit():
            raise problem(EditProblem.INVALID_CHOICE)
        return value

    @field_validator("new_organization")
    @classmethod
    def _new(cls, value: str, info: ValidationInfo) -> str:
        if info.data.get("organization_id") is None and "organization_id" in info.data and not value:
            raise problem(EditProblem.REQUIRED)
        return value

    @field_validator("source_locale")
    @classmethod
    def _source(cls, value: str) -> str:
        settings = get_settings()
        if not value:
            return settings.default_locale
        if value not in settings.locales:
            raise problem(EditProblem.INVALID_CHOICE)
        return value


class TranslationEdit(Input):
    """One field of one record, typed by staff in one locale."""

    record_type: m.RecordType
    record_id: int = Field(gt=0)
    field: str = Field(max_length=40)
    locale: str
    text: Required = Field(max_length=TEXT_MAX)

    @field_validator("locale")
    @classmethod
    def _locale(cls, value: str) -> str:
        if value not in get_settings().locales:
            raise problem(EditProblem.INVALID_CHOICE)
        return value


_PYDANTIC = {
    "missing": EditProblem.REQUIRED,
    "string_too_long": EditProblem.TOO_LONG,
    "too_long": EditProblem.TOO_MANY,
    "time_parsing": EditProblem.BAD_TIME,
    "time_type": EditProblem.BAD_TIME,
    "date_from_datetime_parsing": EditProblem.BAD_DATE,
}


def validate(model: type[Model], raw: Any) -> tuple[Model | None, dict[str, EditProblem]]:
    """The validated input, or one problem per field path (``FORM`` for a malformed request)."""
    return validate_into(
        model, raw, problems=EditProblem, bad_request=EditProblem.BAD_REQUEST, pydantic=_PYDANTIC, field=_path
    )


def _path(location: Sequence[int | str]) -> str:
    """A nested field's path, as the form names its inputs: "slots.0.opens"."""
    return ".".join(str(part) for part in location) or FORM
