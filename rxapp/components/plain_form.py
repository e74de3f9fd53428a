"""A plain HTML form: ``rx.el.form`` always prevents the browser's own submit, but a search
box must work before and without scripts (GET to the search page)."""

from __future__ import annotations

from rxapp.reflex_compat import BaseHTML, Var


class PlainForm(BaseHTML):
    """``<form>`` with the browser's own submit."""

    tag = "form"
    action: Var[str]
    method: Var[str]


plain_form = PlainForm.create
