"""A list's results with their loading, progress, error and empty states, and "show more"."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components import client
from rxapp.components.directory import service_card
from rxapp.components.style import FOCUS
from rxapp.components.views import ListState, ListView
from rxapp.i18n.catalogs import Translator
from rxapp.reflex_compat import A


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
