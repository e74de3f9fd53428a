"""The search page: as you type, in any language, best match first; never a dead end."""

from __future__ import annotations

import reflex as rx

from rxapp import routes
from rxapp.components import client
from rxapp.components.filters import filters
from rxapp.components.layout import page
from rxapp.components.results import results
from rxapp.components.search import nothing_found, search_form, search_input
from rxapp.components.views import list_view
from rxapp.i18n.catalogs import Translator
from rxapp.reading.list_options import list_options
from rxapp.settings import get_settings
from rxapp.taxonomy import NEEDS


def search_page(locale: str) -> rx.Component:
    """Search as you type, in any language, best match first; never a dead end."""
    _ = Translator(locale)
    needs = {
        n.slug: {"slug": n.slug, "label": _(n.label), "href": routes.need(locale, n.slug)} for n in NEEDS
    }
    options = list_options(locale, _) | {"needs": needs, "centre": get_settings().centre_service}
    listing = client.view("list", f"list_{locale}_search", options)
    shown = list_view(listing)
    return page(
        locale,
        rx.el.h1(_("Search"), class_name="text-2xl font-bold mb-2"),
        search_form(
            locale,
            _,
            search_input(_, "w-full", value=client.query.value, on_change=client.js("pasoSetQuery")),
        ),
        filters(_, shown),
        results(shown, _, nothing_found(shown, _)),
        same_page=routes.search,
        on_mount=client.start(
            routes.snapshot(locale), get_settings().timezone, "cards", listing, search=True
        ),
    )
