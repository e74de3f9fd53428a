"""The search box of the home and search pages: a GET form to the search page (``q``) that
works before and without scripts."""

from __future__ import annotations

from typing import Any

import reflex as rx

from rxapp import routes
from rxapp.components.layout import FOCUS
from rxapp.components.plain_form import plain_form
from rxapp.i18n.catalogs import Translator


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
