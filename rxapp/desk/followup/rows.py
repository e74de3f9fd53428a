"""What the follow-up pieces show, as typed rows (frozen dataclasses of strings, Reflex sends
them as JSON objects). Built by ``display``; no Reflex import."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AppointmentRow:
    """An appointment: when (in the desk's words), what for, and whose (the day list)."""

    id: int
    registration_id: int
    code: str
    name: str
    when: str  # the date and time (the record), or the time (the day list)
    what: str  # the service's name, else the place
    place: str  # the place when a service is named too ("" otherwise)
    bring: str
    note: str
    past: bool


@dataclass(frozen=True)
class DueRow:
    """A record whose follow-up is due: its code, name, date, the desk's note and status."""

    id: int
    code: str
    name: str
    on: str
    note: str
    status: str  # a RegistrationStatus value (the badge's colour)
    status_label: str


@dataclass(frozen=True)
class FollowUp:
    """The open record's follow-up: the date in words ("" none), as the date box wants it, and
    the desk's note."""

    on: str = ""
    value: str = ""  # YYYY-MM-DD
    note: str = ""
