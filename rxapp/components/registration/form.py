"""The registration form and its confirmation, one form for the public page and the desk's
"register someone" page (which passes its own handlers and wording)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from rxapp import routes
from rxapp.components import client
from rxapp.components.centre import centre_block
from rxapp.components.registration.code_card import code_block
from rxapp.components.registration.draft import BUTTON, Phase, draft, errors_var, reset
from rxapp.components.registration.fields import consent, form_fields
from rxapp.components.registration.next_steps import next_steps
from rxapp.components.style import either
from rxapp.i18n.catalogs import Translator
from rxapp.services.registration import FORM
from rxapp.settings import get_settings


def register_body(
    locale: str, *, submit: Any, check_phone: Any, persist: bool = True, words: Translator | None = None
) -> tuple[rx.Component, ...]:
    """The title, the form and the confirmation; ``submit`` and ``check_phone`` receive them.

    ``persist=False`` (a shared tablet) keeps what is typed in the page's memory only;
    ``words``: another wording (``Assisted``, the desk's).
    """
    _ = words or Translator(locale)
    settings = get_settings()
    shown = draft()
    phase = shown.phase
    errors = errors_var()
    pending = (phase == Phase.SENDING) | (phase == Phase.WAITING)
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
                either(
                    phase == Phase.WAITING,
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
            disabled=~shown.ready.to(bool) | pending,
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
        hidden=phase == Phase.DONE,
    )
    done = rx.el.section(
        rx.el.h2(
            _("You are registered"),
            id="registered",
            tab_index=-1,
            class_name="text-2xl font-bold text-green-900",
        ),
        rx.el.p(_("Name or alias:"), " ", rx.el.strong(shown.name), data_testid="registered-name"),
        code_block(shown.code.to(str), _),
        # The person's own page (issue 19): on their phone only, never the desk's tablet.
        *(
            [
                rx.el.a(
                    rx.icon("user-round", size=20, aria_hidden="true"),
                    _("My page: your turn, and what the desk gives you"),
                    href=routes.me(locale),
                    class_name=f"{BUTTON} w-full bg-teal-800 text-white",
                    data_testid="my-page-link",
                )
            ]
            if persist
            else []
        ),
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
            class_name=either(phase == Phase.DONE, "sr-only", "text-2xl font-bold leading-tight mb-1"),
        ),
        rx.el.p(
            _("No account needed. You get a code to show at the desk."),
            class_name="mb-3",
            hidden=phase == Phase.DONE,
        ),
        rx.cond(phase == Phase.DONE, done),
        form,
    )
