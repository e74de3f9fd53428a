"""What the desk may send for follow-up, validated whatever the client sent, and why an action
is refused.

Each problem is a ``FollowUpProblem`` code on a field (``starts_at``, ``place``, ``note`` ...),
which the desk words in its own language next to the field. Times typed at the desk are the
centre's wall-clock times (``datetime-local`` inputs, no offset); the services make them UTC.
Rules that need the clock or the database (in the past, an unknown service) are checked by
the service functions, which raise ``FollowUpError`` with the same codes.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from sqlmodel import Session

from rxapp.models import AuditAction, Registration
from rxapp.models.followup import BRING_MAX, NOTE_MAX, PLACE_MAX
from rxapp.services import audit
from rxapp.services.clock import as_utc
from rxapp.services.forms import FORM as FORM  # re-exported: the desk's pages read it here
from rxapp.services.forms import Day, FieldError, Model, Moment, problem, validate_into

DESK_MIN, DESK_MAX = 1, 20


class FollowUpProblem(StrEnum):
    """Why a follow-up action was refused (worded for volunteers by the desk)."""

    REQUIRED = "required"
    TOO_LONG = "too_long"
    BAD_MOMENT = "bad_moment"  # not a date and time
    BAD_DATE = "bad_date"
    PAST = "past"  # an appointment or a follow-up date before now / today
    TOO_FAR = "too_far"  # more than a year ahead: a typo in the year
    UNKNOWN_SERVICE = "unknown_service"
    NOT_FOUND = "not_found"  # the record (or its appointment, referral) is not there any more
    BAD_DESK = "bad_desk"  # a desk number outside 1-20
    NO_PHONE = "no_phone"  # sending needs the person's phone number
    BAD_REQUEST = "bad_request"


class FollowUpError(FieldError[FollowUpProblem]):
    """A follow-up action that cannot be done, with the field it is about."""


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class AppointmentInput(_Input):
    """An appointment as the desk sends it. ``service`` is a slug ("" for none: then ``place``
    is required); ``starts_at`` the centre's wall-clock time; ``bring`` and ``note`` are for
    the person, written in their language."""

    service: str = Field(default="", max_length=80)
    place: str = Field(default="", max_length=PLACE_MAX, validate_default=True)
    starts_at: Moment = Field(default=None, validate_default=True)
    bring: str = Field(default="", max_length=BRING_MAX)
    note: str = Field(default="", max_length=NOTE_MAX)

    @field_validator("place")
    @classmethod
    def _somewhere(cls, value: str, info: ValidationInfo) -> str:
        if not value and not info.data.get("service"):
            raise problem(FollowUpProblem.REQUIRED)
        return value

    @field_validator("starts_at")
    @classmethod
    def _some_time(cls, value: dt.datetime | None) -> dt.datetime | None:
        if value is None:
            raise problem(FollowUpProblem.REQUIRED)
        return value


class FollowUpInput(_Input):
    """The desk's follow-up: a date (None clears it) and a note for the desk (never the person)."""

    on: Day = None
    note: str = Field(default="", max_length=NOTE_MAX)


class ReferralNoteInput(_Input):
    """A referral's note for the person ("" removes it)."""

    note: str = Field(default="", max_length=NOTE_MAX)


def validate(model: type[Model], raw: Any) -> tuple[Model | None, dict[str, FollowUpProblem]]:
    """The validated input, or one problem per field (``FORM`` for a malformed request)."""
    return validate_into(model, raw, problems=FollowUpProblem, bad_request=FollowUpProblem.BAD_REQUEST)


def check_desk(desk: int) -> int:
    """A desk number (1-20), or ``FollowUpError(BAD_DESK)``."""
    if not isinstance(desk, int) or isinstance(desk, bool) or not DESK_MIN <= desk <= DESK_MAX:
        raise FollowUpError(FollowUpProblem.BAD_DESK, "desk")
    return desk


def check_note(text: str, field: str = "note") -> str:
    """A note for the person or the desk, stripped; ``FollowUpError(TOO_LONG)`` over 500."""
    text = text.strip()
    if len(text) > NOTE_MAX:
        raise FollowUpError(FollowUpProblem.TOO_LONG, field)
    return text


def record_of(session: Session, registration_id: int) -> Registration:
    """The record, or ``FollowUpError(NOT_FOUND)`` (erased, merged away, or never there)."""
    found = session.get(Registration, registration_id)
    if found is None:
        raise FollowUpError(FollowUpProblem.NOT_FOUND)
    return found


def commit_change(
    session: Session,
    row: Registration,
    *,
    actor: audit.Actor,
    action: AuditAction,
    detail: str,
    now: dt.datetime,
) -> None:
    """Commit a change to a record with its audit row; ``updated_at`` moves (tablets refresh)."""
    row.updated_at = as_utc(now)
    session.add(row)
    audit.record(
        session=session, actor=actor, action=action, record_id=row.id, detail=detail, now=now, commit=False
    )
    session.commit()
