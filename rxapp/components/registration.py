"""The registration form and its confirmation, rendered from the ``pasoreg`` client state
that ``assets/paso/register.js`` keeps (the draft and outbox live in the browser)."""

from __future__ import annotations

import json
from typing import Any

import reflex as rx
from reflex.experimental.client_state import ClientStateVar
from reflex.vars import FunctionVar, VarData

from rxapp.components.style import FOCUS
from rxapp.i18n.catalogs import Translator

MODULE = "$/public/paso/register.js"
_IMPORTS = VarData(imports={MODULE: ["pasoRegStart", "pasoRegReset", "pasoLoadCode", "pasoForgetCode"]})
BUTTON = (
    f"inline-flex items-center justify-center gap-2 min-h-12 px-5 rounded-xl font-semibold text-lg {FOCUS}"
)

# {"phase": draft | sending | waiting | done, "errors": {field: message}, "code", "name",
#  "contact": how the person may hear from the centre (drafts.mjs ``contactOf``),
#  "phone": the number shown back formatted, "ready": the script has bound the form}
reg = ClientStateVar.create(
    "pasoreg",
    {"phase": "draft", "errors": {}, "code": "", "name": "", "contact": "", "phone": "", "ready": False},
)
code = ClientStateVar.create("pasocode", "")


def start(locale: str, *, persist: bool) -> FunctionVar:
    """On mount: bind the form, restore the draft, send a waiting submission."""
    return rx.Var(
        f"(() => pasoRegStart({json.dumps(locale)}, {json.dumps(persist)}))", _var_data=_IMPORTS
    ).to(FunctionVar)


def reset(_: Translator) -> FunctionVar:
    """ "Start over": wipe what was typed (after asking, when something was)."""
    question = json.dumps(_("Delete everything you typed in this form?"), ensure_ascii=False)
    return rx.Var(f"(() => pasoRegReset({question}))", _var_data=_IMPORTS).to(FunctionVar)


def load_code() -> FunctionVar:
    """Show the code kept on this phone (home)."""
    return rx.Var("(() => pasoLoadCode())", _var_data=_IMPORTS).to(FunctionVar)


def forget_code() -> FunctionVar:
    """Remove the kept code from this phone."""
    return rx.Var("(() => pasoForgetCode())", _var_data=_IMPORTS).to(FunctionVar)


def errors_var() -> rx.Var[Any]:
    """The form's errors as the page shows them: field name -> message."""
    return reg.value["errors"].to(dict[str, str])


def qr_image(value: rx.Var[str]) -> rx.Component:
    """The code's QR image, drawn by the server."""
    return rx.el.img(
        src=rx.Var(f"'/api/qr/' + {value} + '.svg'").to(str),
        alt="",  # the code is written next to it
        width=200,
        height=200,
        class_name="mx-auto size-52 rounded-lg border border-slate-300 bg-white",
    )


def code_block(value: rx.Var[str], _: Translator) -> rx.Component:
    """The code, large, and its QR code."""
    return rx.el.div(
        rx.el.p(_("Your code"), class_name="text-lg"),
        rx.el.p(
            rx.el.bdi(value, dir="ltr"),
            class_name="text-4xl font-bold tracking-widest whitespace-nowrap text-teal-900",
            data_testid="reference",
        ),
        qr_image(value),
        rx.el.p(_("Show this code at the desk."), class_name="text-lg font-semibold"),
        class_name="text-center space-y-3 py-4",
    )


def home_code(locale: str, _: Translator) -> rx.Component:
    """On the home page: the code this phone registered, folded to one line until opened."""
    value = code.value.to(str)
    return rx.cond(
        value,
        rx.el.details(
            rx.el.summary(
                rx.icon("qr-code", size=22, aria_hidden="true", class_name="shrink-0 text-teal-800"),
                rx.el.span(_("Your code"), ": "),
                rx.el.bdi(value, dir="ltr", class_name="font-bold tracking-wider whitespace-nowrap"),
                class_name=f"flex items-center gap-2 min-h-12 px-3 cursor-pointer text-lg {FOCUS}",
            ),
            rx.el.div(
                code_block(value, _),
                rx.el.button(
                    _("Remove the code from this phone"),
                    type="button",
                    on_click=forget_code(),
                    class_name=f"{BUTTON} w-full border-2 border-slate-300 text-base",
                ),
                class_name="px-3 pb-3",
            ),
            class_name="rounded-2xl border-2 border-teal-800 mb-4",
            data_testid="home-code",
        ),
    )
