"""Lists of services: one page per need, and the search page."""

from __future__ import annotations

from functools import partial

import reflex as rx

from rxapp import routes
from rxapp.components import client
from rxapp.components.directory import filters, results, status_labels
from rxapp.components.layout import page
from rxapp.components.search import nothing_found, search_form, search_input
from rxapp.i18n import formatting
from rxapp.i18n.catalogs import Translator
from rxapp.pages.first_cards import first_cards
from rxapp.settings import get_settings
from rxapp.taxonomy import NEEDS, NEEDS_BY_SLUG


def _options(locale: str, _: Translator, need: str = "") -> dict[str, object]:
    labels = status_labels(_) | {
        "found": _.plural("{count} service found", "{count} services found"),
        "progress": _("Loading more services… {loaded} of {total}"),
        # TRANSLATORS: a distance in a straight line, e.g. "800 m".
        "metres": _("{n} m"),
        # TRANSLATORS: a distance in a straight line, e.g. "2.4 km".
        "km": _("{n} km"),
        # TRANSLATORS: an estimated walk, e.g. "10 min".
        "minutes": _("{n} min"),
        # TRANSLATORS: an estimated walk, e.g. "1 h 20 min".
        "hours": _("{h} h {n} min"),
    }
    return {
        "need": need,
        "labels": labels,
        "base": routes.service(locale),
        "locale": locale,
        "group": formatting.group_symbol(locale),
        "decimal": formatting.decimal_symbol(locale),
    }


def need_page(locale: str, slug: str) -> rx.Component:
    """Services for one need, with filters."""
    _ = Translator(locale)
    need = NEEDS_BY_SLUG[slug]
    listing = client.view(
        "list", f"list_{locale}_{slug}", _options(locale, _, slug) | {"first": first_cards(locale, slug)}
    )
    return page(
        locale,
        rx.el.h1(
            rx.icon(need.icon, size=30, aria_hidden="true", class_name="text-teal-800"),
            _(need.label),
            class_name="flex items-center gap-2 text-2xl font-bold",
        ),
        filters(_, listing.value),
        results(listing.value, _, _("No service matches these filters. Try removing a filter.")),
        same_page=partial(routes.need, slug=slug),
        on_mount=client.start(routes.snapshot(locale), get_settings().timezone, "cards", listing),
    )


def search_page(locale: str) -> rx.Component:
    """Search as you type, in any language, best match first; never a dead end."""
    _ = Translator(locale)
    needs = {
        n.slug: {"slug": n.slug, "label": _(n.label), "href": routes.need(locale, n.slug)} for n in NEEDS
    }
    options = _options(locale, _) | {"needs": needs, "centre": get_settings().centre_service}
    listing = client.view("list", f"list_{locale}_search", options)
    return page(
        locale,
        rx.el.h1(_("Search"), class_name="text-2xl font-bold mb-2"),
        search_form(
            locale,
            _,
            search_input(_, "w-full", value=client.query.value, on_change=client.js("pasoSetQuery")),
        ),
        filters(_, listing.value),
        results(listing.value, _, nothing_found(listing.value, _)),
        same_page=routes.search,
        on_mount=client.start(
            routes.snapshot(locale), get_settings().timezone, "cards", listing, search=True
        ),
    )
