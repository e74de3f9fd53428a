"""Event names sent over the websocket by the benchmarks and tests are the app's own.

Issue 16 (load benchmark): bench/registration.py sent
``reflex___state____state.rxapp___pages___register____register_state.submit``, the name of
the registration state before it moved to rxapp/registration/page.py; the server had no such
handler and the benchmark waited for answers that never came. The name now comes from the
class (tests/data/phone.py), and every name still written out is checked here. The sources
are read as text: the tests never import bench/ (tests/unit/test_test_imports.py).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import reflex as rx

from rxapp.registration.page import RegisterState
from tests.data import phone

ROOT = Path(__file__).resolve().parents[2]
ROOT_STATE = rx.State.get_full_name()


def handler_of(name: str) -> object | None:
    """The event handler a full event name reaches in the app's state tree, or None."""
    from rxapp.rxapp import app  # noqa: F401  (registers every page's state)

    *path, handler = name.split(".")
    if not path or path[0] != ROOT_STATE:
        return None
    try:
        state = rx.State.get_class_substate(tuple(path[1:])) if path[1:] else rx.State
    except ValueError:
        return None
    return state.event_handlers.get(handler)


def written_event_names(source: str) -> list[str]:
    """String literals of ``source`` that look like a full event name (root state, a dot)."""
    return [
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value.startswith(ROOT_STATE + ".")
        and " " not in node.value
    ]


def test_the_phone_submits_to_the_registration_state() -> None:
    assert f"{RegisterState.get_full_name()}.submit" == phone.SUBMIT
    assert handler_of(phone.SUBMIT) is RegisterState.event_handlers["submit"]
    assert handler_of(phone.HYDRATE) is not None


def test_the_check_refuses_the_old_name_of_the_registration_state() -> None:
    """Issue 16, load benchmark: the literal bench/registration.py used reaches no handler."""
    old = "reflex___state____state.rxapp___pages___register____register_state.submit"
    assert written_event_names(f"EVENT = {old!r}\n") == [old]
    assert handler_of(old) is None


@pytest.mark.parametrize("folder", ["bench", "tests", "scripts"])
def test_every_event_name_written_in_the_sources_reaches_a_handler(folder: str) -> None:
    """Issue 16, load benchmark: no stale event name in a benchmark, test or script."""
    stale = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in sorted((ROOT / folder).rglob("*.py"))
        for name in written_event_names(path.read_text(encoding="utf-8"))
        if handler_of(name) is None and path != Path(__file__)
    }
    assert stale == set()
