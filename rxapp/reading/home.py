"""Home: search box and the need tiles (prerendered with their labels)."""

from __future__ import annotations

from functools import cache
from typing import Any

import reflex as rx

from rxapp import routes
from rxapp.components import client, views
from rxapp.components.alerts_blocks import news_block
from rxapp.components.layout import page
from rxapp.components.registration import code_card
from rxapp.components.results import setup_needed
from rxapp.components.search import search_form, search_input
from rxapp.components.style import FOCUS, either
from rxapp.components.views import ListState
from rxapp.i18n.catalogs import Translator
from rxapp.settings import get_settings
from rxapp.taxonomy import NEEDS


def search_box(locale: str, _: Translator) -> rx.Component:
    """The search form with its button."""
    return search_form(
        locale,
        _,
        rx.el.div(
            search_input(_, "flex-1 min-w-0"),
            rx.el.button(
                rx.icon("search", size=20, aria_hidden="true"),
                rx.el.span(_("Search")),
                type="submit",
                class_name=f"inline-flex items-center gap-1.5 min-h-12 px-4 rounded-xl bg-teal-800 text-white font-semibold {FOCUS}",
            ),
            class_name="flex gap-2",
        ),
        class_name="mb-6",
    )


@cache
def counts_view(locale: str) -> client.View:
    """How many services answer each need."""
    return client.view("counts", f"counts_{locale}", {})


def tiles(locale: str, _: Translator) -> rx.Component:
    """One tile per need: icon, label and how many services answer it."""
    counts = views.counts(counts_view(locale))
    return rx.el.ul(
        *[
            rx.el.li(
                rx.el.a(
                    rx.icon(need.icon, size=36, aria_hidden="true", class_name="text-teal-800"),
                    rx.el.span(_(need.label), class_name="font-semibold text-center leading-tight"),
                    rx.el.span(
                        either(counts[need.slug], counts[need.slug].to(str), "\u00a0"),
                        class_name="text-sm text-slate-600 min-h-5",
                        aria_hidden="true",
                    ),
                    href=routes.need(locale, need.slug),
                    class_name=f"flex flex-col items-center justify-center gap-1.5 h-full min-h-32 p-3 rounded-2xl "
                    f"border-2 border-teal-100 bg-teal-50 hover:border-teal-600 {FOCUS}",
                    data_testid=f"need-{need.slug}",
                ),
            )
            for need in NEEDS
        ],
        class_name="grid grid-cols-2 sm:grid-cols-3 md:grid-cols-4 gap-3",
        data_testid="needs",
    )


def register_link(locale: str, _: Translator) -> rx.Component:
    """Registering is offered, never required; the card comes first on the home page. (Reading pages keep Reflex's websocket closed;
    after this client-side navigation Reflex opens it: tests/e2e/test_registering.py.)"""
    return rx.el.a(
        rx.icon("clipboard-pen", size=32, aria_hidden="true", class_name="shrink-0 text-teal-800"),
        rx.el.span(
            rx.el.span(_("Register at the centre"), class_name="block font-semibold text-lg"),
            rx.el.span(
                _("No account needed. You get a code to show at the desk."), class_name="block text-slate-700"
            ),
            class_name="min-w-0",
        ),
        href=routes.register(locale),
        class_name=f"flex items-center gap-3 mb-5 p-3 rounded-2xl border-2 border-teal-800 hover:bg-teal-50 {FOCUS}",
        data_testid="register-link",
    )


def home(locale: str) -> rx.Component:
    """The home page of one locale."""
    _ = Translator(locale)
    return page(
        locale,
        code_card.home_code(locale, _),
        # First, not under the twelve tiles where nobody scrolled to it (issue 14).
        register_link(locale, _),
        news_block(locale, _),
        rx.el.h1(_("What do you need?"), class_name="text-2xl font-bold mb-3"),
        search_box(locale, _),
        rx.el.h2(_("Find help by need"), class_name="sr-only"),
        rx.cond(client.directory.value.to(dict[str, Any])["state"] == ListState.NOT_READY, setup_needed(_)),
        tiles(locale, _),
        same_page=routes.home,
        on_mount=client.both(
            client.start(routes.snapshot(locale), get_settings().timezone, "counts", counts_view(locale)),
            code_card.load_code(),
        ),
    )
