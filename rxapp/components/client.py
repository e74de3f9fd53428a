"""Client-side directory state: the snapshot, the query, the filters and the clock live in
the browser (``rx._x.client_state``), and ``assets/paso`` turns them into what the page
shows. Reading never goes through the websocket."""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

import reflex as rx
from reflex.experimental.client_state import ClientStateVar
from reflex.vars import FunctionStringVar, FunctionVar, VarData

from rxapp.services.clock import utc_offsets

MODULE = "$/public/paso/directory.js"
EXPORTS = [
    "pasoView", "pasoStart", "pasoSetQuery", "pasoToggle", "pasoShare", "pasoMore",
    "pasoOffline", "pasoUpdate", "pasoInstall",
]  # fmt: skip
_IMPORTS = VarData(imports={MODULE: EXPORTS})

# Lower-case names: Reflex derives the setter as "set" + name.capitalize().
directory = ClientStateVar.create("pasodir", {"state": "loading", "services": [], "details": {}})
query = ClientStateVar.create("pasoquery", "")
flags = ClientStateVar.create("pasoflags", {"open": False, "free": False, "nodocs": False})
now = ClientStateVar.create("pasonow", 0)
selected = ClientStateVar.create("pasoid", "")
limit = ClientStateVar.create("pasolimit", 30)
# The app's own state: {"online", "saved", "update", "install"} (see assets/paso/directory.js).
app = ClientStateVar.create(
    "pasoapp", {"online": True, "saved": False, "update": False, "install": False}
)  # cards built so far; "show more" adds


def imports() -> VarData:
    """The import of the directory module, for hand-written Vars."""
    return _IMPORTS


def js(name: str) -> FunctionStringVar:
    """A function exported by the directory module."""
    return FunctionStringVar.create(name, _var_data=_IMPORTS)


def view(kind: str, options: dict[str, Any]) -> rx.Var[Any]:
    """A view computed in the browser from the client state (re-rendered when it changes)."""
    literal = json.dumps(options, ensure_ascii=False)
    return rx.Var(
        f"pasoView({json.dumps(kind)}, {directory.value}, {query.value}, {flags.value}, "
        f"{now.value}, {selected.value}, {limit.value}, {literal})",
        _var_data=_IMPORTS,
    ).to(dict[str, Any])


@cache
def _offsets(timezone: str, day: dt.date) -> list[list[int]]:
    """Three years of the zone's offsets from the day the pages are built (one table per build)."""
    start = dt.datetime.combine(day, dt.time(0), tzinfo=dt.UTC) - dt.timedelta(days=1)
    return utc_offsets(ZoneInfo(timezone), start, 3 * 366)


def start(index_url: str, timezone: str, want: str, slug: str | None = None) -> FunctionVar:
    """The on-mount call: start the clock and load what the page shows.

    ``want`` is "counts" (the index only), "cards" (every list part, first one first),
    "detail" (the index and the one part holding the service in the query string) or
    "none" (only the app's messages). ``slug`` names the service for "detail" instead of
    the query string.
    """
    offsets = _offsets(timezone, dt.datetime.now(dt.UTC).date())
    args = ", ".join(json.dumps(a) for a in (index_url, timezone, want, slug, offsets))
    return rx.Var(f"(() => pasoStart({args}))", _var_data=_IMPORTS).to(FunctionVar)


def more() -> FunctionVar:
    """The "show more" click: build the next cards of the list."""
    return rx.Var(f"(() => pasoMore({limit.value}))", _var_data=_IMPORTS).to(FunctionVar)


def both(first: rx.Var[Any], second: rx.Var[Any]) -> FunctionVar:
    """One on-mount function calling two."""
    return rx.Var(
        f"(() => {{ ({first})(); ({second})(); }})",
        _var_data=VarData.merge(first._get_all_var_data(), second._get_all_var_data()),
    ).to(FunctionVar)
