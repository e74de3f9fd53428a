"""A plain HTML form: ``rx.el.form`` always prevents the browser's own submit, but a search
box must work before and without scripts (GET to the search page)."""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex_base.vars.base import Var
from reflex_components_core.el.elements.base import BaseHTML

from rxapp.components.layout import FOCUS


class PlainForm(BaseHTML):
    """``<form>`` with the browser's own submit."""

    tag = "form"
    action: Var[str]
    method: Var[str]


plain_form = PlainForm.create


def search_input(placeholder: str, width: str, **props: Any) -> rx.Component:
    """The search box of the home and search pages (a GET parameter ``q``)."""
    return rx.el.input(
        id="q",
        name="q",
        type="search",
        enter_key_hint="search",
        auto_complete="off",
        placeholder=placeholder,
        class_name=f"{width} min-h-12 px-3 rounded-xl border-2 border-slate-400 text-lg {FOCUS}",
        **props,
    )
