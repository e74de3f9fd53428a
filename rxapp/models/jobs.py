"""Locks that let one worker at a time run a periodic job (retention)."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

_WHEN = sa.DateTime(timezone=True)


class JobLock(SQLModel, table=True):
    """A periodic job (retention) runs on one worker at a time: whoever holds the row."""

    name: str = Field(primary_key=True, max_length=40)
    holder: str = Field(default="", max_length=80)
    until: dt.datetime = Field(sa_type=_WHEN)
