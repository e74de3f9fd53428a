"""Tables about people: registrations, and the counters that limit how fast they arrive.

A registration holds personal data. Only what the form's purpose needs is stored, with the
consent (text version and time) the person gave; see ``rxapp/services/registration.py``.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import JSON, Column, Field, SQLModel

from rxapp.models.directory import utcnow


class RegistrationStatus(StrEnum):
    """Where a registration is at the desk."""

    NEW = "new"
    WAITING = "waiting"
    IN_PROGRESS = "in_progress"
    REFERRED = "referred"
    CLOSED = "closed"


class ContactMethod(StrEnum):
    """How the person prefers to be contacted."""

    CALL = "call"
    WHATSAPP = "whatsapp"
    SMS = "sms"
    DESK = "desk"  # no phone contact: they come to the desk


class Registration(SQLModel, table=True):
    """One person (and who travels with them) registered at the centre."""

    id: int | None = Field(default=None, primary_key=True)
    reference: str = Field(unique=True, max_length=12)  # e.g. MTZ-7K4Q, shown at the desk
    # Generated on the device for each draft: a retried submission finds its first row.
    draft_id: str = Field(unique=True, max_length=64)
    content_hash: str = Field(max_length=64)  # the same draft id with other content is refused
    name: str = Field(max_length=100)  # name or alias, as the person typed it
    name_key: str = Field(default="", max_length=100)  # lower case, no accents: the desk's search
    needs: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    nationality: str | None = Field(default=None, max_length=2)  # ISO 3166-1 alpha-2
    languages: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    adults: int | None = None
    children: int | None = None
    phone: str | None = Field(default=None, max_length=20)  # E.164
    has_whatsapp: bool = False
    preferred_contact: ContactMethod | None = None
    message: str = Field(default="", max_length=500)
    locale: str = Field(max_length=35)  # the language the person registered in
    consent_version: str = Field(max_length=20)
    consent_at: dt.datetime = Field(sa_type=sa.DateTime(timezone=True))
    status: RegistrationStatus = Field(default=RegistrationStatus.NEW, index=True)
    assisted: bool = False  # filled in by a volunteer at the desk
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True), index=True)
    # Every change at the desk moves it: other tablets poll the newest value to refresh.
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True), index=True)
    # The desk's own reminder (issue 19): when to look at this record again, and why. Desk-only:
    # never on the person's page.
    follow_up_on: dt.date | None = Field(default=None, index=True)
    follow_up_note: str = Field(default="", max_length=500)


class RateCounter(SQLModel, table=True):
    """Attempts of one key (a keyed hash of a device or address) in one time window.

    In the database, not in process memory, so the limit holds across workers.
    """

    key: str = Field(primary_key=True, max_length=80)
    window: int = Field(primary_key=True)  # seconds since the epoch // window length
    count: int = 0
