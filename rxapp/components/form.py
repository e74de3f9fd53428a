"""Form pieces for phones: large targets, a hint that states each field's purpose, and the
field's error next to it (``errors`` is a client-side Var: field name -> message)."""

from __future__ import annotations

from typing import Any, Literal, TypedDict

import reflex as rx
from reflex.vars import ObjectVar

from rxapp.components.style import FOCUS, either

Errors = ObjectVar[dict[str, str]]  # field name -> message, in the browser

INPUT = f"block w-full min-h-12 px-3 rounded-xl border-2 border-slate-400 bg-white text-lg {FOCUS} aria-[invalid=true]:border-red-700"
LABEL = "block font-semibold text-lg"
HINT = "text-sm text-slate-700"


def error(errors: Errors, name: str) -> rx.Component:
    """The field's error, if any, announced to screen readers."""
    message = errors[name].to(str)
    return rx.el.p(
        rx.cond(message, rx.fragment(rx.icon("circle-alert", size=18, aria_hidden="true"), message)),
        id=f"{name}-error",
        class_name="flex items-center gap-1.5 font-semibold text-red-800 empty:hidden",
        aria_live="polite",
        data_testid=f"error-{name}",
    )


class Described(TypedDict):
    """A control's links to its hint and error (``**described(...)`` on the control)."""

    aria_describedby: str
    aria_invalid: rx.Var[str]


def described(errors: Errors, name: str) -> Described:
    """Attributes linking a control to its hint and error."""
    return {
        "aria_describedby": f"{name}-hint {name}-error",
        "aria_invalid": either(errors[name], "true", "false"),
    }


def field(label: str, hint: str, control: rx.Component, errors: Errors, name: str) -> rx.Component:
    """A labelled single control with its purpose and its error."""
    return rx.el.div(
        rx.el.label(label, html_for=f"f-{name}", class_name=LABEL),
        rx.el.p(hint, id=f"{name}-hint", class_name=HINT),
        control,
        error(errors, name),
        class_name="space-y-1",
    )


def group(legend: str, hint: str, options: rx.Component, errors: Errors, name: str) -> rx.Component:
    """A fieldset of checkboxes or radios."""
    return rx.el.fieldset(
        rx.el.legend(legend, class_name=LABEL),
        rx.el.p(hint, id=f"{name}-hint", class_name=HINT) if hint else rx.fragment(),
        options,
        error(errors, name),
        class_name="space-y-1",
        aria_describedby=f"{name}-hint {name}-error",
    )


CHOICE = (
    "rounded-xl leading-tight border-2 border-slate-300 has-[:checked]:border-teal-800 has-[:checked]:bg-teal-50 "
    "has-[:focus-visible]:outline has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-amber-500 cursor-pointer"
)
# A word longer than its box breaks rather than spill out (a translation may bring one).
WRAP = "min-w-0 [overflow-wrap:anywhere]"


def choice(
    name: str,
    value: str,
    text: str,
    *,
    kind: Literal["checkbox", "radio"] = "checkbox",
    icon: str | None = None,
    alone: bool = False,
) -> rx.Component:
    """One large checkbox or radio with its label around it (checkboxes form a list unless ``alone``).

    With an ``icon``, a tile: box and icon on top, the words below at the tile's full width
    (beside them, "Pwoteksyon ak timoun" and "Documentos" spilled out of a half-width tile at
    360 and 320 px: issue 14).
    """
    grouped: dict[str, Any] = {"data-group": ""} if kind == "checkbox" and not alone else {}
    box = rx.el.input(
        type=kind, name=name, value=value, class_name="size-6 shrink-0 accent-teal-800", custom_attrs=grouped
    )
    # <bdi>: a name in another script ("K'iche'" on an Arabic page) keeps its own order.
    words = rx.el.bdi(text, class_name=WRAP)
    if icon:
        return rx.el.label(
            rx.el.span(
                box,
                rx.icon(icon, size=22, aria_hidden="true", class_name="text-teal-800 shrink-0"),
                class_name="flex items-center gap-2",
            ),
            words,
            class_name=f"flex flex-col justify-center gap-0.5 min-h-12 px-2 py-1 {CHOICE}",
        )
    return rx.el.label(box, words, class_name=f"flex items-center gap-2 min-h-12 px-2 {CHOICE}")
