"""Where people see alerts: the urgent line on top of every public page, the home's news
block, a service's alerts on its page and its list card's badge, the news page's entries.

All render from the ``pasoalerts`` client state (``rxapp/components/alerts.py``); with no
alert each of them renders nothing.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars import ObjectVar

from rxapp import routes
from rxapp.components import alerts
from rxapp.components.alerts import AlertEntry
from rxapp.components.style import FOCUS, either
from rxapp.components.views import Card
from rxapp.i18n.catalogs import Translator

LINK = f"inline-flex items-center gap-1.5 min-h-11 font-semibold underline {FOCUS}"


def _note(e: ObjectVar[AlertEntry]) -> rx.Component:
    """The notice a service's page shows for text in another language ("shown in Spanish")."""
    return rx.cond(
        e.note,
        rx.el.p(
            rx.icon("languages", size=18, aria_hidden="true", class_name="shrink-0"),
            e.note,
            class_name="flex items-center gap-2 rounded-lg bg-slate-100 p-2 text-sm text-slate-800",
            role="note",
        ),
    )


def _text(e: ObjectVar[AlertEntry]) -> rx.Component:
    # Marked with its own language and direction: an Arabic text on a Spanish page, and back.
    return rx.el.p(e.text, lang=e.lang, dir=e.dir, class_name="whitespace-pre-line")


def urgent_bar(locale: str, _: Translator) -> rx.Component:
    """The newest urgent alert in one line under the header, opening to its text; "+N more"
    leads to the news page. Its mount starts alerts.js on every public page."""
    shown = alerts.view()
    top = shown.top.to(ObjectVar, AlertEntry)
    line = rx.el.div(
        rx.el.details(
            rx.el.summary(
                rx.icon("triangle-alert", size=20, aria_hidden="true", class_name="shrink-0"),
                rx.el.span(top.title, lang=top.lang, dir=top.dir, class_name="min-w-0"),
                # It opens: said by the chevron, as a flex <summary> loses its marker.
                rx.icon("chevron-down", size=18, aria_hidden="true", class_name="shrink-0"),
                class_name=f"flex items-center gap-2 min-h-11 py-1 cursor-pointer font-bold {FOCUS}",
                data_testid="urgent-title",
            ),
            rx.el.div(
                _text(top),
                _note(top),
                rx.el.p(top.when, class_name="text-sm"),
                rx.el.a(_("All news"), href=top.href, class_name=LINK),
                class_name="space-y-2 pb-2 font-normal",
            ),
            class_name="flex-1 min-w-0",
        ),
        rx.cond(
            shown.more,
            rx.el.a(
                shown.more,
                href=routes.news(locale),
                class_name=f"shrink-0 {LINK}",
                data_testid="urgent-more",
            ),
        ),
        class_name="max-w-3xl mx-auto flex items-start gap-3 px-4",
    )
    return rx.el.div(
        rx.cond(
            shown.top,
            rx.el.div(
                line,
                role="region",
                aria_label=_("Urgent alert"),
                class_name="bg-red-50 text-red-950 border-b-4 border-red-700",
                data_testid="urgent",
            ),
        ),
        on_mount=alerts.start(locale),
    )


def entry(e: ObjectVar[AlertEntry], *, heading: str = "h3") -> rx.Component:
    """One alert in full: title, text, the language notice and when it holds."""
    title = rx.el.h3 if heading == "h3" else rx.el.h2
    return rx.el.article(
        title(
            rx.cond(e.urgent, rx.icon("triangle-alert", size=20, aria_hidden="true", class_name="shrink-0")),
            rx.el.span(e.title, lang=e.lang, dir=e.dir),
            class_name="flex items-center gap-2 text-lg font-bold",
        ),
        _text(e),
        _note(e),
        rx.el.p(e.when, class_name="text-sm text-slate-700"),
        id="alert-" + e.id.to(str),
        class_name=either(
            e.urgent,
            "space-y-1 rounded-xl border-s-4 border-red-700 bg-red-50 p-3",
            "space-y-1 rounded-xl border-s-4 border-amber-500 bg-amber-50 p-3",
        ),
        data_testid="alert",
    )


def news_block(locale: str, _: Translator) -> rx.Component:
    """The home's news: the current information alerts, newest first, and "All news" with how
    many are new since the news page was last read."""
    shown = alerts.view()
    return rx.cond(
        shown.any,
        rx.el.section(
            rx.el.h2(_("News"), class_name="text-xl font-bold"),
            rx.el.ul(
                rx.foreach(
                    shown.info,
                    lambda e: rx.el.li(
                        rx.el.details(
                            rx.el.summary(
                                rx.el.span(e.title, lang=e.lang, dir=e.dir),
                                class_name=f"min-h-11 py-2 cursor-pointer font-semibold {FOCUS}",
                            ),
                            rx.el.div(_text(e), _note(e), class_name="space-y-2 pb-2"),
                        ),
                        class_name="border-b border-amber-200",
                    ),
                ),
            ),
            rx.el.a(
                rx.el.span(_("All news")),
                rx.cond(
                    shown.fresh,
                    rx.el.span(
                        shown.fresh,
                        class_name="rounded-full bg-red-700 px-2 text-sm text-white no-underline",
                        data_testid="news-fresh",
                    ),
                ),
                href=routes.news(locale),
                class_name=LINK,
                data_testid="all-news",
            ),
            class_name="mb-5 rounded-2xl border-2 border-amber-300 bg-amber-50 p-3",
            aria_label=_("News"),
            data_testid="news-block",
        ),
    )


def service_alerts(slug: rx.Var[str]) -> rx.Component:
    """The current alerts naming this service, in full, on its page."""
    found = alerts.view().services.to(dict[str, Any])[slug].to(list[AlertEntry])
    return rx.cond(
        found,  # a slug without alerts has no list at all (alerts.mjs): never read its length
        rx.el.div(
            rx.foreach(found, lambda e: entry(e, heading="h2")),
            class_name="space-y-2 py-2",
            data_testid="service-alerts",
        ),
    )


def card_badge(card: ObjectVar[Card]) -> rx.Component:
    """A list card's badge for its service's newest current alert ("Full tonight", "Notice")."""
    badge = alerts.view().badges.to(dict[str, Any])[card.slug].to(ObjectVar, alerts.AlertBadge)
    return rx.cond(
        badge,
        rx.el.span(
            rx.icon("triangle-alert", size=16, aria_hidden="true"),
            badge.label,
            class_name=either(
                badge.urgent,
                "inline-flex items-center gap-1 rounded-full px-2.5 py-1 text-sm font-semibold bg-red-700 text-white",
                "inline-flex items-center gap-1 rounded-full px-2.5 py-1 text-sm bg-amber-100 text-amber-900",
            ),
            data_testid="alert-badge",
        ),
    )
