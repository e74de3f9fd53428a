"""A service as the directory pages show it: its card, status line, badges and call buttons."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components.alerts_blocks import card_badge
from rxapp.components.style import FOCUS, either
from rxapp.components.views import Card, Tone
from rxapp.i18n import formatting
from rxapp.i18n.catalogs import Translator
from rxapp.services.views import PhonePublic

CARD = "block rounded-2xl border border-slate-200 bg-white p-4 shadow-sm hover:border-teal-600"


def status_labels(_: Translator) -> dict[str, Any]:
    """Everything the browser needs to write a status line in this locale."""
    return {
        "temporarily_closed": _("Temporarily closed"),
        "open_24h": _("Open 24 hours"),
        "open_until": _("Open now · until {time}"),
        "closed": _("Closed now"),
        "no_hours": _("No fixed hours: call first"),
        "opens_today": _("Closed · opens today at {time}"),
        "opens_tomorrow": _("Closed · opens tomorrow at {time}"),
        "opens_on": _("Closed · opens {day} at {time}"),
        "weekdays": formatting.weekday_names(_.tag),
    }


def badge(text: str, icon: str, tone: str = "slate") -> rx.Component:
    """A small label with an icon (icons never stand alone)."""
    tones = {
        "slate": "bg-slate-100 text-slate-800",
        "green": "bg-green-100 text-green-900",
        "amber": "bg-amber-100 text-amber-900",
    }
    return rx.el.span(
        rx.icon(icon, size=16, aria_hidden="true"),
        text,
        class_name=f"inline-flex items-center gap-1 rounded-full px-2.5 py-1 text-sm {tones[tone]}",
    )


BUTTON = f"inline-flex items-center justify-center gap-2 min-h-12 px-4 rounded-xl font-semibold {FOCUS}"


def phone_buttons(phones: rx.Var[list[PhonePublic]], _: Translator, **props: Any) -> rx.Component:
    """A call button per phone (the number written left to right) and WhatsApp where it has it."""
    return rx.el.div(
        rx.foreach(
            phones,
            lambda p: rx.el.a(
                rx.icon("phone", size=20, aria_hidden="true"),
                _("Call"),
                rx.el.bdi(p.number, dir="ltr"),
                href=p.tel,
                class_name=f"{BUTTON} bg-teal-800 text-white",
                data_testid="call",
            ),
        ),
        rx.foreach(
            phones,
            lambda p: rx.cond(
                p.whatsapp,
                rx.el.a(
                    rx.icon("message-circle", size=20, aria_hidden="true"),
                    "WhatsApp",
                    href=p.whatsapp.to(str),
                    rel="noopener",
                    class_name=f"{BUTTON} bg-green-700 text-white",
                ),
            ),
        ),
        class_name="grid grid-cols-1 sm:grid-cols-2 gap-2",
        **props,
    )


def status(text: rx.Var[str], tone: rx.Var[str], reserve: rx.Var[bool] | None = None) -> rx.Component:
    """Open / closed line, coloured and with an icon (nothing before the clock is known).

    ``reserve``: until the line is known, keep its height (a list's prerendered first cards,
    so the live ones do not push the page down when they take their place).
    """
    line = _status_line(text, tone)
    if reserve is None:
        return rx.cond(text.to(str) != "", line)
    return rx.cond(text.to(str) != "", line, rx.cond(reserve, rx.el.p("\u00a0", aria_hidden="true")))


def _status_line(text: rx.Var[str], tone: rx.Var[str]) -> rx.Component:
    return rx.el.p(
        rx.cond(
            tone == Tone.OPEN,
            rx.icon("circle-check", size=18, aria_hidden="true", class_name="text-green-700"),
            rx.icon("clock", size=18, aria_hidden="true", class_name="text-slate-500"),
        ),
        rx.el.span(text),
        class_name=either(
            tone == Tone.OPEN,
            "flex items-center gap-1.5 font-semibold text-green-800",
            "flex items-center gap-1.5 text-slate-700",
        ),
    )


def service_card(card: ObjectVar[Card], _: Translator) -> rx.Component:
    """One result in a list; the browser lays out and paints only those near the screen."""
    return rx.el.li(
        rx.el.a(
            rx.el.div(
                rx.el.h2(card.name, class_name="text-lg font-bold text-teal-900"),
                rx.el.p(card.organization, class_name="text-slate-600"),
                status(card.status, card.tone, reserve=card.first),
                rx.cond(
                    card.away,
                    rx.el.p(
                        rx.icon("footprints", size=18, aria_hidden="true", class_name="text-slate-500"),
                        rx.el.span(card.away),
                        class_name="flex items-center gap-1.5 text-slate-700",
                        data_testid="away",
                    ),
                ),
                rx.el.div(
                    card_badge(card),
                    rx.cond(card.free, badge(_("Free"), "hand-heart", "green")),
                    rx.cond(card.nodocs, badge(_("No documents needed"), "file-check", "green")),
                    rx.cond(card.sample, badge(_("Sample data"), "flask-conical", "amber")),
                    rx.cond(card.other, badge(_("Partly in another language"), "languages")),
                    class_name="flex flex-wrap gap-2 pt-1",
                ),
                class_name="flex-1 space-y-1",
            ),
            rx.icon(
                "chevron-right",
                size=24,
                aria_hidden="true",
                class_name="shrink-0 text-slate-400 rtl:-scale-x-100",
            ),
            href=card.href,
            class_name=f"{CARD} flex items-center gap-3 {FOCUS}",
        ),
        # Cards below the screen are skipped by layout and paint until scrolled near.
        class_name="[content-visibility:auto] [contain-intrinsic-size:auto_11rem]",
    )
