"""The desk session rides on its HttpOnly cookie alone (issue 16, items 6 and 7): a desk tab's
Reflex client token, replayed from another browser without the cookie, gets no staff name, no
queue row, no record, nothing in the hydrate, and no handler works."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
import reflex as rx
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp.desk.queue.state import QueueState
from rxapp.desk.session import DeskState
from rxapp.models import Role
from rxapp.services import auth, records, registration
from tests.browser import TABLET
from tests.data.aio import run
from tests.data.socket import Client

pytestmark = pytest.mark.e2e

SECRET = "Wilmer Galleta Prueba"
ACCOUNT = ("lina", "Lina Voluntaria", "lluvia-de-mayo-31")


@pytest.fixture(scope="module")
def record(app_db: Engine) -> int:
    """A registration in the queue, and a volunteer's account; the record's id."""
    form = {"draft_id": uuid.uuid4().hex, "device_id": "", "locale": "es", "name": SECRET}
    data, problems = registration.validate(form | {"needs": ["food"], "consent": True})
    assert data is not None, problems
    with Session(app_db) as session:
        found = records.find_reference(
            session=session, code=registration.create_registration(session=session, data=data, prefix="MTZ")
        )
        name, shown, password = ACCOUNT
        auth.create_user(
            session=session, username=name, display_name=shown, role=Role.VOLUNTEER, password=password
        )
    assert found is not None
    return found


def _tablet(browser: Browser) -> BrowserContext:
    return browser.new_context(viewport=TABLET, has_touch=True, locale="es-MX", service_workers="block")


@pytest.fixture
def tablets(browser: Browser) -> Iterator[tuple[BrowserContext, BrowserContext]]:
    """The volunteer's tablet, and another browser that has none of its cookies."""
    mine, other = _tablet(browser), _tablet(browser)
    yield mine, other
    mine.close()
    other.close()


def _replay(other: BrowserContext, url: str, token: str) -> Page:
    """The other browser opens the desk as the first tab's client token, once that tab's
    websocket is gone (while it is connected, Reflex gives a copy another token)."""
    other.add_init_script(f"window.sessionStorage.setItem('token', {token!r});")
    for _attempt in range(20):
        page = other.new_page()
        page.goto(f"{url}/es/desk")
        expect(page.get_by_test_id("desk-signin").or_(page.get_by_test_id("desk-user"))).to_be_visible()
        if page.evaluate("window.sessionStorage.getItem('token')") == token:
            return page
        page.close()
    raise AssertionError("the first tab's token was never taken over")


def test_a_client_token_without_the_cookie_gets_nothing(
    tablets: tuple[BrowserContext, BrowserContext], app_url: str, record: int
) -> None:
    mine, other = tablets
    desk = mine.new_page()
    desk.goto(f"{app_url}/es/desk")
    desk.locator("#desk-username").fill(ACCOUNT[0])
    desk.locator("#desk-password").fill(ACCOUNT[2])
    desk.get_by_test_id("sign-in").click()
    expect(desk.get_by_test_id("desk-user")).to_have_text(ACCOUNT[1])
    expect(desk.get_by_test_id("queue-row").filter(has_text=SECRET)).to_be_visible()
    # Item 7: the cookie is HttpOnly; the page's scripts cannot read it.
    (cookie,) = [c for c in mine.cookies() if c["name"] == auth.DESK_COOKIE]
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert auth.DESK_COOKIE not in desk.evaluate("document.cookie")
    token = desk.evaluate("window.sessionStorage.getItem('token')")
    desk.close()  # the tab disconnects; its state stays on the server

    # Over the websocket, as a script would, before anything else touches that state: the
    # handlers first (the attack of issue 16), then the hydrate's snapshot, then the rest.
    async def calls() -> dict[str, str]:
        seen: dict[str, str] = {}
        replay = await _connected(app_url, token)
        checks: list[tuple[type[Any], str, dict[str, Any]]] = [
            (QueueState, "load", {}),
            (QueueState, "open", {"record_id": record}),
            (rx.State, "hydrate_and_load", {}),
            (DeskState, "check", {}),
            (QueueState, "search", {"form": {"query": "Wilmer"}}),
            (QueueState, "poll", {"active": True}),
            (DeskState, "unlock", {"form": {"password": "not-the-password"}}),
        ]
        for cls, name, payload in checks:
            seen[name] = await replay.call(cls, name, payload)
        await replay.__aexit__()
        return seen

    seen = run(calls())
    assert {name: answer for name, answer in seen.items() if SECRET in answer or ACCOUNT[1] in answer} == {}
    assert not [name for name, answer in seen.items() if '"role_rx_state_": "volunteer"' in answer]

    # And in another browser that takes over the token: the sign-in form, nothing else.
    page = _replay(other, app_url, token)
    expect(page.get_by_test_id("desk-signin")).to_be_visible()
    expect(page.get_by_test_id("desk-user")).to_have_count(0)
    assert SECRET not in page.content() and ACCOUNT[1] not in page.content()


async def _connected(url: str, token: str) -> Client:
    """A websocket on the token, once the first tab's is gone (while it is connected, Reflex
    gives a copy another token)."""
    for _attempt in range(50):
        client = await Client(url, token=token).__aenter__()
        await client.settle()  # any new token was sent before this answer
        if not client.renamed:
            return client
        await client.__aexit__()
    raise AssertionError("the first tab's websocket never went away")
