"""The service's hours at each of its places, in the edit form: for a service at several places
(or at one with hours of its own there), one block per place with the weekly hours editor's rows
(``rows.slot_row``) and the place's own opening hours, shown but not edited (docs/hsds.md)."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ArrayVar

from rxapp.components.desk import CARD, SECONDARY
from rxapp.desk.service.rows import problem, slot_row
from rxapp.desk.service.state import VALUES, EditState
from rxapp.i18n.catalogs import Translator


def _place(place: ArrayVar[list[str]], _: Translator) -> rx.Component:
    """One place: its name, its own opening hours, the service's rows there and "add"."""
    return rx.el.div(
        rx.el.h2(rx.el.bdi(place[1]), class_name="text-lg font-bold"),
        rx.cond(
            place[2],
            rx.el.p(
                rx.el.strong(_("Opening hours of the place:")),
                " ",
                place[2],
                class_name="text-sm text-slate-700",
                data_testid="place-own-hours",
            ),
        ),
        rx.el.div(
            rx.foreach(
                EditState.place_hours,
                lambda row: rx.cond(row["place"] == place[0], slot_row("place_hours", row, _)),
            ),
            class_name="space-y-3",
        ),
        rx.el.button(
            rx.icon("plus", size=18, aria_hidden="true"),
            _("Add hours at this place"),
            type="button",
            on_click=EditState.add_place_hours(place[0]),
            class_name=SECONDARY,
            data_testid="add-place-hours",
        ),
        class_name="space-y-2 border-t border-slate-200 pt-3",
        data_testid="place-hours",
    )


def place_hours(_: Translator) -> rx.Component:
    """The service's hours at each place; only for a service at several places, or with hours
    at its one place (else its weekly hours are its place's)."""
    block = rx.el.fieldset(
        rx.el.legend(_("Hours at each place"), class_name="text-xl font-bold"),
        rx.el.p(
            _(
                "Only where the service keeps other hours than its weekly hours. A place without rows "
                "here follows the weekly hours; without weekly hours, the public page shows each place's."
            ),
            class_name="text-sm text-slate-700",
        ),
        rx.el.input(type="hidden", name="place_hours", value="1"),  # the section was in the form
        problem("place_hours"),
        rx.foreach(EditState.places, lambda place: _place(place, _)),
        class_name=f"{CARD} space-y-3",
    )
    return rx.cond(VALUES["place_hours"], block)  # place_rows.shown
