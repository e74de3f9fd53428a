"""The audit log: who read or changed which record, when. It holds a record's number, never
its content, and outlives the record and the account."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from rxapp.models.directory import utcnow

_WHEN = sa.DateTime(timezone=True)


class AuditAction(StrEnum):
    """What was done to registrations, or to alerts (the audit log names no person)."""

    QUEUE = "queue"  # the queue was shown: one row per view, not per record
    SEARCH = "search"  # a search showed this record
    OPEN = "open"
    EXPORT = "export"
    CREATE = "create"  # assisted registration
    NOTE = "note"
    STATUS = "status"
    REFER = "refer"
    MERGE = "merge"
    DISMISS = "dismiss"
    ERASE = "erase"
    RETENTION = "retention"  # the retention job deleted records (count in ``detail``)
    # Alerts (``detail``: the alert's kind and public id; names fit the column SQLite has).
    ALERT = "alert"  # an alert was posted or edited
    WITHDRAW = "withdraw"  # an alert was ended early
    NUMBER = "number"  # an important number added, changed, moved or removed ("edit:<slug>")
    # Personal follow-up (issue 19; names of at most 9 letters, like the column SQLite has).
    TOKEN = "token"  # a one-time link to the person's page was made (QR or a sending)
    REVOKE = "revoke"  # every key to the person's page ended (``detail``: how many)
    CALL = "call"  # called to a desk (``detail``: the desk number)
    SEND = "send"  # a referral sent through the volunteer's WhatsApp or SMS ("<channel> <referral id>")
    APPOINT = "appoint"  # an appointment added or removed ("add <id>" / "remove <id>")
    FOLLOWUP = "followup"  # the follow-up date or note set or cleared (``detail``: the date or "")
    DISPLAY = "display"  # a new key for the waiting-room display


class AuditEntry(SQLModel, table=True):
    """Who did what to which record, when. No names, phones or notes: numbers only."""

    id: int | None = Field(default=None, primary_key=True)
    at: dt.datetime = Field(default_factory=utcnow, sa_type=_WHEN, index=True)
    staff_id: int | None = Field(default=None, index=True)  # no foreign key: the log outlives accounts
    staff_username: str = Field(default="", max_length=40)  # None/"" for the system
    action: AuditAction
    record_id: int | None = Field(default=None, index=True)
    detail: str = Field(default="", max_length=200)  # e.g. a status, a count; never personal data
