"""News: the current alerts, then those ended in the last 30 days (``/<locale>/news``).

Rendered in the browser from the alerts in the directory index (saved for offline use with
it); opening this page marks them read on this phone (``assets/paso/alerts.js``).
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from rxapp import routes
from rxapp.components import alerts, client
from rxapp.components.alerts_blocks import entry
from rxapp.components.layout import page
from rxapp.components.views import ListState
from rxapp.i18n.catalogs import Translator
from rxapp.settings import get_settings


def _section(title: str, entries: rx.Var[Any], testid: str) -> rx.Component:
    return rx.cond(
        entries.length() > 0,  # type: ignore[attr-defined]
        rx.el.section(
            rx.el.h2(title, class_name="text-xl font-bold"),
            rx.el.ul(rx.foreach(entries, lambda e: rx.el.li(entry(e))), class_name="space-y-3"),
            class_name="space-y-3 mb-6",
            data_testid=testid,
        ),
    )


def news_page(locale: str) -> rx.Component:
    """What changed: current alerts first, then the last 30 days' ended ones."""
    _ = Translator(locale)
    shown = alerts.view()
    data = client.directory.value.to(dict[str, Any])
    none = (shown.current.length() == 0) & (shown.ended.length() == 0)
    return page(
        locale,
        rx.el.h1(_("News"), class_name="text-2xl font-bold mb-4"),
        _section(_("Now"), shown.current, "news-current"),
        _section(_("Ended in the last 30 days"), shown.ended, "news-ended"),
        rx.cond(
            none,
            rx.cond(
                data["index"],
                rx.el.p(_("No news right now."), class_name="py-4 text-lg", data_testid="no-news"),
                rx.cond(
                    data["state"] == ListState.ERROR,
                    rx.el.p(
                        _("The directory could not be loaded. Check your connection and try again."),
                        role="alert",
                    ),
                    rx.el.p(_("Loading the directory…"), class_name="py-6 text-slate-600"),
                ),
            ),
        ),
        same_page=routes.news,
        # The index only: the alerts travel in it.
        on_mount=client.start(routes.snapshot(locale), get_settings().timezone, "counts"),
    )
