"""The desk's important numbers page (coordinators): its handlers add, refuse with words, edit,
move and remove through the services, each change audited; a volunteer gets nothing."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from rxapp import access
from rxapp import models as m
from rxapp.desk.numbers.state import NumbersState
from rxapp.models import Role
from tests.data.aio import run
from tests.data.desk_states import signed_in

FORM = {
    "name": "Casa del Migrante",
    "purpose": "Albergue",
    "hours": "",
    "phone": "962 555 0300",
    "group": "protection",
}


def _signed_in(engine: Engine, monkeypatch: pytest.MonkeyPatch, role: Role) -> NumbersState:
    return signed_in(engine, monkeypatch, role, NumbersState, "/es/desk/numbers")


def _audit(engine: Engine) -> list[str]:
    with Session(engine) as session:
        rows = session.exec(select(m.AuditEntry).order_by(col(m.AuditEntry.id))).all()
    return [row.detail for row in rows if row.action is m.AuditAction.NUMBER]


def _names(state: NumbersState) -> list[str]:
    return [row.name for row in state.rows]


def test_a_coordinator_adds_edits_moves_and_removes(
    sample_copy: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = _signed_in(sample_copy, monkeypatch, Role.COORDINATOR)
    run(state.load())
    assert _names(state)[0].startswith("Emergencias") and len(state.rows) == 9
    run(state.save(FORM))
    assert state.number_message == "Número añadido." and state.number_error == ""
    assert _names(state)[4] == "Casa del Migrante"  # the last of its group, before the consulates
    added = state.rows[4].id
    run(state.move(added, -1))
    assert _names(state)[3] == "Casa del Migrante"
    run(state.edit(added))
    run(state.save({**FORM, "phone": "abc"}))  # refused, in the desk's words; nothing saved
    assert state.number_error.startswith("Esto no es un número de teléfono")
    assert state.form["phone"] == "abc"  # what was typed stays
    run(state.save({**FORM, "hours": "Siempre"}))
    run(state.remove(added))  # not asked first: nothing happens
    assert "Casa del Migrante" in _names(state)
    run(state.ask_remove(added))
    run(state.keep())
    run(state.remove(added))  # kept after all
    assert "Casa del Migrante" in _names(state) and state.removing == 0
    run(state.ask_remove(added))
    assert state.removing == added
    run(state.remove(added))
    assert "Casa del Migrante" not in _names(state) and state.removing == 0
    assert _audit(sample_copy) == [
        "add:casa-del-migrante",
        "move:casa-del-migrante",
        "edit:casa-del-migrante",
        "remove:casa-del-migrante",
    ]


def test_a_volunteer_changes_nothing(sample_copy: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    state = _signed_in(sample_copy, monkeypatch, Role.VOLUNTEER)
    run(state.load())
    run(state.save(FORM))
    assert state.rows == []
    with Session(sample_copy) as session:
        assert (
            session.exec(select(m.ImportantNumber).where(m.ImportantNumber.name == FORM["name"])).first()
            is None
        )
    assert _audit(sample_copy) == []


def test_every_handler_is_declared_for_coordinators() -> None:
    handlers: dict[str, Any] = {
        name: handler.fn
        for name, handler in NumbersState.event_handlers.items()
        if name in vars(NumbersState) and not name.startswith("_") and name != "setvar"
    }
    assert set(handlers) == {"load", "edit", "new", "save", "move", "ask_remove", "keep", "remove"}
    for name, fn in handlers.items():
        assert access.declared(fn) and access.rule(f"NumbersState.{name}") is Role.COORDINATOR, name
