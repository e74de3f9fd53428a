"""What the service form looks like: sections in one form, saved together; the form for a
new service; a header with "verified today" and the way to the translations."""

from __future__ import annotations

import reflex as rx

from rxapp import routes
from rxapp.components.desk import CARD, PRIMARY, SECONDARY, alert
from rxapp.components.form import LABEL
from rxapp.desk import frame
from rxapp.desk.service.documents import documents
from rxapp.desk.service.place_hours import place_hours
from rxapp.desk.service.review import review_banner
from rxapp.desk.service.rows import BOX, exceptions, field, hours, invalid, phones, problem
from rxapp.desk.service.sections import conditions, organization, place, select, texts
from rxapp.desk.service.state import ERRORS, VALUES, EditState, Mode
from rxapp.desk.session import DeskState
from rxapp.i18n.catalogs import Translator
from rxapp.i18n.locales import info
from rxapp.models import Role
from rxapp.services.editing_input import FORM
from rxapp.settings import get_settings


def _messages() -> rx.Component:
    return rx.fragment(
        alert(ERRORS[FORM].to(str), "edit-error"),
        rx.cond(
            EditState.edit_message,
            rx.el.p(
                EditState.edit_message,
                role="status",
                class_name="rounded-xl bg-green-50 border-2 border-green-700 p-3 font-semibold",
                data_testid="edit-message",
            ),
        ),
    )


def _save_bar(label: str) -> rx.Component:
    return rx.el.div(
        _messages(),
        rx.el.button(
            label, type="submit", class_name=f"{PRIMARY} w-full md:w-auto", data_testid="save-service"
        ),
        class_name="sticky bottom-0 bg-slate-50/95 py-3 space-y-2 border-t border-slate-200",
    )


def _header(_: Translator) -> rx.Component:
    values = VALUES
    return rx.el.div(
        rx.el.div(
            rx.el.h1(rx.el.bdi(values["name"]), class_name="text-2xl font-bold"),
            rx.el.p(rx.el.bdi(values["organization"]), class_name="text-slate-700"),
            rx.el.p(
                _("Last verified:"), " ", values["verified"], class_name="text-sm", data_testid="verified"
            ),
        ),
        rx.el.div(
            rx.el.button(
                rx.icon("badge-check", size=18, aria_hidden="true"),
                _("Verified today"),
                type="button",
                on_click=EditState.verify,
                class_name=SECONDARY,
            ),
            rx.el.a(_("Translations"), href=values["translations"], class_name=SECONDARY),
            rx.el.a(_("Public page"), href=values["public"], target="_blank", class_name=SECONDARY),
            class_name="flex flex-wrap gap-2 ms-auto",
        ),
        class_name="flex flex-wrap items-start gap-3",
    )


def _edit(_: Translator) -> rx.Component:
    return rx.el.div(
        _header(_),
        review_banner(_),
        rx.el.form(
            texts(_),
            conditions(_),
            documents(_),
            organization(_),
            place(_),
            hours(_),
            place_hours(_),
            exceptions(_),
            phones(_),
            _save_bar(_("Save changes")),
            key=EditState.form_version.to_string(),
            on_submit=EditState.save,
            class_name="space-y-4",
            no_validate=True,
        ),
        class_name="space-y-4",
    )


def _new(_: Translator) -> rx.Component:
    settings = get_settings()
    organization = rx.el.fieldset(
        rx.el.legend(_("Organization"), class_name="text-xl font-bold"),
        rx.el.div(
            rx.el.label(
                _("Organization that gives the service"), html_for="organization_id", class_name=LABEL
            ),
            rx.el.select(
                rx.el.option(_("A new organization"), value=""),
                rx.foreach(EditState.organizations, lambda o: rx.el.option(o[1], value=o[0])),
                id="organization_id",
                name="organization_id",
                class_name=BOX,
                **invalid("organization_id"),
            ),
            problem("organization_id"),
            class_name="space-y-1",
        ),
        field(_("Name of the new organization"), "new_organization", hint=_("Only for a new organization.")),
        select(
            _("Language of the texts you type"),
            "source_locale",
            [rx.el.option(info(tag).native_name, value=tag) for tag in settings.locales],
        ),
        class_name=f"{CARD} space-y-3",
    )
    return rx.el.div(
        rx.el.h1(_("New service"), class_name="text-2xl font-bold"),
        rx.el.form(
            organization,
            texts(_),
            conditions(_),
            _save_bar(_("Create service")),
            key=EditState.form_version.to_string(),
            on_submit=EditState.create,
            class_name="space-y-4",
            no_validate=True,
        ),
        class_name="space-y-4",
    )


def edit_page(locale: str) -> rx.Component:
    """One service's form, or the form for a new service."""
    _ = Translator(locale)
    content = rx.match(
        EditState.mode,
        (Mode.EDIT.value, _edit(_)),
        (Mode.NEW.value, _new(_)),
        (Mode.MISSING.value, rx.el.p(_("This service is not in the directory."), class_name="p-6")),
        rx.el.p(_("Loading…"), role="status", class_name="p-8 text-center text-slate-600"),
    )
    return frame.frame(
        locale,
        rx.el.a(
            rx.icon("arrow-left", size=18, aria_hidden="true", class_name="rtl:rotate-180"),
            _("All services"),
            href=routes.desk_directory(locale),
            class_name="inline-flex items-center gap-1 mb-3 text-teal-900 underline",
        ),
        rx.cond(
            DeskState.role == Role.COORDINATOR.value,
            content,
            rx.el.p(_("Only coordinators edit the directory."), class_name="p-6"),
        ),
        active="desk_directory",
        same_page=routes.desk_service,
    )
