"""A list's filters: open now, free, no documents needed, and "nearest first"."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.vars import FunctionVar, ObjectVar

from rxapp.components import client
from rxapp.components.style import FOCUS, either
from rxapp.components.views import ListView, Near
from rxapp.i18n.catalogs import Translator


def _toggle(
    label: str, icon: str, pressed: rx.Var[bool], on_click: FunctionVar[Any], **props: Any
) -> rx.Component:
    return rx.el.button(
        rx.icon(icon, size=18, aria_hidden="true"),
        label,
        type="button",
        aria_pressed=either(pressed, "true", "false"),
        on_click=on_click,
        class_name=either(
            pressed,
            f"inline-flex items-center gap-1.5 min-h-11 px-3 rounded-full border-2 border-teal-800 bg-teal-800 text-white {FOCUS}",
            f"inline-flex items-center gap-1.5 min-h-11 px-3 rounded-full border-2 border-slate-300 bg-white text-slate-800 {FOCUS}",
        ),
        **props,
    )


def filters(_: Translator, listing: ObjectVar[ListView]) -> rx.Component:
    """Three filters (open now, free, no documents needed) and "nearest first", which asks
    the phone for its position only when tapped, and says why when it gets none."""

    def toggle(flag: str, label: str, icon: str) -> rx.Component:
        click = client.call("pasoToggle", flag, client.flags.value)
        return _toggle(label, icon, client.flags.value.to(dict[str, bool])[flag], click)

    near = listing.near
    messages = {
        Near.ASKING: (_("Looking for where you are…"), "loader"),
        Near.ON: (
            _("Nearest first, in a straight line from where you are. Your position stays on this phone."),
            "map-pin",
        ),
        Near.DENIED: (
            _(
                "Paso may not see where you are, so the list keeps its order. You can allow it in the browser's settings."
            ),
            "map-pin-off",
        ),
        Near.UNAVAILABLE: (
            _("Your position could not be found (no signal?), so the list keeps its order."),
            "map-pin-off",
        ),
    }
    return rx.el.div(
        rx.el.div(
            toggle("open", _("Open now"), "clock"),
            toggle("free", _("Free"), "hand-heart"),
            toggle("nodocs", _("No documents needed"), "file-check"),
            _toggle(
                _("Nearest first"),
                "locate",
                (near == Near.ON) | (near == Near.ASKING),
                client.js("pasoNear").to(FunctionVar),
                data_testid="near",
            ),
            role="group",
            aria_label=_("Filters"),
            class_name="flex flex-wrap gap-2",
        ),
        rx.match(
            near,
            *[
                (
                    state,
                    rx.el.p(
                        rx.icon(icon, size=18, aria_hidden="true", class_name="shrink-0"),
                        text,
                        class_name="flex items-center gap-2 text-slate-700",
                        data_testid="near-note",
                        role="status",
                    ),
                )
                for state, (text, icon) in messages.items()
            ],
            rx.fragment(),
        ),
        class_name="space-y-2 py-3",
    )
