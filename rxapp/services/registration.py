"""Self-registration: validate what any client sent, store it once, give a reference.

``RegistrationCreate`` validates the whole form on the server whatever the client sent;
each problem is a ``RegistrationProblem`` code on a field, which the page words in the person's
language. A draft id generated on the device makes submitting idempotent: a retry returns
the first row's reference, the same id with other answers is refused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated, Any

import sqlalchemy as sa
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from rxapp.i18n.countries import OTHER_LANGUAGE, SPOKEN_EXTRA, is_known_country
from rxapp.i18n.locales import KNOWN
from rxapp.models import ContactMethod, KeyKind, Registration, RegistrationStatus, utcnow
from rxapp.services.followup import access
from rxapp.services.phone import parse_phone
from rxapp.services.ratelimit import Limit, count, hit, in_networks, key
from rxapp.services.text import normalize, visible
from rxapp.taxonomy import NEEDS_BY_SLUG

# Bump when the consent text changes: each record says which text the person agreed to.
CONSENT_VERSION = "2026-12-03"
NAME_MAX = 100
MESSAGE_MAX = 500
COUNT_MAX = 20
# No 0/O, 1/I/L: the code is read aloud and typed at the desk.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 4
ID_PATTERN = r"^[A-Za-z0-9_-]{8,64}$"


class RegistrationProblem(StrEnum):
    """What can be wrong with a field (worded for people in ``rxapp/registration/submission.py``)."""

    REQUIRED = "required"
    TOO_LONG = "too_long"
    NEED_REQUIRED = "need_required"
    INVALID_CHOICE = "invalid_choice"
    COUNT_RANGE = "count_range"
    PHONE_INVALID = "phone_invalid"
    CONTACT_NEEDS_PHONE = "contact_needs_phone"
    WHATSAPP_NEEDS_PHONE = "whatsapp_needs_phone"
    CONSENT_REQUIRED = "consent_required"
    BAD_REQUEST = "bad_request"  # a malformed request, not something the person typed


FORM = "form"  # the key of problems that belong to no single field


def _problem(code: RegistrationProblem) -> PydanticCustomError:
    return PydanticCustomError(str(code), str(code))


# Hard caps on what a client may send at all; the limits people see are checked below.
Text = Annotated[str, Field(max_length=2000)]


class RegistrationCreate(BaseModel):
    """The registration form, validated and normalised (phone in E.164)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)

    draft_id: str = Field(pattern=ID_PATTERN)
    device_id: str = Field(default="", pattern=r"^([A-Za-z0-9_-]{8,64})?$")
    locale: str = Field(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
    name: Text = ""
    needs: list[Text] = Field(default_factory=list, max_length=20)
    nationality: str | None = Field(default=None, max_length=8)
    languages: list[Text] = Field(default_factory=list, max_length=20)
    adults: int | None = None
    children: int | None = None
    phone: str | None = Field(default=None, max_length=40)
    phone_display: str = ""  # filled from ``phone``; what the person is shown to confirm
    has_whatsapp: bool = False
    preferred_contact: ContactMethod | None = None
    message: Text = ""
    consent: bool = False

    @model_validator(mode="before")
    @classmethod
    def _visible(cls, raw: Any) -> Any:
        """Every text without invisible control and direction characters, before any check."""
        if not isinstance(raw, dict):
            return raw

        def clean(value: Any) -> Any:
            if isinstance(value, str):
                return visible(value)
            if isinstance(value, list):
                return [visible(item) if isinstance(item, str) else item for item in value]
            return value

        return {name: clean(value) for name, value in raw.items()}

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        if not value:
            raise _problem(RegistrationProblem.REQUIRED)
        if len(value) > NAME_MAX:
            raise _problem(RegistrationProblem.TOO_LONG)
        return value

    @field_validator("needs")
    @classmethod
    def _needs(cls, value: list[str]) -> list[str]:
        if not value:
            raise _problem(RegistrationProblem.NEED_REQUIRED)
        if any(slug not in NEEDS_BY_SLUG for slug in value):
            raise _problem(RegistrationProblem.INVALID_CHOICE)
        return sorted(set(value))

    @field_validator("nationality", mode="before")
    @classmethod
    def _nationality(cls, value: Any) -> Any:
        if value in ("", None):
            return None
        if not isinstance(value, str) or not is_known_country(value.upper()):
            raise _problem(RegistrationProblem.INVALID_CHOICE)
        return value.upper()

    @field_validator("languages")
    @classmethod
    def _languages(cls, value: list[str]) -> list[str]:
        if any(tag not in KNOWN and tag not in SPOKEN_EXTRA and tag != OTHER_LANGUAGE for tag in value):
            raise _problem(RegistrationProblem.INVALID_CHOICE)
        return sorted(set(value))

    @field_validator("adults", "children", mode="before")
    @classmethod
    def _count(cls, value: Any) -> int | None:
        if value in ("", None):
            return None
        try:
            number = int(str(value).strip())
        except ValueError:
            raise _problem(RegistrationProblem.COUNT_RANGE) from None
        if not 0 <= number <= COUNT_MAX:
            raise _problem(RegistrationProblem.COUNT_RANGE)
        return number

    @field_validator("phone", mode="before")
    @classmethod
    def _phone(cls, value: Any, info: ValidationInfo) -> str | None:
        if value in ("", None):
            return None
        if not isinstance(value, str) or len(value) > 40:
            raise _problem(RegistrationProblem.PHONE_INVALID)
        try:
            return parse_phone(value, nationality=info.data.get("nationality")).e164
        except ValueError:
            raise _problem(RegistrationProblem.PHONE_INVALID) from None

    @field_validator("phone_display", mode="after")
    @classmethod
    def _display(cls, _value: str, info: ValidationInfo) -> str:
        phone = info.data.get("phone")
        return parse_phone(phone).international if phone else ""

    @field_validator("has_whatsapp")
    @classmethod
    def _whatsapp(cls, value: bool, info: ValidationInfo) -> bool:
        if value and "phone" in info.data and info.data["phone"] is None:
            raise _problem(RegistrationProblem.WHATSAPP_NEEDS_PHONE)
        return value

    @field_validator("preferred_contact", mode="before")
    @classmethod
    def _contact(cls, value: Any, info: ValidationInfo) -> Any:
        if value in ("", None):
            return None
        wants_phone = value in {ContactMethod.CALL, ContactMethod.WHATSAPP, ContactMethod.SMS}
        if wants_phone and "phone" in info.data and info.data["phone"] is None:
            raise _problem(RegistrationProblem.CONTACT_NEEDS_PHONE)
        return value

    @field_validator("message")
    @classmethod
    def _message(cls, value: str) -> str:
        if len(value) > MESSAGE_MAX:
            raise _problem(RegistrationProblem.TOO_LONG)
        return value

    @field_validator("consent", mode="before")
    @classmethod
    def _consent(cls, value: Any) -> bool:
        # Only a ticked box (JSON true) is consent: not "true", "yes", 1 or "on" (issue 16).
        if value is not True:
            raise _problem(RegistrationProblem.CONSENT_REQUIRED)
        return True

    def content_hash(self) -> str:
        """A fingerprint of the answers (not of the device or page language)."""
        answers = self.model_dump(mode="json", exclude={"draft_id", "device_id", "locale", "phone_display"})
        return hashlib.sha256(json.dumps(answers, sort_keys=True).encode()).hexdigest()


def validate(raw: Any) -> tuple[RegistrationCreate | None, dict[str, RegistrationProblem]]:
    """The validated form, or the problem of each field (``FORM`` for a malformed request)."""
    if not isinstance(raw, dict):
        return None, {FORM: RegistrationProblem.BAD_REQUEST}
    payload = {**raw, "phone_display": ""}
    try:
        return RegistrationCreate.model_validate(payload), {}
    except ValidationError as error:
        problems: dict[str, RegistrationProblem] = {}
        for item in error.errors():
            field = str(item["loc"][0]) if item["loc"] else FORM
            try:
                code = RegistrationProblem(item["type"])
            except ValueError:  # pydantic's own: wrong type, unknown key, over a hard cap...
                code = (
                    RegistrationProblem.TOO_LONG
                    if item["type"] in {"string_too_long", "too_long"}
                    else RegistrationProblem.BAD_REQUEST
                )
            if field not in _PERSON_FIELDS:
                field = FORM
            problems.setdefault(field, code)
        return None, problems


_PERSON_FIELDS = set(RegistrationCreate.model_fields) - {"draft_id", "device_id", "locale", "phone_display"}


class DraftConflictError(Exception):
    """This draft id was already used for other answers."""


# Built once: SQLAlchemy then reuses their compiled form (the hot path of a registration).
_TABLE = Registration.__table__  # type: ignore[attr-defined]
_PREVIOUS = sa.select(_TABLE.c.id, _TABLE.c.reference, _TABLE.c.content_hash).where(
    _TABLE.c.draft_id == sa.bindparam("draft")
)
_INSERT = sa.insert(_TABLE)


def previous(
    *, session: Session, data: RegistrationCreate, fingerprint: str | None = None
) -> tuple[int, str] | None:
    """The id and reference this very submission already got (a retry), or ``DraftConflictError``."""
    found = session.execute(_PREVIOUS, {"draft": data.draft_id}).first()
    if found is None:
        return None
    if found.content_hash != (fingerprint or data.content_hash()):
        raise DraftConflictError(data.draft_id)
    return int(found.id), str(found.reference)


def new_reference(prefix: str) -> str:
    """A random code such as ``MTZ-7K4Q``."""
    return f"{prefix}-{''.join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))}"


def _values(
    data: RegistrationCreate, *, fingerprint: str, prefix: str, assisted: bool, now: dt.datetime
) -> dict[str, Any]:
    return {
        "reference": new_reference(prefix),
        "draft_id": data.draft_id,
        "content_hash": fingerprint,
        "name": data.name,
        "name_key": normalize(data.name)[:100],
        "needs": data.needs,
        "nationality": data.nationality,
        "languages": data.languages,
        "adults": data.adults,
        "children": data.children,
        "phone": data.phone,
        "has_whatsapp": data.has_whatsapp,
        "preferred_contact": data.preferred_contact,
        "message": data.message,
        "locale": data.locale,
        "consent_version": CONSENT_VERSION,
        "consent_at": now,
        "status": RegistrationStatus.NEW,
        "assisted": assisted,
        "created_at": now,
        "updated_at": now,
    }


def submit(
    *,
    session: Session,
    data: RegistrationCreate,
    limits: Sequence[Limit],
    prefix: str,
    assisted: bool = False,
    now: dt.datetime | None = None,
    secret: str | None = None,
) -> str:
    """Store a registration once and return its reference; a retry or a race gets the first.

    ``secret`` (``access.new_secret()``): the registering phone's key to the person's own page,
    stored (its digest) with a new row in the same transaction. A retry stores it for the
    first row instead: the first answer's secret never reached the phone (only its digest
    is kept, so it cannot be sent again), and the new one opens the same record.

    A new registration counts against ``limits`` in the same transaction (one commit, one
    disk sync). Raises ``DraftConflictError`` (same draft, other answers) or
    ``RateLimitedError``. Core statements, not the ORM: this is the hot path. A new draft is
    written without looking first (row, counters, commit: three round trips, which on
    PostgreSQL each wait for the network and the GIL, issue 17): a draft already stored fails
    the insert on its unique id, so a resend is neither counted nor refused, and gets the first
    row's reference.
    """
    fingerprint = data.content_hash()
    for _attempt in range(20):
        moment = now or utcnow()
        values = _values(data, fingerprint=fingerprint, prefix=prefix, assisted=assisted, now=moment)
        try:
            stored = session.connection().execute(_INSERT, values)
        except IntegrityError:  # this draft stored already (a resend, a double tap), or a taken code
            session.rollback()
            if found := previous(session=session, data=data, fingerprint=fingerprint):
                if secret:
                    access.issue_secret(session=session, registration_id=found[0], secret=secret, now=moment)
                return found[1]
            continue
        if secret:
            row_id = stored.inserted_primary_key
            assert row_id is not None  # a one-row INSERT
            access.add_key(session, registration_id=row_id[0], secret=secret, kind=KeyKind.SECRET, now=moment)
        # Counted last: every phone on the centre's wifi shares one counter, which stays locked
        # from here to the commit, so registrations queue on it for as short a time as can be.
        if count(session=session, limits=limits):
            session.rollback()  # not stored, and not counted yet: the refusal is counted now
            hit(session=session, limits=limits)  # raises RateLimitedError
            continue  # (unless its window ended meanwhile)
        session.commit()
        return str(values["reference"])
    raise RuntimeError("no free reference code: widen CODE_LENGTH")


def create_registration(
    *,
    session: Session,
    data: RegistrationCreate,
    prefix: str,
    assisted: bool = False,
    now: dt.datetime | None = None,
) -> str:
    """Store a registration once, with no rate limit (e.g. staff); its reference."""
    return submit(session=session, data=data, limits=[], prefix=prefix, assisted=assisted, now=now)


def limits_for(
    *,
    secret: str,
    device_id: str,
    address: str,
    centre_networks: Sequence[str],
    per_device: int,
    per_address: int,
    per_centre: int,
    staff_id: str | None = None,
) -> list[Limit]:
    """The limits one submission counts against.

    Signed-in staff register many people: one generous limit per account. On the centre's
    own network many phones share one address: that address gets the generous limit.
    """
    if staff_id:
        return [Limit(key(secret, "staff", staff_id), per_centre)]
    # A phone always sends its device id; a client that sends none counts as one device at its
    # address (it used to skip the device limit, issue 16).
    device = device_id or f"none@{address}"
    limits = [Limit(key(secret, "device", device), per_device)]
    shared = in_networks(address, centre_networks)
    limits.append(Limit(key(secret, "address", address), per_centre if shared else per_address))
    return limits
