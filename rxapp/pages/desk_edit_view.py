"""What the service form looks like: sections in one form, saved together; the form for a
new service; a header with "verified today" and the way to the translations."""

from __future__ import annotations

import reflex as rx

from rxapp import routes
from rxapp.components.desk import CARD, PRIMARY, SECONDARY, alert
from rxapp.components.form import LABEL
from rxapp.desk import frame
from rxapp.desk.session import DeskState
from rxapp.i18n.catalogs import Translator
from rxapp.i18n.locales import info
from rxapp.models import Role
from rxapp.pages.desk_edit import EditState
from rxapp.pages.desk_edit_display import STATUSES
from rxapp.pages.desk_edit_rows import BOX, exceptions, field, hours, invalid, phones, problem, tick
from rxapp.services.editing_input import FORM
from rxapp.settings import get_settings
from rxapp.taxonomy import NEEDS


def _select(label: str, name: str, options: list[rx.Component] | rx.Component) -> rx.Component:
    return rx.el.div(
        rx.el.label(label, html_for=name, class_name=LABEL),
        rx.el.select(
            *(options if isinstance(options, list) else [options]),
            id=name,
            name=name,
            default_value=EditState.values[name],
            class_name=BOX,
            **invalid(name),
        ),
        problem(name),
        class_name="space-y-1",
    )


def _in(kind: str) -> dict[str, rx.Var[str]]:
    """The boxes of source texts take the texts' language and direction, not the desk's."""
    return {"dir": EditState.values[f"{kind}_dir"].to(str), "lang": EditState.values[f"{kind}_lang"].to(str)}


def _texts(_: Translator) -> rx.Component:
    language = EditState.values["source_language"]
    written = _in("source")
    return rx.el.fieldset(
        rx.el.legend(_("Texts"), class_name="text-xl font-bold"),
        rx.cond(
            language,
            rx.el.p(_("Written in:"), " ", rx.el.strong(language), class_name="text-sm text-slate-700"),
        ),
        field(_("Name"), "name", required=True, **written),
        field(_("What it offers"), "description", long=True, **written),
        field(_("Who can use it"), "eligibility", long=True, **written),
        field(_("How to get it"), "application_process", long=True, **written),
        field(_("Cost"), "fees_description", long=True, **written),
        class_name=f"{CARD} space-y-3",
    )


def _conditions(_: Translator) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(_("Status and conditions"), class_name="text-xl font-bold"),
        _select(
            _("Status"), "status", [rx.el.option(_(label), value=s.value) for s, label in STATUSES.items()]
        ),
        rx.el.div(
            tick("is_free", _("Free"), EditState.values["is_free"].to(bool)),
            tick(
                "no_documents_needed",
                _("No documents needed"),
                EditState.values["no_documents_needed"].to(bool),
            ),
            class_name="flex flex-wrap gap-2",
        ),
        rx.el.fieldset(
            rx.el.legend(_("Needs it answers"), class_name=LABEL),
            problem("categories"),
            rx.el.div(
                *[tick(f"categories.{n.slug}", _(n.label), EditState.needs.contains(n.slug)) for n in NEEDS],
                class_name="grid grid-cols-2 md:grid-cols-3 gap-2",
            ),
        ),
        field(
            _("Search words (optional)"),
            "keywords",
            hint=_(
                "Other words people use to look for this service, in any language, separated by "
                "commas. The words of its needs are already included."
            ),
        ),
        rx.el.fieldset(
            rx.el.legend(_("Languages spoken there"), class_name=LABEL),
            problem("languages"),
            rx.el.div(
                rx.foreach(
                    EditState.language_choices,
                    lambda pair: tick("languages." + pair[0], pair[1], EditState.spoken.contains(pair[0])),
                ),
                class_name="grid grid-cols-2 md:grid-cols-4 gap-2",
            ),
        ),
        class_name=f"{CARD} space-y-3",
    )


def _organization(_: Translator) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(_("Organization"), class_name="text-xl font-bold"),
        rx.el.p(_("Shared by every service of this organization."), class_name="text-sm text-slate-700"),
        field(_("Name"), "organization.name", required=True, **_in("organization")),
        field(_("Description"), "organization.description", long=True, **_in("organization")),
        rx.el.div(
            field(_("Website (optional)"), "organization.url", type="url", dir="ltr"),
            field(_("Email (optional)"), "organization.email", type="email", dir="ltr"),
            class_name="grid md:grid-cols-2 gap-3",
        ),
        class_name=f"{CARD} space-y-3",
    )


def _place(_: Translator) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(_("Place"), class_name="text-xl font-bold"),
        rx.cond(
            EditState.values["shared"],
            rx.el.p(
                EditState.values["shared"], class_name="rounded-xl bg-amber-50 border border-amber-300 p-2"
            ),
        ),
        field(_("Name of the place"), "location.name"),
        field(_("Address"), "location.address"),
        field(_("Directions from a landmark"), "location.directions", long=True),
        rx.el.div(
            field(_("Latitude (optional)"), "location.latitude", input_mode="decimal", dir="ltr"),
            field(_("Longitude (optional)"), "location.longitude", input_mode="decimal", dir="ltr"),
            class_name="grid grid-cols-2 gap-3",
        ),
        class_name=f"{CARD} space-y-3",
    )


def _messages() -> rx.Component:
    return rx.fragment(
        alert(EditState.errors[FORM].to(str), "edit-error"),
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
    values = EditState.values
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
        rx.el.form(
            _texts(_),
            _conditions(_),
            _organization(_),
            _place(_),
            hours(_),
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
        _select(
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
            _texts(_),
            _conditions(_),
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
        ("edit", _edit(_)),
        ("new", _new(_)),
        ("missing", rx.el.p(_("This service is not in the directory."), class_name="p-6")),
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
