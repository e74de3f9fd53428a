"""Database tables, aligned with Open Referral HSDS 3.0, plus Paso's content translations.

Plain SQLModel tables (``rx.Model`` is deprecated). Text fields hold the text in the record's
``source_locale``; translations live in ``Translation`` rows keyed by BCP 47 tag. Each
translatable field has a version (``text_versions``) that grows when its source text changes,
so a translation's status (up to date, outdated, missing) is computed, never stored.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any
from uuid import uuid4

import sqlalchemy as sa
from sqlmodel import JSON, Column, Field, SQLModel


def utcnow() -> dt.datetime:
    """Now, timezone-aware (Reflex 0.10 + SQLModel store datetimes as UTC)."""
    return dt.datetime.now(dt.UTC)


def new_uuid() -> str:
    """A fresh HSDS id: the record keeps it for good, so every export names it the same."""
    return str(uuid4())


def hsds_id() -> Any:
    """The ``uuid`` column of a table exported as HSDS (rxapp.services.hsds)."""
    return Field(default_factory=new_uuid, max_length=36, unique=True, index=True)


def imported_from() -> Any:
    """Where an HSDS import read the record (rxapp.services.hsds.importer); empty: typed at the desk."""
    return Field(default="", max_length=200, sa_column_kwargs={"server_default": ""})


def _address_part(length: int) -> Any:
    return Field(default="", max_length=length, sa_column_kwargs={"server_default": ""})


AGE_MAX = 130
EXTENSION_MAX = 99_999_999


class ServiceStatus(StrEnum):
    """HSDS service status."""

    ACTIVE = "active"
    INACTIVE = "inactive"
    TEMPORARILY_CLOSED = "temporarily_closed"


class PhoneType(StrEnum):
    """HSDS phone type (RFC 6350's list)."""

    VOICE = "voice"
    CELL = "cell"
    TEXT = "text"  # SMS
    FAX = "fax"
    VIDEO = "video"
    PAGER = "pager"
    TEXTPHONE = "textphone"


class LocationType(StrEnum):
    """HSDS location type: a place a person walks to, a postal address, or online."""

    PHYSICAL = "physical"
    POSTAL = "postal"
    VIRTUAL = "virtual"


class RecordType(StrEnum):
    """Tables whose text fields can be translated."""

    ORGANIZATION = "organization"
    SERVICE = "service"
    LOCATION = "location"
    PHONE = "phone"
    EXCEPTION = "schedule_exception"
    DOCUMENT = "required_document"
    ALERT = "alert"  # rxapp.models.alerts registers its table in TEXT_FIELDS and RECORD_TYPES
    NUMBER = "important_number"  # rxapp.models.numbers
    # Stored by member name: 12 letters at most keep the column as it is (VARCHAR(12) on SQLite).
    ACCESS = "accessibility"  # a place's accessibility texts


class Organization(SQLModel, table=True):
    """HSDS organization: who provides services."""

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = hsds_id()
    slug: str = Field(index=True, unique=True, max_length=80)
    name: str = Field(max_length=200)
    description: str = ""
    url: str | None = Field(default=None, max_length=300)
    email: str | None = Field(default=None, max_length=200)
    is_sample: bool = False
    source_locale: str = Field(default="es", max_length=35)
    text_versions: dict[str, int] = Field(default_factory=dict, sa_column=Column(JSON))
    source: str = imported_from()


class Service(SQLModel, table=True):
    """HSDS service: what a person can get, with who may use it and at what cost."""

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = hsds_id()
    slug: str = Field(index=True, unique=True, max_length=80)
    organization_id: int = Field(foreign_key="organization.id", index=True)
    name: str = Field(max_length=200)
    description: str = ""
    eligibility: str = ""
    application_process: str = ""
    fees_description: str = ""
    interpretation_services: str = Field(default="", sa_column_kwargs={"server_default": ""})
    is_free: bool = True
    no_documents_needed: bool = False
    url: str | None = Field(default=None, max_length=300)
    email: str | None = Field(default=None, max_length=200)
    # Who may use it by age, in years (HSDS minimum_age/maximum_age); None: no limit.
    minimum_age: int | None = Field(default=None, ge=0, le=AGE_MAX)
    maximum_age: int | None = Field(default=None, ge=0, le=AGE_MAX)
    status: ServiceStatus = Field(default=ServiceStatus.ACTIVE, index=True)
    assured_date: dt.date | None = None  # HSDS: date the information was last verified
    source: str = imported_from()
    # An HSDS import created or changed it and no coordinator has verified it since.
    needs_review: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})
    source_locale: str = Field(default="es", max_length=35)
    text_versions: dict[str, int] = Field(default_factory=dict, sa_column=Column(JSON))
    # Search words a coordinator adds for this one service (any language, comma-separated).
    keywords: str = Field(default="", max_length=500)
    # Its search keys in every locale, by tier (rxapp.services.search.stored), kept current
    # by content.reindex_service.
    search_text: str = ""
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
    # The directory revision that last changed what the public sees of it (content.bump_revision),
    # so a snapshot asks "changed since R" in one query (rxapp.services.snapshot).
    revision: int = Field(default=0, index=True, sa_column_kwargs={"server_default": "0"})


class Location(SQLModel, table=True):
    """HSDS location: where a service is given, with directions from a landmark."""

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = hsds_id()
    organization_id: int = Field(foreign_key="organization.id", index=True)
    name: str = Field(default="", max_length=200)
    location_type: LocationType = Field(
        default=LocationType.PHYSICAL, sa_column_kwargs={"server_default": LocationType.PHYSICAL.name}
    )
    address: str = Field(default="", max_length=300)  # HSDS address_1: street and number
    city: str = _address_part(100)
    state_province: str = _address_part(100)
    postal_code: str = _address_part(20)
    # ISO 3166-1 alpha-2; empty: the installation's country (PASO_COUNTRY, docs/hsds.md).
    country: str = _address_part(2)
    directions: str = ""
    latitude: float | None = None
    longitude: float | None = None
    source_locale: str = Field(default="es", max_length=35)
    text_versions: dict[str, int] = Field(default_factory=dict, sa_column=Column(JSON))


class ServiceAtLocation(SQLModel, table=True):
    """HSDS service_at_location: which services are given where."""

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = hsds_id()
    service_id: int = Field(foreign_key="service.id", index=True)
    location_id: int = Field(foreign_key="location.id", index=True)


def _owner(table: str) -> Any:
    """One of a phone's or slot's three owners (``owners``): exactly one is set."""
    return Field(default=None, foreign_key=f"{table}.id", index=True)


class Phone(SQLModel, table=True):
    """HSDS phone, with a WhatsApp flag: a service's (everywhere), one place's of a service, or a
    place's own (its reception): exactly one of the three owners is set (``owners``)."""

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = hsds_id()
    service_id: int | None = _owner("service")
    service_at_location_id: int | None = _owner("serviceatlocation")
    location_id: int | None = _owner("location")
    number: str = Field(max_length=40)
    type: PhoneType = Field(
        default=PhoneType.VOICE, sa_column_kwargs={"server_default": PhoneType.VOICE.name}
    )
    extension: int | None = Field(default=None, ge=0, le=EXTENSION_MAX)
    is_whatsapp: bool = False
    description: str = Field(default="", max_length=200)
    source_locale: str = Field(default="es", max_length=35)
    text_versions: dict[str, int] = Field(default_factory=dict, sa_column=Column(JSON))


class ScheduleSlot(SQLModel, table=True):
    """A weekly opening slot. ``closes_at <= opens_at`` passes midnight; equal means 24 hours.

    Owned as a phone is: the service's hours everywhere (what "open now" reads), one place's hours
    of the service, or a place's own opening hours. ``valid_from``/``valid_to`` bound the weeks it
    holds (either open); ``description`` is a plain note, not translated: slots are replaced on
    every save, so translations keyed by their row would not outlive an edit (docs/hsds.md).
    """

    id: int | None = Field(default=None, primary_key=True)
    service_id: int | None = _owner("service")
    service_at_location_id: int | None = _owner("serviceatlocation")
    location_id: int | None = _owner("location")
    weekday: int = Field(ge=0, le=6)  # 0 = Monday, as Python's date.weekday()
    opens_at: dt.time
    closes_at: dt.time
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    description: str = Field(default="", max_length=300, sa_column_kwargs={"server_default": ""})


class ScheduleException(SQLModel, table=True):
    """A dated exception: closed all day, or special hours instead of the weekly slots."""

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = hsds_id()
    service_id: int = Field(foreign_key="service.id", index=True)
    date: dt.date = Field(index=True)
    closed: bool = True
    opens_at: dt.time | None = None
    closes_at: dt.time | None = None
    note: str = Field(default="", max_length=300)
    source_locale: str = Field(default="es", max_length=35)
    text_versions: dict[str, int] = Field(default_factory=dict, sa_column=Column(JSON))


class RequiredDocument(SQLModel, table=True):
    """HSDS required_document: a document to bring to use a service, in the order typed."""

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = hsds_id()
    service_id: int = Field(foreign_key="service.id", index=True)
    document: str = Field(max_length=300)
    uri: str | None = Field(default=None, max_length=300)
    position: int = 0
    source_locale: str = Field(default="es", max_length=35)
    text_versions: dict[str, int] = Field(default_factory=dict, sa_column=Column(JSON))


class Category(SQLModel, table=True):
    """A need of the taxonomy (mirrors ``rxapp.taxonomy.NEEDS``)."""

    slug: str = Field(primary_key=True, max_length=40)
    icon: str = Field(max_length=40)
    sort_order: int = 0


class ServiceCategory(SQLModel, table=True):
    """Which needs a service answers."""

    service_id: int = Field(foreign_key="service.id", primary_key=True)
    category_slug: str = Field(foreign_key="category.slug", primary_key=True, index=True)


class ServiceLanguage(SQLModel, table=True):
    """HSDS language: a language spoken at the service (BCP 47 tag)."""

    service_id: int = Field(foreign_key="service.id", primary_key=True)
    language: str = Field(primary_key=True, max_length=35)


class LocationLanguage(SQLModel, table=True):
    """HSDS language of a location: a language spoken at the place, whatever service (BCP 47)."""

    location_id: int = Field(foreign_key="location.id", primary_key=True)
    language: str = Field(primary_key=True, max_length=35)


class Accessibility(SQLModel, table=True):
    """HSDS accessibility: how a person with a disability gets into and around a place."""

    id: int | None = Field(default=None, primary_key=True)
    uuid: str = hsds_id()
    location_id: int = Field(foreign_key="location.id", index=True)
    description: str = ""  # "Ramp at the side door; toilets on the ground floor"
    details: str = ""
    url: str | None = Field(default=None, max_length=300)
    source_locale: str = Field(default="es", max_length=35)
    text_versions: dict[str, int] = Field(default_factory=dict, sa_column=Column(JSON))


class Translation(SQLModel, table=True):
    """A translation of one text field of one record into one locale."""

    __table_args__ = (sa.UniqueConstraint("record_type", "record_id", "field", "locale"),)

    id: int | None = Field(default=None, primary_key=True)
    record_type: RecordType = Field(index=True)
    record_id: int = Field(index=True)
    field: str = Field(max_length=40)
    locale: str = Field(max_length=35)
    text: str
    source_version: int = 1  # the field's version the translation was made from
    # ... and that version's text, shown to translators as the previous source once it changes
    source_text: str = Field(default="", sa_type=sa.Text, sa_column_kwargs={"server_default": ""})
    unreviewed: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})  # a draft
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))


class DirectoryRevision(SQLModel, table=True):
    """One row whose counter grows on every directory change: the snapshot's version."""

    id: int = Field(default=1, primary_key=True)
    revision: int = 0
    changed_at: dt.datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))


OWNERS = ("service_id", "service_at_location_id", "location_id")


def owners(row: Phone | ScheduleSlot) -> tuple[str, int]:
    """Which of its owners a phone or slot has, and its id: ("service_id", 3)."""
    found = [(name, getattr(row, name)) for name in OWNERS if getattr(row, name) is not None]
    assert len(found) == 1, f"{type(row).__name__} {row.id} must have exactly one owner"
    return found[0]


def text_fields(record: Any) -> tuple[str, ...]:
    """The translatable text fields of a record."""
    return TEXT_FIELDS[type(record)]


TEXT_FIELDS: dict[type[SQLModel], tuple[str, ...]] = {
    Organization: ("name", "description"),
    Service: (
        "name",
        "description",
        "eligibility",
        "application_process",
        "fees_description",
        "interpretation_services",
    ),
    Location: ("name", "directions"),
    Phone: ("description",),
    ScheduleException: ("note",),
    RequiredDocument: ("document",),
    Accessibility: ("description", "details"),
}
RECORD_TYPES: dict[type[SQLModel], RecordType] = {
    Organization: RecordType.ORGANIZATION,
    Service: RecordType.SERVICE,
    Location: RecordType.LOCATION,
    Phone: RecordType.PHONE,
    ScheduleException: RecordType.EXCEPTION,
    RequiredDocument: RecordType.DOCUMENT,
    Accessibility: RecordType.ACCESS,
}
