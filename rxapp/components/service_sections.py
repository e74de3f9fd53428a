"""A service's titled sections that show outside its own page too: where it is and its hours
(the centre's, on the registration's confirmation)."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components.directory import BUTTON, phone_buttons
from rxapp.components.style import either
from rxapp.components.views import DayRow, DetailView
from rxapp.i18n.catalogs import Translator
from rxapp.services.views import LocationPublic
from rxapp.services.views_places import HoursOf


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
        rx.el.div(
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
                    place_hours_phones(loc, _),
                    class_name="space-y-1 py-2",
                    data_testid="place",
                ),
            ),
            class_name="divide-y divide-slate-200",
        ),
    )


def place_hours_phones(loc: ObjectVar[LocationPublic], _: Translator) -> rx.Component:
    """Under a place: its own hours (the service's there, else its opening hours) and phones
    (the service's there, and its reception's, labelled)."""
    small = "pt-2 font-semibold"
    return rx.fragment(
        rx.cond(
            loc.week.length() > 0,
            rx.el.div(
                rx.el.h3(
                    either(
                        loc.hours_of == HoursOf.SERVICE,
                        _("Hours at this place"),
                        _("Opening hours of the place"),
                    ),
                    class_name=small,
                ),
                week_table(loc.week.to(list[DayRow]), _),
                data_testid="place-hours",
            ),
        ),
        rx.cond(loc.phones.length() > 0, rx.el.div(phone_buttons(loc.phones, _), class_name="pt-2")),
        rx.cond(
            loc.reception.length() > 0,
            rx.el.div(
                rx.el.h3(_("Reception of the place"), class_name=small),
                phone_buttons(loc.reception, _),
                data_testid="reception",
            ),
        ),
    )


def week_table(week: rx.Var[list[DayRow]], _: Translator) -> rx.Component:
    """A week's hours, a row a day, today's marked (by the phone's clock, logic.mjs detailView)."""
    return rx.el.dl(
        rx.foreach(
            week,
            lambda d: rx.el.div(
                rx.el.dt(
                    rx.el.span(d.day, class_name="capitalize"),
                    # In words and bold, never by colour alone.
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
                    # Left to right: in Arabic "9:00–13:00" read "13:00–9:00" (bidi reordering).
                    rx.cond(d.hours, rx.el.bdi(d.hours, dir="ltr"), _("Closed")),
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
    """The week's opening hours (or that each place has its own) and the coming exceptions."""
    return section(
        _("Opening hours"),
        "clock",
        rx.cond(s.week.length() > 0, week_table(s.week, _)),
        rx.cond(s.hours_note, rx.el.p(s.hours_note, class_name="text-slate-700", data_testid="hours-note")),
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
