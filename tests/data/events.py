"""An ``@rx.event`` handler's own function, to run on a state in a unit test."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

import reflex as rx


def event_fn(handler: object) -> Callable[..., Coroutine[Any, Any, Any]]:
    """The async function behind ``State.handler``, called with the state as its first argument.

    mypy types ``@rx.event`` on a typed method as ``EventNamespace`` (Reflex's ``__new__`` returns
    the handler, which mypy does not follow), so the handler is checked here, at run time."""
    assert isinstance(handler, rx.EventHandler), f"not an event handler: {handler!r}"
    fn: Callable[..., Coroutine[Any, Any, Any]] = handler.fn
    return fn
