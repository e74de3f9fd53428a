"""One need's list of services, with filters."""

from __future__ import annotations

from functools import partial

import reflex as rx

from rxapp import routes
from rxapp.components import client
from rxapp.components.filters import filters
from rxapp.components.layout import page
from rxapp.components.results import results
from rxapp.components.views import list_view
from rxapp.i18n.catalogs import Translator
from rxapp.reading.first_cards import first_cards
from rxapp.reading.list_options import list_options
from rxapp.settings import get_settings
from rxapp.taxonomy import NEEDS_BY_SLUG


def need_page(locale: str, slug: str) -> rx.Component:
    """Services for one need, with filters."""
    _ = Translator(locale)
    need = NEEDS_BY_SLUG[slug]
    listing = client.view(
        "list", f"list_{locale}_{slug}", list_options(locale, _, slug) | {"first": first_cards(locale, slug)}
    )
    return page(
        locale,
        rx.el.h1(
            rx.icon(need.icon, size=30, aria_hidden="true", class_name="text-teal-800"),
            _(need.label),
            class_name="flex items-center gap-2 text-2xl font-bold",
        ),
        filters(_, list_view(listing)),
        results(list_view(listing), _, _("No service matches these filters. Try removing a filter.")),
        same_page=partial(routes.need, slug=slug),
        on_mount=client.start(routes.snapshot(locale), get_settings().timezone, "cards", listing),
    )
