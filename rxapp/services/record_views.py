"""What the volunteer desk shows and why it refuses an action: frozen views, datetimes in UTC.

Plain data a page can show as is; built and used by ``rxapp/services/records.py``.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict

from rxapp.models import ContactMethod, RegistrationStatus
from rxapp.services.clock import as_utc

Utc = Annotated[dt.datetime, AfterValidator(as_utc)]


class _View(BaseModel):
    model_config = ConfigDict(frozen=True)


class QueueItem(_View):
    """One line of the queue."""

    id: int
    reference: str
    name: str
    needs: list[str]
    languages: list[str]
    status: RegistrationStatus
    created_at: Utc
    assisted: bool


class ReferralChoice(_View):
    """A service one can refer a person to, named in the desk's language.

    ``matches``: how many of the person's needs it answers (those come first in the list).
    """

    slug: str
    name: str
    organization: str
    matches: int
    temporarily_closed: bool


class NoteView(_View):
    """A note, with its author's display name ("" once the account is gone)."""

    id: int
    text: str
    author: str
    created_at: Utc


class StatusView(_View):
    """One step of a record's status history."""

    from_status: RegistrationStatus
    to_status: RegistrationStatus
    author: str
    created_at: Utc


class ReferralView(_View):
    """A referral; ``service_slug`` is None once the service left the directory."""

    id: int
    service_slug: str | None
    service_name: str
    author: str
    consented: bool
    created_at: Utc
    note: str = ""  # for the person, shown on their own page


class DuplicateView(_View):
    """Another record that may be the same person; ``reason`` is "phone" or "nationality"."""

    id: int
    reference: str
    name: str
    status: RegistrationStatus
    created_at: Utc
    reason: str


class RecordView(_View):
    """Everything the desk shows about one registration."""

    id: int
    reference: str
    name: str
    needs: list[str]
    nationality: str | None
    languages: list[str]
    adults: int | None
    children: int | None
    phone: str | None
    has_whatsapp: bool
    preferred_contact: ContactMethod | None
    message: str
    locale: str
    status: RegistrationStatus
    assisted: bool
    consent_version: str
    consent_at: Utc
    created_at: Utc
    updated_at: Utc
    follow_up_on: dt.date | None = None  # the desk's own reminder (rxapp.services.followup)
    follow_up_note: str = ""
    notes: list[NoteView]
    history: list[StatusView]
    referrals: list[ReferralView]
    duplicates: list[DuplicateView]


class DeskProblem(StrEnum):
    """Why a desk action was refused (worded for volunteers by the page)."""

    NOT_FOUND = "not_found"
    NOTE_EMPTY = "note_empty"
    NOTE_TOO_LONG = "note_too_long"
    CONSENT_REQUIRED = "consent_required"
    UNKNOWN_SERVICE = "unknown_service"
    SAME_RECORD = "same_record"
    NOT_A_DUPLICATE = "not_a_duplicate"  # only a suggested duplicate may be merged or dismissed
    NO_REFERRAL = "no_referral"  # closing a record nobody was referred from: asked to confirm


class DeskError(Exception):
    """A desk action was refused; ``problem`` says why."""

    def __init__(self, problem: DeskProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem
