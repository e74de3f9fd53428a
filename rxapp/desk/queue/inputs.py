"""What the desk's queue page receives from the browser, validated, and its problems in words."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from rxapp import access
from rxapp.models import RegistrationStatus
from rxapp.services.followup.sending import Channel
from rxapp.services.records import DeskProblem
from rxapp.taxonomy import N_

PROBLEMS = access.words(
    {
        DeskProblem.NOT_FOUND: N_("This registration does not exist any more."),
        DeskProblem.NOTE_EMPTY: N_("Write the note first."),
        DeskProblem.NOTE_TOO_LONG: N_("A note has at most 1000 characters."),
        DeskProblem.CONSENT_REQUIRED: N_("Ask the person first: a referral needs their agreement."),
        DeskProblem.UNKNOWN_SERVICE: N_("Choose a service from the list."),
        DeskProblem.SAME_RECORD: N_("A record cannot be merged with itself."),
        DeskProblem.NOT_A_DUPLICATE: N_("This record is no longer offered as a possible duplicate."),
        DeskProblem.NO_REFERRAL: N_("No referral is recorded for this person. Close the record anyway?"),
    }
)
NO_CODE = N_("No registration has this code. Check it and try again.")
ERASE_MISMATCH = N_("Type the record's code exactly to erase it.")


class SearchInput(BaseModel):
    """The search box."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)
    query: str = Field(default="", max_length=100)


class CodeInput(BaseModel):
    """A typed or scanned reference code."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)
    code: str = Field(min_length=1, max_length=40)


class RecordInput(BaseModel):
    """A record chosen in the list."""

    record_id: int = Field(gt=0)


class CallInput(BaseModel):
    """Call the open record to a desk (its number, as the waiting room knows the desks)."""

    model_config = ConfigDict(extra="ignore")
    desk_number: int = Field(ge=1, le=20)


class SendInput(BaseModel):
    """Send one referral of the open record by WhatsApp or SMS."""

    referral_id: int = Field(gt=0)
    channel: Channel


class OtherRecordInput(BaseModel):
    """A second record: a possible duplicate of the open one."""

    other_id: int = Field(gt=0)


class FilterInput(BaseModel):
    """A status tab; "" (or none) is every status."""

    status: RegistrationStatus | None = None

    @field_validator("status", mode="before")
    @classmethod
    def _every(cls, value: Any) -> Any:
        return value or None


class StatusInput(BaseModel):
    """The status the open record moves to."""

    status: RegistrationStatus


class NoteInput(BaseModel):
    """The note form."""

    model_config = ConfigDict(extra="ignore")
    text: str = Field(default="", max_length=5000)  # the service says when it is too long


class EraseInput(BaseModel):
    """The erasure form: the record's code typed again, as a confirmation."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)
    confirm: str = Field(default="", max_length=40)


class ReferInput(BaseModel):
    """The referral form: which service, and whether the person agreed."""

    model_config = ConfigDict(extra="ignore")
    service: str = Field(default="", max_length=80)
    consented: bool = False
    # For the person, in their language: shown on their own page (issue 19).
    note: str = Field(default="", max_length=500)

    @field_validator("consented", mode="before")
    @classmethod
    def _ticked(cls, value: Any) -> bool:
        # A ticked checkbox sends "on"; anything else is no agreement, never an error.
        return value in (True, "on", "true")
