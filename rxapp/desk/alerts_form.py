"""The Alerts page's forms: the templates as big buttons with each one's blanks, and the free
text. They take the page's vars and events, so they import no page (the lists: ``alerts_list``).

Field errors are keyed by form ("t." the template's, "m." the free text's): both forms ask for
a text, and each shows only its own problems.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components.desk import CARD, PRIMARY, SECONDARY
from rxapp.components.form import INPUT, LABEL, choice, error, field
from rxapp.components.style import FOCUS, either
from rxapp.desk.alerts_display import BLANKS, URGENCIES, TemplateButton, template_buttons
from rxapp.i18n.catalogs import Translator
from rxapp.i18n.locales import info
from rxapp.models import AlertKind, AlertUrgency
from rxapp.models.alerts import TEXT_MAX, TITLE_MAX
from rxapp.services.alerts import TEMPLATES, AlertDraft
from rxapp.services.alerts.inputs import BLANK_MAX
from rxapp.settings import get_settings

Errors = ObjectVar[dict[str, str]]


@dataclass(frozen=True)
class ServiceOption:
    """A service to choose, by slug, named in the desk's language."""

    slug: str
    name: str


def _summary(errors: Errors, key: str) -> rx.Component:
    message = errors[key].to(str)
    return rx.cond(message, rx.el.p(message, role="alert", class_name="font-semibold text-red-800"))


def _urgency(_: Translator, prefix: str, default: AlertUrgency | rx.Var[str]) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(_("How urgent"), class_name=LABEL),
        rx.el.div(
            *[
                rx.el.label(
                    rx.el.input(
                        type="radio",
                        name="urgency",
                        value=u.value,
                        default_checked=u is default
                        if isinstance(default, AlertUrgency)
                        else default == u.value,
                        class_name="size-6 accent-teal-800",
                    ),
                    _(URGENCIES[u]),
                    class_name="flex items-center gap-2 min-h-12 px-3 rounded-xl border-2 border-slate-300",
                )
                for u in AlertUrgency
            ],
            class_name="flex flex-wrap gap-2",
        ),
        class_name="space-y-1",
        data_testid=f"{prefix}urgency",
    )


def _language(_: Translator, key: str) -> rx.Component:
    return rx.el.div(
        rx.el.label(_("Written in"), html_for=f"f-{key}", class_name=LABEL),
        rx.el.select(
            *[rx.el.option(info(tag).native_name, value=tag) for tag in get_settings().locales],
            id=f"f-{key}",
            name="source_locale",
            default_value=_.tag,
            class_name=INPUT,
        ),
        class_name="space-y-1",
    )


def _blank(
    _: Translator, blank: str, kind: str, services: rx.Var[list[ServiceOption]], errors: Errors
) -> rx.Component:
    name = "text" if blank == "what" else blank
    key = f"t.{name}"
    common: dict[str, Any] = {"id": f"f-{key}", "name": name, "class_name": INPUT}
    control: rx.Component
    if blank == "service":
        control = rx.el.select(
            rx.el.option(_("Choose a service"), value=""),
            rx.foreach(services, lambda s: rx.el.option(s.name, value=s.slug)),
            **common,
        )
    elif blank == "date":
        control = rx.el.input(type="date", **common)
    elif blank == "what":
        control = rx.el.textarea(max_length=TEXT_MAX, rows=3, dir="auto", **common)
    else:
        control = rx.el.input(type="text", max_length=BLANK_MAX, dir="auto", **common)  # any script
    hints = {
        "what": _("Translators translate it; until then it shows as you wrote it."),
        "place": _("A name, shown as you write it."),
    }
    return field(_(BLANKS[blank]), hints.get(blank, ""), control, errors, key)


def _template_form(
    t: TemplateButton,
    default: AlertUrgency,
    _: Translator,
    post: Any,
    choose: Any,
    services: Any,
    errors: Errors,
) -> rx.Component:
    return rx.el.form(
        rx.el.input(type="hidden", name="kind", value=t.kind),
        rx.el.h3(t.label, class_name="text-xl font-bold"),
        rx.el.p(t.words, class_name="text-slate-700"),
        *[_blank(_, blank, t.kind, services, errors) for blank in t.blanks],
        *([_language(_, "t.source_locale")] if "what" in t.blanks else []),
        _urgency(_, "t.", default),
        _summary(errors, "t.form"),
        rx.el.div(
            rx.el.button(_("Post"), type="submit", class_name=PRIMARY, data_testid="post-template"),
            rx.el.button(_("Cancel"), type="button", on_click=choose(""), class_name=SECONDARY),
            class_name="flex flex-wrap gap-2",
        ),
        on_submit=post,
        class_name=f"{CARD} space-y-3 border-2 border-teal-800",
        data_testid="template-form",
    )


def template_picker(
    _: Translator, chosen: rx.Var[str], choose: Any, post: Any, services: Any, errors: Errors
) -> rx.Component:
    """The templates as big buttons; the chosen one's blanks and "Post" below them."""
    buttons = template_buttons(_)
    return rx.el.section(
        rx.el.h2(_("From a template"), class_name="text-xl font-bold"),
        rx.el.div(
            *[
                rx.el.button(
                    rx.icon(t.icon, size=28, aria_hidden="true", class_name="shrink-0"),
                    rx.el.span(
                        rx.el.span(t.label, class_name="block font-bold text-lg"),
                        rx.el.span(t.words, class_name="block text-sm text-slate-700"),
                        class_name="text-start",
                    ),
                    type="button",
                    on_click=choose(t.kind),
                    aria_pressed=either(chosen == t.kind, "true", "false"),
                    class_name=f"flex items-center gap-3 min-h-20 p-3 rounded-2xl border-2 border-slate-300 bg-white {FOCUS} "
                    "aria-[pressed=true]:border-teal-800 aria-[pressed=true]:bg-teal-50",
                    data_testid=f"template-{t.kind}",
                )
                for t in buttons
            ],
            class_name="grid gap-3 md:grid-cols-2 lg:grid-cols-3",
        ),
        *[
            rx.cond(
                chosen == t.kind,
                _template_form(t, TEMPLATES[AlertKind(t.kind)].urgency, _, post, choose, services, errors),
            )
            for t in buttons
        ],
        class_name="space-y-3",
    )


def free_form(_: Translator, post: Any, services: Any, errors: Errors, form_key: rx.Var[int]) -> rx.Component:
    """A free-text alert: title and text in any language, urgency, scope, start and end."""
    scope = rx.el.fieldset(
        rx.el.legend(_("For whom"), class_name=LABEL),
        rx.el.p(
            _("Tick no service for the whole centre."),
            id="m.services-hint",
            class_name="text-sm text-slate-700",
        ),
        rx.el.div(
            rx.foreach(services, lambda s: choice(f"services.{s.slug}", "1", s.name)),
            class_name="grid gap-2 md:grid-cols-2 max-h-72 overflow-y-auto p-1",
        ),
        error(errors, "m.services"),
        class_name="space-y-1",
    )
    return rx.el.section(
        rx.el.h2(_("In your own words"), class_name="text-xl font-bold"),
        rx.el.form(
            rx.el.input(type="hidden", name="kind", value="message"),
            field(
                _("Title"),
                _("Short: one line on a phone."),
                rx.el.input(id="f-m.title", name="title", max_length=TITLE_MAX, dir="auto", class_name=INPUT),
                errors,
                "m.title",
            ),
            field(
                _("Text"),
                _("What people need to know and do."),
                rx.el.textarea(
                    id="f-m.text", name="text", max_length=TEXT_MAX, rows=4, dir="auto", class_name=INPUT
                ),
                errors,
                "m.text",
            ),
            _language(_, "m.source_locale"),
            _urgency(_, "m.", AlertUrgency.INFO),
            scope,
            rx.el.div(
                field(
                    _("From"),
                    _("Empty: now."),
                    rx.el.input(
                        id="f-m.starts_at", name="starts_at", type="datetime-local", class_name=INPUT
                    ),
                    errors,
                    "m.starts_at",
                ),
                field(
                    _("Until"),
                    _("It ends by itself then."),
                    rx.el.input(id="f-m.ends_at", name="ends_at", type="datetime-local", class_name=INPUT),
                    errors,
                    "m.ends_at",
                ),
                class_name="grid gap-3 md:grid-cols-2",
            ),
            _summary(errors, "m.form"),
            rx.el.button(_("Post"), type="submit", class_name=PRIMARY, data_testid="post-message"),
            on_submit=post,
            key=form_key,
            class_name=f"{CARD} space-y-3",
        ),
        class_name="space-y-3",
    )


def edit_form(
    _: Translator, draft: ObjectVar[AlertDraft], save: Any, close: Any, errors: Errors
) -> rx.Component:
    """An alert's edit form (under its line): urgency, times and its own words
    (``rxapp.services.alerts.drafts`` says why nothing else changes)."""
    words = rx.fragment(
        rx.cond(
            draft.has_title,
            field(
                _("Title"),
                _("Short: one line on a phone."),
                rx.el.input(
                    id="f-e.title", name="title", default_value=draft.title,
                    max_length=TITLE_MAX, dir="auto", class_name=INPUT,
                ),
                errors,
                "e.title",
            ),
        ),
        rx.cond(
            draft.has_text,
            field(
                _("Text"),
                _("Translators see that it changed."),
                rx.el.textarea(
                    id="f-e.text", name="text", default_value=draft.text,
                    max_length=TEXT_MAX, rows=4, dir="auto", class_name=INPUT,
                ),
                errors,
                "e.text",
            ),
        ),
    )  # fmt: skip
    return rx.el.form(
        rx.el.h3(_("Change this alert"), class_name="text-lg font-bold"),
        rx.el.p(
            _("To change whom it is for, end it and post a new one."), class_name="text-sm text-slate-700"
        ),
        words,
        _urgency(_, "e.", draft.urgency),
        rx.el.div(
            field(
                _("From"),
                "",
                rx.el.input(
                    id="f-e.starts_at", name="starts_at", type="datetime-local",
                    default_value=draft.starts_at, class_name=INPUT,
                ),
                errors,
                "e.starts_at",
            ),
            field(
                _("Until"),
                _("It ends by itself then."),
                rx.el.input(
                    id="f-e.ends_at", name="ends_at", type="datetime-local",
                    default_value=draft.ends_at, class_name=INPUT,
                ),
                errors,
                "e.ends_at",
            ),
            class_name="grid gap-3 md:grid-cols-2",
        ),
        _summary(errors, "e.form"),
        rx.el.div(
            rx.el.button(_("Save"), type="submit", class_name=PRIMARY, data_testid="save-alert"),
            rx.el.button(_("Cancel"), type="button", on_click=close, class_name=SECONDARY),
            class_name="flex flex-wrap gap-2",
        ),
        on_submit=save,
        key=draft.id,
        class_name="space-y-3 border-t-2 border-slate-200 pt-3",
        data_testid="edit-form",
    )  # fmt: skip
