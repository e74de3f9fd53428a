"""What the queue page shows, as typed rows: the state's vars and the views' ``rx.foreach`` items.

Frozen dataclasses of strings (and record numbers): Reflex sends them as JSON objects, and the
views read their fields as typed vars (``row.name``). Built by ``display``; no Reflex import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from rxapp.desk.followup.rows import AppointmentRow, FollowUp


@dataclass(frozen=True)
class QueueRow:
    """One line of the queue."""

    id: int
    reference: str
    name: str
    needs: str
    status: str  # a RegistrationStatus value: the badge's colour
    status_label: str
    waited: str
    languages: str
    assisted: bool


@dataclass(frozen=True)
class RecordField:
    """A label and its value; a phone number also has its call and WhatsApp links."""

    label: str
    value: str
    tel: str = ""
    whatsapp: str = ""


@dataclass(frozen=True)
class Entry:
    """A note, a status change or a referral: what, who, when (a referral: and the consent)."""

    text: str
    author: str
    when: str
    consent: str = ""
    id: int = 0  # a referral's, to send it to the person's phone
    note: str = ""  # a referral's note for the person


@dataclass(frozen=True)
class Duplicate:
    """Another record that may be the same person, and why it is offered."""

    id: int
    reference: str
    name: str
    reason: str
    when: str


@dataclass(frozen=True)
class OpenRecord:
    """The open record (``id`` 0: none is open)."""

    id: int = 0
    reference: str = ""
    name: str = ""
    status: str = ""  # a RegistrationStatus value
    fields: list[RecordField] = field(default_factory=list)
    notes: list[Entry] = field(default_factory=list)
    history: list[Entry] = field(default_factory=list)
    referrals: list[Entry] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    has_phone: bool = False  # a referral can be sent to it (WhatsApp, SMS)
    follow_up: FollowUp = field(default_factory=FollowUp)  # the desk's own, never the person's
    appointments: list[AppointmentRow] = field(default_factory=list)


@dataclass(frozen=True)
class Sending:
    """A referral ready to send from the volunteer's own app: the message, and the link that
    opens WhatsApp or SMS with it."""

    referral_id: int = 0
    channel: str = ""
    text: str = ""
    link: str = ""


@dataclass(frozen=True)
class ServiceOption:
    """A service in the referral list; ``key`` is what the list's filter box matches."""

    slug: str
    label: str
    key: str


@dataclass(frozen=True)
class ReferralOptions:
    """The referral list: services for the person's needs, then the others."""

    matching: list[ServiceOption] = field(default_factory=list)
    other: list[ServiceOption] = field(default_factory=list)


class ReferField(StrEnum):
    """The referral form's field a refusal points at."""

    NONE = ""
    SERVICE = "service"
    CONSENT = "consent"
