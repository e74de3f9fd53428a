"""The frame of every desk page: who is signed in, the pages, sign-in and the idle lock.

Desk content shows only while the server says the session is ready; the sign-in and lock
screens hold no personal data. ``assets/paso/desk.js`` locks the tablet after the idle time
(the server enforces it too) and asks the server every ``desk_poll_ms`` whether another
tablet changed something.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from functools import reduce
from typing import cast

import reflex as rx

from rxapp import registry
from rxapp.components import client
from rxapp.components.desk import BUTTON, CARD, PRIMARY, SECONDARY, alert
from rxapp.components.form import INPUT, LABEL
from rxapp.components.layout import language_switcher
from rxapp.components.style import FOCUS
from rxapp.desk.session import DeskState, Phase
from rxapp.i18n.catalogs import Translator
from rxapp.i18n.locales import info as locale_info
from rxapp.models import Role
from rxapp.settings import get_settings

_UNVEIL = client.call("pasoDeskUnveil")


def start(poll: bool) -> client.Function:
    """On mount: the idle lock, and polling for other tablets' changes when ``poll``."""
    settings = get_settings()
    return client.call(
        "pasoDeskStart", {"idle": settings.desk_idle_seconds, "poll": settings.desk_poll_ms if poll else 0}
    )


def active() -> rx.Var[bool]:
    """Whether the tablet was used since the last poll (desk.js), for the poll event."""
    return client.value("pasoDeskActive").to(bool)


def scan() -> client.Function:
    """Open the camera and read a QR code (where the browser has ``BarcodeDetector``)."""
    return client.call("pasoDeskScan")


def _password_form(_: Translator, *, unlock: bool) -> rx.Component:
    username = rx.el.div(
        rx.el.label(_("User name"), html_for="desk-username", class_name=LABEL),
        rx.el.input(
            id="desk-username",
            name="username",
            default_value=DeskState.typed_username,
            auto_complete="username",
            auto_capitalize="none",
            required=True,
            class_name=INPUT,
        ),
        class_name="space-y-1",
    )
    return rx.el.form(
        rx.fragment() if unlock else username,
        rx.el.div(
            rx.el.label(_("Password"), html_for="desk-password", class_name=LABEL),
            rx.el.input(
                id="desk-password",
                name="password",
                type="password",
                auto_complete="current-password",
                required=True,
                class_name=INPUT,
            ),
            class_name="space-y-1",
        ),
        alert(DeskState.auth_error, "auth-error"),
        rx.el.button(
            _("Unlock") if unlock else _("Sign in"),
            type="submit",
            class_name=f"{PRIMARY} w-full",
            data_testid="unlock" if unlock else "sign-in",
        ),
        on_submit=DeskState.unlock if unlock else DeskState.sign_in,
        reset_on_submit=True,
        class_name="space-y-4",
    )


def sign_in_screen(_: Translator) -> rx.Component:
    """Sign-in for volunteers, coordinators and translators."""
    return rx.el.section(
        rx.el.h1(_("Desk sign-in"), class_name="text-2xl font-bold"),
        rx.el.p(_("For the centre's staff. Your session ends when you sign out or after 12 hours.")),
        _password_form(_, unlock=False),
        class_name=f"{CARD} max-w-md mx-auto space-y-4 mt-8",
        data_testid="desk-signin",
    )


def lock_screen(_: Translator) -> rx.Component:
    """The idle lock: the same person types the password again, or signs out."""
    return rx.el.section(
        rx.el.h1(
            rx.icon("lock", size=24, aria_hidden="true"),
            _("The desk is locked"),
            class_name="flex items-center gap-2 text-2xl font-bold",
        ),
        rx.el.p(_("Locked after a while without use. Signed in:"), " ", rx.el.strong(DeskState.staff_name)),
        _password_form(_, unlock=True),
        rx.el.button(
            _("Sign out"), type="button", on_click=DeskState.sign_out, class_name=f"{SECONDARY} w-full"
        ),
        class_name=f"{CARD} max-w-md mx-auto space-y-4 mt-8",
        data_testid="desk-locked",
    )


def role_in(roles: tuple[Role, ...]) -> rx.Var[bool]:
    """Whether the signed-in person has one of ``roles`` (to show what they may use)."""
    # DeskState declares ``role: str``: read on the class it is the Var Reflex puts there.
    signed_in = cast("rx.Var[str]", DeskState.role)
    return reduce(operator.or_, [signed_in == role.value for role in roles])


def _nav(locale: str, _: Translator, active: str) -> rx.Component:
    """The desk pages' links, from the registry (rxapp/registry.py), each for its roles."""
    items = []
    for page in registry.DESK:
        if page.nav is None:
            continue
        key = page.name
        link = rx.el.a(
            # Icons only where eight links fit with them (a landscape tablet wider than 1280 px).
            rx.icon(page.nav.icon, size=18, aria_hidden="true", class_name="hidden xl:inline"),
            _(page.nav.label),
            href=page.route.format(locale=locale),
            aria_current="page" if key == active else None,
            class_name=f"flex items-center gap-1.5 min-h-11 px-2 rounded-lg text-[15px] text-white whitespace-nowrap hover:bg-teal-800 {FOCUS} "
            + ("bg-teal-800 font-bold" if key == active else ""),
        )
        items.append(link if set(page.roles) == set(Role) else rx.cond(role_in(page.roles), link))
    # Ten links (alerts and important numbers joined, issue 18) outgrow a tablet's width in
    # Spanish: the row wraps rather than run out of the header (tests/e2e/test_desk_words.py).
    return rx.el.nav(*items, aria_label=_("Desk"), class_name="flex flex-wrap items-center gap-1")


def frame(
    locale: str,
    *children: rx.Component,
    active: str,
    same_page: Callable[[str], str],
    poll: bool = False,
) -> rx.Component:
    """A desk page: content only for a ready session; sign-in or lock screen otherwise."""
    _ = Translator(locale)
    info = locale_info(locale)
    # Two rows on a tablet: who is signed in, then the pages (which scroll sideways if they
    # do not fit, rather than pushing the content down).
    header = rx.el.header(
        rx.el.div(
            rx.el.span(
                rx.icon("compass", size=24, aria_hidden="true"),
                rx.el.span(_("Paso desk"), class_name="text-lg font-bold"),
                class_name="flex items-center gap-2 text-white",
            ),
            rx.el.div(
                rx.cond(
                    DeskState.phase == Phase.READY,
                    rx.fragment(
                        rx.el.span(DeskState.staff_name, class_name="text-white", data_testid="desk-user"),
                        rx.el.button(
                            rx.icon("log-out", size=18, aria_hidden="true", class_name="rtl:rotate-180"),
                            _("Sign out"),
                            type="button",
                            on_click=DeskState.sign_out,
                            class_name=f"{BUTTON} text-white border-2 border-teal-600 hover:bg-teal-800",
                            data_testid="sign-out",
                        ),
                    ),
                ),
                language_switcher(locale, same_page, _),
                class_name="flex flex-wrap items-center justify-end gap-2 ms-auto",
            ),
            class_name="max-w-6xl mx-auto flex flex-wrap items-center gap-x-3 gap-y-1 px-4 pt-2",
        ),
        rx.cond(
            DeskState.phase == Phase.READY,
            rx.el.div(_nav(locale, _, active), class_name="max-w-6xl mx-auto px-3 pb-1"),
            rx.el.div(class_name="pb-2"),
        ),
        class_name="bg-teal-900",
    )
    return rx.el.div(
        header,
        rx.el.main(
            rx.match(
                DeskState.phase,
                # Hidden at once when desk.js locks the tablet (before the server answers, which
                # may take long on a bad connection); shown again once it mounts after unlocking.
                (Phase.READY, rx.el.div(*children, on_mount=_UNVEIL, class_name="[.paso-locking_&]:hidden")),
                (Phase.LOCKED, lock_screen(_)),
                (Phase.SIGN_IN, sign_in_screen(_)),
                rx.el.p(_("Loading…"), role="status", class_name="p-8 text-center text-slate-600"),
            ),
            id="main",
            class_name="w-full max-w-6xl mx-auto px-4 py-4 flex-1",
            on_mount=start(poll),
        ),
        # Pressed by desk.js.
        rx.el.button(id="paso-desk-lock", type="button", hidden=True, on_click=DeskState.lock),
        lang=locale,
        dir=info.direction,
        class_name="min-h-screen flex flex-col bg-slate-50 text-slate-900 text-base leading-relaxed",
    )
