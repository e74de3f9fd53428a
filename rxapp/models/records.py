"""What happens to a registration at the desk: notes, status changes, referrals, dismissed
duplicates; and the anonymous counts kept once retention deletes a record.

Everything here that points at a registration is deleted with it (``ondelete="CASCADE"``).
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from rxapp.models.directory import utcnow
from rxapp.models.people import RegistrationStatus

_WHEN = sa.DateTime(timezone=True)


class Note(SQLModel, table=True):
    """A timestamped note about a registration, with its author."""

    id: int | None = Field(default=None, primary_key=True)
    registration_id: int = Field(foreign_key="registration.id", index=True, ondelete="CASCADE")
    author_id: int | None = Field(default=None, foreign_key="staffuser.id", ondelete="SET NULL")
    text: str = Field(max_length=1000)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=_WHEN)


class StatusChange(SQLModel, table=True):
    """A registration moved from one status to another."""

    id: int | None = Field(default=None, primary_key=True)
    registration_id: int = Field(foreign_key="registration.id", index=True, ondelete="CASCADE")
    author_id: int | None = Field(default=None, foreign_key="staffuser.id", ondelete="SET NULL")
    from_status: RegistrationStatus
    to_status: RegistrationStatus
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=_WHEN)


class Referral(SQLModel, table=True):
    """The person was sent to a service of the directory, having agreed to it."""

    id: int | None = Field(default=None, primary_key=True)
    registration_id: int = Field(foreign_key="registration.id", index=True, ondelete="CASCADE")
    service_id: int | None = Field(default=None, foreign_key="service.id", ondelete="SET NULL")
    service_name: str = Field(max_length=200)  # as it was named then, should the service go
    author_id: int | None = Field(default=None, foreign_key="staffuser.id", ondelete="SET NULL")
    consented: bool
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=_WHEN)
    # Written by the volunteer FOR the person, in their language: shown on their page.
    note: str = Field(default="", max_length=500)


class DuplicateDismissal(SQLModel, table=True):
    """Two registrations a volunteer looked at and found to be different people."""

    first_id: int = Field(foreign_key="registration.id", primary_key=True, ondelete="CASCADE")
    second_id: int = Field(foreign_key="registration.id", primary_key=True, ondelete="CASCADE")


class Tally(SQLModel, table=True):
    """Anonymous counts of registrations deleted by retention, per day: the reports go on
    counting them without keeping anyone's record."""

    day: dt.date = Field(primary_key=True)
    metric: str = Field(primary_key=True, max_length=20)  # registrations | need | nationality | referral
    key: str = Field(primary_key=True, max_length=80)  # "" | need slug | country | service slug
    count: int = 0
