"""Pieces of the directory pages, rendered in the browser from the client-side views."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars import FunctionVar, ObjectVar

from rxapp.components import client
from rxapp.components.style import FOCUS, either
from rxapp.components.views import Card, ListState, ListView, Near, Tone
from rxapp.i18n import formatting
from rxapp.i18n.catalogs import Translator
from rxapp.reflex_compat import A, var_data
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


def _toggle(
    label: str, icon: str, pressed: rx.Var[bool], on_click: FunctionVar[Any], **props: Any
) -> rx.Component:
    return rx.el.button(
        rx.icon(icon, size=18, aria_hidden="true"),
        label,
        type="button",
        aria_pressed=either(pressed, "true", "false"),
        on_click=on_click,
        class_name=either(
            pressed,
            f"inline-flex items-center gap-1.5 min-h-11 px-3 rounded-full border-2 border-teal-800 bg-teal-800 text-white {FOCUS}",
            f"inline-flex items-center gap-1.5 min-h-11 px-3 rounded-full border-2 border-slate-300 bg-white text-slate-800 {FOCUS}",
        ),
        **props,
    )


def filters(_: Translator, listing: ObjectVar[ListView]) -> rx.Component:
    """Three filters (open now, free, no documents needed) and "nearest first", which asks
    the phone for its position only when tapped, and says why when it gets none."""

    def toggle(flag: str, label: str, icon: str) -> rx.Component:
        click = rx.Var(
            f"(() => pasoToggle({flag!r}, {client.flags.value}))",
            _var_data=var_data(client.js("pasoToggle")),
        ).to(FunctionVar)
        return _toggle(label, icon, client.flags.value.to(dict[str, bool])[flag], click)

    near = listing.near
    messages = {
        Near.ASKING: (_("Looking for where you are…"), "loader"),
        Near.ON: (
            _("Nearest first, in a straight line from where you are. Your position stays on this phone."),
            "map-pin",
        ),
        Near.DENIED: (
            _(
                "Paso may not see where you are, so the list keeps its order. You can allow it in the browser's settings."
            ),
            "map-pin-off",
        ),
        Near.UNAVAILABLE: (
            _("Your position could not be found (no signal?), so the list keeps its order."),
            "map-pin-off",
        ),
    }
    return rx.el.div(
        rx.el.div(
            toggle("open", _("Open now"), "clock"),
            toggle("free", _("Free"), "hand-heart"),
            toggle("nodocs", _("No documents needed"), "file-check"),
            _toggle(
                _("Nearest first"),
                "locate",
                (near == Near.ON) | (near == Near.ASKING),
                client.js("pasoNear").to(FunctionVar),
                data_testid="near",
            ),
            role="group",
            aria_label=_("Filters"),
            class_name="flex flex-wrap gap-2",
        ),
        rx.match(
            near,
            *[
                (
                    state,
                    rx.el.p(
                        rx.icon(icon, size=18, aria_hidden="true", class_name="shrink-0"),
                        text,
                        class_name="flex items-center gap-2 text-slate-700",
                        data_testid="near-note",
                        role="status",
                    ),
                )
                for state, (text, icon) in messages.items()
            ],
            rx.fragment(),
        ),
        class_name="space-y-2 py-3",
    )


def _alert(message: str, _: Translator) -> rx.Component:
    return rx.el.div(
        rx.el.p(message, class_name="font-semibold"),
        # A plain <a> (``rx.el.a`` is a React Router Link): "try again" reloads the page.
        A.create(_("Try again"), href="", class_name=f"inline-flex items-center min-h-11 underline {FOCUS}"),
        role="alert",
        class_name="rounded-xl bg-amber-50 border border-amber-300 p-4",
    )


def setup_needed(_: Translator) -> rx.Component:
    """Shown when the server answers that its database is not migrated: name the fix."""
    return rx.el.div(
        rx.el.p(_("The directory is not set up on this server yet."), class_name="font-semibold"),
        rx.el.p(_("Whoever runs the server should run this command, then reload the page:")),
        rx.el.code("make migrate", dir="ltr", class_name="block rounded bg-white px-2 py-1 font-mono"),
        role="alert",
        class_name="space-y-2 rounded-xl bg-amber-50 border border-amber-300 p-4",
        data_testid="setup-needed",
    )


def results(listing: ObjectVar[ListView], _: Translator, empty: str | rx.Component) -> rx.Component:
    """The list with its loading, progress, error and empty states and "show more".

    While the data loads, a need page lists the cards known when it was built (state "first",
    see ``rxapp/reading/first_cards.py``): they are in the prerendered HTML, and the live cards
    then fill the same elements, so a slow phone paints real services before any script runs.
    """
    state = listing.state
    found = listing.count.to(int) > 0
    loading = rx.el.p(_("Loading the directory…"), class_name="py-6 text-slate-600")
    if isinstance(empty, str):
        empty = rx.el.p(empty, class_name="py-6 text-slate-700", data_testid="nothing-found")
    return rx.el.section(
        rx.match(
            state,
            (ListState.LOADING, loading),
            (
                ListState.SEARCHING,
                rx.el.p(
                    rx.icon("loader", size=18, aria_hidden="true", class_name="animate-spin"),
                    _("Searching…"),
                    class_name="flex items-center gap-2 py-6 text-slate-600",
                    data_testid="searching",
                ),
            ),
            (
                ListState.ERROR,
                _alert(_("The directory could not be loaded. Check your connection and try again."), _),
            ),
            (ListState.NOT_READY, setup_needed(_)),
            rx.fragment(
                rx.cond(
                    listing.partial,
                    rx.el.p(
                        rx.icon("info", size=18, aria_hidden="true", class_name="shrink-0"),
                        _("No service matches all your words. These match some of them."),
                        class_name="flex items-center gap-2 mb-2 rounded-lg bg-amber-50 border border-amber-300 p-2",
                        data_testid="partial",
                        role="note",
                    ),
                ),
                rx.cond(
                    found & (state != ListState.FIRST),
                    rx.el.p(listing.found, class_name="pb-2 text-slate-700", data_testid="found"),
                    # The count's line, kept for it over the first cards: no shift when it comes.
                    rx.cond(
                        state == ListState.FIRST, rx.el.p("\u00a0", aria_hidden="true", class_name="pb-2")
                    ),
                ),
                rx.cond(
                    found,
                    rx.el.ul(
                        rx.foreach(listing.cards, lambda card: service_card(card, _)),
                        class_name="space-y-3",
                        data_testid="results",
                    ),
                    rx.cond(listing.nothing, empty),
                ),
                rx.cond(state == ListState.FIRST, loading),
                rx.cond(
                    listing.more,
                    rx.el.button(
                        _("Show more"),
                        type="button",
                        on_click=client.more(),
                        class_name=f"mt-4 w-full min-h-12 rounded-xl border-2 border-teal-800 font-semibold text-teal-900 {FOCUS}",
                    ),
                ),
                rx.cond(
                    state == ListState.PARTIAL,
                    rx.el.p(
                        rx.icon("loader", size=18, aria_hidden="true", class_name="animate-spin"),
                        listing.progress,
                        class_name="flex items-center gap-2 py-4 text-slate-600",
                        data_testid="progress",
                    ),
                ),
                rx.cond(
                    state == ListState.PARTIAL_ERROR,
                    _alert(
                        _("Part of the directory could not be loaded. Check your connection and try again."),
                        _,
                    ),
                ),
            ),
        ),
        aria_live="polite",
        aria_label=_("Results"),
    )
