"""The registration's draft: the ``pasoreg`` client state that ``assets/paso/register.js`` keeps
(the draft and outbox live in the browser), which the form and its confirmation render."""

from __future__ import annotations

import json
from typing import Any

import reflex as rx
from reflex.experimental.client_state import ClientStateVar
from reflex.vars import FunctionVar, VarData

from rxapp.components.style import FOCUS
from rxapp.i18n.catalogs import Translator

MODULE = "$/public/paso/register.js"
_IMPORTS = VarData(imports={MODULE: ["pasoRegStart", "pasoRegReset"]})
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


def start(locale: str, *, persist: bool) -> FunctionVar:
    """On mount: bind the form, restore the draft, send a waiting submission."""
    return rx.Var(
        f"(() => pasoRegStart({json.dumps(locale)}, {json.dumps(persist)}))", _var_data=_IMPORTS
    ).to(FunctionVar)


def reset(_: Translator) -> FunctionVar:
    """ "Start over": wipe what was typed (after asking, when something was)."""
    question = json.dumps(_("Delete everything you typed in this form?"), ensure_ascii=False)
    return rx.Var(f"(() => pasoRegReset({question}))", _var_data=_IMPORTS).to(FunctionVar)


def errors_var() -> rx.Var[Any]:
    """The form's errors as the page shows them: field name -> message."""
    return reg.value["errors"].to(dict[str, str])
