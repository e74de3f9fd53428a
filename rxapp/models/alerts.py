"""Alerts: what changed today (a shelter full tonight, an office closed, a scam going round).

An alert is urgent or for information, for the whole centre or for some services (the link
table; no row means the whole centre), shown from ``starts_at`` until ``ends_at`` (it ends by
itself) or until a coordinator withdraws it. A free-text alert's title and text are written in
``source_locale`` and translated like the directory's texts (``Translation`` rows, versions in
``text_versions``). A template alert's words are interface msgids rendered in every locale at
once (``rxapp.services.alerts.templates``); its one free phrase, if any, is its ``text``.
"""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import JSON, Column, Field, SQLModel

from rxapp.models.directory import RECORD_TYPES, TEXT_FIELDS, RecordType, utcnow

_WHEN = sa.DateTime(timezone=True)
TITLE_MAX = 80
TEXT_MAX = 500


class AlertUrgency(StrEnum):
    """Urgent alerts top every public page; information shows on the home and its services."""

    URGENT = "urgent"
    INFO = "info"


class AlertKind(StrEnum):
    """Free text, or one of the templates."""

    MESSAGE = "message"
    FULL_TONIGHT = "full_tonight"
    CLOSED_TODAY = "closed_today"
    OFFICE_CLOSED = "office_closed"
    VACCINATION = "vaccination"
    SCAM = "scam"
    ROAD_DANGER = "road_danger"


def new_public_id() -> str:
    """A stable public id for feeds and HSDS (``service.alert``)."""
    return str(uuid.uuid4())


class Alert(SQLModel, table=True):
    """One alert, posted at the desk."""

    id: int | None = Field(default=None, primary_key=True)
    public_id: str = Field(default_factory=new_public_id, unique=True, max_length=36)
    urgency: AlertUrgency
    kind: AlertKind
    starts_at: dt.datetime = Field(sa_type=_WHEN)
    ends_at: dt.datetime = Field(sa_type=_WHEN, index=True)
    source_locale: str = Field(default="es", max_length=35)
    title: str = Field(default="", max_length=TITLE_MAX)  # free text only; a template has none
    text: str = Field(default="", max_length=TEXT_MAX)  # free text, or a template's free phrase
    text_versions: dict[str, int] = Field(default_factory=dict, sa_column=Column(JSON))
    # A template's other blanks: "date" (ISO), "place", "office"; names, shown as typed.
    params: dict[str, str] = Field(default_factory=dict, sa_column=Column(JSON))
    posted_by: int | None = None  # staff id; no foreign key, as the audit log (accounts go)
    posted_at: dt.datetime = Field(default_factory=utcnow, sa_type=_WHEN)
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=_WHEN)
    withdrawn_at: dt.datetime | None = Field(default=None, sa_type=_WHEN)  # ended early
    withdrawn_by: int | None = None


class AlertService(SQLModel, table=True):
    """A service an alert concerns (none: the whole centre)."""

    alert_id: int = Field(foreign_key="alert.id", primary_key=True)
    service_id: int = Field(foreign_key="service.id", primary_key=True, index=True)


# Alerts' texts are translated like the directory's (directory.py cannot import this module).
TEXT_FIELDS[Alert] = ("title", "text")
RECORD_TYPES[Alert] = RecordType.ALERT
