"""The sections of the service forms: texts, status and conditions, organization and place.
Each box starts from the saved value and shows its own problem (``rows``)."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars import ArrayVar

from rxapp.components.desk import CARD
from rxapp.components.form import LABEL
from rxapp.desk.directory_display import LOCATION_TYPES, STATUSES
from rxapp.desk.service.rows import BOX, field, invalid, problem, tick
from rxapp.desk.service.state import VALUES, EditState
from rxapp.i18n.catalogs import Translator
from rxapp.taxonomy import NEEDS


def select(label: str, name: str, options: list[rx.Component] | rx.Component) -> rx.Component:
    """A labelled list to choose from, starting from the saved value."""
    return rx.el.div(
        rx.el.label(label, html_for=name, class_name=LABEL),
        rx.el.select(
            *(options if isinstance(options, list) else [options]),
            id=name,
            name=name,
            default_value=VALUES[name],
            class_name=BOX,
            **invalid(name),
        ),
        problem(name),
        class_name="space-y-1",
    )


def _in(kind: str) -> dict[str, Any]:
    """The boxes of source texts take the texts' language and direction, not the desk's."""
    return {"dir": VALUES[f"{kind}_dir"].to(str), "lang": VALUES[f"{kind}_lang"].to(str)}


def texts(_: Translator) -> rx.Component:
    """The service's texts, in the language they are written in."""
    language = VALUES["source_language"]
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
        field(
            _("Interpretation (optional)"),
            "interpretation_services",
            long=True,
            hint=_("Which languages an interpreter can help in, and how to ask for one."),
            **written,
        ),
        class_name=f"{CARD} space-y-3",
    )


def conditions(_: Translator) -> rx.Component:
    """Status, free, documents, ages, contacts, needs, search words and languages spoken."""
    return rx.el.fieldset(
        rx.el.legend(_("Status and conditions"), class_name="text-xl font-bold"),
        select(
            _("Status"), "status", [rx.el.option(_(label), value=s.value) for s, label in STATUSES.items()]
        ),
        rx.el.div(
            tick("is_free", _("Free"), VALUES["is_free"].to(bool)),
            tick(
                "no_documents_needed",
                _("No documents needed"),
                VALUES["no_documents_needed"].to(bool),
            ),
            class_name="flex flex-wrap gap-2",
        ),
        rx.el.div(
            field(_("Minimum age (optional)"), "minimum_age", input_mode="numeric", dir="ltr"),
            field(_("Maximum age (optional)"), "maximum_age", input_mode="numeric", dir="ltr"),
            field(_("Website of the service (optional)"), "url", type="url", dir="ltr"),
            field(_("Email of the service (optional)"), "email", type="email", dir="ltr"),
            class_name="grid md:grid-cols-2 gap-3",
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
        spoken(_("Languages spoken there"), "languages", EditState.spoken),
        class_name=f"{CARD} space-y-3",
    )


def spoken(legend: str, name: str, chosen: ArrayVar[Any]) -> rx.Component:
    """Ticks for the languages spoken, of the service (``languages``) or its place."""
    return rx.el.fieldset(
        rx.el.legend(legend, class_name=LABEL),
        problem(name),
        rx.el.div(
            rx.foreach(
                EditState.language_choices,
                lambda pair: tick(f"{name}." + pair[0], pair[1], chosen.contains(pair[0])),
            ),
            class_name="grid grid-cols-2 md:grid-cols-4 gap-2",
        ),
    )


def organization(_: Translator) -> rx.Component:
    """The organization's texts and contacts, shared by its services."""
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


def place(_: Translator) -> rx.Component:
    """Where the service is given (a place other services may share)."""
    return rx.el.fieldset(
        rx.el.legend(_("Place"), class_name="text-xl font-bold"),
        rx.cond(
            VALUES["shared"],
            rx.el.p(VALUES["shared"], class_name="rounded-xl bg-amber-50 border border-amber-300 p-2"),
        ),
        field(_("Name of the place"), "location.name"),
        select(
            _("How people reach it"),
            "location.location_type",
            [rx.el.option(_(label), value=kind.value) for kind, label in LOCATION_TYPES.items()],
        ),
        field(_("Address"), "location.address"),
        rx.el.div(
            field(_("City (optional)"), "location.city"),
            field(_("State (optional)"), "location.state_province"),
            field(_("Postal code (optional)"), "location.postal_code", dir="ltr"),
            field(
                _("Country (optional)"),
                "location.country",
                hint=_("Two letters, such as MX. Empty: the centre's country."),
                dir="ltr",
                max_length=2,
            ),
            class_name="grid md:grid-cols-2 gap-3",
        ),
        field(_("Directions from a landmark"), "location.directions", long=True),
        rx.el.div(
            field(_("Latitude (optional)"), "location.latitude", input_mode="decimal", dir="ltr"),
            field(_("Longitude (optional)"), "location.longitude", input_mode="decimal", dir="ltr"),
            class_name="grid grid-cols-2 gap-3",
        ),
        field(
            _("Accessibility (optional)"),
            "location.accessibility",
            long=True,
            hint=_(
                "How a person in a wheelchair or with other needs gets in and around, such as: "
                "Ramp at the side door; toilets on the ground floor."
            ),
        ),
        field(_("More about accessibility (optional)"), "location.accessibility_details", long=True),
        spoken(_("Languages spoken at this place"), "location.languages", EditState.place_spoken),
        class_name=f"{CARD} space-y-3",
    )
