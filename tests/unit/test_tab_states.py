"""A closed tab's state leaves the server's memory (issue 16, item 10).

Reflex's memory manager kept every tab's state for PASO_STATE_EXPIRY_SECONDS (900 s) after its
last event, connected or not: 500 phones that had registered and left were all still held.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from reflex.app import App, EventNamespace

from rxapp import reflex_compat, tab_states
from rxapp.settings import get_settings
from tests.data.aio import run


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> Iterator[App]:
    """Paso's app, the desk's reconnection grace at 0 s (no test waits for a clock)."""
    monkeypatch.setenv("PASO_STATE_RECONNECT_SECONDS", "0")
    get_settings.cache_clear()
    from rxapp.rxapp import app

    yield app
    get_settings.cache_clear()


def _namespace(app: App) -> EventNamespace:
    """The app's websocket namespace (None only before the app is set up)."""
    assert app.event_namespace is not None
    return app.event_namespace


async def _open(app: App, path: str) -> tuple[str, str]:
    """A tab on ``path`` whose websocket is linked and whose state is held: (token, sid)."""
    token, sid = str(uuid.uuid4()), uuid.uuid4().hex
    await _namespace(app).link_token_to_sid(sid, token)
    # What a hydrate event from ``path`` records on the state (Reflex's router vars).
    async with app.state_manager.modify_state(reflex_compat._token(app, token)) as state:
        state.router_data = state._update_router_vars({"pathname": path, "asPath": path}, state.router_data)
    assert reflex_compat.held_state_path(app, token) == path
    return token, sid


async def _close(app: App, sid: str) -> None:
    cleanup = _namespace(app).on_disconnect(sid)
    if cleanup is not None:
        await cleanup


def test_a_closed_public_tab_leaves_no_state(app: App) -> None:
    """Issue 16, item 10: 500 closed registration tabs still held their states 10 s later."""

    async def scenario() -> str | None:
        token, sid = await _open(app, "/es/register")
        await _close(app, sid)
        await tab_states.settled()
        return reflex_compat.held_state_path(app, token)

    assert run(scenario()) is None


def test_a_desk_tab_that_reconnects_keeps_its_state(app: App) -> None:
    """Issue 16, item 10: dropping states sooner must not sign a tablet out over a wifi blip."""

    async def scenario() -> tuple[str | None, str | None]:
        token, sid = await _open(app, "/es/desk")
        await _close(app, sid)
        await _namespace(app).link_token_to_sid(uuid.uuid4().hex, token)  # back within the grace
        await tab_states.settled()
        kept = reflex_compat.held_state_path(app, token)
        await _close(app, _namespace(app).token_to_sid[token])  # then gone for good
        await tab_states.settled()
        return kept, reflex_compat.held_state_path(app, token)

    assert run(scenario()) == ("/es/desk", None)


@pytest.mark.parametrize(
    ("path", "seconds"),
    [
        ("/es/desk", 45.0),
        ("/ar/desk/directory/service", 45.0),
        ("/es/register", 0.0),
        ("/", 0.0),
        (None, 0.0),
    ],
)
def test_only_desk_tabs_wait_for_a_reconnection(
    monkeypatch: pytest.MonkeyPatch, path: str | None, seconds: float
) -> None:
    monkeypatch.setenv("PASO_STATE_RECONNECT_SECONDS", "45")
    get_settings.cache_clear()
    try:
        assert tab_states.grace_seconds(path) == seconds
    finally:
        get_settings.cache_clear()
