"""Every use of a Reflex internal, in one place (issue 15).

Paso leans on a few things Reflex 0.10 does not promise to keep. Each is named here, used only
through this module, and checked by ``tests/unit/test_reflex_compat.py``, whose failure names the
internal that a Reflex upgrade moved or removed. The browser side has one more:
``assets/paso/client.js`` sets client-state vars through ``refs["_client_state_set<Name>"]`` of
``$/utils/state`` (checked by the same test against Reflex's templates), and the head script
answers ``backend-enabled=false`` to ``isBackendDisabled()`` on public pages (``assets/paso/boot.js``),
``lazy_socket_io`` rewrites Reflex's ``utils/state.js`` and ``group_chunks`` its ``vite.config.js``
(rxapp/public_bundle.py applies both).
"""

from __future__ import annotations

import asyncio
import re
import sys
from collections.abc import Callable, Iterable
from functools import partial, update_wrapper
from pathlib import Path
from typing import Any

import reflex as rx
from reflex.app import EventNamespace
from reflex.istate.manager.memory import StateManagerMemory
from reflex.istate.manager.token import BaseStateToken
from reflex.vars import VarData
from reflex_base.utils.imports import ImportVar
from reflex_base.vars.base import Var
from reflex_components_core.core.banner import has_connection_errors
from reflex_components_core.el.elements.base import BaseHTML
from reflex_components_core.el.elements.inline import A
from sqlalchemy.engine import Connection

__all__ = [
    "A", "BaseHTML", "ImportVar", "Var", "alembic_upgrade", "compile_in_a_child", "drop_state", "group_chunks",
    "has_connection_errors", "held_state_path", "icon_names", "lazy_socket_io", "on_tab_closed", "page_function", "replace_connection_overlay",
    "serve_built_app",
    "tab_connected", "var_data",
]  # fmt: skip

OVERLAY = (5, "Overlay")  # the key of Reflex's English-only connection overlay in App.app_wraps


# Reflex's `utils/state.js` imports socket.io-client at its top, so every page downloads it
# (~13 KB gzip, in the chunk every page loads) although public pages never open the socket.
# These rewrites load it on the first connect instead: `createSocket` is the one place that
# calls `io`, and both of its callers (the early "warm" transport and `connect`) can wait.
SOCKET_IO_REWRITES = (
    (
        'import io from "socket.io-client";\n',
        "// Paso (rxapp/reflex_compat.py): socket.io-client loads on the first connect.\n"
        "let io = null;\n"
        "const loadSocketIo = async () => {\n"
        '  const module = await import("socket.io-client");\n'
        "  io = module.io ?? module.default;\n"
        "};\n",
    ),
    # The early transport, once the page is known to want the socket.
    (
        "  queueMicrotask(() => {\n",
        "  queueMicrotask(async () => {\n",
    ),
    (
        "    try {\n      warmSocket = createSocket(\n",
        "    try {\n      if (!io) await loadSocketIo();\n      if (socketStarted) return;\n"
        "      warmSocket = createSocket(\n",
    ),
    # `connect`: before it looks at the socket, so two calls still share one. Offline, a form
    # opened from the worker's cache may find no saved copy: a connection error, as the socket's.
    (
        "  // Socket already allocated, just reconnect it if needed.\n  if (socket.current) {\n",
        "  if (!io) {\n"
        "    try {\n"
        "      await loadSocketIo();\n"
        "    } catch (error) {\n"
        "      setConnectErrors((errors) => [...errors.slice(-9), error]);\n"
        "      return;\n"
        "    }\n"
        "  }\n"
        "  // Socket already allocated, just reconnect it if needed.\n  if (socket.current) {\n",
    ),
)


def lazy_socket_io(state_js: str) -> str:
    """Reflex's ``utils/state.js`` loading socket.io-client only when a page connects (the same
    text when already rewritten); raises if Reflex's file no longer has what is rewritten."""
    if "loadSocketIo" in state_js:
        return state_js
    for old, new in SOCKET_IO_REWRITES:
        if state_js.count(old) != 1:
            raise ValueError(f"Reflex internal gone: utils/state.js no longer has {old.strip()!r} once")
        state_js = state_js.replace(old, new)
    return state_js


# Reflex's vite.config.js leaves the code every page loads to rolldown's splitting: React Router,
# React and emotion land in chunks named after whichever module came first
# ("errorBoundaries", "emotion-react.browser.esm", "entry.client"), and each lucide icon gets a
# chunk of its own (a home loaded 27 files, 17 of them icons of ~0.25 KB). Two more groups make
# one chunk of the framework and one of the home's icons: fewer, better compressed files (issue
# 17). socket.io-client is not in the framework's list: it stays a chunk loaded on first connect.
FRAMEWORK = (
    r"node_modules\/(react|react-dom|scheduler|react-router|@emotion\/[\w-]+|stylis|react-is|"
    r"hoist-non-react-statics|@babel\/runtime|universal-cookie|cookie|mergician|react-error-boundary)\/"
)
CHUNK_GROUPS_AFTER = '              name: "reflex-env",\n            },\n'
MARK = "// Paso (rxapp/reflex_compat.py)\n"
LUCIDE = "lucide-react"
ICON_FILE = re.compile(r"/dist/esm/icons/([a-z0-9-]+)\.mjs")


def icon_names(component: rx.Component) -> list[str]:
    """The lucide icons a component and its children import ("book-open"), sorted."""
    imports = component._get_all_imports()
    paths = [
        var.package_path for lib, vars_ in imports.items() if lib.split("@")[0] == LUCIDE for var in vars_
    ]
    return sorted({m.group(1) for path in paths if (m := ICON_FILE.fullmatch(path))})


def group_chunks(vite_config: str, icons: Iterable[str] = ()) -> str:
    """Reflex's ``vite.config.js`` with the framework's chunk and the chunk of the lucide
    ``icons`` (none: no icons' chunk); raises if its ``codeSplitting`` groups are no longer
    where they were. A config already rewritten has its groups replaced."""
    vite_config = re.sub(rf"(?m)^.*{re.escape(MARK)}", "", vite_config)
    if vite_config.count(CHUNK_GROUPS_AFTER) != 1:
        raise ValueError("Reflex internal gone: vite.config.js no longer has the reflex-env chunk group once")
    groups = [f'{{ test: /{FRAMEWORK}/, name: "framework" }}']
    if names := sorted(set(icons)):
        groups.append(
            f'{{ test: /{LUCIDE}\\/dist\\/esm\\/icons\\/({"|".join(names)})\\.mjs/, name: "icons" }}'
        )
    added = "".join(f"            {group}, {MARK}" for group in groups)
    return vite_config.replace(CHUNK_GROUPS_AFTER, CHUNK_GROUPS_AFTER + added)


def replace_connection_overlay(app: rx.App, overlay: Callable[[bool], rx.Component | None]) -> None:
    """Put our translated connection overlay where Reflex's own would go (``App.app_wraps``)."""
    app.app_wraps[OVERLAY] = overlay


def page_function(fn: Callable[..., rx.Component], name: str, *args: str) -> Callable[[], rx.Component]:
    """A page function for one locale (and need). Reflex files a page's memoized components
    under the function's ``__name__`` and bundles them by ``__module__``: one module per locale
    keeps a page from downloading the components (and strings) of the five other languages,
    and one per need keeps a list from downloading the eleven other lists' first cards."""
    bound = partial(fn, *args)
    update_wrapper(bound, fn)
    suffix = "_".join(a.replace("-", "_") for a in args)
    bound.__name__ = bound.__qualname__ = f"{name}_{suffix}"  # type: ignore[attr-defined]
    bound.__module__ = f"{fn.__module__}.{suffix}"
    return bound


def alembic_upgrade(connection: Connection) -> None:
    """Reflex's migration runner (reads alembic.ini and alembic/versions): ``model._alembic_upgrade``."""
    from reflex import model

    model._alembic_upgrade(connection=connection)


def compile_in_a_child() -> None:
    """Make `reflex run --env prod` compile the pages in a throw-away process, as its dev mode
    does (``reflex.reflex._compile_app(avoid_dirty_check=True)``), not in the process that then
    forks the server's worker: that compile grew it from ~105 MB (the app imported) to ~500 MB
    that it kept (Reflex's component caches, the allocator's arenas), and the worker inherited
    it (issue 17). The worker compiles nothing either way (it evaluates the stateful pages only,
    Paso has none). A no-op outside Reflex's command line (workers, tests)."""
    cli = sys.modules.get("reflex.reflex")
    if cli is None or getattr(cli._compile_app, "paso_in_a_child", False):
        return
    original = cli._compile_app

    def _compile_app(*, avoid_dirty_check: bool = True) -> None:
        original(avoid_dirty_check=True)

    _compile_app.paso_in_a_child = True  # type: ignore[attr-defined]
    setattr(cli, "_compile_app", _compile_app)  # noqa: B010 (a module, typed as one)


def web_build_dir() -> Path:
    """The built pages, where Reflex serves them from: its web folder (``REFLEX_WEB_WORKDIR``,
    ``.web`` by default) then ``build/client``. A fixed ``.web`` served another build's pages,
    whose scripts this server does not have (the HTTPS test's own build got 404s for them)."""
    from reflex_base import constants
    from reflex_base.environment import environment

    return (environment.REFLEX_WEB_WORKDIR.get() / constants.Dirs.STATIC).resolve()


def serve_built_app(host: str, port: int) -> None:
    """Serve the pages already built in ``.web`` and the backend on one port, in one worker
    process: what `reflex run --env prod` does after its build (``exec.run_backend_prod`` with
    the frontend mounted), without building again. Several of these run behind one proxy
    (scripts/scale.py): each worker can stop on its own, and the build happens once."""
    import os

    from reflex.utils import exec as reflex_exec
    from reflex_base import constants
    from reflex_base.config import get_config
    from reflex_base.environment import environment

    os.environ["GRANIAN_WORKERS"] = "1"  # with Redis, Reflex would start 2 x cores per process
    environment.REFLEX_ENV_MODE.set(constants.Env.PROD)
    environment.REFLEX_SKIP_COMPILE.set(True)
    level = get_config().loglevel  # as LogLevel.subprocess_level (untyped) chooses it
    if level == constants.LogLevel.DEFAULT:
        level = constants.LogLevel.WARNING
    reflex_exec.run_backend_prod(host, port, level, mount_frontend_compiled_app=True)


def var_data(*variables: rx.Var[Any]) -> VarData | None:
    """The imports and hooks several vars carry, merged (``Var._get_all_var_data``)."""
    return VarData.merge(*(variable._get_all_var_data() for variable in variables))


def _namespace(app: rx.App) -> EventNamespace:
    namespace = app.event_namespace
    if namespace is None:  # an app with a state always has one
        raise RuntimeError("the app has no websocket namespace")
    return namespace


def on_tab_closed(app: rx.App, callback: Callable[[str, asyncio.Task[Any] | None], None]) -> None:
    """Call ``callback(token, reflex_cleanup)`` whenever a tab's websocket closes: Reflex's own
    ``EventNamespace.on_disconnect`` runs first, and its token cleanup task is handed on."""
    namespace = _namespace(app)
    original = namespace.on_disconnect

    def on_disconnect(sid: str) -> asyncio.Task[Any] | None:
        token = namespace.sid_to_token.get(sid)
        cleanup = original(sid)
        if token:
            callback(token, cleanup)
        return cleanup

    # python-socketio looks handlers up on the instance (``getattr(self, "on_" + event)``).
    namespace.on_disconnect = on_disconnect  # type: ignore[method-assign]


async def tab_connected(app: rx.App, token: str) -> bool:
    """Whether a tab has a websocket open (on any worker): ``EventNamespace._token_manager``."""
    return await _namespace(app)._token_manager.is_token_connected(token)


def _memory(app: rx.App) -> StateManagerMemory | None:
    manager = app.state_manager
    return manager if isinstance(manager, StateManagerMemory) else None


def _token(app: rx.App, token: str) -> BaseStateToken:
    return BaseStateToken(ident=token, cls=app._state)  # type: ignore[arg-type]  # set once any page has state


def held_state_path(app: rx.App, token: str) -> str | None:
    """The page a tab's state was last used on, or None when this process holds no state for it
    (Reflex's memory manager only: ``StateManagerMemory.states``)."""
    manager = _memory(app)
    state = manager.states.get(_token(app, token).cache_key) if manager is not None else None
    return None if state is None else str(state.router.url.path)


def drop_state(app: rx.App, token: str) -> bool:
    """Drop a tab's state from the memory manager now; False while an event holds it
    (``StateManagerMemory._states_locks``, ``_purge_token``)."""
    manager = _memory(app)
    if manager is None:
        return True
    key = _token(app, token)
    lock = manager._states_locks.get(key.lock_key)
    if lock is not None and lock.locked():
        return False
    manager._purge_token(key)
    return True
