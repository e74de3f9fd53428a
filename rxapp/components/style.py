"""Class names shared by every component, and the typed way to pick one in the browser."""

from __future__ import annotations

from typing import Any

import reflex as rx

FOCUS = "focus-visible:outline focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-amber-500"


def either(condition: rx.Var[Any], yes: str | rx.Var[str], no: str | rx.Var[str] | None) -> rx.Var[str]:
    """``yes`` while ``condition`` holds in the browser, else ``no`` (a class name, a word)."""
    # rx.cond with values: mypy sees only Reflex 0.10's component overloads of it.
    return rx.cond(condition, yes, no)  # type: ignore[call-overload,no-any-return]
