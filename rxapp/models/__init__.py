"""Database tables: the directory (HSDS 3.0 and translations) and the people the centre serves."""

from rxapp.models.desk import (
    AuditAction,
    AuditEntry,
    DirectoryReport,
    DuplicateDismissal,
    JobLock,
    Note,
    Referral,
    ReportStatus,
    Role,
    StaffSession,
    StaffUser,
    StatusChange,
    Tally,
)  # fmt: skip
from rxapp.models.directory import *  # noqa: F403
from rxapp.models.directory import RECORD_TYPES, TEXT_FIELDS, text_fields, utcnow
from rxapp.models.people import ContactMethod, RateCounter, Registration, RegistrationStatus

__all__ = [  # noqa: RUF022 - grouped by module
    "RECORD_TYPES", "TEXT_FIELDS", "text_fields", "utcnow",
    "ContactMethod", "RateCounter", "Registration", "RegistrationStatus",
    "AuditAction", "AuditEntry", "DirectoryReport", "DuplicateDismissal", "JobLock", "Note", "Referral",
    "ReportStatus", "Role", "StaffSession", "StaffUser", "StatusChange", "Tally",
]  # fmt: skip
