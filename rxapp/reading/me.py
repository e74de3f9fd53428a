"""My page (issue 19): on the person's own phone, their code and its QR, their turn, the services
they were referred to and their appointments. The frame is prerendered and holds nothing
personal; assets/paso/me.js asks ``POST /api/me`` with the secret this phone keeps and renders
the answer (its view: assets/paso/me.mjs). Kept for offline use only after "keep on this phone".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

import reflex as rx
from reflex.experimental.client_state import ClientStateVar
from reflex.vars import ObjectVar

from rxapp import routes
from rxapp.components import client
from rxapp.components.directory import BUTTON, status_labels
from rxapp.components.layout import page
from rxapp.components.registration.code_card import qr_image
from rxapp.components.style import either
from rxapp.i18n.catalogs import Translator
from rxapp.settings import get_settings


@dataclass(frozen=True)
class Phone:
    """A service's phone: as written, its tel: link, its WhatsApp link if any."""

    number: str = ""
    tel: str = ""
    whatsapp: str = ""


@dataclass(frozen=True)
class Day:
    """A row of a service's week."""

    day: str = ""
    hours: str = ""


@dataclass(frozen=True)
class ServiceView:
    """A service as the person's page shows it (``service`` in me.mjs)."""

    name: str = ""
    organization: str = ""
    address: str = ""
    directions: str = ""
    status: str = ""
    open: bool = False
    phones: list[Phone] = field(default_factory=list)
    bring: str = ""
    documents: list[str] = field(default_factory=list)  # to bring
    no_documents: bool = False
    week: list[Day] = field(default_factory=list)


@dataclass(frozen=True)
class Turn:
    """The person's turn in words (``turnView``)."""

    state: str = "waiting"
    text: str = ""
    detail: str = ""
    desk: int | None = None
    called: bool = False


@dataclass(frozen=True)
class Referral:
    """A service the desk referred the person to."""

    id: str = ""
    date: str = ""  # "Referred on 3 December 2026"
    note: str = ""
    name: str = ""
    service: ServiceView | None = None


@dataclass(frozen=True)
class Appointment:
    """An appointment, with its reminder when one is due."""

    id: str = ""
    date: str = ""
    time: str = ""
    place: str = ""
    bring: str = ""
    note: str = ""
    reminder: str = ""
    service: ServiceView | None = None


@dataclass(frozen=True)
class MeView:
    """The page: loading, none (no secret on this phone), ready, gone, removed or error;
    ``offline`` when ready from the kept copy without a connection."""

    state: str = "loading"
    code: str = ""
    turn: Turn = field(default_factory=Turn)
    referrals: list[Referral] = field(default_factory=list)
    appointments: list[Appointment] = field(default_factory=list)
    kept: bool = False
    offline: bool = False


def _service(s: ObjectVar[ServiceView], _: Translator) -> rx.Component:
    calls = rx.foreach(
        s.phones,
        lambda p: rx.el.div(
            rx.el.a(
                rx.icon("phone", size=20, aria_hidden="true"),
                rx.el.span(_("Call")),
                rx.el.bdi(p.number, dir="ltr", class_name="whitespace-nowrap font-bold"),
                href=p.tel,
                class_name=f"{BUTTON} flex-wrap bg-teal-800 text-white",
            ),
            rx.cond(
                p.whatsapp,
                rx.el.a(
                    rx.icon("message-circle", size=20, aria_hidden="true"),
                    "WhatsApp",
                    href=p.whatsapp,
                    rel="noopener",
                    class_name=f"{BUTTON} bg-green-700 text-white",
                ),
            ),
            class_name="grid gap-2",
        ),
    )
    return rx.el.div(
        rx.el.p(s.organization, class_name="text-sm text-slate-700"),
        rx.el.p(
            rx.icon("clock", size=16, aria_hidden="true", class_name="shrink-0"),
            s.status,
            class_name=either(s.open, "flex items-center gap-1.5 font-semibold text-green-800", "flex items-center gap-1.5"),
        ),
        rx.cond(
            s.address,
            rx.el.p(
                rx.icon("map-pin", size=16, aria_hidden="true", class_name="shrink-0 mt-1"),
                # The directory's words may be in another script than the page's: each keeps its own direction.
                rx.el.span(
                    rx.el.span(s.address, dir="auto", class_name="block"),
                    rx.el.span(s.directions, dir="auto", class_name="block text-slate-700"),
                ),
                class_name="flex gap-1.5",
            ),
        ),
        rx.cond(s.bring, rx.el.p(rx.el.strong(_("How to get it"), ": "), s.bring)),
        rx.cond(
            s.documents.length() > 0,
            rx.el.div(
                rx.el.strong(_("Documents to bring")),
                rx.el.ul(rx.foreach(s.documents, lambda d: rx.el.li(d)), class_name="list-disc ps-6"),
                data_testid="me-documents",
            ),
            rx.cond(s.no_documents, rx.el.p(_("No documents needed."), data_testid="me-documents")),
        ),
        rx.el.details(
            rx.el.summary(_("Opening hours"), class_name="cursor-pointer font-semibold"),
            rx.el.table(
                rx.el.tbody(
                    rx.foreach(s.week, lambda d: rx.el.tr(rx.el.td(d.day, class_name="pe-4"), rx.el.td(d.hours)))
                ),
                class_name="mt-1 text-sm",
            ),
        ),
        calls,
        class_name="space-y-2",
    )  # fmt: skip


def _referral(r: ObjectVar[Referral], _: Translator) -> rx.Component:
    return rx.el.li(
        rx.el.h3(r.name, class_name="text-lg font-bold text-teal-900"),
        rx.el.p(r.date, class_name="text-sm text-slate-700"),
        rx.cond(
            r.note,
            rx.el.p(
                rx.el.strong(_("Note from the desk"), ": "), r.note, class_name="rounded-xl bg-amber-50 p-2"
            ),
        ),
        rx.cond(r.service, _service(r.service.to(ObjectVar, ServiceView), _)),
        class_name="space-y-2 rounded-2xl border border-slate-200 p-3",
        data_testid="referral",
    )


def _appointment(a: ObjectVar[Appointment], _: Translator) -> rx.Component:
    return rx.el.li(
        rx.cond(
            a.reminder,
            rx.el.p(
                rx.icon("bell-ring", size=18, aria_hidden="true"),
                a.reminder,
                role="status",
                class_name="flex items-center gap-1.5 rounded-xl bg-red-50 p-2 font-bold text-red-900",
                data_testid="reminder",
            ),
        ),
        rx.el.p(a.date, " · ", rx.el.bdi(a.time), class_name="text-lg font-bold"),
        rx.el.p(a.place),
        rx.cond(a.bring, rx.el.p(rx.el.strong(_("What to bring"), ": "), a.bring)),
        rx.cond(a.note, rx.el.p(a.note, class_name="text-slate-700")),
        rx.el.button(
            rx.icon("calendar-plus", size=20, aria_hidden="true"),
            _("Add to calendar"),
            type="button",
            on_click=client.call("pasoMeCalendar", a.id),
            class_name=f"{BUTTON} border-2 border-slate-300",
            data_testid="add-to-calendar",
        ),
        class_name="space-y-2 rounded-2xl border border-slate-200 p-3",
        data_testid="appointment",
    )


def _listed(title: str, rows: Any, item: Callable[[Any], rx.Component], _: Translator) -> rx.Component:
    """A titled list of what the desk gave the person, or that nothing is there yet."""
    return rx.el.section(
        rx.el.h2(title, class_name="text-xl font-bold"),
        rx.cond(
            rows.length() > 0,
            rx.el.ul(rx.foreach(rows, item), class_name="space-y-3"),
            rx.el.p(_("None yet: the desk adds them here."), class_name="text-slate-600"),
        ),
        class_name="space-y-2",
    )


def _ready(shown: ObjectVar[MeView], _: Translator) -> rx.Component:
    turn = shown.turn
    return rx.el.div(
        rx.cond(
            shown.offline,
            rx.el.p(_("No connection: this is the copy kept on this phone."), role="status", class_name="rounded-xl bg-slate-100 p-2"),
        ),
        rx.el.section(
            rx.el.p(
                turn.text,
                class_name=either(turn.called, "text-2xl font-bold text-white", "text-xl font-bold"),
                data_testid="turn",
            ),
            rx.cond(turn.detail, rx.el.p(turn.detail)),
            role="status",
            aria_live="assertive",
            class_name=either(turn.called, "rounded-2xl bg-teal-800 p-4 text-white", "rounded-2xl bg-teal-50 p-4"),
        ),
        rx.el.section(
            rx.el.h2(_("Your code"), class_name="text-lg font-bold"),
            rx.el.p(rx.el.bdi(shown.code, dir="ltr"), class_name="text-4xl font-bold tracking-widest", data_testid="my-code"),
            qr_image(shown.code),
            rx.el.p(_("Show this code at the desk."), class_name="text-sm text-slate-700"),
            class_name="space-y-2 text-center",
        ),
        _listed(_("Your referrals"), shown.referrals, lambda r: _referral(r, _), _),
        _listed(_("Your appointments"), shown.appointments, lambda a: _appointment(a, _), _),
        rx.el.section(
            rx.cond(
                shown.kept,
                rx.el.p(_("Kept on this phone: it opens without a connection."), data_testid="kept"),
                rx.el.button(
                    rx.icon("download", size=20, aria_hidden="true"),
                    _("Keep on this phone"),
                    type="button",
                    on_click=client.call("pasoMeKeep"),
                    class_name=f"{BUTTON} bg-teal-800 text-white",
                    data_testid="keep",
                ),
            ),
            rx.el.button(
                rx.icon("trash-2", size=20, aria_hidden="true"),
                _("Remove from this phone"),
                type="button",
                on_click=client.call("pasoMeRemove"),
                class_name=f"{BUTTON} border-2 border-slate-300",
                data_testid="remove",
            ),
            class_name="grid gap-2 border-t border-slate-200 pt-4",
        ),
        class_name="space-y-6",
        data_testid="my-page",
    )  # fmt: skip


def me_page(locale: str) -> rx.Component:
    """The frame, prerendered around what the phone fills in."""
    _ = Translator(locale)
    name = f"pasome_{locale}"
    state = ClientStateVar.create(name, asdict(MeView()))
    shown = state.value.to(ObjectVar, MeView)
    settings = get_settings()
    labels = {
        "turn": {
            "waiting": _("You are waiting for your turn."),
            "called": _("It is your turn: go to desk {desk}."),
            "called_any": _("It is your turn: go to the desk."),
            "helped": _("You are being helped."),
            "done": _("The desk has finished with your visit."),
            "ahead": _("People before you: {n}"),
            "next": _("You are next."),
        },
        "hours": status_labels(_),
        "reminders": {
            "day": _("Tomorrow at {time}"),
            "today": _("Today at {time}"),
            "hour": _("In less than an hour"),
        },
        "referred": _("Referred on {date}"),
        "calendar": _("Appointment"),
    }
    spec = {"name": name, "locale": locale, "labels": labels, "api": routes.ME_API, "claim": routes.ME_CLAIM}
    messages = {
        "loading": rx.el.p(_("Loading your page…"), class_name="py-6 text-slate-600"),
        "none": rx.el.p(
            _(
                "Your page opens on the phone you registered with, or when you scan the code the desk shows you. Nothing about you is on this phone."
            ),
            data_testid="me-none",
        ),
        "gone": rx.el.p(
            _(
                "This page is no longer available: it was removed at the desk. Nothing of it is kept on this phone."
            ),
            role="alert",
            data_testid="me-gone",
        ),
        "removed": rx.el.p(
            _("Removed from this phone. The desk can show you a new code to open it again."),
            role="status",
            data_testid="me-removed",
        ),
        "error": rx.el.p(
            _("Your page could not be loaded. Check your connection and try again."),
            role="alert",
            data_testid="me-error",
        ),
    }
    return page(
        locale,
        rx.el.h1(_("My page"), class_name="text-2xl font-bold mb-4"),
        rx.cond(
            shown.state == "ready",
            _ready(shown, _),
            rx.fragment(*[rx.cond(shown.state == s, shown_now) for s, shown_now in messages.items()]),
        ),
        same_page=routes.me,
        on_mount=client.call(
            "pasoMeStart",
            settings.timezone,
            client.offsets(settings.timezone, dt.datetime.now(dt.UTC).date()),
            spec,
        ),
    )
