"""Sign-in attempts at the desk (issue 16, item 1): limited per tab and per address whatever
the user name, refused before any hashing, and hashed off the event loop in a bounded pool."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from reflex.istate.data import RouterData
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp.desk import session as desk_session
from rxapp.desk.session import DeskState, words
from rxapp.i18n.catalogs import Translator
from rxapp.models import Role
from rxapp.services import auth, hashing
from rxapp.services.auth import AuthProblem
from rxapp.settings import Settings
from tests.data import aio

SIGN_IN = DeskState.event_handlers["sign_in"].fn
WRONG = words(AuthProblem.BAD_CREDENTIALS, Translator("es"))
OUTSIDE, CENTRE = "203.0.113.9", "192.168.1.10"
PASSWORD = "una-clave-bastante-larga"


@pytest.fixture
def db(empty_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """The desk on a fresh database: 3 failures per tab, 5 per address, 8 on the centre's network."""
    settings = Settings(
        data_dir=tmp_path, signin_per_connection=3, signin_per_address=5, signin_per_centre=8,
        centre_networks=["192.168.1.0/24"],
    )  # fmt: skip
    monkeypatch.setattr(desk_session, "get_settings", lambda: settings)
    monkeypatch.setattr(desk_session, "engine", lambda: empty_engine)
    hashing.use_pool(None)
    yield empty_engine
    hashing.use_pool(None)


def tab(token: str, address: str = OUTSIDE) -> Any:
    """A desk tab's state, as Reflex makes it for a websocket with this token and address."""
    root = DeskState.get_root_state()(_reflex_internal_init=True)
    state = root.substates[DeskState.get_name()]
    state.router = RouterData.from_router_data(
        {"pathname": "/es/desk", "token": token, "ip": address, "sid": f"sid-{token}", "headers": {}}
    )
    return state


def sign_in(state: Any, username: str = "nobody", password: str = "wrong-password-1") -> str:
    """One sign-in from this tab; what the tab shows."""
    aio.run(SIGN_IN(state, {"username": username, "password": password}))
    return str(state.auth_error)


def limited(message: str) -> bool:
    """Whether the message is the "wait N seconds" refusal."""
    prefix = words(AuthProblem.LOCKED_OUT, Translator("es"), 0).split("0")[0]
    return message.startswith(prefix) and message != WRONG


def test_unknown_names_count_and_over_the_limit_nothing_is_hashed(
    db: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 16, item 1: unknown user names never locked anything, and every attempt verified a
    password. Now the fourth failure of a tab is refused with the wait, and costs no hash."""
    desk = tab("tab-1")
    assert [sign_in(desk, f"nobody{n}") for n in range(3)] == [WRONG] * 3

    def no_hash(*_: object) -> bool:
        raise AssertionError("a password was verified for a refused attempt")

    monkeypatch.setattr(auth, "verify_password", no_hash)
    refused = sign_in(desk, "nobody9")
    assert limited(refused)
    assert 0 < int("".join(c for c in refused if c.isdigit())) <= 601


def test_each_tab_has_its_own_limit_and_the_address_one_for_all(db: Engine) -> None:
    """Issue 16, item 1: a script opening new connections is stopped by its address."""
    first, second, third = tab("tab-1"), tab("tab-2"), tab("tab-3")
    assert [sign_in(first) for _ in range(3)] == [WRONG] * 3
    assert limited(sign_in(first))  # the tab's 3
    assert [sign_in(second) for _ in range(2)] == [WRONG] * 2
    assert limited(sign_in(second))  # the address's 5
    assert limited(sign_in(third))
    assert sign_in(tab("tab-4", "198.51.100.4")) == WRONG  # another address is not held up


def test_tablets_sharing_the_centres_address_get_the_centres_allowance(db: Engine) -> None:
    """Issue 16, item 1: every tablet of the centre may be one address behind NAT."""
    tablets = [tab(f"tablet-{n}", CENTRE) for n in range(4)]
    answers = [sign_in(tablet) for tablet in tablets[:3] for _ in range(3)]
    assert answers[:8] == [WRONG] * 8  # 8 failures between them, more than an outside address's 5
    assert limited(answers[8])
    assert limited(sign_in(tablets[3]))


def test_a_successful_sign_in_gives_its_attempt_back(db: Engine) -> None:
    """Issue 16, item 1: only failures count, so a person who signs in is never held up by it."""
    with Session(db) as session:
        auth.create_user(
            session=session, username="ana", display_name="Ana", role=Role.VOLUNTEER, password=PASSWORD
        )
    desk = tab("tab-1")
    assert sign_in(desk) == WRONG
    assert sign_in(desk, "ana", PASSWORD) == ""
    assert [sign_in(desk), sign_in(desk)] == [WRONG] * 2  # three failures: still allowed
    assert limited(sign_in(desk))


def test_a_full_pool_refuses_at_once_with_the_busy_words(db: Engine) -> None:
    """Issue 16, item 1: beyond the pool's bound a sign-in is refused, not queued for ever."""
    hashing.use_pool(hashing.HashPool(workers=1, waiting=0))
    release = threading.Event()

    async def hold_and_sign_in() -> str:
        holding = asyncio.ensure_future(hashing.run(release.wait, 10))
        while hashing.pool().taken < 1:  # the job is in the pool's hands
            await asyncio.sleep(0)
        started = time.perf_counter()
        desk = tab("tab-1")
        await SIGN_IN(desk, {"username": "nobody", "password": "wrong-password-1"})
        assert time.perf_counter() - started < 1  # at once, not after the job in hand
        release.set()
        await holding
        return str(desk.auth_error)

    assert aio.run(hold_and_sign_in()) == words(AuthProblem.BUSY, Translator("es"))


def test_the_event_loop_keeps_ticking_while_a_password_is_verified(db: Engine) -> None:
    """Issue 16, item 1: argon2 on the event loop held up every reader and every desk tab."""
    auth.use_fast_hashing(False)  # the real parameters: ~170 ms of one core per verification
    try:
        gaps: list[float] = []

        async def run() -> float:
            done = asyncio.Event()

            async def tick() -> None:
                last = time.perf_counter()
                while not done.is_set():
                    await asyncio.sleep(0.005)
                    now = time.perf_counter()
                    gaps.append(now - last)
                    last = now

            ticking = asyncio.ensure_future(tick())
            await asyncio.sleep(0.02)
            started = time.perf_counter()
            await SIGN_IN(tab("tab-1"), {"username": "nobody", "password": "wrong-password-1"})
            took = time.perf_counter() - started
            done.set()
            await ticking
            return took

        took = aio.run(run())
    finally:
        auth.use_fast_hashing()
    assert took > 0.05, "the verification was not the real one"
    assert max(gaps) < took / 2, (max(gaps), took)
