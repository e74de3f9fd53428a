"""The search box of the home and search pages: a GET form to the search page (``q``) that
works before and without scripts."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars import ObjectVar

from rxapp import routes
from rxapp.components.directory import phone_buttons
from rxapp.components.plain_form import plain_form
from rxapp.components.style import FOCUS
from rxapp.components.views import CentreCard, ListView, NeedLink
from rxapp.i18n.catalogs import Translator
from rxapp.taxonomy import NEEDS


def search_input(_: Translator, width: str, **props: Any) -> rx.Component:
    """The query field; ``props`` bind it to client state on the search page."""
    return rx.el.input(
        id="q",
        name="q",
        type="search",
        enter_key_hint="search",
        auto_complete="off",
        placeholder=_("For example: doctor, food, lawyer"),
        class_name=f"{width} min-h-12 px-3 rounded-xl border-2 border-slate-400 text-lg {FOCUS}",
        **props,
    )


def search_form(locale: str, _: Translator, field: rx.Component, **props: Any) -> rx.Component:
    """The labelled form around a query field."""
    return plain_form(
        rx.el.label(_("Search for a service"), html_for="q", class_name="block font-semibold mb-1"),
        field,
        action=routes.search(locale),
        method="get",
        role="search",
        **props,
    )


def need_link(need: ObjectVar[NeedLink]) -> rx.Component:
    """A need suggested when nothing is found: its icon and label, to its list."""
    slug = need.slug
    return rx.el.li(
        rx.el.a(
            rx.match(
                slug,
                *[
                    (n.slug, rx.icon(n.icon, size=28, aria_hidden="true", class_name="text-teal-800"))
                    for n in NEEDS
                ],
                rx.icon("search", size=28, aria_hidden="true", class_name="text-teal-800"),
            ),
            rx.el.span(need.label, class_name="font-semibold"),
            href=need.href,
            class_name=f"flex items-center gap-3 min-h-14 px-4 py-2 rounded-2xl border-2 border-teal-100 bg-teal-50 "
            f"hover:border-teal-600 {FOCUS}",
        )
    )


def centre_help(centre: ObjectVar[CentreCard], _: Translator) -> rx.Component:
    """The centre's own service: call, WhatsApp, address (from its detail part)."""
    return rx.el.div(
        rx.el.h2(_("Or ask us: we help you find it"), class_name="text-lg font-bold"),
        rx.el.a(
            centre.name,
            href=centre.href,
            class_name="block font-semibold text-teal-900 underline",
        ),
        phone_buttons(centre.phones, _),
        rx.el.p(
            rx.icon("map-pin", size=18, aria_hidden="true", class_name="shrink-0"),
            rx.el.bdi(centre.address),  # Latin text in an RTL page
            class_name="flex items-center gap-2",
        ),
        rx.cond(centre.directions, rx.el.p(centre.directions, class_name="text-slate-700")),
        class_name="space-y-2 rounded-2xl border-2 border-slate-200 p-4",
        data_testid="centre-help",
    )


def nothing_found(listing: ObjectVar[ListView], _: Translator) -> rx.Component:
    """No dead end: the needs whose words come closest, and the centre itself."""
    suggest = listing.suggest.to(list[NeedLink])
    centre = listing.centre.to(ObjectVar, CentreCard)
    return rx.el.div(
        rx.el.p(_("Nothing found for these words."), class_name="font-semibold text-lg"),
        rx.cond(
            suggest.length() > 0,
            rx.el.div(
                rx.el.h2(_("Maybe you are looking for:"), class_name="text-lg font-bold"),
                rx.el.ul(rx.foreach(suggest, need_link), class_name="grid grid-cols-1 sm:grid-cols-2 gap-2"),
                class_name="space-y-2",
            ),
        ),
        rx.cond(centre, centre_help(centre, _)),
        rx.el.a(
            _("See every need"),
            href=routes.home(_.tag),
            class_name=f"inline-flex items-center min-h-11 underline {FOCUS}",
        ),
        class_name="space-y-4 py-4",
        data_testid="nothing-found",
    )
