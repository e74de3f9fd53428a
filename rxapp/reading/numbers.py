"""Important numbers on the route: emergencies first, tap to call, WhatsApp where they have it,
printable on one A4 sheet. The frame is prerendered; the list comes from the snapshot's numbers
part (saved offline with the directory) and is rendered in the browser (assets/paso/numbers.mjs).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

import reflex as rx
from reflex.experimental.client_state import ClientStateVar
from reflex.vars import ObjectVar

from rxapp import routes
from rxapp.components import client
from rxapp.components.directory import BUTTON, badge
from rxapp.components.layout import page
from rxapp.components.results import setup_needed
from rxapp.i18n import formatting
from rxapp.i18n.catalogs import Translator
from rxapp.services.numbers import GROUP_LABELS
from rxapp.settings import get_settings

# One sheet of A4: a margin the printers of a centre keep, and no page break inside a number.
PRINT_CSS = "@page{size:A4;margin:10mm}@media print{html,body{background:#fff}}"


@dataclass(frozen=True)
class PhoneLink:
    """A number to call: as written, and its tel: link."""

    number: str = ""
    tel: str = ""


@dataclass(frozen=True)
class NumberView:
    """One number (``numberView`` in assets/paso/numbers.mjs)."""

    slug: str = ""
    name: str = ""
    purpose: str = ""
    hours: str = ""
    phones: list[PhoneLink] = field(default_factory=list)
    whatsapp: str = ""
    whatsapp_number: str = ""
    sample: bool = False
    note: str = ""


@dataclass(frozen=True)
class GroupView:
    """A heading and its numbers."""

    group: str = ""
    heading: str = ""
    numbers: list[NumberView] = field(default_factory=list)


@dataclass(frozen=True)
class NumbersView:
    """The page (``numbersView``): loading, ready, empty, error or not-ready."""

    state: str = "loading"
    centre: str = ""
    printed: str = ""
    groups: list[GroupView] = field(default_factory=list)


def _number(n: ObjectVar[NumberView], _: Translator) -> rx.Component:
    call = rx.foreach(
        n.phones,
        lambda p: rx.el.a(
            rx.icon("phone", size=22, aria_hidden="true", class_name="print:hidden"),
            rx.el.span(_("Call"), class_name="print:hidden"),
            # A number never breaks across lines; on a narrow phone it goes under "Call" whole.
            rx.el.bdi(p.number, dir="ltr", class_name="whitespace-nowrap text-xl font-bold print:text-lg"),
            href=p.tel,
            class_name=f"{BUTTON} flex-wrap bg-teal-800 text-white text-lg print:min-h-0 print:p-0 "
            "print:bg-transparent print:text-black print:justify-start",
            data_testid="call",
        ),
    )
    whatsapp = rx.cond(
        n.whatsapp,
        rx.el.a(
            rx.icon("message-circle", size=20, aria_hidden="true", class_name="print:hidden"),
            "WhatsApp",
            rx.cond(
                n.whatsapp_number, rx.el.bdi(n.whatsapp_number, dir="ltr", class_name="whitespace-nowrap")
            ),
            href=n.whatsapp,
            rel="noopener",
            class_name=f"{BUTTON} flex-wrap bg-green-700 text-white print:min-h-0 print:p-0 print:bg-transparent "
            "print:text-black print:text-sm print:font-normal print:justify-start",
            data_testid="whatsapp",
        ),
    )
    return rx.el.li(
        rx.el.div(
            rx.el.h3(n.name, class_name="text-lg font-bold text-teal-900 print:text-sm print:text-black"),
            rx.cond(n.sample, badge(_("Sample data"), "flask-conical", "amber")),
            class_name="flex flex-wrap items-center gap-2",
        ),
        rx.cond(n.purpose, rx.el.p(n.purpose, class_name="print:text-xs print:leading-snug")),
        rx.cond(
            n.hours,
            rx.el.p(
                rx.icon("clock", size=16, aria_hidden="true", class_name="shrink-0 print:hidden"),
                n.hours,
                class_name="flex items-center gap-1.5 text-sm text-slate-700 print:text-xs",
            ),
        ),
        rx.el.div(call, whatsapp, class_name="grid grid-cols-1 gap-2 pt-1 print:flex print:gap-3 print:pt-0"),
        rx.cond(n.note, rx.el.p(n.note, class_name="text-sm text-slate-600 print:hidden", role="note")),
        class_name="space-y-1 rounded-2xl border border-slate-200 p-3 break-inside-avoid "
        "print:space-y-0 print:rounded-none print:border-0 print:border-b print:p-1",
        data_testid="number",
    )


def _group(g: ObjectVar[GroupView], _: Translator) -> rx.Component:
    return rx.el.section(
        rx.el.h2(
            g.heading, class_name="text-xl font-bold print:text-sm print:uppercase print:break-after-avoid"
        ),
        rx.el.ul(rx.foreach(g.numbers, lambda n: _number(n, _)), class_name="space-y-3 print:space-y-0"),
        class_name="space-y-2 print:space-y-1",
    )


def _states(shown: ObjectVar[NumbersView], _: Translator) -> rx.Component:
    """The list once here; before, what is happening (loading, failed, nothing yet)."""
    listed = rx.el.div(
        rx.foreach(shown.groups, lambda g: _group(g, _)),
        # On paper the list flows in two columns (a number never split): one A4 sheet.
        class_name="space-y-6 print:space-y-2 print:columns-2 print:gap-6",
        data_testid="numbers",
    )
    waiting = {
        "loading": rx.el.p(_("Loading the directory…"), class_name="py-6 text-slate-600"),
        "error": rx.el.p(
            _("The directory could not be loaded. Check your connection and try again."), role="alert"
        ),
        "not-ready": setup_needed(_),
        "empty": rx.el.p(_("No numbers yet."), class_name="py-6 text-slate-600"),
    }
    return rx.cond(
        shown.state == "ready",
        listed,
        rx.fragment(*[rx.cond(shown.state == state, shown_now) for state, shown_now in waiting.items()]),
    )


def numbers_page(locale: str) -> rx.Component:
    """The list, prerendered around the data the browser fills in."""
    _ = Translator(locale)
    name = f"pasonumbers_{locale}"  # per locale: a language switch never shows another's list
    state = ClientStateVar.create(name, asdict(NumbersView()))
    shown = state.value.to(ObjectVar, NumbersView)
    labels = {
        "always": _("Open 24 hours"),
        "printed": _("Printed on {date}"),
        "groups": {group.value: _(msgid) for group, msgid in GROUP_LABELS.items()},
    }
    settings = get_settings()
    spec = {"name": name, "locale": locale, "labels": labels, "months": formatting.browser_months(locale)}
    return page(
        locale,
        rx.el.style(PRINT_CSS),
        rx.el.div(
            rx.el.h1(_("Important numbers"), class_name="text-2xl font-bold print:text-lg"),
            rx.el.p(
                rx.el.span(shown.centre),
                rx.el.span(" · "),
                rx.el.span(shown.printed),
                class_name="hidden print:block print:text-sm",
                data_testid="printed",
            ),
            rx.el.p(
                _("Numbers that can help you on the route. Tap a number to call."), class_name="print:hidden"
            ),
            rx.el.button(
                rx.icon("printer", size=20, aria_hidden="true"),
                _("Print this list"),
                type="button",
                on_click=client.call("pasoNumbersPrint"),
                class_name=f"{BUTTON} border-2 border-slate-300 print:hidden",
            ),
            class_name="space-y-2 mb-4 print:mb-1",
        ),
        _states(shown, _),
        same_page=routes.numbers,
        on_mount=client.call(
            "pasoNumbersStart",
            routes.snapshot(locale),
            settings.timezone,
            client.offsets(settings.timezone, dt.datetime.now(dt.UTC).date()),
            spec,
        ),
    )
