"""Personal follow-up (issue 19): the keys that open a person's own page, their appointments,
the desk's calls to a desk number, and the waiting-room display's key.

Everything here that points at a registration is deleted with it (``ondelete="CASCADE"``, and
explicitly by ``rxapp/services/retention.py``, which does not rely on SQLite's pragma).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from rxapp.models.directory import utcnow

_WHEN = sa.DateTime(timezone=True)
PLACE_MAX = 200
BRING_MAX = 300
NOTE_MAX = 500  # a note written for the person (referral, appointment) or the desk's follow-up note


class KeyKind(StrEnum):
    """What a personal key is: the phone's lasting secret, or a one-time token that buys one."""

    SECRET = "secret"
    TOKEN = "token"


class PersonalKey(SQLModel, table=True):
    """A key to one person's page, stored only as the SHA-256 of the secret (never the secret)."""

    __tablename__ = "personal_key"

    id: int | None = Field(default=None, primary_key=True)
    registration_id: int = Field(foreign_key="registration.id", index=True, ondelete="CASCADE")
    digest: str = Field(unique=True, max_length=64)  # sha256 hex of the secret or token
    kind: KeyKind
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=_WHEN)
    expires_at: dt.datetime | None = Field(default=None, sa_type=_WHEN)  # tokens only
    used_at: dt.datetime | None = Field(default=None, sa_type=_WHEN)  # a token once claimed
    revoked_at: dt.datetime | None = Field(default=None, sa_type=_WHEN)  # the desk ended it


class Appointment(SQLModel, table=True):
    """A date the desk set for the person: at a service of the directory, or at a named place."""

    id: int | None = Field(default=None, primary_key=True)
    registration_id: int = Field(foreign_key="registration.id", index=True, ondelete="CASCADE")
    service_id: int | None = Field(default=None, foreign_key="service.id", ondelete="SET NULL")
    place: str = Field(default="", max_length=PLACE_MAX)  # required when there is no service
    starts_at: dt.datetime = Field(sa_type=_WHEN, index=True)  # UTC
    bring: str = Field(default="", max_length=BRING_MAX)  # what to bring, for the person
    note: str = Field(default="", max_length=NOTE_MAX)  # for the person, in their language
    author_id: int | None = Field(default=None, foreign_key="staffuser.id", ondelete="SET NULL")
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=_WHEN)


class Call(SQLModel, table=True):
    """The desk called a person to a desk number. The code is copied, so the waiting-room
    display reads this table alone and never touches a name."""

    id: int | None = Field(default=None, primary_key=True)
    registration_id: int = Field(foreign_key="registration.id", index=True, ondelete="CASCADE")
    reference: str = Field(max_length=12)
    desk: int
    called_at: dt.datetime = Field(default_factory=utcnow, sa_type=_WHEN, index=True)


class DisplayKey(SQLModel, table=True):
    """The waiting-room display's key (one row, ``id`` 1): its SHA-256 only."""

    id: int = Field(default=1, primary_key=True)
    digest: str = Field(max_length=64)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=_WHEN)
