"""The desk's look: its buttons, cards, status pills and alerts (pieces that take data).

The frame around every desk page, which reads the signed-in session, is ``rxapp/desk/frame.py``.
"""

from __future__ import annotations

from typing import Any

import reflex as rx

from rxapp.components.style import FOCUS

BUTTON = f"inline-flex items-center justify-center gap-2 min-h-11 px-4 rounded-xl font-semibold {FOCUS}"
PRIMARY = f"{BUTTON} bg-teal-800 text-white hover:bg-teal-900 disabled:bg-slate-400"
DANGER = f"{BUTTON} bg-red-700 text-white hover:bg-red-800"  # erasing or removing, once asked
SECONDARY = f"{BUTTON} border-2 border-slate-300 bg-white hover:bg-slate-50"
CARD = "rounded-2xl border border-slate-200 bg-white p-4 shadow-sm"


def badge(status: rx.Var[str], label: rx.Var[str], tones: dict[str, str], **attrs: Any) -> rx.Component:
    """A status as a coloured pill (``tones``: status -> Tailwind colours; any other is grey)."""
    pill = "px-2 py-0.5 rounded-full text-sm font-semibold"
    return rx.el.span(
        label,
        class_name=rx.match(
            status, *[(key, f"{pill} {tone}") for key, tone in tones.items()], f"{pill} bg-slate-100"
        ),
        **attrs,
    )


def alert(message: rx.Var[str] | str, testid: str) -> rx.Component:
    """An error announced to screen readers, shown only when there is one."""
    return rx.cond(
        message,
        rx.el.p(
            message,
            role="alert",
            class_name="rounded-xl bg-red-50 border-2 border-red-700 p-3 font-semibold text-red-900",
            data_testid=testid,
        ),
    )
