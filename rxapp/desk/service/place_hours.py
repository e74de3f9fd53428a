"""The service's hours at each of its places, in the edit form: for a service at several places
(or at one with hours there), one block per place with the weekly hours editor's rows
(``rows.slot_row``): the service's hours there, and the place's own opening hours, which every
service given at that place shares (docs/hsds.md)."""

from __future__ import annotations

import reflex as rx
from reflex.vars import ArrayVar

from rxapp.components.desk import CARD, SECONDARY
from rxapp.desk.service.rows import problem, slot_row
from rxapp.desk.service.state import VALUES, EditState, RowKind
from rxapp.i18n.catalogs import Translator


def _rows(kind: RowKind, place: ArrayVar[list[str]], add: str, _: Translator) -> rx.Component:
    """The rows of one kind at one place, and the button adding one."""
    return rx.fragment(
        rx.el.div(
            rx.foreach(
                EditState.place_hours if kind is RowKind.PLACE_HOURS else EditState.place_own,
                lambda row: rx.cond(row["place"] == place[0], slot_row(kind.value, row, _)),
            ),
            class_name="space-y-3",
        ),
        rx.el.button(
            rx.icon("plus", size=18, aria_hidden="true"),
            add,
            type="button",
            on_click=EditState.add_place_hours(place[0], kind.value),
            class_name=SECONDARY,
            data_testid=f"add-{kind.value.replace('_', '-')}",
        ),
    )


def _place(place: ArrayVar[list[str]], _: Translator) -> rx.Component:
    """One place: its name, the service's rows there, the place's own opening hours."""
    return rx.el.div(
        rx.el.h2(rx.el.bdi(place[1]), class_name="text-lg font-bold"),
        rx.el.h3(_("Hours of this service here"), class_name="font-semibold"),
        _rows(RowKind.PLACE_HOURS, place, _("Add hours at this place"), _),
        rx.el.h3(_("Opening hours of the place"), class_name="font-semibold pt-2"),
        rx.el.p(
            _("Every service given at this place shares them (the reception, the building)."),
            class_name="text-sm text-slate-700",
        ),
        _rows(RowKind.PLACE_OWN, place, _("Add opening hours of the place"), _),
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
        # The section was in the form: its rows, even none, are saved.
        rx.el.input(type="hidden", name="place_hours", value="1"),
        rx.el.input(type="hidden", name="place_own", value="1"),
        problem("place_hours"),
        problem("place_own"),
        rx.foreach(EditState.places, lambda place: _place(place, _)),
        class_name=f"{CARD} space-y-3",
    )
    return rx.cond(VALUES["place_hours"], block)  # place_rows.shown
