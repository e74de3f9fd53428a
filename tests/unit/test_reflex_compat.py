"""Each Reflex internal Paso uses, checked by name, and used nowhere but rxapp/reflex_compat.py.

A Reflex upgrade that moves one of them fails here, naming it, before a build or a page does."""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path
from typing import Any

import pytest
import reflex as rx

from rxapp import reflex_compat

ROOT = Path(__file__).resolve().parents[2]
SITE = Path(rx.__file__).resolve().parent.parent
STATE_JS = SITE / "reflex_base" / ".templates" / "web" / "utils" / "state.js"


@pytest.mark.parametrize(
    ("module", "name"),
    [
        ("reflex_base.utils.imports", "ImportVar"),
        ("reflex_base.vars.base", "Var"),
        ("reflex_components_core.core.banner", "has_connection_errors"),
        ("reflex_components_core.el.elements.base", "BaseHTML"),
        ("reflex_components_core.el.elements.inline", "A"),
        ("reflex.model", "_alembic_upgrade"),
        ("reflex.utils.exec", "run_backend_prod"),
        ("reflex_base.environment", "environment"),
        ("reflex_base.constants", "Dirs"),
        ("reflex.istate.manager.memory", "StateManagerMemory"),
        ("reflex.istate.manager.token", "BaseStateToken"),
    ],
)
def test_each_imported_internal_is_still_there(module: str, name: str) -> None:
    assert hasattr(importlib.import_module(module), name), f"Reflex internal gone: {module}.{name}"


def test_the_connection_overlay_is_still_an_app_wrap() -> None:
    factory = rx.App.__dataclass_fields__["app_wraps"].default_factory
    assert callable(factory), "Reflex internal gone: App.app_wraps's default factory"
    wraps = factory()
    assert reflex_compat.OVERLAY in wraps, f"Reflex internal gone: App.app_wraps[{reflex_compat.OVERLAY}]"


def test_closed_tabs_can_still_be_seen_and_their_states_dropped() -> None:
    """rxapp/tab_states.py: the namespace's disconnect handler and token manager, and the memory
    manager's states, locks and purge (issue 16, item 10)."""
    from reflex.app import EventNamespace
    from reflex.istate.manager.memory import StateManagerMemory
    from reflex.utils.token_manager import TokenManager

    assert callable(EventNamespace.on_disconnect), "Reflex internal gone: EventNamespace.on_disconnect"
    assert callable(TokenManager.is_token_connected), "Reflex internal gone: TokenManager.is_token_connected"
    fields = StateManagerMemory.__dataclass_fields__
    for name in ("states", "_states_locks"):
        assert name in fields, f"Reflex internal gone: StateManagerMemory.{name}"
    assert callable(StateManagerMemory._purge_token), "Reflex internal gone: StateManagerMemory._purge_token"


def test_vars_still_carry_their_var_data() -> None:
    var: rx.Var[Any] = rx.Var("x", _var_data=rx.vars.VarData(hooks={"const y = 1;": None}))
    assert reflex_compat.var_data(var), "Reflex internal gone: Var._get_all_var_data"


def test_the_browser_internals_are_still_in_reflexs_templates() -> None:
    """assets/paso/client.js: refs["_client_state_set<Name>"]; the head script: isBackendDisabled."""
    state = STATE_JS.read_text()
    assert "export const refs" in state, "Reflex internal gone: refs in $/utils/state"
    assert "backend-enabled=" in state, "Reflex internal gone: isBackendDisabled's backend-enabled cookie"
    client_state = (SITE / "reflex" / "experimental" / "client_state.py").read_text()
    assert 'f"_client_state_{var_name}"' in client_state, "Reflex internal gone: refs['_client_state_...']"
    assert 'f"set{var_name.capitalize()}"' in client_state, "Reflex internal gone: client state setter names"


def test_the_servers_answers_still_reach_a_ref_without_eval() -> None:
    """assets/paso/client.js: ``client.script`` is Reflex's ``_set_value`` on
    ``refs["ref_paso_server"]``, which must stay an assignment to ``ref.current.value`` looked
    up in ``refs`` (issue 16, item 7: ``rx.call_script`` is eval, which the CSP refuses)."""
    from rxapp.components import client

    state = STATE_JS.read_text()
    assert 'event.name == "_set_value"' in state, "Reflex internal gone: the _set_value event"
    assert "event.payload.ref in refs" in state, "Reflex internal gone: _set_value reads refs"
    assert "ref.current.value = event.payload.value" in state, "Reflex internal gone: _set_value assigns"
    spec = client.script("pasoRegPhone", {"shown": "+52"})
    assert spec.handler.fn.__qualname__ == "_set_value"
    args = {str(name): str(value) for name, value in spec.args}
    assert args["ref"] == f'"ref_{client.SERVER_REF}"'
    assert "eval" not in str(spec)


def test_a_page_function_gets_a_module_per_locale() -> None:
    def page(locale: str) -> rx.Component:
        return rx.el.p(locale)

    bound = reflex_compat.page_function(page, "home", "es")
    assert (bound.__name__, bound.__module__) == ("home_es", f"{__name__}.es")


def test_the_production_build_runs_in_a_throw_away_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The idle server held 750 MB, 5.3x a blank app: `reflex run --env prod` compiled the pages
    in the process that then forks the worker, and both kept the compile's memory (issue 17)."""
    import reflex.reflex as cli

    assert "avoid_dirty_check" in inspect.signature(cli._compile_app).parameters, "Reflex internal gone"
    assert "_compile_app" in cli._run_prod.__code__.co_names, "Reflex internal gone: _run_prod's compile"
    asked: list[bool] = []
    monkeypatch.setattr(
        cli, "_compile_app", lambda *, avoid_dirty_check=True: asked.append(avoid_dirty_check)
    )
    reflex_compat.compile_in_a_child()
    reflex_compat.compile_in_a_child()  # rxconfig may be read twice: still one wrapper
    cli._compile_app(avoid_dirty_check=False)  # what _run_prod asks for
    assert asked == [True]


INTERNAL = re.compile(
    r"reflex_base|reflex_components_core|app_wraps|_alembic_upgrade|_get_all_var_data|__module__ ="
)


def test_no_other_module_uses_a_reflex_internal() -> None:
    """Private Reflex internals were spread over many files (issue 15)."""
    users = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in (ROOT / "rxapp").rglob("*.py")
        if path.name != "reflex_compat.py"
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if INTERNAL.search(line)
    ]
    assert users == []


def test_state_js_still_imports_socket_io_where_it_is_made_lazy() -> None:
    """rxapp/public_bundle.py rewrites Reflex's utils/state.js so socket.io-client loads on the
    first connect (issue 17): every line it rewrites is still there, once."""
    lazy = reflex_compat.lazy_socket_io(STATE_JS.read_text())
    assert 'import io from "socket.io-client"' not in lazy
    assert 'await import("socket.io-client")' in lazy
    assert lazy.count("if (!io)") == 2  # the early transport and connect()
    assert reflex_compat.lazy_socket_io(lazy) == lazy  # .web's copy may be rewritten already
    with pytest.raises(ValueError, match="Reflex internal gone"):
        reflex_compat.lazy_socket_io(STATE_JS.read_text().replace("  queueMicrotask(() => {\n", ""))


def test_vite_config_still_has_the_chunk_group_after_which_paso_adds_its_own() -> None:
    """rxapp/public_bundle.py adds a framework chunk and an icons chunk to Reflex's vite.config.js
    (issue 17); socket.io-client, loaded on the first connect only, stays out of the framework's."""
    from reflex_base.compiler.templates import vite_config_template

    config = vite_config_template(
        base="/", hmr=False, force_full_reload=False, experimental_hmr=False, sourcemap=False
    )
    grouped = reflex_compat.group_chunks(config, ["wifi", "book-open"])
    groups = re.findall(r"\{ test: /(.+?)/, name: \"(\w+)\" \}", grouped)
    assert [name for _, name in groups] == ["framework", "icons"]
    assert grouped.index('name: "reflex-env"') < grouped.index('name: "framework"')
    framework, icons = (re.compile(test.replace("\\/", "/")) for test, _ in groups)
    for module in ("react", "react-dom", "react-router", "@emotion/react", "scheduler", "universal-cookie"):
        assert framework.search(f"/x/node_modules/{module}/index.js"), module
    for module in ("socket.io-client", "engine.io-client", "lucide-react", "react-helmet"):
        assert not framework.search(f"/x/node_modules/{module}/index.js"), module
    lucide = "/x/node_modules/lucide-react/dist/esm/icons/{}.mjs"
    grouped_icons = [
        name for name in ("wifi", "book-open", "wifi-off", "trash") if icons.search(lucide.format(name))
    ]
    assert grouped_icons == ["wifi", "book-open"]
    assert reflex_compat.group_chunks(grouped, ["book-open", "wifi"]) == grouped  # rewritten already
    assert 'name: "icons"' not in reflex_compat.group_chunks(grouped)
    with pytest.raises(ValueError, match="Reflex internal gone"):
        reflex_compat.group_chunks(config.replace('name: "reflex-env"', 'name: "env"'))


def test_the_icons_a_page_imports_are_named() -> None:
    page = rx.el.div(rx.icon("book-open"), rx.el.span(rx.icon("wifi-off")), rx.icon("book-open"))
    assert reflex_compat.icon_names(page) == ["book-open", "wifi-off"]
