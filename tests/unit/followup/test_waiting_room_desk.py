"""The desk's waiting room (issue 19): "call next" calls the oldest waiting record of today and
says so; with nobody waiting it says that; only a coordinator makes the screen's link."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp import access
from rxapp.desk.waiting_room import WaitingRoomState
from rxapp.models import Registration, Role
from rxapp.services.followup import turns
from tests.data import people
from tests.data.aio import run
from tests.data.desk_states import signed_in


def _signed_in(engine: Engine, monkeypatch: pytest.MonkeyPatch, role: Role) -> WaitingRoomState:
    return signed_in(engine, monkeypatch, role, WaitingRoomState, "/es/desk/waiting")


def test_call_next_calls_the_oldest_waiting_and_says_who(
    empty_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    now = dt.datetime.now(dt.UTC)  # the handler reads the real clock: today's records
    first = people.register(empty_engine, name="Primera", at=now - dt.timedelta(seconds=2))
    people.register(empty_engine, name="Segunda", at=now - dt.timedelta(seconds=1))
    with Session(empty_engine) as session:
        row = session.get(Registration, first)
        assert row is not None
        code = row.reference
    state = _signed_in(empty_engine, monkeypatch, Role.VOLUNTEER)
    run(state.load())
    assert state.calls == []
    run(state.call_next({"desk_number": "3"}))
    assert state.called == f"{code} llamado a la ventanilla 3."
    assert [(row.code, row.desk) for row in state.calls] == [(code, "Ventanilla 3")]
    assert "Primera" not in repr(state.calls)  # codes and desks only


def test_with_nobody_waiting_it_says_so(empty_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    state = _signed_in(empty_engine, monkeypatch, Role.VOLUNTEER)
    run(state.call_next({"desk_number": "1"}))
    assert state.called == "No hay nadie esperando."


@pytest.mark.parametrize(("role", "made"), [(Role.VOLUNTEER, False), (Role.COORDINATOR, True)])
def test_only_a_coordinator_makes_the_screens_link(
    empty_engine: Engine, monkeypatch: pytest.MonkeyPatch, role: Role, made: bool
) -> None:
    state = _signed_in(empty_engine, monkeypatch, role)
    run(state.new_screen_link())
    assert bool(state.screen_link) is made
    if made:
        key = state.screen_link.split("#k=", 1)[1]
        assert "/es/display#k=" in state.screen_link
        with Session(empty_engine) as session:
            assert turns.display_allowed(session=session, key=key)


def test_every_handler_is_declared() -> None:
    handlers: dict[str, Any] = {
        name: handler.fn
        for name, handler in WaitingRoomState.event_handlers.items()
        if name in vars(WaitingRoomState) and not name.startswith("_") and name != "setvar"
    }
    assert set(handlers) == {"load", "call_next", "new_screen_link"}
    for name, fn in handlers.items():
        assert access.declared(fn), name
