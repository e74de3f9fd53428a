"""The important numbers desk page: the list in its public order and the form to add or edit."""

from __future__ import annotations

from typing import Any, cast

import reflex as rx
from reflex.vars import ObjectVar

from rxapp import routes
from rxapp.components.desk import CARD, DANGER, PRIMARY, SECONDARY, alert
from rxapp.components.form import INPUT, LABEL
from rxapp.components.style import either
from rxapp.desk import frame
from rxapp.desk.numbers.state import NumberRow, NumbersState
from rxapp.i18n.catalogs import Translator
from rxapp.services.numbers import GROUP_LABELS, HOURS_MAX, NAME_MAX, PURPOSE_MAX

# The form's values by field (the state types it as a plain dict).
FORM = cast(ObjectVar[dict[str, Any]], NumbersState.form)


def _text(label: str, name: str, *, hint: str = "", size: int = 40, ltr: bool = False) -> rx.Component:
    return rx.el.div(
        rx.el.label(label, html_for=f"number-{name}", class_name=LABEL),
        rx.el.input(
            id=f"number-{name}",
            name=name,
            default_value=FORM[name].to(str),
            max_length=size,
            dir="ltr" if ltr else None,
            input_mode="tel" if ltr else None,
            auto_complete="off",
            class_name=INPUT,
        ),
        rx.cond(hint != "", rx.el.p(hint, class_name="text-sm text-slate-600")),
        class_name="space-y-1",
    )


def _box(label: str, name: str) -> rx.Component:
    return rx.el.label(
        rx.el.input(
            type="checkbox",
            name=name,
            id=f"number-{name}",
            default_checked=FORM[name].to(bool),
            class_name="size-6",
        ),
        label,
        class_name="flex items-center gap-3 min-h-12 text-lg",
    )


def _form(_: Translator) -> rx.Component:
    return rx.el.form(
        _text(_("Name"), "name", size=NAME_MAX),
        _text(_("What it is for"), "purpose", size=PURPOSE_MAX),
        rx.el.div(
            rx.el.label(_("Group"), html_for="number-group", class_name=LABEL),
            rx.el.select(
                *[rx.el.option(_(label), value=group.value) for group, label in GROUP_LABELS.items()],
                id="number-group",
                name="group",
                default_value=FORM["group"].to(str),
                class_name=INPUT,
            ),
            class_name="space-y-1",
        ),
        _text(
            _("Phone number"),
            "phone",
            hint=_("With its country code, e.g. +52 962 555 0100; or a short number such as 911."),
            ltr=True,
        ),
        _text(_("Another phone number (optional)"), "other_phone", ltr=True),
        _box(_("Has WhatsApp"), "whatsapp"),
        _text(_("WhatsApp number, if it is another one"), "whatsapp_number", ltr=True),
        _box(_("Open 24 hours"), "always_open"),
        _text(_("Hours, in words"), "hours", hint=_("e.g. Monday to Friday, 9:00 to 15:00"), size=HOURS_MAX),
        rx.el.div(
            rx.el.button(_("Save the number"), type="submit", class_name=PRIMARY, data_testid="save-number"),
            rx.cond(
                NumbersState.editing,
                rx.el.button(_("New number"), type="button", on_click=NumbersState.new, class_name=SECONDARY),
            ),
            class_name="flex flex-wrap gap-2 md:col-span-2",
        ),
        key=NumbersState.form_key.to_string(),
        on_submit=NumbersState.save,
        class_name="grid gap-3 md:grid-cols-2 items-start",
        data_testid="number-form",
    )


def _named(row: ObjectVar[NumberRow]) -> rx.Component:
    """The number's name after a button's word, for screen readers only: "Edit, Cruz Roja"
    (a list of rows of "Edit" and "Remove" says nothing of which row)."""
    return rx.el.span(", ", row.name, class_name="sr-only")


def _row(row: ObjectVar[NumberRow], _: Translator) -> rx.Component:
    return rx.el.li(
        rx.el.div(
            rx.el.bdi(row.name, class_name="font-semibold"),
            rx.el.span(row.group, class_name="text-sm text-slate-700"),
            rx.el.bdi(row.phones, dir="ltr", class_name="font-mono text-sm"),
            rx.cond(row.sample, rx.el.span(_("Sample data"), class_name="text-sm text-amber-900")),
            rx.el.span(_("Written in:"), " ", row.language, class_name="text-sm text-slate-600"),
            class_name="flex flex-wrap items-center gap-x-3 gap-y-1",
        ),
        rx.cond(
            NumbersState.removing == row.id,
            rx.el.div(
                rx.el.p(_("Remove this number from the list?"), class_name="font-semibold w-full"),
                rx.el.button(
                    _("Yes, remove"),
                    _named(row),
                    type="button",
                    on_click=NumbersState.remove(row.id),
                    class_name=DANGER,
                    data_testid="confirm-remove",
                ),
                rx.el.button(
                    _("Keep it"), _named(row), type="button", on_click=NumbersState.keep, class_name=SECONDARY
                ),
                role="group",
                class_name="flex flex-wrap items-center gap-2 rounded-xl bg-red-50 p-3",
                data_testid="remove-question",
            ),
            rx.el.div(
                *[
                    rx.el.button(
                        label,
                        _named(row),
                        type="button",
                        on_click=event,
                        class_name=SECONDARY,
                        data_testid=testid,
                    )
                    for label, event, testid in (
                        (_("Edit"), NumbersState.edit(row.id), "edit-number"),
                        (_("Move up"), NumbersState.move(row.id, -1), "move-up"),
                        (_("Move down"), NumbersState.move(row.id, 1), "move-down"),
                        (_("Remove"), NumbersState.ask_remove(row.id), "remove-number"),
                    )
                ],
                class_name="flex flex-wrap gap-2",
            ),
        ),
        class_name="space-y-2 border-b border-slate-200 pb-3",
        data_testid="number-row",
    )


def numbers_page(locale: str) -> rx.Component:
    """The list in its public order, and the form to add or edit a number."""
    _ = Translator(locale)
    return frame.frame(
        locale,
        rx.el.h1(_("Important numbers"), class_name="text-2xl font-bold mb-2"),
        rx.el.p(
            _(
                "The numbers people see on the Important numbers page, in this order. Translators translate the texts with the directory's."
            ),
            rx.el.a(
                _("See the public page"),
                href=routes.numbers(locale),
                target="_blank",
                class_name="ms-2 underline",
            ),
            class_name="mb-4",
        ),
        alert(NumbersState.number_error, "number-error"),
        rx.cond(
            NumbersState.number_message,
            rx.el.p(
                NumbersState.number_message,
                role="status",
                class_name="rounded-xl bg-green-50 border-2 border-green-700 p-3 font-semibold",
                data_testid="number-message",
            ),
        ),
        rx.el.section(
            rx.el.h2(
                either(NumbersState.editing.to(bool), _("Edit the number"), _("Add a number")),
                " ",
                rx.el.bdi(NumbersState.editing),
                class_name="text-xl font-bold",
            ),
            _form(_),
            class_name=f"{CARD} space-y-4 mt-4",
        ),
        rx.el.section(
            rx.el.ul(rx.foreach(NumbersState.rows, lambda row: _row(row, _)), class_name="space-y-3"),
            class_name=f"{CARD} mt-6",
        ),
        active="desk_numbers",
        same_page=routes.desk_numbers,
    )
