"""Reports of wrong information in the directory, sent from a service's public page.

No personal data is asked: the reader picks what is wrong and may add a comment, and the
comment box says not to write names or phone numbers. The address a report came from is
used only for the rate limit, as a keyed hash (``ratelimit.key``), and never stored with it.
Coordinators see open reports at the desk and resolve or dismiss them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import StrEnum

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, field_validator
from sqlmodel import Session, col, select

from rxapp.models import DirectoryReport, ReportStatus, Service, utcnow
from rxapp.services.ratelimit import Limit, hit, in_networks, key
from rxapp.settings import get_settings

COMMENT_MAX = 500
SLUG_MAX = 80


class ReportProblem(StrEnum):
    """What the reader says is wrong (worded for people in ``rxapp/components/report.py``)."""

    CLOSED = "closed"  # it is closed or no longer exists
    HOURS = "hours"
    PHONE = "phone"
    ADDRESS = "address"
    COST_OR_RULES = "cost_or_rules"  # the cost, or who can use it
    OTHER = "other"


class ReportCreate(BaseModel):
    """A report as the page sends it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    service: str = Field(min_length=1, max_length=SLUG_MAX)
    problem: ReportProblem
    comment: str = Field(default="", max_length=COMMENT_MAX)
    locale: str = Field(max_length=35)

    @field_validator("locale")
    @classmethod
    def _locale(cls, value: str) -> str:
        if value not in get_settings().locales:
            raise ValueError("not a locale of this installation")
        return value


class ReportView(BaseModel):
    """An open report as the desk lists it."""

    model_config = ConfigDict(frozen=True)

    id: int
    service_slug: str
    service_name: str
    problem: ReportProblem
    comment: str
    locale: str
    created_at: dt.datetime


class UnknownServiceError(Exception):
    """No service has this slug."""


def create_report(
    *, session: Session, data: ReportCreate, limits: Sequence[Limit], now: dt.datetime | None = None
) -> int:
    """Store a report and return its id; counts against ``limits`` in the same transaction.

    Raises ``UnknownServiceError`` (nothing counted) or ``RateLimitedError``.
    """
    service_id = session.exec(select(Service.id).where(Service.slug == data.service)).first()
    if service_id is None:
        raise UnknownServiceError(data.service)
    moment = now or utcnow()
    hit(session=session, limits=limits, now=moment.timestamp(), commit=False)
    report = DirectoryReport(
        service_id=service_id,
        problem=data.problem.value,
        comment=data.comment,
        locale=data.locale,
        created_at=moment,
    )
    session.add(report)
    session.commit()
    assert report.id is not None
    return report.id


def open_reports(*, session: Session) -> list[ReportView]:
    """Reports nobody has handled yet, newest first."""
    rows = session.exec(
        select(DirectoryReport, Service.slug, Service.name)
        .join(Service, col(Service.id) == col(DirectoryReport.service_id))
        .where(DirectoryReport.status == ReportStatus.OPEN)
        .order_by(col(DirectoryReport.created_at).desc(), col(DirectoryReport.id).desc())
    ).all()
    return [
        ReportView(
            id=report.id or 0,
            service_slug=slug,
            service_name=name,
            problem=ReportProblem(report.problem),
            comment=report.comment,
            locale=report.locale,
            created_at=report.created_at,
        )
        for report, slug, name in rows
    ]


def resolve(
    *, session: Session, report_id: int, staff_id: int, status: ReportStatus, now: dt.datetime | None = None
) -> bool:
    """Mark an open report resolved or dismissed; false if there is no such open report."""
    if status is ReportStatus.OPEN:
        raise ValueError("a report is resolved or dismissed, not reopened")
    # One statement: of two coordinators handling the same report at once, one wins.
    table = DirectoryReport.__table__  # type: ignore[attr-defined]
    result = session.connection().execute(
        sa.update(table)
        .where(table.c.id == report_id, table.c.status == ReportStatus.OPEN)
        .values(status=status, handled_by=staff_id, handled_at=now or utcnow())
    )
    session.commit()
    return bool(result.rowcount)


def limits_for(
    *, secret: str, address: str, centre_networks: Sequence[str], per_address: int, per_centre: int
) -> list[Limit]:
    """The limit one report counts against: per address (generous on the centre's own network)."""
    shared = in_networks(address, centre_networks)
    return [Limit(key(secret, "report", address), per_centre if shared else per_address)]
