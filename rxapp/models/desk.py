"""Tables of the volunteer desk: staff and their sessions, what happens to a registration
(notes, status changes, referrals), the audit log, anonymous counts kept after retention,
reports about wrong directory information, and job locks.

Personal data lives only in ``Registration`` (models/people.py) and in the notes about it;
everything that points at a registration is deleted with it (``ondelete="CASCADE"``), except
the audit log, which holds a record's number and never its content.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from rxapp.models.directory import utcnow
from rxapp.models.people import RegistrationStatus

_WHEN = sa.DateTime(timezone=True)


class Role(StrEnum):
    """What a staff member may do. A coordinator can do everything a volunteer or a translator can."""

    VOLUNTEER = "volunteer"
    COORDINATOR = "coordinator"
    TRANSLATOR = "translator"  # only the content catalogs: no registrations


class StaffUser(SQLModel, table=True):
    """A person who signs in at the desk. Failed sign-ins are counted here, in the database,
    so the lockout holds across workers."""

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(unique=True, max_length=40)  # lower case
    display_name: str = Field(max_length=80)
    role: Role
    password_hash: str = Field(max_length=200)  # argon2id, with its own salt and parameters
    active: bool = True
    failed_attempts: int = 0
    locked_until: dt.datetime | None = Field(default=None, sa_type=_WHEN)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=_WHEN)


class StaffSession(SQLModel, table=True):
    """A signed-in desk, held on the server. The browser keeps only the token, whose hash is here."""

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(unique=True, max_length=64)
    user_id: int = Field(foreign_key="staffuser.id", index=True, ondelete="CASCADE")
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=_WHEN)
    last_seen_at: dt.datetime = Field(default_factory=utcnow, sa_type=_WHEN)
    locked: bool = False  # idle too long: the same person must type the password again
    ended_at: dt.datetime | None = Field(default=None, sa_type=_WHEN)


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


class DuplicateDismissal(SQLModel, table=True):
    """Two registrations a volunteer looked at and found to be different people."""

    first_id: int = Field(foreign_key="registration.id", primary_key=True, ondelete="CASCADE")
    second_id: int = Field(foreign_key="registration.id", primary_key=True, ondelete="CASCADE")


class AuditAction(StrEnum):
    """What was done to registrations (the audit log names no person)."""

    QUEUE = "queue"  # the queue was shown: one row per view, not per record
    SEARCH = "search"  # a search showed this record
    OPEN = "open"
    EXPORT = "export"
    CREATE = "create"  # assisted registration
    NOTE = "note"
    STATUS = "status"
    REFER = "refer"
    MERGE = "merge"
    DISMISS = "dismiss"
    ERASE = "erase"
    RETENTION = "retention"  # the retention job deleted records (count in ``detail``)


class AuditEntry(SQLModel, table=True):
    """Who did what to which record, when. No names, phones or notes: numbers only."""

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=utcnow, sa_type=_WHEN, index=True)
    staff_id: int | None = Field(default=None, index=True)  # no foreign key: the log outlives accounts
    staff_username: str = Field(default="", max_length=40)  # None/"" for the system
    action: AuditAction
    record_id: int | None = Field(default=None, index=True)
    detail: str = Field(default="", max_length=200)  # e.g. a status, a count; never personal data


class Tally(SQLModel, table=True):
    """Anonymous counts of registrations deleted by retention, per day: the reports go on
    counting them without keeping anyone's record."""

    day: dt.date = Field(primary_key=True)
    metric: str = Field(primary_key=True, max_length=20)  # registrations | need | nationality | referral
    key: str = Field(primary_key=True, max_length=80)  # "" | need slug | country | service slug
    count: int = 0


class ReportStatus(StrEnum):
    """Where a report about wrong directory information is at."""

    OPEN = "open"
    RESOLVED = "resolved"
    DISMISSED = "dismissed"


class DirectoryReport(SQLModel, table=True):
    """Someone said a service's information is wrong. Asks for no personal data."""

    id: int | None = Field(default=None, primary_key=True)
    service_id: int = Field(foreign_key="service.id", index=True, ondelete="CASCADE")
    problem: str = Field(max_length=40)  # closed, hours, phone, address, other
    comment: str = Field(default="", max_length=500)
    locale: str = Field(max_length=35)
    status: ReportStatus = Field(default=ReportStatus.OPEN, index=True)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=_WHEN)
    handled_by: int | None = Field(default=None, foreign_key="staffuser.id", ondelete="SET NULL")
    handled_at: dt.datetime | None = Field(default=None, sa_type=_WHEN)


class JobLock(SQLModel, table=True):
    """A periodic job (retention) runs on one worker at a time: whoever holds the row."""

    name: str = Field(primary_key=True, max_length=40)
    holder: str = Field(default="", max_length=80)
    until: dt.datetime = Field(sa_type=_WHEN)
