"""The desk session rides on the HttpOnly cookie of the event's websocket alone (issue 16, item 6):
the desk's states, as Reflex stores them for a client token, are worth nothing without it."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import reflex as rx
from reflex.istate.data import RouterData
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp import access
from rxapp.desk import session as desk_session
from rxapp.desk.gate import DeskGate
from rxapp.desk.queue.state import QueueState
from rxapp.desk.session import DeskState, Phase
from rxapp.models import StaffUser, utcnow
from rxapp.services import auth, desk_cookie, registration
from tests.data import people
from tests.data.aio import run
from tests.data.events import event_fn

SECRET = "Zacarías Secreto"


@pytest.fixture
def signed_in(monkeypatch: pytest.MonkeyPatch, empty_engine: Engine) -> str:
    """A registration in the queue, and the cookie token of a volunteer's desk session."""
    monkeypatch.setattr(desk_session, "engine", lambda: empty_engine)
    monkeypatch.setattr(access, "engine", lambda: empty_engine)
    form = {"draft_id": uuid.uuid4().hex, "device_id": "", "locale": "es", "name": SECRET}
    data, problems = registration.validate(form | {"needs": ["food"], "consent": True})
    assert data is not None, problems
    with Session(empty_engine) as session:
        registration.create_registration(session=session, data=data, prefix="MTZ")
        user = session.get(StaffUser, people.staff(session, name="Vale"))
        assert user is not None
        return auth.open_session(session=session, user=user, now=utcnow())


def _tree() -> tuple[Any, DeskState, QueueState]:
    import rxapp.rxapp  # noqa: F401 - every page's state

    root = rx.State(_reflex_internal_init=True)  # type: ignore[call-arg]
    desk = root.get_substate(DeskState.get_full_name().split(".")[1:])
    queue = root.get_substate(QueueState.get_full_name().split(".")[1:])
    assert isinstance(desk, DeskState) and isinstance(queue, QueueState)
    return root, desk, queue


def _connect(root: Any, cookie: str) -> None:
    """What Reflex does with each event: the routing data of the event's websocket."""
    root.router_data = {"headers": {"cookie": cookie} if cookie else {}, "pathname": "/es/desk"}
    root.router = RouterData.from_router_data(root.router_data)


def test_the_token_is_no_state_var() -> None:
    """Issue 16, item 6: the session token was an ``rx.Cookie`` var, kept in the state Reflex
    stores for the client token and readable by the page's scripts."""
    assert not [name for name in DeskState.base_vars if "token" in name]
    assert not any(isinstance(value, rx.Cookie) for value in DeskState.get_fields().values())


def test_a_replayed_client_token_without_the_cookie_gets_nothing(signed_in: str) -> None:
    """Issue 16, item 6: a desk tab's Reflex client token, replayed from another browser without
    the desk cookie, kept the desk signed in: staff name, queue rows and the hydrate's state."""
    root, desk, queue = _tree()
    _connect(root, f"paso_locale=es; {auth.DESK_COOKIE}={signed_in}")
    run(event_fn(DeskState.check)(desk))
    run(queue.load())
    assert (desk.staff_name, desk.phase) == ("Vale", Phase.READY)  # a tuple: mypy keeps no narrowing
    assert SECRET in str(root.dict())
    # The same stored state, on a websocket without the cookie: the gate runs before the hydrate.
    _connect(root, "paso_locale=es")
    run(DeskGate().preprocess(app=None, state=root, event=None))  # type: ignore[arg-type]
    assert SECRET not in str(root.dict()) and "Vale" not in str(root.dict())
    assert (desk.staff_name, desk.role, queue.items) == ("", "", [])
    run(queue.load())
    assert queue.items == [] and desk.phase == Phase.SIGN_IN


def test_another_cookie_or_a_forged_one_gets_nothing_either(signed_in: str) -> None:
    root, desk, queue = _tree()
    _connect(root, f"{auth.DESK_COOKIE}={signed_in}")
    run(event_fn(DeskState.check)(desk))
    run(queue.load())
    for cookie in (f"{auth.DESK_COOKIE}={'A' * 43}", f"{auth.DESK_COOKIE}={signed_in[:-1]}!"):
        _connect(root, cookie)
        run(queue.load())
        assert queue.items == [] and desk.staff_name == ""


def test_the_same_cookie_keeps_what_the_desk_shows(signed_in: str) -> None:
    root, desk, queue = _tree()
    _connect(root, f"{auth.DESK_COOKIE}={signed_in}")
    run(event_fn(DeskState.check)(desk))
    run(queue.load())
    run(DeskGate().preprocess(app=None, state=root, event=None))  # type: ignore[arg-type]
    assert desk.staff_name == "Vale" and len(queue.items) == 1


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (f"{auth.DESK_COOKIE}={'a' * 43}", "a" * 43),
        (f"paso_locale=es; {auth.DESK_COOKIE}={'b' * 43}; other=1", "b" * 43),
        ("", ""),
        (f"{auth.DESK_COOKIE}=short", ""),
        (f"{auth.DESK_COOKIE}={'a' * 42}:", ""),
        (f'{auth.DESK_COOKIE}="{"c" * 43}"', "c" * 43),
        ("garbage; ;= ", ""),
    ],
)
def test_only_a_well_formed_token_is_read(header: str, expected: str) -> None:
    assert desk_cookie.token_in(header) == expected


def test_the_cookie_is_http_only_strict_and_secure_over_https() -> None:
    given = desk_cookie.set_cookie("t" * 43, secure=True)
    assert given == f"{auth.DESK_COOKIE}={'t' * 43}; Path=/; HttpOnly; SameSite=Strict; Secure"
    assert "Secure" not in desk_cookie.set_cookie("t" * 43, secure=False)
    assert desk_cookie.clear_cookie(secure=False).endswith("HttpOnly; SameSite=Strict; Max-Age=0")
