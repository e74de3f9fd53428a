"""What a coordinator may send to post or edit an alert, validated whatever the client sent.

Each problem is an ``AlertProblem`` code on a field (``title``, ``ends_at``, ``services``), which
the desk words in its own language next to the field. Times typed at the desk are the
centre's wall-clock times (``datetime-local`` inputs, no offset); the service makes them UTC.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from rxapp.models.alerts import TEXT_MAX, TITLE_MAX, AlertKind, AlertUrgency
from rxapp.services.forms import FORM as FORM  # re-exported: the desk's pages read it here
from rxapp.services.forms import Day, FieldError, Model, Moment, blank_none, problem, validate_into
from rxapp.settings import get_settings

BLANK_MAX = 60  # a place's or an office's name in a template
MAX_SERVICES = 50
MAX_DAYS = 92  # an alert says what changed now: a quarter at most, then it is news no more


class AlertProblem(StrEnum):
    """What can be wrong with an alert a coordinator sends."""

    REQUIRED = "required"
    TOO_LONG = "too_long"
    INVALID_CHOICE = "invalid_choice"
    BAD_DATE = "bad_date"
    BAD_MOMENT = "bad_moment"  # not a date and time
    ENDS_BEFORE_START = "ends_before_start"
    ALREADY_ENDED = "already_ended"
    TOO_FAR = "too_far"  # lasts longer than MAX_DAYS
    ONE_SERVICE = "one_service"  # this template is about exactly one service
    NOT_FOUND = "not_found"  # a service or an alert that is not there (any more)
    ENDED = "ended"  # the alert has ended: nothing to edit or withdraw
    BAD_REQUEST = "bad_request"


class AlertError(FieldError[AlertProblem]):
    """An alert that cannot be posted, edited or withdrawn, with the field it is about."""


class AlertInput(BaseModel):
    """An alert as the desk sends it: free text, or a template's blanks.

    ``services`` are slugs (none: the whole centre). Empty times mean "now" for the start and
    the template's own end (``templates.TEMPLATES``); a free-text alert needs its end.
    """

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    kind: AlertKind = AlertKind.MESSAGE
    urgency: AlertUrgency | None = None  # None: the template's own
    services: list[str] = Field(default_factory=list, max_length=MAX_SERVICES)
    starts_at: Moment = None
    ends_at: Moment = None
    source_locale: str = Field(default_factory=lambda: get_settings().default_locale)  # of title and text
    title: str = Field(default="", max_length=TITLE_MAX)
    text: str = Field(default="", max_length=TEXT_MAX)  # a template's free phrase ("what")
    date: Day = None
    place: str = Field(default="", max_length=BLANK_MAX)
    office: str = Field(default="", max_length=BLANK_MAX)

    @field_validator("urgency", "kind", mode="before")
    @classmethod
    def _choice(cls, value: Any) -> Any:
        return blank_none(value)

    @field_validator("services", mode="before")
    @classmethod
    def _slugs(cls, value: Any) -> Any:
        if isinstance(value, str):  # one <select>, or a comma-separated list
            value = [part.strip() for part in value.split(",")]
        if isinstance(value, list):
            return list(dict.fromkeys(str(v).strip() for v in value if str(v).strip()))
        return value

    @field_validator("source_locale")
    @classmethod
    def _locale(cls, value: str) -> str:
        if value not in get_settings().locales:
            raise problem(AlertProblem.INVALID_CHOICE)
        return value


class QuickState(BaseModel):
    """A one-tap state on a service from the directory list: "full tonight" or "closed today"."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    service_id: int = Field(gt=0)
    kind: AlertKind

    @field_validator("kind")
    @classmethod
    def _quick(cls, value: AlertKind) -> AlertKind:
        if value not in (AlertKind.FULL_TONIGHT, AlertKind.CLOSED_TODAY):
            raise problem(AlertProblem.INVALID_CHOICE)
        return value


class AlertChoice(BaseModel):
    """An alert picked in a list (by its public id)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    alert: str = Field(min_length=36, max_length=36)


def validate(model: type[Model], raw: Any) -> tuple[Model | None, dict[str, AlertProblem]]:
    """The validated input, or one problem per field (``FORM`` for a malformed request)."""
    return validate_into(model, raw, problems=AlertProblem, bad_request=AlertProblem.BAD_REQUEST)
