"""Database tables: the directory (HSDS 3.0 and translations), its alerts, important numbers,
the people the centre serves, the desk's staff and what they do to records, personal follow-up
(keys, appointments, calls), the audit log, feedback and job locks."""

from rxapp.models.alerts import Alert, AlertKind, AlertService, AlertUrgency
from rxapp.models.audit import AuditAction, AuditEntry
from rxapp.models.directory import *  # noqa: F403
from rxapp.models.directory import RECORD_TYPES, TEXT_FIELDS, RecordType, text_fields, utcnow
from rxapp.models.feedback import DirectoryReport, ReportStatus
from rxapp.models.followup import Appointment, Call, DisplayKey, KeyKind, PersonalKey
from rxapp.models.jobs import JobLock
from rxapp.models.numbers import ImportantNumber, NumberGroup
from rxapp.models.people import ContactMethod, RateCounter, Registration, RegistrationStatus
from rxapp.models.records import DuplicateDismissal, Note, Referral, StatusChange, Tally
from rxapp.models.staff import Role, StaffSession, StaffUser

__all__ = [  # noqa: RUF022 - grouped by module
    "RECORD_TYPES", "TEXT_FIELDS", "text_fields", "utcnow",
    "Alert", "AlertKind", "AlertService", "AlertUrgency",
    "ContactMethod", "RateCounter", "Registration", "RegistrationStatus",
    "Appointment", "Call", "DisplayKey", "KeyKind", "PersonalKey",
    "AuditAction", "AuditEntry", "DirectoryReport", "DuplicateDismissal", "ImportantNumber", "JobLock", "Note",
    "NumberGroup", "Referral",
    "ReportStatus", "Role", "StaffSession", "StaffUser", "StatusChange", "Tally",
]  # fmt: skip

# Important numbers have translatable texts too (registered here: directory.py does not know them).
TEXT_FIELDS[ImportantNumber] = ("name", "purpose", "hours")
RECORD_TYPES[ImportantNumber] = RecordType.NUMBER
