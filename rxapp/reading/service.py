"""One service: everything a person needs to decide and to get there."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ObjectVar

from rxapp import routes
from rxapp.components import client
from rxapp.components.alerts_blocks import service_alerts
from rxapp.components.directory import BUTTON, badge, phone_buttons, status, status_labels
from rxapp.components.layout import page
from rxapp.components.report import report_form
from rxapp.components.results import setup_needed
from rxapp.components.service_sections import hours_section, section, where_section
from rxapp.components.style import FOCUS, either
from rxapp.components.views import BackKind, DetailState, DetailView, detail_view
from rxapp.components.views import back_link as back_view
from rxapp.i18n.catalogs import Translator
from rxapp.settings import get_settings


def not_found(locale: str, _: Translator) -> rx.Component:
    """The friendly "not found" message in the page's language."""
    return rx.el.div(
        rx.el.h1(_("Page not found"), class_name="text-2xl font-bold"),
        rx.el.p(_("This page or service does not exist, or it is no longer in the directory.")),
        rx.el.a(
            _("Go to the home page"),
            href=routes.home(locale),
            class_name=f"{BUTTON} bg-teal-800 text-white",
        ),
        class_name="space-y-3 py-4",
        data_testid="not-found",
    )


def contact_links(s: ObjectVar[DetailView], _: Translator) -> rx.Component:
    """The service's own website and email, next to its phones (each only when it has one)."""
    outline = f"{BUTTON} border-2 border-slate-300 text-teal-900"
    return rx.el.div(
        rx.cond(
            s.url,
            rx.el.a(
                rx.icon("globe", size=20, aria_hidden="true"),
                _("Website"),
                href=s.url,
                target="_blank",
                rel="noopener noreferrer",
                class_name=outline,
                data_testid="website",
            ),
        ),
        rx.cond(
            s.email,
            rx.el.a(
                rx.icon("mail", size=20, aria_hidden="true", class_name="shrink-0"),
                rx.el.bdi(s.email, dir="ltr", class_name="font-medium break-all"),
                href="mailto:" + s.email.to(str),
                class_name=outline,
                data_testid="email",
            ),
        ),
        class_name="grid grid-cols-1 sm:grid-cols-2 gap-2 empty:hidden",
    )


def documents_section(s: ObjectVar[DetailView], _: Translator) -> rx.Component:
    """The documents to bring (each with its link when it has one), or that none is needed;
    nothing when the directory says neither."""
    listed = rx.el.ul(
        rx.foreach(
            s.documents,
            lambda d: rx.el.li(
                d.text,
                rx.cond(
                    d.link,
                    rx.el.a(
                        rx.icon("external-link", size=18, aria_hidden="true", class_name="shrink-0"),
                        _("Open the link"),
                        href=d.link,
                        target="_blank",
                        rel="noopener noreferrer",
                        class_name=f"flex items-center gap-1.5 min-h-11 text-teal-900 underline {FOCUS}",
                    ),
                ),
                data_testid="document",
            ),
        ),
        class_name="list-disc ps-6 space-y-1",
    )
    return rx.cond(
        s.documents.length() > 0,
        section(_("Documents to bring"), "file-text", listed),
        section(_("Documents"), "file-text", rx.el.p(_("No documents needed.")), when=s.no_documents_needed),
    )


def detail(s: ObjectVar[DetailView], locale: str, _: Translator) -> rx.Component:
    """The service itself."""

    return rx.el.article(
        rx.el.h1(s.name, class_name="text-2xl font-bold text-teal-900"),
        rx.el.p(s.organization, class_name="text-slate-700"),
        rx.el.div(
            status(s.status, s.tone),
            rx.el.div(
                rx.cond(s.is_free, badge(_("Free"), "hand-heart", "green")),
                rx.cond(s.no_documents_needed, badge(_("No documents needed"), "file-check", "green")),
                rx.cond(s.is_sample, badge(_("Sample data"), "flask-conical", "amber")),
                class_name="flex flex-wrap gap-2",
            ),
            class_name="space-y-2 py-2",
        ),
        service_alerts(s.slug),
        rx.cond(
            s.fallback_note,
            rx.el.p(
                rx.icon("languages", size=18, aria_hidden="true"),
                s.fallback_note,
                class_name="flex items-center gap-2 rounded-lg bg-slate-100 p-2 text-sm",
                role="note",
            ),
        ),
        rx.el.div(phone_buttons(s.phones, _), contact_links(s, _), class_name="py-2 space-y-2"),
        rx.el.p(s.description, class_name="py-2 text-lg"),
        section(
            _("Who can use it"),
            "users",
            rx.cond(s.ages, rx.el.p(s.ages, class_name="font-semibold", data_testid="ages")),
            rx.el.p(s.eligibility),
            when=s.eligibility.to(bool) | s.ages.to(bool),
        ),
        documents_section(s, _),
        section(
            _("Cost"),
            "wallet",
            rx.el.p(either(s.is_free, _("Free."), s.fees_description)),
            rx.cond(s.is_free & s.fees_description.to(bool), rx.el.p(s.fees_description)),
        ),
        section(
            _("How to get it"),
            "list-checks",
            rx.el.p(s.application_process),
            when=s.application_process,
        ),
        where_section(s, _),
        hours_section(s, _),
        section(
            _("Languages spoken"),
            "languages",
            rx.el.p(s.languages_text),
            rx.cond(
                s.interpretation,
                rx.el.p(
                    rx.el.strong(_("Interpretation:")), " ", s.interpretation, data_testid="interpretation"
                ),
            ),
            when=s.languages_text.to(bool) | s.interpretation.to(bool),
        ),
        rx.el.div(
            rx.el.p(
                rx.icon("badge-check", size=18, aria_hidden="true"),
                _("Last verified:"),
                " ",
                either(s.verified, s.verified, _("not yet verified")),
                class_name="flex items-center gap-1.5 text-sm text-slate-700",
            ),
            report_form(s.slug, locale, _),
            class_name="pt-3 border-t border-slate-200",
        ),
        rx.el.a(
            rx.icon("share-2", size=20, aria_hidden="true"),
            _("Share"),
            href=s.share,
            rel="noopener",
            on_click=client.js("pasoShare"),
            class_name=f"{BUTTON} mt-4 w-full border-2 border-slate-300",
        ),
        class_name="space-y-1",
        data_testid="service",
    )


def back_link(locale: str, _: Translator) -> rx.Component:
    """Back to the list or search the person came from (an installed app on iOS has no back
    button); the home page when they came from elsewhere. ``pasoStart`` fills it in."""
    back = back_view()
    return rx.el.a(
        rx.icon("arrow-left", size=20, aria_hidden="true", class_name="shrink-0 rtl:-scale-x-100"),
        rx.match(
            back.kind,
            (BackKind.SEARCH, _("Back to the search")),
            (BackKind.NEED, _("Back to the list")),
            _("Back to the home page"),
        ),
        href=either(back.href, back.href, routes.home(locale)),
        class_name=f"inline-flex items-center gap-2 min-h-11 -ms-1 px-1 mb-1 font-semibold text-teal-900 underline {FOCUS}",
        data_testid="back",
    )


def service_page(locale: str) -> rx.Component:
    """One prerendered page per locale serves every service (``?id=<slug>``)."""
    _ = Translator(locale)
    shown = client.view("detail", f"detail_{locale}", {"labels": status_labels(_)})
    s = detail_view(shown)
    return page(
        locale,
        back_link(locale, _),
        rx.cond(
            s.found,
            detail(s, locale, _),
            rx.match(
                s.state,
                (DetailState.LOADING, rx.el.p(_("Loading the directory…"), class_name="py-6 text-slate-600")),
                (
                    DetailState.ERROR,
                    rx.el.p(
                        _("The directory could not be loaded. Check your connection and try again."),
                        role="alert",
                    ),
                ),
                (DetailState.NOT_READY, setup_needed(_)),
                not_found(locale, _),
            ),
        ),
        same_page=routes.service,
        on_mount=client.start(routes.snapshot(locale), get_settings().timezone, "detail", shown),
    )
