"""The centre's own address and hours, from the directory (``PASO_CENTRE_SERVICE``), shown
where a person needs to know where to go: the registration's confirmation."""

from __future__ import annotations

from functools import cache
from typing import Any

import reflex as rx

from rxapp import routes
from rxapp.components import client
from rxapp.components.directory import status, status_labels
from rxapp.components.service_sections import hours_section, where_section
from rxapp.components.views import detail_view
from rxapp.i18n.catalogs import Translator
from rxapp.settings import get_settings


@cache
def centre_view(locale: str) -> client.View:
    """The centre's service, as a detail page's view."""
    return client.view("detail", f"centre_{locale}", {"labels": status_labels(Translator(locale))})


def start_centre(locale: str) -> rx.Var[Any]:
    """The on-mount call loading the centre's service."""
    settings = get_settings()
    return client.start(
        routes.snapshot(locale), settings.timezone, "detail", centre_view(locale), settings.centre_service
    )


def centre_block(locale: str, _: Translator) -> rx.Component:
    """Where and when to show the code: loaded from the directory like a service page."""
    s = detail_view(centre_view(locale))
    slug = get_settings().centre_service
    return rx.cond(
        s.found,
        rx.el.div(
            rx.el.a(
                s.organization,
                href=routes.service(locale, slug),
                class_name="block text-lg font-bold text-teal-900 underline",
            ),
            status(s.status, s.tone),
            where_section(s, _),
            hours_section(s, _),
            class_name="rounded-2xl border-2 border-slate-200 p-4 space-y-2",
            data_testid="centre",
        ),
    )
