"""Access declared once (rxapp/access.py): the table names every desk handler, the decorator
enforces it, and a handler that says nothing about who may call it cannot be defined."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, Field

from rxapp import access
from rxapp.access import OPEN, RULES, AccessNotDeclaredError, Desk, desk_event, open_event
from rxapp.desk.session import DeskState
from rxapp.i18n.catalogs import Translator
from rxapp.models import Role
from rxapp.services.auth import AuthError, AuthProblem, Staff
from tests.data.aio import run


def desk_handlers() -> dict[str, Any]:
    """Every public event handler of DeskState and its substates, by "State.handler"."""
    import rxapp.rxapp  # noqa: F401 - defines every page's state

    found: dict[str, Any] = {}
    pending: list[type[DeskState]] = [DeskState]
    while pending:
        cls = pending.pop()
        pending.extend(cls.get_substates())  # type: ignore[arg-type]
        for name, handler in cls.event_handlers.items():
            if name in cls.__dict__ and not name.startswith("_") and name != "setvar":
                found[f"{cls.__name__}.{name}"] = handler.fn
    return found


def test_the_table_names_every_desk_handler_and_nothing_else() -> None:
    handlers = desk_handlers()
    assert sorted(set(handlers) - set(RULES)) == []
    assert sorted(set(RULES) - set(handlers)) == []


def test_every_desk_handler_goes_through_the_decorator_its_rule_asks_for() -> None:
    """A role in the table means ``desk_event``; OPEN means ``open_event`` (nothing in between)."""
    for qualname, fn in desk_handlers().items():
        assert access.declared(fn), qualname
        assert getattr(fn, access.MARK) == RULES[qualname], qualname


def test_only_the_sessions_own_handlers_and_closing_a_record_are_open() -> None:
    opened = {name for name, role in RULES.items() if role is OPEN}
    assert opened == {
        "DeskState.check",
        "DeskState.sign_in",
        "DeskState.unlock",
        "DeskState.lock",
        "DeskState.sign_out",
        "QueueState.close_record",
    }


def test_a_desk_state_with_an_undeclared_handler_cannot_be_defined() -> None:
    """The bug this prevents: a new desk handler that forgets the role check."""
    with pytest.raises(AccessNotDeclaredError, match=r"RogueState\.steal"):

        class RogueState(DeskState):
            async def steal(self) -> None:
                """Reads everything, checks nothing."""

    with pytest.raises(AccessNotDeclaredError, match="does not say who may call it"):

        class SneakyState(DeskState):
            @desk_event()
            async def peek(self, desk: Desk) -> None:
                """Decorated, but not in the table."""


def test_the_decorator_refuses_the_other_kind() -> None:
    with pytest.raises(AccessNotDeclaredError, match="use @open_event"):
        desk_event()(_named("QueueState.close_record"))
    with pytest.raises(AccessNotDeclaredError, match="use @desk_event"):
        open_event(_named("StaffState.add"))


def _named(qualname: str) -> Any:
    async def fn(self: Any, *args: Any) -> None:
        """A stand-in handler."""

    fn.__qualname__ = qualname
    return fn


class _Input(BaseModel):
    user_id: int = Field(gt=0)


class _FakeState:
    """What the decorator needs of a desk state, recording what it was asked."""

    def __init__(self, staff: Staff | None) -> None:
        self.staff, self.asked, self.refusals, self.ran = staff, [], [], []  # type: ignore[var-annotated]

    async def _staff(self, role: Role | None = Role.VOLUNTEER, *, touch: bool = True) -> Staff | None:
        self.asked.append((role, touch))
        return self.staff

    def _t(self) -> Translator:
        return Translator("es")

    def _refuse(self, message: str, *, form: str = "", error: Exception | None = None) -> Any:
        self.refusals.append((message, form))
        return "refused"


def _handler(body: Any, **options: Any) -> Any:
    async def set_active(self: Any, desk: Desk, data: _Input) -> Any:
        """A stand-in for StaffState.set_active."""
        self.ran.append(data)
        return body(desk, data)

    set_active.__qualname__ = "StaffState.set_active"
    return desk_event(_Input, args=("user_id",), **options)(set_active)


COORDINATOR = Staff(user_id=1, username="ana", display_name="Ana", role=Role.COORDINATOR, session_id=1)


def test_the_body_runs_only_for_the_declared_role() -> None:
    handler = _handler(lambda desk, data: None)
    refused = _FakeState(None)  # _staff says no: wrong role, locked or signed out
    assert run(handler(refused, 5)) is None
    assert refused.asked == [(Role.COORDINATOR, True)]
    assert refused.ran == []
    allowed = _FakeState(COORDINATOR)
    run(handler(allowed, user_id="5"))  # keyword, as Reflex calls it; pydantic coerces
    assert allowed.ran == [_Input(user_id=5)]


def test_bad_input_is_refused_in_the_persons_language_and_the_body_does_not_run() -> None:
    handler = _handler(lambda desk, data: None, invalid="Your role cannot do this.", form="x")
    state = _FakeState(COORDINATOR)
    assert run(handler(state, -1)) == "refused"
    assert state.refusals == [("Tu rol no permite hacer esto.", "x")]
    assert state.ran == []


def test_a_domain_refusal_is_worded_and_anything_else_still_raises() -> None:
    def refuse(desk: Desk, data: _Input) -> None:
        raise AuthError(AuthProblem.NOT_ALLOWED)

    state = _FakeState(COORDINATOR)
    assert run(_handler(refuse)(state, 2)) == "refused"
    assert state.refusals == [("Tu rol no permite hacer esto.", "")]

    def crash(desk: Desk, data: _Input) -> None:
        raise RuntimeError("a bug, not a refusal")

    with pytest.raises(RuntimeError):
        run(_handler(crash)(_FakeState(COORDINATOR), 2))


def test_the_browser_sees_the_raw_arguments_not_the_desk_context() -> None:
    """Reflex reads a handler's signature and hints to call it: ``desk`` and the model stay inside."""
    import inspect

    handler = _handler(lambda desk, data: None)
    assert list(inspect.signature(handler).parameters) == ["self", "user_id"]
    assert set(handler.__annotations__) == {"user_id", "return"}
