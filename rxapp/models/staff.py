"""Who works at the desk: staff accounts, their roles and their signed-in sessions."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from rxapp.models.directory import utcnow

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
