"""``/api/desk/session`` and the ticket behind it: the desk cookie is set and removed by the
server only, once per sign-in (issue 16, items 6 and 7)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp.http.app import PasoFront
from rxapp.models import StaffUser, utcnow
from rxapp.services import auth, desk_cookie
from rxapp.services.auth import AuthError, AuthProblem
from rxapp.settings import Settings
from tests.data import people
from tests.data.http import ORIGIN, Answer, call, make_front

PATH = "/api/desk/session"


async def _never(scope: Any, receive: Any, send: Any) -> None:
    raise AssertionError("the request should not reach Reflex")


def _ticket(engine: Engine, at: dt.datetime | None = None) -> str:
    with Session(engine) as session:
        user = session.get(StaffUser, people.staff(session, name="Vale"))
        assert user is not None
        return auth.open_handover(session=session, user=user, now=at or utcnow())


def _current(engine: Engine, token: str) -> auth.Staff:
    with Session(engine) as session:
        return auth.current(session=session, token=token, now=utcnow(), idle_seconds=900, max_seconds=3600)


def _post(front: PasoFront, body: object, **headers: str) -> Answer:
    given = {"content-type": "application/json", "origin": ORIGIN, **headers}
    return call(front, PATH, method="POST", body=json.dumps(body).encode(), headers=given)


@pytest.fixture
def front(monkeypatch: pytest.MonkeyPatch, empty_engine: Engine, tmp_path: Path) -> PasoFront:
    return make_front(monkeypatch, empty_engine, tmp_path)


def test_a_ticket_becomes_an_http_only_cookie_once(front: PasoFront, empty_engine: Engine) -> None:
    ticket = _ticket(empty_engine)
    status, headers, _ = _post(front, {"ticket": ticket})
    assert status == 200 and headers["cache-control"] == "no-store"
    cookie = headers["set-cookie"]
    assert cookie.endswith("; Path=/; HttpOnly; SameSite=Strict")
    token = desk_cookie.token_in(cookie.split(";")[0])
    assert token and token != ticket
    assert _current(empty_engine, token).display_name == "Vale"
    assert _post(front, {"ticket": ticket})[0] == 403  # once


def test_a_ticket_is_never_a_session_token(empty_engine: Engine) -> None:
    """What went through the page's scripts cannot be replayed as the cookie."""
    with pytest.raises(AuthError) as refused:
        _current(empty_engine, _ticket(empty_engine))
    assert refused.value.problem == AuthProblem.SESSION_ENDED


def test_an_old_ticket_is_refused(front: PasoFront, empty_engine: Engine) -> None:
    ticket = _ticket(empty_engine, at=utcnow() - dt.timedelta(seconds=auth.HANDOVER_SECONDS + 5))
    assert _post(front, {"ticket": ticket})[0] == 403


@pytest.mark.parametrize(
    ("body", "headers", "expected"),
    [
        ({"ticket": "x"}, {}, 400),
        ({"ticket": "a" * 43, "more": 1}, {}, 400),
        ({"ticket": "a" * 43}, {"origin": "https://evil.example"}, 403),
        ({"ticket": "a" * 43}, {"content-type": "application/x-www-form-urlencoded"}, 415),
        ({"ticket": "a" * 43 * 10}, {}, 413),
    ],
)
def test_what_is_not_a_ticket_from_here_is_refused(
    front: PasoFront, body: object, headers: dict[str, str], expected: int
) -> None:
    status, answered, _ = _post(front, body, **headers)
    assert status == expected and "set-cookie" not in answered


def test_signing_out_ends_the_session_and_removes_the_cookie(front: PasoFront, empty_engine: Engine) -> None:
    ticket = _ticket(empty_engine)
    token = desk_cookie.token_in(_post(front, {"ticket": ticket})[1]["set-cookie"].split(";")[0])
    status, headers, _ = call(front, PATH, method="DELETE", token=token, headers={"origin": ORIGIN})
    assert status == 200 and headers["set-cookie"].endswith("Max-Age=0")
    with pytest.raises(AuthError):
        _current(empty_engine, token)
    assert call(front, PATH, method="GET")[0] == 405


def test_over_https_the_cookie_is_secure(
    monkeypatch: pytest.MonkeyPatch, empty_engine: Engine, tmp_path: Path
) -> None:
    make_front(monkeypatch, empty_engine, tmp_path)  # the endpoints' database
    front = PasoFront(_never, Settings(data_dir=tmp_path, public_url="https://10.0.0.2:8443"))
    body = json.dumps({"ticket": _ticket(empty_engine)}).encode()
    headers = {"content-type": "application/json", "origin": "https://10.0.0.2:8443"}
    status, answered, _ = call(front, PATH, method="POST", body=body, headers=headers)
    assert status == 200 and answered["set-cookie"].endswith("HttpOnly; SameSite=Strict; Secure")
