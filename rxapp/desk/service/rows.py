"""Pieces of the service form: labelled inputs with their problem, and the rows of hours,
dates and phones that can be added and removed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components.desk import CARD, SECONDARY
from rxapp.components.form import LABEL
from rxapp.components.style import FOCUS, either
from rxapp.desk.directory_display import PHONE_TYPES
from rxapp.desk.service.form import RECEPTION
from rxapp.desk.service.state import ERRORS, VALUES, EditState
from rxapp.i18n.catalogs import Translator
from rxapp.i18n.formatting import weekday_names

BOX = f"block w-full min-h-11 px-3 rounded-xl border-2 border-slate-400 bg-white {FOCUS} aria-[invalid=true]:border-red-700"
SMALL = "block text-sm font-semibold"


def problem(name: str | rx.Var[str]) -> rx.Component:
    """The problem of one input, announced to screen readers."""
    message = ERRORS[name].to(str)
    return rx.el.p(
        rx.cond(message, rx.fragment(rx.icon("circle-alert", size=18, aria_hidden="true"), message)),
        id=name + "-error" if isinstance(name, str) else name.to(str) + "-error",
        class_name="flex items-center gap-1.5 font-semibold text-red-800 empty:hidden",
        aria_live="polite",
        data_testid="error-" + name if isinstance(name, str) else rx.Var.create("error-") + name.to(str),
    )


def invalid(name: str | rx.Var[str]) -> dict[str, Any]:
    """Marks an input whose value was refused and links it to its problem."""
    return {
        "aria_invalid": either(ERRORS[name].to(str), "true", "false"),
        "aria_describedby": name + "-error" if isinstance(name, str) else name.to(str) + "-error",
    }


def field(label: str, name: str, *, long: bool = False, hint: str = "", **attrs: Any) -> rx.Component:
    """A labelled text box starting from the saved value."""
    control = rx.el.textarea if long else rx.el.input
    return rx.el.div(
        rx.el.label(label, html_for=name, class_name=LABEL),
        rx.el.p(hint, class_name="text-sm text-slate-700") if hint else rx.fragment(),
        control(
            id=name,
            name=name,
            default_value=VALUES[name],
            class_name=f"{BOX} py-2" + (" min-h-24" if long else ""),
            **invalid(name),
            **attrs,
        ),
        problem(name),
        class_name="space-y-1",
    )


def tick(name: str | rx.Var[str], text: str | rx.Var[str], checked: rx.Var[bool] | bool) -> rx.Component:
    """A large checkbox with its label around it."""
    return rx.el.label(
        rx.el.input(
            type="checkbox", name=name, default_checked=checked, class_name="size-6 shrink-0 accent-teal-800"
        ),
        rx.el.bdi(text),
        class_name="flex items-center gap-2 min-h-11 px-2 rounded-xl border-2 border-slate-300 "
        "has-[:checked]:border-teal-800 has-[:checked]:bg-teal-50 cursor-pointer",
    )


def choice(name: rx.Var[str], options: Sequence[rx.Component], value: rx.Var[str]) -> rx.Component:
    """A list to choose from in a row, starting from the row's value, marked when refused."""
    return rx.el.select(*options, id=name, name=name, default_value=value, class_name=BOX, **invalid(name))


def _cell(label: str, name: rx.Var[str], control: rx.Component, wide: bool = False) -> rx.Component:
    return rx.el.div(
        rx.el.label(label, html_for=name, class_name=SMALL),
        control,
        problem(name),
        class_name="col-span-2" if wide else "",
    )


def _box(kind: str, row: ObjectVar[dict[str, str]], part: str, label: str, **attrs: Any) -> rx.Component:
    name = f"{kind}." + row["key"] + f".{part}"
    return _cell(
        label,
        name,
        rx.el.input(id=name, name=name, default_value=row[part], class_name=BOX, **invalid(name), **attrs),
    )


def _remove(kind: str, row: ObjectVar[dict[str, str]], label: str) -> rx.Component:
    return rx.el.button(
        rx.icon("trash-2", size=18, aria_hidden="true"),
        label,
        type="button",
        on_click=EditState.remove_row(kind, row["key"]),
        class_name=f"{SECONDARY} md:mt-6",  # level with the inputs, below their labels
    )


def _section(title: str, hint: str, rows: rx.Component, kind: str, add: str) -> rx.Component:
    return rx.el.fieldset(
        rx.el.legend(title, class_name="text-xl font-bold"),
        rx.el.p(hint, class_name="text-sm text-slate-700") if hint else rx.fragment(),
        problem(kind),
        rows,
        rx.el.button(
            rx.icon("plus", size=18, aria_hidden="true"),
            add,
            type="button",
            on_click=EditState.add_row(kind),
            class_name=SECONDARY,
            data_testid=f"add-{kind}",
        ),
        class_name=f"{CARD} space-y-3",
    )


def slot_row(kind: str, slot: ObjectVar[dict[str, str]], _: Translator) -> rx.Component:
    """One weekly slot's row (a day, opening and closing time), of the service's hours or of
    its hours at one place (``kind``: the rows' name in the form)."""
    name = f"{kind}." + slot["key"] + ".weekday"
    days = [rx.el.option(label, value=str(i)) for i, label in enumerate(weekday_names(_.tag))]
    day = choice(name, days, slot["weekday"])
    return rx.el.div(
        _cell(_("Day"), name, day),
        _box(kind, slot, "opens", _("Opens"), type="time"),
        _box(kind, slot, "closes", _("Closes"), type="time"),
        _remove(kind, slot, _("Remove")),
        key=slot["key"],
        class_name="grid grid-cols-2 md:grid-cols-4 gap-2 items-start",
        data_testid=f"{kind.replace('_', '-')}-row",
    )


def hours(_: Translator) -> rx.Component:
    """The weekly slots: a day, opening and closing time per row."""
    hint = _(
        "Several rows a day are fine. A closing time before the opening time passes midnight; the same time twice means open 24 hours."
    )
    return _section(
        _("Weekly hours"),
        hint,
        rx.el.div(
            rx.foreach(EditState.hours, lambda slot: slot_row("hours", slot, _)), class_name="space-y-3"
        ),
        "hours",
        _("Add hours"),
    )


def exceptions(_: Translator) -> rx.Component:
    """Dates closed, or open with other hours (holidays, trainings)."""

    def row(ex: ObjectVar[dict[str, str]]) -> rx.Component:
        name = "exceptions." + ex["key"] + ".closed"
        kind = rx.el.select(
            rx.el.option(_("Closed all day"), value="1"),
            rx.el.option(_("Other hours"), value="0"),
            id=name,
            name=name,
            default_value=ex["closed"],
            class_name=BOX,
        )
        return rx.el.div(
            _box("exceptions", ex, "date", _("Date"), type="date"),
            _cell(_("That day"), name, kind),
            _box("exceptions", ex, "opens", _("Opens"), type="time"),
            _box("exceptions", ex, "closes", _("Closes"), type="time"),
            rx.el.div(
                _box("exceptions", ex, "note", _("Note for the public")),
                class_name="col-span-2 md:col-span-3",
            ),
            _remove("exceptions", ex, _("Remove")),
            key=ex["key"],
            class_name="grid grid-cols-2 md:grid-cols-4 gap-2 items-start border-t border-slate-200 pt-3",
            data_testid="exception-row",
        )

    hint = _("These replace the weekly hours on that date.")
    return _section(
        _("Dates with other hours"),
        hint,
        rx.el.div(rx.foreach(EditState.exceptions, row), class_name="space-y-3"),
        "exceptions",
        _("Add a date"),
    )


def _place(phone: ObjectVar[dict[str, str]], _: Translator) -> rx.Component:
    """Which of the service's places a phone is for, every place, or a place's own (its
    reception, which every service given there shares)."""
    name = "phones." + phone["key"] + ".place"
    reception = _("Reception: {place}").split("{place}")
    choice = rx.el.select(
        rx.el.option(_("Every place"), value=""),
        rx.foreach(
            EditState.places,
            lambda place: rx.fragment(
                rx.el.option(place[1], value=place[0]),
                rx.el.option(reception[0], place[1], reception[-1], value=RECEPTION + place[0].to(str)),
            ),
        ),
        id=name,
        name=name,
        default_value=phone["place"],
        class_name=BOX,
        **invalid(name),
    )
    return _cell(_("Place"), name, choice, wide=True)  # "Reception: <a place's name>" is long


def phones(_: Translator) -> rx.Component:
    """The service's phones: number, kind, extension, WhatsApp."""

    def row(phone: ObjectVar[dict[str, str]]) -> rx.Component:
        name = "phones." + phone["key"] + ".type"
        kind = choice(
            name, [rx.el.option(_(label), value=t.value) for t, label in PHONE_TYPES.items()], phone["type"]
        )
        return rx.el.div(
            _box("phones", phone, "number", _("Number"), type="tel", dir="ltr", auto_complete="off"),
            _cell(_("Kind"), name, kind),
            _box("phones", phone, "extension", _("Extension (optional)"), input_mode="numeric", dir="ltr"),
            _box("phones", phone, "description", _("What it is for")),
            rx.el.div(
                tick("phones." + phone["key"] + ".is_whatsapp", "WhatsApp", phone["is_whatsapp"].to(bool)),
                problem("phones." + phone["key"] + ".is_whatsapp"),
                class_name="md:mt-6",
            ),
            rx.cond(EditState.places.length() > 0, _place(phone, _)),  # a service at a place
            _remove("phones", phone, _("Remove")),
            key=phone["key"],
            class_name="grid grid-cols-2 md:grid-cols-4 gap-2 items-start",
            data_testid="phone-row",
        )

    return _section(
        _("Phones"),
        "",
        rx.el.div(rx.foreach(EditState.phones, row), class_name="space-y-3"),
        "phones",
        _("Add a phone"),
    )
