"""Reports from the public that a service's information is wrong (no personal data)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from rxapp.models.directory import utcnow

_WHEN = sa.DateTime(timezone=True)


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
