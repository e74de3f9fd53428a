"""Client-side directory state: the snapshot, the query, the filters and the clock live in
the browser (``rx._x.client_state``), and ``assets/paso`` turns them into what the page
shows. Reading never goes through the websocket."""

from __future__ import annotations

import json
from typing import Any

import reflex as rx
from reflex.experimental.client_state import ClientStateVar
from reflex.vars import FunctionStringVar, FunctionVar, VarData

MODULE = "$/public/paso/directory.js"
_IMPORTS = VarData(imports={MODULE: ["pasoView", "pasoStart", "pasoSetQuery", "pasoToggle", "pasoShare"]})

# Lower-case names: Reflex derives the setter as "set" + name.capitalize().
directory = ClientStateVar.create("pasodir", {"state": "loading", "services": []})
query = ClientStateVar.create("pasoquery", "")
flags = ClientStateVar.create("pasoflags", {"open": False, "free": False, "nodocs": False})
now = ClientStateVar.create("pasonow", 0)
selected = ClientStateVar.create("pasoid", "")


def js(name: str) -> FunctionStringVar:
    """A function exported by the directory module."""
    return FunctionStringVar.create(name, _var_data=_IMPORTS)


def view(kind: str, options: dict[str, Any]) -> rx.Var[Any]:
    """A view computed in the browser from the client state (re-rendered when it changes)."""
    literal = json.dumps(options, ensure_ascii=False)
    return rx.Var(
        f"pasoView({json.dumps(kind)}, {directory.value}, {query.value}, {flags.value}, "
        f"{now.value}, {selected.value}, {literal})",
        _var_data=_IMPORTS,
    ).to(dict[str, Any])


def start(snapshot_url: str, timezone: str) -> FunctionVar:
    """The on-mount call that loads the snapshot and starts the clock."""
    return rx.Var(
        f"(() => pasoStart({json.dumps(snapshot_url)}, {json.dumps(timezone)}))",
        _var_data=_IMPORTS,
    ).to(FunctionVar)
