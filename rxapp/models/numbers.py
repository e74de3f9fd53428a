"""Important numbers: the centre's list of numbers and contacts that matter on the route
(emergencies, the refugee commission, consulates...), shown on ``/<locale>/numbers``.

Text fields (name, what it is for, hours) are translated like services' (``Translation`` rows
with ``RecordType.NUMBER``); the numbers themselves are stored normalised (E.164, or a short
code such as 911) by ``rxapp.services.numbers``.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import JSON, Column, Field, SQLModel

from rxapp.models.directory import utcnow


class NumberGroup(StrEnum):
    """Where a number stands in the list: emergencies first, the centre's own desk last."""

    EMERGENCY = "emergency"
    PROTECTION = "protection"  # refugee and human rights commissions, anti-trafficking
    CONSULATE = "consulate"
    FAMILY = "family"  # family links (Red Cross)
    CENTRE = "centre"


class ImportantNumber(SQLModel, table=True):
    """One number or contact of the list."""

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(index=True, unique=True, max_length=80)
    name: str = Field(max_length=200)
    purpose: str = Field(default="", max_length=500)  # what it is for
    hours: str = Field(default="", max_length=200)  # in words; unused when always_open
    always_open: bool = False  # "24 hours"
    # Normalised numbers, the first one the main one (E.164 or a short code like "911").
    phones: list[str] = Field(default_factory=list, sa_column=Column(JSON))
    whatsapp: bool = False
    whatsapp_number: str = Field(default="", max_length=20)  # when WhatsApp is on another number
    group: NumberGroup = Field(default=NumberGroup.PROTECTION)
    position: int = 0  # order within its group
    is_sample: bool = False
    source_locale: str = Field(default="es", max_length=35)
    text_versions: dict[str, int] = Field(default_factory=dict, sa_column=Column(JSON))
    updated_at: dt.datetime = Field(default_factory=utcnow, sa_type=sa.DateTime(timezone=True))
