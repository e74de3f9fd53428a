"""The centre's own address and hours, from the directory (``PASO_CENTRE_SERVICE``), shown
where a person needs to know where to go: the registration's confirmation."""

from __future__ import annotations

import reflex as rx

from rxapp import routes
from rxapp.components import client
from rxapp.components.directory import status, status_labels
from rxapp.i18n.catalogs import Translator
from rxapp.pages.service import hours_section, where_section
from rxapp.settings import get_settings


def centre_block(locale: str, _: Translator) -> rx.Component:
    """Where and when to show the code: loaded from the directory like a service page."""
    s = client.view("detail", {"labels": status_labels(_)})
    slug = get_settings().centre_service
    return rx.cond(
        s["found"],
        rx.el.div(
            rx.el.a(
                s["organization"].to(str),
                href=routes.service(locale, slug),
                class_name="block text-lg font-bold text-teal-900 underline",
            ),
            status(s["status"], s["tone"]),
            where_section(s, _),
            hours_section(s, _),
            class_name="rounded-2xl border-2 border-slate-200 p-4 space-y-2",
            data_testid="centre",
        ),
    )
