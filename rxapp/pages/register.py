"""Self-registration: the page, and the state that receives submissions over the websocket.

The state keeps nothing about the person: a submission arrives as one event, is validated
(pydantic), stored, and answered through ``client.script`` to ``assets/paso/register.js``.
So no personal data sits in client-visible state or in Reflex's state store afterwards.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import reflex as rx
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlmodel import Session

from rxapp import routes
from rxapp.components import client
from rxapp.components.assisted import Assisted
from rxapp.components.layout import page
from rxapp.components.next_steps import next_steps
from rxapp.components.register_fields import consent, form_fields
from rxapp.components.registration import BUTTON, code_block, reg, reset, start
from rxapp.i18n.catalogs import Translator
from rxapp.pages.centre import centre_block, start_centre
from rxapp.services import registration
from rxapp.services.db import engine
from rxapp.services.phone import parse_phone
from rxapp.services.ratelimit import RateLimitedError
from rxapp.services.registration import FORM, MESSAGE_MAX, NAME_MAX, Problem
from rxapp.settings import get_settings
from rxapp.taxonomy import N_

log = logging.getLogger(__name__)

PROBLEMS = {
    Problem.REQUIRED: N_("Write a name or an alias."),
    Problem.TOO_LONG: N_("This is too long: use at most {max} characters."),
    Problem.NEED_REQUIRED: N_("Choose at least one need."),
    Problem.INVALID_CHOICE: N_("Choose from the list."),
    Problem.COUNT_RANGE: N_("Write a number from 0 to 20."),
    Problem.PHONE_INVALID: N_(
        "This phone number is not valid. Check it, and start with + and the country code if it is not from Mexico."
    ),
    Problem.CONTACT_NEEDS_PHONE: N_("To be contacted this way, write a phone number."),
    Problem.WHATSAPP_NEEDS_PHONE: N_("Write the phone number that has WhatsApp."),
    Problem.CONSENT_REQUIRED: N_("Without your agreement we cannot register you. Nothing has been saved."),
    Problem.BAD_REQUEST: N_(
        "The form could not be read. Reload the page and send it again: what you typed is kept."
    ),
}
LONGEST = {"name": NAME_MAX, "message": MESSAGE_MAX}


def _locale(raw: Any) -> str:
    settings = get_settings()
    tag = raw.get("locale") if isinstance(raw, dict) else None
    return tag if tag in settings.locales else settings.default_locale


def problem_words(problems: dict[str, Problem], _: Translator) -> dict[str, str]:
    words = {
        field: _(PROBLEMS[code]).replace("{max}", str(LONGEST.get(field, "")))
        for field, code in problems.items()
    }
    if len(words) > (1 if FORM in words else 0):
        words.setdefault(FORM, _("Please correct the marked fields. Nothing you typed was lost."))
    return words


def receive(raw: Any, address: str, *, staff_id: str | None = None) -> dict[str, Any]:
    """Handle one submission; the answer the browser shows (no personal data in it).

    ``staff_id``: made at the desk by that staff member (their own limit; marked assisted).
    """
    settings = get_settings()
    _ = (Translator if staff_id is None else Assisted)(_locale(raw))  # at the desk: the volunteer's words
    draft_id = raw.get("draft_id") if isinstance(raw, dict) and isinstance(raw.get("draft_id"), str) else ""
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
    try:
        with Session(engine()) as session:
            reference = registration.submit(
                session=session,
                data=data,
                limits=limits,
                prefix=settings.centre_code,
                assisted=staff_id is not None,
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
    return {"ok": True, "draft_id": draft_id, "code": reference}


class PhoneQuery(BaseModel):
    """What the phone check receives."""

    model_config = ConfigDict(extra="forbid")
    phone: str = Field(max_length=40)
    nationality: str = Field(default="", max_length=8)
    locale: str = Field(default="", max_length=35)


def reply(function: str, value: Any) -> rx.event.EventSpec:
    return client.script(f"pasoReg{function.capitalize()}", value)


def phone_answer(query: Any) -> rx.event.EventSpec:
    """The typed number, formatted for the person to confirm ("" if it is not a number)."""
    try:
        parsed = PhoneQuery.model_validate(query)
        shown = parse_phone(parsed.phone, nationality=parsed.nationality.upper() or None).international
    except (ValidationError, ValueError):
        shown = ""
    return reply("phone", shown)


class RegisterState(rx.State):
    """Receives registrations. Holds no vars: nothing about the person stays here."""

    @rx.event
    async def submit(self, payload: dict[str, Any]) -> rx.event.EventSpec:
        """A submission from the form (or its outbox, again after a reconnection)."""
        address = self.router.session.client_ip
        if engine().url.get_backend_name() == "sqlite":
            # A few milliseconds on a local file: run here. In a thread, the write waited for
            # the event loop to hand back the GIL (5 ms steps): 75/s instead of 266/s.
            answer = receive(payload, address)
        else:  # a database over the network: do not hold the event loop while it answers
            answer = await asyncio.to_thread(receive, payload, address)
        return reply("answer", answer)

    @rx.event
    def check_phone(self, query: dict[str, Any]) -> rx.event.EventSpec:
        """Show the typed number back, formatted, so the person can confirm it."""
        return phone_answer(query)


def register_page(locale: str) -> rx.Component:
    """The form on one short page; the confirmation replaces it once the server answers."""
    _ = Translator(locale)
    return page(
        locale,
        *register_body(locale, submit=RegisterState.submit, check_phone=RegisterState.check_phone),
        same_page=routes.register,
        on_mount=client.both(
            start(locale, persist=True),
            start_centre(locale),
        ),
    )


def register_body(
    locale: str, *, submit: Any, check_phone: Any, persist: bool = True, words: Translator | None = None
) -> tuple[rx.Component, ...]:
    """The title, the form and the confirmation; ``submit`` and ``check_phone`` receive them.

    ``persist=False`` (a shared tablet) keeps what is typed in the page's memory only;
    ``words``: another wording (``Assisted``, the desk's).
    """
    _ = words or Translator(locale)
    settings = get_settings()
    phase = reg.value["phase"].to(str)
    errors = reg.value["errors"].to(dict[str, str])
    pending = (phase == "sending") | (phase == "waiting")
    form = rx.el.form(
        rx.el.fieldset(
            *form_fields(locale, _),
            consent(locale, _, settings.retention_days),
            disabled=pending,
            class_name="space-y-4 disabled:opacity-70",
        ),
        rx.cond(
            errors[FORM].to(str),
            rx.el.p(
                errors[FORM].to(str),
                id="form-error",
                tab_index=-1,
                role="alert",
                class_name="rounded-xl bg-red-50 border-2 border-red-700 p-3 font-semibold text-red-900",
                data_testid="form-error",
            ),
        ),
        rx.cond(
            pending,
            rx.el.p(
                rx.icon("cloud-upload", size=22, aria_hidden="true", class_name="shrink-0"),
                rx.cond(
                    phase == "waiting",
                    _(
                        "Waiting to send. It will go out by itself when there is a connection, even if you close this page."
                    ),
                    _("Sending…"),
                ),
                role="status",
                class_name="flex items-center gap-2 rounded-xl bg-amber-100 border-2 border-amber-500 p-3 font-semibold",
                data_testid="sending",
            ),
        ),
        rx.el.button(
            _("Send registration"),
            type="submit",
            disabled=~reg.value["ready"].to(bool) | pending,
            class_name=f"{BUTTON} w-full bg-teal-800 text-white disabled:bg-slate-400",
            data_testid="submit",
        ),
        rx.el.button(
            _("Start over"),
            type="button",
            on_click=reset(_),
            class_name=f"{BUTTON} w-full border-2 border-slate-300",
        ),
        rx.el.p(
            _("What you type is kept on this phone until you send it, also without signal.")
            if persist
            else _("Nothing typed here is kept on this device."),
            class_name="text-sm text-slate-700",
        ),
        # Pressed by register.js: each sends an event over the websocket.
        rx.el.button(
            id="paso-send",
            type="button",
            hidden=True,
            on_click=submit(client.value("pasoRegOutbox")),
        ),
        rx.el.button(
            id="paso-phone-check",
            type="button",
            hidden=True,
            on_click=check_phone(client.value("pasoRegPhoneQuery")),
        ),
        id="paso-register",
        no_validate=True,
        class_name="space-y-5",
        # Hidden, not removed, after the confirmation: register.js keeps listening to it.
        hidden=phase == "done",
    )
    done = rx.el.section(
        rx.el.h2(
            _("You are registered"),
            id="registered",
            tab_index=-1,
            class_name="text-2xl font-bold text-green-900",
        ),
        rx.el.p(
            _("Name or alias:"), " ", rx.el.strong(reg.value["name"].to(str)), data_testid="registered-name"
        ),
        code_block(reg.value["code"].to(str), _),
        next_steps(_),
        centre_block(locale, _),
        rx.el.button(
            _("Register another person"),
            type="button",
            on_click=reset(_),
            class_name=f"{BUTTON} w-full border-2 border-slate-300",
        ),
        class_name="space-y-3",
        data_testid="confirmation",
    )
    return (
        # After sending, "You are registered" heads what shows; the page's title stays for screen readers.
        rx.el.h1(
            _("Register at the centre"),
            class_name=rx.cond(phase == "done", "sr-only", "text-2xl font-bold leading-tight mb-1"),
        ),
        rx.el.p(
            _("No account needed. You get a code to show at the desk."),
            class_name="mb-3",
            hidden=phase == "done",
        ),
        rx.cond(phase == "done", done),
        form,
    )
