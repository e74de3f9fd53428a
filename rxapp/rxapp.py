"""The Paso app: head (language, worker-free reading), pages per locale, the ASGI front."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import reflex as rx

from rxapp import head, jobs, reflex_compat, routes, server
from rxapp.i18n.catalogs import Translator
from rxapp.pages.about import about_page
from rxapp.pages.desk import QueueState
from rxapp.pages.desk_audit import AuditState, audit_page
from rxapp.pages.desk_directory import DirectoryState, directory_page
from rxapp.pages.desk_edit import EditState
from rxapp.pages.desk_edit_view import edit_page
from rxapp.pages.desk_feedback import FeedbackState, feedback_page
from rxapp.pages.desk_new import new_page
from rxapp.pages.desk_reports import DeskReportsState, reports_page
from rxapp.pages.desk_staff import StaffState, staff_page
from rxapp.pages.desk_translate import TranslateState, translate_page
from rxapp.pages.desk_translations import TranslationsState, translations_page
from rxapp.pages.desk_view import desk_page
from rxapp.pages.home import home
from rxapp.pages.listing import need_page, search_page
from rxapp.pages.not_found import not_found_page
from rxapp.pages.register import register_page
from rxapp.pages.service import service_page
from rxapp.settings import get_settings
from rxapp.state import connection
from rxapp.state.desk import DeskState, loader
from rxapp.taxonomy import NEEDS

settings = get_settings()
LOCALES = settings.locales
# The head script (assets/paso/boot.js and its configuration; rxapp/head.py says what it does).
BOOT = head.script()

app = rx.App(
    head_components=[
        rx.el.script(BOOT),
        rx.el.meta(name="theme-color", content="#134e4a"),
        rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml"),
    ],
    html_custom_attrs={"lang": head.html_lang(), "dir": head.html_dir()},
    toaster=None,
    api_transformer=server.wrap(settings),
)
reflex_compat.replace_connection_overlay(app, connection.overlay)
app.register_lifespan_task(jobs.retention_loop)


def register(locale: str) -> None:
    """Add every public page of one locale."""
    _ = Translator(locale)
    # Messages stay outside f-strings: Babel's extractor does not look inside them.
    services, search, about = _("Services for migrants"), _("Search"), _("About Paso and your privacy")
    register_title = _("Register at the centre")
    title = f"Paso · {services}"
    app.add_page(reflex_compat.page_function(home, "home", locale), route=routes.home(locale), title=title)
    for need in NEEDS:
        app.add_page(
            reflex_compat.page_function(need_page, "need", locale, need.slug),
            route=routes.need(locale, need.slug),
            title=f"{_(need.label)} · Paso",
        )
    app.add_page(
        reflex_compat.page_function(search_page, "search", locale),
        route=routes.search(locale),
        title=f"{search} · Paso",
    )
    app.add_page(
        reflex_compat.page_function(service_page, "service", locale),
        route=routes.service(locale),
        title=title,
    )
    app.add_page(
        reflex_compat.page_function(about_page, "about", locale),
        route=routes.about(locale),
        title=f"{about} · Paso",
    )
    app.add_page(
        reflex_compat.page_function(register_page, "register", locale),
        route=routes.register(locale),
        title=f"{register_title} · Paso",
    )


# The desk's pages: function, module name, route, and what each loads once the session check
# passes (also after a sign-in or unlock on that page; see rxapp/state/desk.py).
DESK_PAGES: tuple[tuple[Callable[..., rx.Component], str, str, Any], ...] = (
    (desk_page, "desk", routes.DESK, QueueState.load),
    (new_page, "desk_new", routes.DESK_NEW, None),
    (staff_page, "desk_staff", routes.DESK_STAFF, StaffState.load),
    (reports_page, "desk_reports", routes.DESK_REPORTS, DeskReportsState.load),
    (feedback_page, "desk_feedback", routes.DESK_FEEDBACK, FeedbackState.load),
    (audit_page, "desk_audit", routes.DESK_AUDIT, AuditState.load),
    (translate_page, "desk_translate", routes.DESK_TRANSLATE, TranslateState.load),
    (directory_page, "desk_directory", routes.DESK_DIRECTORY, DirectoryState.load),
    (edit_page, "desk_service", routes.DESK_SERVICE, EditState.load),
    (translations_page, "desk_translations", routes.DESK_TRANSLATIONS, TranslationsState.load),
)
for _page, _name, _route, _load in DESK_PAGES:
    if _load is not None:
        loader(_route, _load)


def register_desk(locale: str) -> None:
    """Add the desk's pages of one locale (tablets; every handler checks the session)."""
    _ = Translator(locale)
    title = _("Paso desk")
    for page, name, route, load in DESK_PAGES:
        app.add_page(
            reflex_compat.page_function(page, name, locale),
            route=route.format(locale=locale),
            title=title,
            on_load=[DeskState.check, load] if load is not None else DeskState.check,
        )


for _locale in LOCALES:
    register(_locale)
    register_desk(_locale)
app.add_page(not_found_page, route="404", title="Paso")
