"""The frame of every public page: header, language switcher, emergency numbers, footer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from rxapp import routes
from rxapp.components import app_status, client
from rxapp.components.alerts_blocks import urgent_bar
from rxapp.components.style import FOCUS
from rxapp.i18n.catalogs import Translator
from rxapp.i18n.locales import info as locale_info
from rxapp.reflex_compat import A
from rxapp.settings import get_settings
from rxapp.taxonomy import N_

# React Router's location, for Vars that follow client-side navigation.
LOCATION = client.LOCATION
EMERGENCY = (("911", N_("Emergencies (police, ambulance, fire)")),)


def language_switcher(locale: str, same_page: Callable[[str], str], _: Translator) -> rx.Component:
    """A list of native names; each link keeps the reader on the same page."""
    links = [
        rx.el.li(
            rx.el.a(
                locale_info(tag).native_name,
                # The same page in that language, with this page's query (a search, a service id).
                href=same_page(tag) + client.query_string(),
                lang=tag,
                dir=locale_info(tag).direction,
                custom_attrs={"data-locale": tag, "hreflang": tag},
                aria_current="true" if tag == locale else None,
                class_name=f"block min-h-11 px-4 py-2.5 rounded-lg hover:bg-teal-50 {FOCUS} "
                + ("font-bold text-teal-900 bg-teal-50" if tag == locale else "text-slate-800"),
            )
        )
        for tag in get_settings().locales
    ]
    return rx.el.details(
        rx.el.summary(
            rx.icon("languages", size=20, aria_hidden="true"),
            rx.el.span(locale_info(locale).native_name),
            class_name=f"flex items-center gap-2 min-h-11 px-3 rounded-lg cursor-pointer list-none "
            f"text-white hover:bg-teal-800 {FOCUS}",
            aria_label=_("Language") + ": " + locale_info(locale).native_name,
        ),
        rx.el.div(
            rx.el.ul(*links),
            app_status.language_offline(locale, _),
            class_name="absolute end-0 mt-1 z-20 w-64 max-w-[calc(100vw-2rem)] p-1 bg-white text-slate-900 "
            "rounded-xl shadow-lg border border-slate-200",
        ),
        class_name="relative",
    )


def emergency_bar(locale: str, _: Translator) -> rx.Component:
    """Emergency numbers, one tap away on every page, and the link to all important numbers."""
    return rx.el.div(
        *[
            rx.el.a(
                rx.icon("phone", size=18, aria_hidden="true", class_name="shrink-0"),
                # Small type, and wrapped rather than cut: on a 320 px phone "Emergencias
                # (policía, ambulancia, bomberos)" ended in "bomb…" (issue 14). The number is
                # what matters; the bar must not outweigh the page's content at first paint.
                rx.el.span(_(label), class_name="min-w-0 text-xs leading-tight"),
                rx.el.bdi(number, class_name="shrink-0 font-bold text-lg", dir="ltr"),
                href=f"tel:{number}",
                class_name=f"flex flex-1 min-w-0 items-center justify-center gap-2 min-h-11 px-3 py-1 {FOCUS}",
            )
            for number, label in EMERGENCY
        ],
        rx.el.a(
            # TRANSLATORS: a link beside the emergency number to the page of important numbers;
            # keep it as short (one line of small type on a phone).
            _("More numbers"),
            href=routes.numbers(locale),
            # Beside the number, not under it: the bar keeps its one line's height on a phone.
            class_name=f"flex shrink-0 max-w-[38%] items-center min-h-11 px-3 py-1 border-s border-red-400 "
            f"text-xs leading-tight font-semibold underline {FOCUS}",
            data_testid="all-numbers",
        ),
        class_name="flex items-stretch bg-red-700 text-white text-sm print:hidden",
        role="region",
        aria_label=_("Emergency numbers"),
    )


def page(
    locale: str,
    *children: rx.Component,
    same_page: Callable[[str], str],
    on_mount: rx.Var[Any] | list[rx.Var[Any]] | None = None,
) -> rx.Component:
    """Wrap a page's content; ``same_page(tag)`` is this page's path in another locale."""
    _ = Translator(locale)
    info = locale_info(locale)
    return rx.el.div(
        # A plain <a>: ``rx.el.a`` is React Router's Link, which turns "#main" into a
        # navigation to "<page>/#main" instead of a jump within the page.
        A.create(
            _("Skip to content"),
            href="#main",
            class_name="sr-only focus:not-sr-only focus:absolute focus:p-3 focus:bg-white",
        ),
        emergency_bar(locale, _),
        rx.el.header(
            rx.el.div(
                rx.el.a(
                    rx.icon("compass", size=26, aria_hidden="true"),
                    rx.el.span("Paso", class_name="text-xl font-bold tracking-wide"),
                    href=routes.home(locale),
                    class_name=f"flex items-center gap-2 min-h-11 text-white {FOCUS}",
                ),
                language_switcher(locale, same_page, _),
                class_name="max-w-3xl mx-auto flex items-center justify-between gap-3 px-4 py-2",
            ),
            class_name="bg-teal-900 print:hidden",
        ),
        rx.el.div(urgent_bar(locale, _), class_name="print:hidden"),
        rx.el.div(app_status.banners(locale, _), class_name="print:hidden"),
        rx.el.main(
            *children,
            id="main",
            # At least a screen tall: the footer never competes with the content for first paint.
            # In print, no screen-tall minimum: it alone could spill onto a second sheet.
            class_name="w-full max-w-3xl mx-auto px-4 pt-4 pb-10 min-h-screen print:min-h-0 print:p-0",
            # Every page starts the client: the about page only for the app's own messages.
            on_mount=on_mount
            if on_mount is not None
            else client.start(routes.snapshot(locale), get_settings().timezone, "none"),
        ),
        rx.el.footer(
            rx.el.div(
                rx.el.div(
                    rx.el.a(
                        _("News"),
                        href=routes.news(locale),
                        class_name=f"underline min-h-11 inline-flex items-center {FOCUS}",
                        data_testid="footer-news",
                    ),
                    rx.el.a(
                        _("About Paso and your privacy"),
                        href=routes.about(locale),
                        class_name=f"underline min-h-11 inline-flex items-center {FOCUS}",
                    ),
                    class_name="flex flex-wrap gap-x-5",
                ),
                rx.el.p(_("Using this directory never asks for your name or any personal data.")),
                app_status.saved_note(_),
                app_status.install_hint(_),
                class_name="max-w-3xl mx-auto px-4 py-6 space-y-2",
            ),
            class_name="bg-slate-100 text-slate-700 text-base print:hidden",
        ),
        lang=locale,
        dir=info.direction,
        class_name="min-h-screen flex flex-col bg-white text-slate-900 text-base leading-relaxed "
        "[&>main]:flex-1 print:min-h-0",
    )
