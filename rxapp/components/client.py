"""Client-side directory state: the snapshot, the query, the filters and the clock live in
the browser, and ``assets/paso/directory.js`` turns them into what the page shows, one
``View`` per page held in Reflex's client state (``rx._x.client_state``). Reading never goes
through the websocket."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

import reflex as rx
from reflex.experimental.client_state import ClientStateVar
from reflex.vars import FunctionStringVar, FunctionVar, VarData

from rxapp.reflex_compat import var_data
from rxapp.services.clock import utc_offsets

MODULE = "$/public/paso/directory.js"
EXPORTS = [
    "pasoStart", "pasoSetQuery", "pasoToggle", "pasoShare", "pasoMore",
    "pasoOffline", "pasoUpdate", "pasoInstall", "pasoNear", "pasoKeep",
]  # fmt: skip
_IMPORTS = VarData(imports={MODULE: EXPORTS})
# Only the search page imports the search engine (search.mjs, the stemmers): ~12 KB gzip.
_SEARCH = VarData(imports={"$/public/paso/search.js": ["pasoSearchStart"]})
# What a list's view holds besides its cards (directory.js's LIST gives the same).
LIST = {
    "more": False, "found": "", "progress": "", "partial": False, "nothing": False, "suggest": [], "centre": None,
    "near": "off",
}  # fmt: skip

# Lower-case names: Reflex derives the setter as "set" + name.capitalize().
directory = ClientStateVar.create("pasodir", {"state": "loading", "services": [], "details": {}})
query = ClientStateVar.create("pasoquery", "")
flags = ClientStateVar.create("pasoflags", {"open": False, "free": False, "nodocs": False})
# Where a service page's back link leads: {"href", "kind": search | need | home} (directory.js).
back = ClientStateVar.create("pasoback", {"href": "", "kind": "home"})
# The app's own state: {"online", "saved", "update", "install"} (see assets/paso/directory.js).
app = ClientStateVar.create(
    "pasoapp",
    {
        "online": True, "saved": False, "update": False, "install": False,
        "locales": [], "unsaved": "", "keeping": "", "kept": "",
    },
)  # fmt: skip


def imports() -> VarData:
    """The import of the directory module, for hand-written Vars."""
    return _IMPORTS


def js(name: str) -> FunctionStringVar:
    """A function exported by the directory module."""
    return FunctionStringVar.create(name, _var_data=_IMPORTS)


@dataclasses.dataclass(frozen=True)
class View:
    """What one page shows from the directory, computed in the browser (``computeView`` in
    assets/paso/directory.js) whenever the data, the query, the filters or the clock change.

    One client state var per page, computed once per change: each component showing part of
    it holds one React hook. Before, each (a detail page has 40) held six, for the data and
    the inputs, and computed the view itself from its own copy of the options.
    """

    name: str
    kind: str
    options: dict[str, Any]
    state: ClientStateVar

    @property
    def value(self) -> rx.Var[Any]:
        """The view, for components: ``view.value["cards"]``."""
        return self.state.value.to(dict[str, Any])

    def spec(self) -> dict[str, Any]:
        """What ``pasoStart`` needs to compute it."""
        return {"name": self.name, "kind": self.kind, "options": self.options}


def _before_data(kind: str, options: dict[str, Any]) -> dict[str, Any]:
    """The view before any data: what the prerendered page shows (as ``computeView`` would)."""
    if kind == "counts":
        return {}
    if kind == "detail":
        return {"found": False, "state": "loading"}
    first = options.get("first") or []
    return {**LIST, "cards": first, "count": len(first), "state": "first" if first else "loading"}


def view(kind: str, page: str, options: dict[str, Any]) -> View:
    """The view of ``kind`` ("list", "detail" or "counts") for the page named ``page``."""
    # Lower-case names: Reflex derives the setter as "set" + name.capitalize().
    name = "pasoview_" + re.sub(r"[^a-z0-9]+", "_", page.lower())
    return View(name, kind, options, ClientStateVar.create(name, _before_data(kind, options)))


@cache
def _offsets(timezone: str, day: dt.date) -> list[list[int]]:
    """Three years of the zone's offsets from the day the pages are built (one table per build)."""
    start = dt.datetime.combine(day, dt.time(0), tzinfo=dt.UTC) - dt.timedelta(days=1)
    return utc_offsets(ZoneInfo(timezone), start, 3 * 366)


def start(
    index_url: str,
    timezone: str,
    want: str,
    shown: View | None = None,
    slug: str | None = None,
    *,
    search: bool = False,
) -> FunctionVar:
    """The on-mount call: start the clock and load what the page shows.

    ``want`` is "counts" (the index only), "cards" (every list part, first one first),
    "detail" (the index and the one part holding the service in the query string) or
    "none" (only the app's messages). ``shown`` is the page's view; ``slug`` names the
    service for "detail" instead of the query string; ``search`` loads the search engine.
    """
    offsets = _offsets(timezone, dt.datetime.now(dt.UTC).date())
    spec = shown.spec() if shown else None
    args = ", ".join(
        json.dumps(a, ensure_ascii=False) for a in (index_url, timezone, want, slug, offsets, spec)
    )
    if search:
        return rx.Var(f"(() => pasoSearchStart({args}))", _var_data=_SEARCH).to(FunctionVar)
    return rx.Var(f"(() => pasoStart({args}))", _var_data=_IMPORTS).to(FunctionVar)


def more() -> FunctionVar:
    """The "show more" click: build the next cards of the list."""
    return rx.Var("(() => pasoMore())", _var_data=_IMPORTS).to(FunctionVar)


def both(first: rx.Var[Any], second: rx.Var[Any]) -> FunctionVar:
    """One on-mount function calling two."""
    return rx.Var(
        f"(() => {{ ({first})(); ({second})(); }})",
        _var_data=var_data(first, second),
    ).to(FunctionVar)
