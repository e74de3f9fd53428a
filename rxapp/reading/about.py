"""About Paso and privacy, in plain words."""

from __future__ import annotations

import reflex as rx

from rxapp import routes
from rxapp.components import privacy
from rxapp.components.layout import page
from rxapp.i18n.catalogs import Translator
from rxapp.settings import get_settings


def about_page(locale: str) -> rx.Component:
    """What Paso is, what it keeps, and what it never does."""
    _ = Translator(locale)
    paragraphs = [
        _(
            "Paso is the directory of the migrant aid centre: food, shelter, health, legal help and more, near you."
        ),
        _(
            "Using the directory never asks for your name or any personal data, and nothing you search is sent to anyone."
        ),
        _(
            "The pages and the directory are kept on your phone so they work without signal after your first visit."
        ),
        _(
            "Paso loads nothing from other companies: no advertising, no tracking, no maps or fonts from the internet."
        ),
        _("Services marked “Sample data” are examples to show how Paso works: they are not real."),
    ]
    days = get_settings().retention_days
    return page(
        locale,
        rx.el.h1(_("About Paso and your privacy"), class_name="text-2xl font-bold mb-3"),
        *[rx.el.p(text, class_name="mb-3 text-lg") for text in paragraphs],
        # Where a registration goes, in the centre's words (PASO_DATA_NOTICE): issue 14.
        rx.el.section(
            rx.el.h2(_("If you register at the centre"), class_name="text-xl font-bold"),
            privacy.notice(locale, _),
            rx.el.p(
                _(
                    "Your answers are deleted after {days} days at most. You can ask at the desk to see them or delete them."
                ).replace("{days}", str(days))
            ),
            class_name="mt-6 space-y-3 text-lg rounded-2xl border-2 border-teal-800 bg-teal-50 p-4",
            data_testid="about-registration",
        ),
        same_page=routes.about,
    )
