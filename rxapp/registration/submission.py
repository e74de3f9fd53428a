"""One registration received: validated, stored under its limits, and answered in the person's
words (or the volunteer's, at the desk); the answer carries no personal data."""

from __future__ import annotations

import logging
from typing import Any, Literal, NotRequired, TypedDict

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from reflex.event import EventSpec
from sqlmodel import Session

from rxapp.components import client
from rxapp.components.assisted import Assisted
from rxapp.i18n.catalogs import Translator
from rxapp.services import registration
from rxapp.services.db import engine
from rxapp.services.followup import access
from rxapp.services.phone import parse_phone
from rxapp.services.ratelimit import RateLimitedError
from rxapp.services.registration import FORM, MESSAGE_MAX, NAME_MAX, RegistrationProblem
from rxapp.settings import get_settings
from rxapp.taxonomy import N_

log = logging.getLogger(__name__)

PROBLEMS = {
    RegistrationProblem.REQUIRED: N_("Write a name or an alias."),
    RegistrationProblem.TOO_LONG: N_("This is too long: use at most {max} characters."),
    RegistrationProblem.NEED_REQUIRED: N_("Choose at least one need."),
    RegistrationProblem.INVALID_CHOICE: N_("Choose from the list."),
    RegistrationProblem.COUNT_RANGE: N_("Write a number from 0 to 20."),
    RegistrationProblem.PHONE_INVALID: N_(
        "This phone number is not valid. Check it, and start with + and the country code if it is not from Mexico."
    ),
    RegistrationProblem.CONTACT_NEEDS_PHONE: N_("To be contacted this way, write a phone number."),
    RegistrationProblem.WHATSAPP_NEEDS_PHONE: N_("Write the phone number that has WhatsApp."),
    RegistrationProblem.CONSENT_REQUIRED: N_(
        "Without your agreement we cannot register you. Nothing has been saved."
    ),
    RegistrationProblem.BAD_REQUEST: N_(
        "The form could not be read. Reload the page and send it again: what you typed is kept."
    ),
}
LONGEST = {"name": NAME_MAX, "message": MESSAGE_MAX}


class Answer(TypedDict):
    """What ``register.js`` receives for one submission: never anything about the person."""

    ok: bool
    draft_id: str  # the submission it answers (the outbox may hold an older one)
    code: NotRequired[str]  # stored: the registration's code
    # Stored from the person's own phone: the key to their own page (issue 19), which the phone
    # keeps; never for a registration made at the desk's shared tablet.
    secret: NotRequired[str]
    errors: NotRequired[dict[str, str]]  # refused: field name (or the form's) -> message
    retry: NotRequired[bool]  # not stored for now: the phone keeps it and sends it again


def _locale(raw: Any) -> str:
    settings = get_settings()
    tag = raw.get("locale") if isinstance(raw, dict) else None
    return tag if tag in settings.locales else settings.default_locale


def problem_words(problems: dict[str, RegistrationProblem], _: Translator) -> dict[str, str]:
    """Each field's problem in words, and a line for the form when a field is marked."""
    words = {
        field: _(PROBLEMS[code]).replace("{max}", str(LONGEST.get(field, "")))
        for field, code in problems.items()
    }
    if len(words) > (1 if FORM in words else 0):
        words.setdefault(FORM, _("Please correct the marked fields. Nothing you typed was lost."))
    return words


def receive(raw: Any, address: str, *, staff_id: str | None = None) -> Answer:
    """Handle one submission; the answer the browser shows (no personal data in it).

    ``staff_id``: made at the desk by that staff member (their own limit; marked assisted).
    Only a person registering on their own phone (no ``staff_id``) gets a ``secret`` to their
    own page: a shared tablet must not hold one. A resent draft gets a fresh secret for the
    same record (the first answer's never reached the phone; see ``registration.submit``).
    """
    settings = get_settings()
    _ = (Translator if staff_id is None else Assisted)(_locale(raw))  # at the desk: the volunteer's words
    given = raw.get("draft_id") if isinstance(raw, dict) else None
    draft_id = given if isinstance(given, str) else ""
    data, problems = registration.validate(raw)
    if data is None:
        return {"ok": False, "draft_id": draft_id, "errors": problem_words(problems, _)}
    limits = registration.limits_for(
        secret=settings.secret_key(),
        device_id=data.device_id,
        address=address,
        centre_networks=settings.centre_networks,
        per_device=settings.rate_device_per_hour,
        per_address=settings.rate_address_per_hour,
        per_centre=settings.rate_centre_per_hour,
        staff_id=staff_id,
    )
    secret = access.new_secret() if staff_id is None else None
    try:
        with Session(engine()) as session:
            reference = registration.submit(
                session=session,
                data=data,
                limits=limits,
                prefix=settings.centre_code,
                assisted=staff_id is not None,
                secret=secret,
            )
    except registration.DraftConflictError:
        message = _("This form was already sent with other answers. Press “Start over” to register again.")
        return {"ok": False, "draft_id": draft_id, "errors": {FORM: message}}
    except RateLimitedError as limited:
        minutes = max(1, -(-limited.retry_after // 60))
        message = _.n(
            "Too many registrations from this phone or network. Try again in {minutes} minute, or ask at the desk.",
            "Too many registrations from this phone or network. Try again in {minutes} minutes, or ask at the desk.",
            minutes,
        ).replace("{minutes}", str(minutes))
        return {"ok": False, "draft_id": draft_id, "errors": {FORM: message}}
    except Exception:  # the database is busy or down: the phone keeps it and sends again
        log.exception("registration not stored; the device will send it again")
        return {"ok": False, "retry": True, "draft_id": draft_id}
    if secret is None:
        return {"ok": True, "draft_id": draft_id, "code": reference}
    return {"ok": True, "draft_id": draft_id, "code": reference, "secret": secret}


class PhoneQuery(BaseModel):
    """What the phone check receives."""

    model_config = ConfigDict(extra="forbid")
    phone: str = Field(max_length=40)
    nationality: str = Field(default="", max_length=8)
    locale: str = Field(default="", max_length=35)


def reply(function: Literal["answer", "phone"], value: Any) -> EventSpec:
    """Answer the page: ``pasoRegAnswer`` or ``pasoRegPhone`` of ``assets/paso/register.js``."""
    return client.script(f"pasoReg{function.capitalize()}", value)


def phone_answer(query: Any) -> EventSpec:
    """The typed number, formatted for the person to confirm ("" if it is not a number)."""
    try:
        parsed = PhoneQuery.model_validate(query)
        shown = parse_phone(parsed.phone, nationality=parsed.nationality.upper() or None).international
    except (ValidationError, ValueError):
        shown = ""
    return reply("phone", shown)
