"""A desk page's Reflex state signed in as a staff member of a given role, for handler tests
that go through the real states, the access decorator and the desk session."""

from __future__ import annotations

from typing import TypeVar

import pytest
import reflex as rx
from reflex.istate.data import RouterData
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp import access
from rxapp.desk import session as desk_session
from rxapp.desk.session import DeskState
from rxapp.models import Role, StaffUser, utcnow
from rxapp.services import auth
from tests.data import people
from tests.data.aio import run
from tests.data.events import event_fn

S = TypeVar("S", bound=DeskState)


def signed_in(engine: Engine, monkeypatch: pytest.MonkeyPatch, role: Role, state: type[S], path: str) -> S:
    """``state`` as a tablet whose desk cookie belongs to a new staff member with ``role``."""
    monkeypatch.setattr(desk_session, "engine", lambda: engine)
    monkeypatch.setattr(access, "engine", lambda: engine)
    with Session(engine) as session:
        user = session.get(StaffUser, people.staff(session, name="Nora", role=role))
        assert user is not None
        token = auth.open_session(session=session, user=user, now=utcnow())
    import rxapp.rxapp  # noqa: F401 - every page's state

    root = rx.State(_reflex_internal_init=True)  # type: ignore[call-arg]
    root.router_data = {"headers": {"cookie": f"{auth.DESK_COOKIE}={token}"}, "pathname": path}
    root.router = RouterData.from_router_data(root.router_data)
    desk = root.get_substate(DeskState.get_full_name().split(".")[1:])
    found = root.get_substate(state.get_full_name().split(".")[1:])
    assert isinstance(desk, DeskState) and isinstance(found, state)
    run(event_fn(DeskState.check)(desk))
    return found
