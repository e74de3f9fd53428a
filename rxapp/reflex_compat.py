"""Every use of a Reflex internal, in one place (issue 15).

Paso leans on a few things Reflex 0.10 does not promise to keep. Each is named here, used only
through this module, and checked by ``tests/unit/test_reflex_compat.py``, whose failure names the
internal that a Reflex upgrade moved or removed. The browser side has one more:
``assets/paso/client.js`` sets client-state vars through ``refs["_client_state_set<Name>"]`` of
``$/utils/state`` (checked by the same test against Reflex's templates), and the head script
answers ``backend-enabled=false`` to ``isBackendDisabled()`` on public pages (``assets/paso/boot.js``).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial, update_wrapper
from typing import Any

import reflex as rx
from reflex.vars import VarData
from reflex_base.utils.imports import ImportVar
from reflex_base.vars.base import Var
from reflex_components_core.core.banner import has_connection_errors
from reflex_components_core.el.elements.base import BaseHTML
from reflex_components_core.el.elements.inline import A
from sqlalchemy.engine import Connection

__all__ = [
    "A", "BaseHTML", "ImportVar", "Var", "alembic_upgrade", "has_connection_errors", "page_function",
    "replace_connection_overlay", "var_data",
]  # fmt: skip

OVERLAY = (5, "Overlay")  # the key of Reflex's English-only connection overlay in App.app_wraps


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


def var_data(*variables: rx.Var[Any]) -> VarData | None:
    """The imports and hooks several vars carry, merged (``Var._get_all_var_data``)."""
    return VarData.merge(*(variable._get_all_var_data() for variable in variables))
