"""A service's titled sections that show outside its own page too: where it is and its hours
(the centre's, on the registration's confirmation)."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components.directory import BUTTON
from rxapp.components.style import either
from rxapp.components.views import DetailView
from rxapp.i18n.catalogs import Translator
from rxapp.services.views import LocationPublic


def section(title: str, icon: str, *children: rx.Component, when: rx.Var[Any] | None = None) -> rx.Component:
    """A titled block of the detail page."""
    block = rx.el.section(
        rx.el.h2(
            rx.icon(icon, size=20, aria_hidden="true", class_name="text-teal-800"),
            title,
            class_name="flex items-center gap-2 text-lg font-bold",
        ),
        *children,
        class_name="py-3 border-t border-slate-200 space-y-1",
    )
    return rx.cond(when, block) if when is not None else block


def where_section(s: ObjectVar[DetailView], _: Translator) -> rx.Component:
    """Where the service is, with directions from a landmark."""
    return section(
        _("Where"),
        "map-pin",
        rx.foreach(
            s.locations,
            lambda loc: rx.el.div(
                rx.el.p(loc.name, class_name="font-semibold"),
                rx.cond(
                    loc.online,
                    rx.el.p(rx.icon("globe", size=18, aria_hidden="true"), loc.online, class_name=ROW),
                ),
                rx.cond(loc.address, rx.el.p(rx.el.bdi(loc.address))),  # Latin text in an RTL page
                rx.el.p(loc.directions, class_name="text-slate-700"),
                place_extras(loc),
                rx.cond(
                    loc.geo,
                    rx.el.a(
                        rx.icon("navigation", size=20, aria_hidden="true"),
                        _("Open in my map app"),
                        href=loc.geo.to(str),
                        class_name=f"{BUTTON} mt-2 border-2 border-teal-800 text-teal-900",
                    ),
                ),
                class_name="space-y-1",
            ),
        ),
    )


ROW = "flex items-start gap-1.5"


def place_extras(loc: ObjectVar[LocationPublic]) -> rx.Component:
    """A place's accessibility and the languages spoken there (when not the service's)."""
    return rx.fragment(
        rx.cond(
            loc.accessibility,
            rx.el.div(
                rx.icon(
                    "accessibility", size=20, aria_hidden="true", class_name="mt-0.5 shrink-0 text-teal-800"
                ),
                rx.el.div(
                    rx.el.p(loc.accessibility, class_name="whitespace-pre-line"),
                    rx.cond(
                        loc.accessibility_details,
                        rx.el.p(loc.accessibility_details, class_name="whitespace-pre-line text-slate-700"),
                    ),
                ),
                class_name=ROW,
                data_testid="place-accessibility",
            ),
        ),
        rx.cond(
            loc.languages_text,
            rx.el.p(
                rx.icon("languages", size=20, aria_hidden="true", class_name="mt-0.5 shrink-0 text-teal-800"),
                loc.languages_text,
                class_name=ROW,
                data_testid="place-languages",
            ),
        ),
    )


def hours_section(s: ObjectVar[DetailView], _: Translator) -> rx.Component:
    """The week's opening hours and the coming exceptions."""
    return section(
        _("Opening hours"),
        "clock",
        rx.el.dl(
            rx.foreach(
                s.week,
                lambda d: rx.el.div(
                    rx.el.dt(
                        rx.el.span(d.day, class_name="capitalize"),
                        # Today, by the centre's clock on the phone (logic.mjs detailView):
                        # in words and bold, never by colour alone.
                        rx.cond(
                            d.today,
                            rx.el.span(
                                _("Today"),
                                class_name="rounded-full bg-teal-800 px-2 text-sm text-white",
                                data_testid="today",
                            ),
                        ),
                        class_name="flex flex-wrap items-center gap-x-2",
                    ),
                    rx.el.dd(
                        either(d.hours, d.hours, _("Closed")),
                        class_name="text-end",
                    ),
                    aria_current=either(d.today, "date", None),
                    class_name=either(
                        d.today,
                        "flex justify-between gap-4 py-1 px-2 rounded-lg bg-teal-50 font-bold",
                        "flex justify-between gap-4 py-1 px-2 border-b border-slate-100",
                    ),
                    data_testid="hours-row",
                ),
            ),
        ),
        rx.foreach(
            s.upcoming,
            lambda e: rx.el.p(
                rx.el.strong(e.label),
                ": ",
                either(e.closed, _("Closed"), e.hours),
                rx.cond(e.note, rx.el.span(" — ", e.note)),
                class_name="text-sm text-amber-900",
            ),
        ),
    )
