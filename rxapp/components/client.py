"""The one way Python reaches the browser's code, and the directory's client state.

Python never writes JavaScript. The code is in ``assets/paso/`` (its README says how the parts
talk); Python names one of its exported functions and passes JSON arguments or Vars:

- ``call(name, *args)``: an event trigger's function (``on_click=client.call("pasoMore")``);
- ``value(name, *args)``: what the function returns, as a prop (``src=client.value("pasoQrSrc", code)``);
- ``js(name)``: the function itself, called with what the trigger gives (``on_change``);
- ``script(name, arg)``: from a backend event, a function a module exposed to the server.

``MODULES`` says which file exports each name, so the page imports only what it uses.

The other way, JS reaching Reflex, is one too: a module writes a ``paso*`` client-state var
(``setClient`` in ``assets/paso/client.js``) that Python declared here or beside its
component with ``ClientStateVar.create``, and the page renders from it. Sending a backend
event is a hidden button's click (``sendEvent`` in client.js): the README says why.

The directory (the snapshot, the query, the filters and the clock) lives in the browser, and
``assets/paso/directory.js`` turns it into what the page shows, one ``View`` per page held in
Reflex's client state (``rx._x.client_state``). Reading never goes through the websocket.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from functools import cache
from typing import Any, TypeAlias
from zoneinfo import ZoneInfo

import reflex as rx
from reflex.event import EventSpec
from reflex.experimental.client_state import ClientStateVar
from reflex.vars import FunctionStringVar, FunctionVar, StringVar, VarData

from rxapp.reflex_compat import ImportVar, var_data
from rxapp.services.clock import utc_offsets

# Each module of assets/paso/ and the functions Python may name in it.
MODULES: dict[str, tuple[str, ...]] = {
    "directory.js": (
        "pasoStart", "pasoSetQuery", "pasoToggle", "pasoShare", "pasoMore",
        "pasoOffline", "pasoUpdate", "pasoInstall", "pasoNear", "pasoKeep",
    ),
    # Only the search page imports the search engine (search.mjs, the stemmers): ~12 KB gzip.
    "search.js": ("pasoSearchStart",),
    "register.js": (
        "pasoRegStart", "pasoRegReset", "pasoLoadCode", "pasoForgetCode", "pasoRegOutbox", "pasoRegPhoneQuery",
    ),
    "code.js": ("pasoQrSrc", "pasoSaveCode", "pasoPrintCode"),
    "desk.js": ("pasoDeskStart", "pasoDeskScan", "pasoDeskActive", "pasoDeskUnveil"),
    "report.js": ("pasoReport",),
    "content.js": ("pasoContentUpload",),
    "page.js": ("pasoPathLocale", "pasoInPageLanguage"),
    # Only the important numbers page loads its code.
    "numbers.js": ("pasoNumbersStart", "pasoNumbersPrint"),
    "alerts.js": ("pasoAlertsStart",),
    # Only My page (issue 19) loads its code.
    "me.js": ("pasoMeStart", "pasoMeKeep", "pasoMeRemove", "pasoMeCalendar"),
    "display.js": ("pasoDisplayStart",),
}  # fmt: skip
_MODULE_OF = {name: module for module, names in MODULES.items() for name in names}
# Functions modules expose to the server's answers (``script``; ``exposeToServer`` in client.js).
SERVER_CALLS = ("pasoRegAnswer", "pasoRegPhone", "pasoDeskAdopt", "pasoDeskLeave")
# The ref whose value the server sets to call them (``script``); Reflex names it "ref_" + this.
SERVER_REF = "paso_server"

Json: TypeAlias = str | int | float | bool | list[Any] | dict[str, Any] | None
Arg: TypeAlias = Json | rx.Var[Any]
# What an event trigger takes: a JS function.
Function: TypeAlias = FunctionVar[Any]


def _imports(name: str) -> VarData:
    if name not in _MODULE_OF:
        msg = f"{name} is not exported by a module of assets/paso (client.MODULES)"
        raise ValueError(msg)
    return VarData(imports={f"$/public/paso/{_MODULE_OF[name]}": [name]})


def _arguments(args: tuple[Arg, ...]) -> tuple[str, list[VarData | None]]:
    """The arguments as JS: Vars as their expression (with their imports), the rest as JSON."""
    parts: list[str] = []
    data: list[VarData | None] = []
    for arg in args:
        if isinstance(arg, rx.Var):
            parts.append(str(arg))
            data.append(var_data(arg))
        else:
            parts.append(json.dumps(arg, ensure_ascii=False))
    return ", ".join(parts), data


def value(name: str, *args: Arg) -> rx.Var[Any]:
    """What the function ``name`` returns for ``args``, recomputed when a Var among them changes."""
    joined, data = _arguments(args)
    return rx.Var(f"{name}({joined})", _var_data=VarData.merge(_imports(name), *data))


def call(name: str, *args: Arg, event: bool = False) -> Function:
    """An event trigger's function calling ``name(*args)``; with ``event``, followed by
    whatever the trigger passes (a form's fields, the browser's event)."""
    joined, data = _arguments(args)
    if event:
        rest = f"{joined}, ...event" if joined else "...event"
        code = f"((...event) => {name}({rest}))"
    else:
        code = f"(() => {name}({joined}))"
    return rx.Var(code, _var_data=VarData.merge(_imports(name), *data)).to(FunctionVar)


def js(name: str) -> FunctionStringVar[Any]:
    """The function ``name`` itself, for a trigger that passes it its arguments."""
    return FunctionStringVar.create(name, _var_data=_imports(name))


def script(name: str, arg: Json) -> EventSpec:
    """From a backend event: call ``name(arg)`` in the browser, if a module exposed it.

    Not ``rx.call_script``: Reflex runs that string through ``eval``, which the
    Content-Security-Policy forbids (issue 16, item 7). Reflex's ``_set_value`` event assigns
    the JSON to ``refs[SERVER_REF].current.value``, a setter ``assets/paso/client.js`` installs.
    """
    if name not in SERVER_CALLS:
        msg = f"{name} is not exposed to the server (client.SERVER_CALLS)"
        raise ValueError(msg)
    return rx.set_value(SERVER_REF, json.dumps({"call": name, "arg": arg}, ensure_ascii=False))


LOCATION = VarData(imports={"react-router": [ImportVar(tag="useLocation")]})


def pathname() -> StringVar[str]:
    """The path of the page on screen, as React Router knows it (updated on client navigation)."""
    return rx.Var("useLocation().pathname", _var_data=LOCATION).to(str)


def query_string() -> StringVar[str]:
    """The query string of the page on screen ("?q=..." or ""), as React Router knows it."""
    return rx.Var("useLocation().search", _var_data=LOCATION).to(str)


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
def offsets(timezone: str, day: dt.date) -> list[list[int]]:
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
) -> Function:
    """The on-mount call: start the clock and load what the page shows.

    ``want`` is "counts" (the index only), "cards" (every list part, first one first),
    "detail" (the index and the one part holding the service in the query string) or
    "none" (only the app's messages). ``shown`` is the page's view; ``slug`` names the
    service for "detail" instead of the query string; ``search`` loads the search engine.
    """
    table = offsets(timezone, dt.datetime.now(dt.UTC).date())
    spec = shown.spec() if shown else None
    return call("pasoSearchStart" if search else "pasoStart", index_url, timezone, want, slug, table, spec)


def more() -> Function:
    """The "show more" click: build the next cards of the list."""
    return call("pasoMore")


def both(first: rx.Var[Any], second: rx.Var[Any]) -> list[rx.Var[Any]]:
    """One on-mount chain calling two functions, in order."""
    return [first, second]
