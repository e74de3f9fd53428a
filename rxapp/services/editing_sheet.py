"""The rows of a service's edit form: its place, weekly slots, dated exceptions and phones,
and the whole form (``ServiceSheet``) saved as one change."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import Field, ValidationInfo, field_validator

from rxapp import models as m
from rxapp.i18n.countries import is_known_country
from rxapp.services.editing_input import (
    NAME_MAX,
    EditProblem,
    Extension,
    Input,
    OrganizationEdit,
    Required,
    ServiceEdit,
    Time,
    Url,
    choice,
    empty_none,
    parse_time,
    required,
    spoken_languages,
)
from rxapp.services.forms import problem

PHONE = re.compile(r"^\+?[0-9][0-9 ()./-]{1,38}$")


class LocationEdit(Input):
    """Where the service is given; the address's parts and the coordinates are optional. Its
    type, accessibility and languages are the place's own (HSDS location)."""

    name: str = Field(default="", max_length=NAME_MAX)
    location_type: Annotated[m.LocationType, choice(m.LocationType)] = m.LocationType.PHYSICAL
    accessibility: str = Field(default="", max_length=2000)  # its description (HSDS accessibility)
    # More about it (HSDS accessibility details); None: left as it is (callers other than the form).
    accessibility_details: str | None = Field(default=None, max_length=2000)
    languages: list[str] = Field(default_factory=list, max_length=40)
    address: str = Field(default="", max_length=300)
    city: str = Field(default="", max_length=100)
    state_province: str = Field(default="", max_length=100)
    postal_code: str = Field(default="", max_length=20)
    country: str = ""  # empty: the installation's country (PASO_COUNTRY)
    directions: str = Field(default="", max_length=2000)
    latitude: float | None = None
    longitude: float | None = None

    @field_validator("latitude", "longitude", mode="before")
    @classmethod
    def _coordinate(cls, value: Any, info: ValidationInfo) -> float | None:
        value = empty_none(value)
        if value is None:
            return None
        limit = 90 if info.field_name == "latitude" else 180
        try:
            number = float(str(value).strip().replace(",", "."))
        except ValueError:
            raise problem(EditProblem.BAD_COORDINATE) from None
        if not -limit <= number <= limit:
            raise problem(EditProblem.BAD_COORDINATE)
        return number

    @field_validator("languages")
    @classmethod
    def _languages(cls, value: list[str]) -> list[str]:
        return spoken_languages(value)

    @field_validator("country", mode="before")
    @classmethod
    def _country(cls, value: Any) -> str:
        code = str(value or "").strip().upper()
        if code and not is_known_country(code):
            raise problem(EditProblem.BAD_COUNTRY)
        return code


class SlotEdit(Input):
    """A weekly slot. ``closes`` before ``opens`` passes midnight; equal means 24 hours."""

    weekday: int
    opens: Time
    closes: Time

    @field_validator("weekday", mode="before")
    @classmethod
    def _weekday(cls, value: Any) -> int:
        text = str(value).strip()
        if not text.isdigit() or not 0 <= int(text) <= 6:  # 0 = Monday
            raise problem(EditProblem.BAD_WEEKDAY)
        return int(text)


class PlaceSlotEdit(SlotEdit):
    """A weekly slot of the service at one of its places (its service_at_location id)."""

    place: int = Field(gt=0)


class ExceptionEdit(Input):
    """A dated exception: closed all day, or special hours instead of the weekly slots."""

    id: int | None = None  # an existing exception keeps its note's translations
    date: dt.date
    closed: bool = True
    # Checked even when left out: special hours need both times.
    opens: dt.time | None = Field(default=None, validate_default=True)
    closes: dt.time | None = Field(default=None, validate_default=True)
    note: str = Field(default="", max_length=300)

    @field_validator("date", mode="before")
    @classmethod
    def _date(cls, value: Any) -> Any:
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise problem(EditProblem.BAD_DATE) from None

    @field_validator("opens", "closes", mode="before")
    @classmethod
    def _special(cls, value: Any, info: ValidationInfo) -> Any:
        if info.data.get("closed") is not False:
            return None  # closed all day: times typed by mistake mean nothing
        value = empty_none(value)
        if value is None:
            raise problem(EditProblem.HOURS_NEEDED)
        return parse_time(value)


class PhoneEdit(Input):
    """A phone of the service, as it should be dialled."""

    id: int | None = None  # an existing phone keeps its description's translations
    number: str = Field(max_length=40)
    type: m.PhoneType = m.PhoneType.VOICE
    extension: Extension = None
    is_whatsapp: bool = False
    description: str = Field(default="", max_length=200)
    # One of the service's places (its service_at_location id) the phone is for; None: every place.
    place: int | None = None
    # The place's own phone (its reception: every service given there shares it), not the service's.
    reception: bool = False

    @field_validator("place", mode="before")
    @classmethod
    def _place(cls, value: Any) -> int | None:
        value = empty_none(value)
        if value is None:
            return None
        if not str(value).strip().isdigit():
            raise problem(EditProblem.INVALID_CHOICE)
        return int(str(value).strip())

    @field_validator("reception")
    @classmethod
    def _at_a_place(cls, value: bool, info: ValidationInfo) -> bool:
        if value and info.data.get("place") is None:
            raise problem(EditProblem.INVALID_CHOICE)  # a reception is a place's
        return value

    @field_validator("number")
    @classmethod
    def _number(cls, value: str) -> str:
        required(value)
        if not PHONE.match(value) or sum(ch.isdigit() for ch in value) < 3:
            raise problem(EditProblem.PHONE_INVALID)
        return value

    @field_validator("type", mode="before")
    @classmethod
    def _type(cls, value: Any) -> Any:
        if value not in {t.value for t in m.PhoneType}:
            raise problem(EditProblem.INVALID_CHOICE)
        return value

    @field_validator("is_whatsapp")
    @classmethod
    def _whatsapp(cls, value: bool, info: ValidationInfo) -> bool:
        number = info.data.get("number")
        if value and number is not None and not number.startswith("+"):
            raise problem(EditProblem.WHATSAPP_NEEDS_PLUS)
        return value


class DocumentEdit(Input):
    """A document to bring, with an optional link (to a form, or where to get it)."""

    id: int | None = None  # an existing document keeps its text's translations
    document: Required = Field(max_length=300)
    uri: Url = None


class ServiceSheet(ServiceEdit):
    """The whole edit form of a service, saved as one change."""

    organization: OrganizationEdit | None = None  # None: the organization is left as it is
    location: LocationEdit = Field(default_factory=LocationEdit)
    hours: list[SlotEdit] = Field(default_factory=list, max_length=70)
    exceptions: list[ExceptionEdit] = Field(default_factory=list, max_length=100)
    phones: list[PhoneEdit] = Field(default_factory=list, max_length=10)
    documents: list[DocumentEdit] = Field(default_factory=list, max_length=20)

    @field_validator("documents")
    @classmethod
    def _documents(cls, value: list[DocumentEdit], info: ValidationInfo) -> list[DocumentEdit]:
        if value and info.data.get("no_documents_needed"):
            raise problem(EditProblem.DOCUMENTS_CONTRADICT)  # the public page could say only one
        return value

    # The service's hours at each of its places; None: the form had none, they are left alone.
    place_hours: list[PlaceSlotEdit] | None = Field(default=None, max_length=200)
    # Each place's own opening hours (shared by every service there), by the service's
    # service_at_location id; None: the form had none, they are left alone.
    place_own: list[PlaceSlotEdit] | None = Field(default=None, max_length=200)

    @field_validator("exceptions")
    @classmethod
    def _one_per_date(cls, value: list[ExceptionEdit]) -> list[ExceptionEdit]:
        if len({ex.date for ex in value}) < len(value):
            raise problem(EditProblem.DUPLICATE_DATE)
        return value
