"""What a public page downloads (issue 17): not the socket.io client, nothing of the desk; the
pages that write (registration, the desk) still load it and connect."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, Response, expect

pytestmark = pytest.mark.e2e

# Engine.IO's protocol query parameter: only the socket.io client's code sends it.
SOCKET_IO = re.compile(r"\bEIO\b")
PUBLIC = [
    "/es",
    "/es/need/food",
    "/ar/search",
    "/en/service?id=paso-orientacion-inicial",
    "/fr/about",
    "/ht/numbers",
    "/ht/news",
]


def _scripts(page: Page) -> dict[str, str]:
    """Every script the page fetches (url -> body), recorded from now on."""
    scripts: dict[str, str] = {}

    def keep(response: Response) -> None:
        if response.request.resource_type == "script" or response.url.endswith(".js"):
            scripts[response.url] = response.text()

    page.on("response", keep)
    return scripts


@pytest.mark.parametrize("path", PUBLIC)
def test_a_public_page_fetches_neither_socket_io_nor_the_desk(page: Page, app_url: str, path: str) -> None:
    scripts = _scripts(page)
    page.goto(f"{app_url}{path}", wait_until="networkidle")
    expect(page.locator("main")).to_be_visible()
    assert scripts, "no script recorded"
    assert not [url for url, body in scripts.items() if SOCKET_IO.search(body)], "socket.io client fetched"
    assert not [url for url in scripts if "_desk_" in url], "a desk route module fetched"
    routes = page.evaluate("Object.values(window.__reactRouterManifest.routes).map((r) => r.path)")
    assert "es/need/food" in routes and not [r for r in routes if "desk" in r], routes


def test_registration_loads_the_socket_io_client_and_connects(page: Page, app_url: str) -> None:
    """From a public page (which has neither) to the form, on the client as a person goes."""
    scripts = _scripts(page)
    page.goto(f"{app_url}/es", wait_until="networkidle")
    with page.expect_websocket(lambda ws: "/_event" in ws.url):
        page.get_by_test_id("register-link").click()
    expect(page.get_by_test_id("submit")).to_be_enabled()
    assert [url for url, body in scripts.items() if SOCKET_IO.search(body)]


def test_the_desk_loads_the_socket_io_client_and_connects(page: Page, app_url: str) -> None:
    scripts = _scripts(page)
    with page.expect_websocket(lambda ws: "/_event" in ws.url):
        page.goto(f"{app_url}/es/desk")
    expect(page.get_by_test_id("desk-signin")).to_be_visible()
    assert [url for url, body in scripts.items() if SOCKET_IO.search(body)]
    routes = page.evaluate("Object.values(window.__reactRouterManifest.routes).map((r) => r.path)")
    assert "es/desk/staff" in routes


def test_the_form_names_the_socket_io_chunk_for_the_worker_to_save(page: Page, app_url: str) -> None:
    """The worker saves what a saved page's HTML names: with the form's preload of the chunk,
    a form opened offline can connect once the signal is back, without a reload."""
    html = page.request.get(f"{app_url}/es/register").text()
    preloaded = re.findall(r'rel="modulepreload"[^>]*href="(/assets/[^"]+)"', html)
    assert [url for url in preloaded if SOCKET_IO.search(page.request.get(app_url + url).text())]
    home = page.request.get(f"{app_url}/es").text()
    assert not [
        url
        for url in re.findall(r'href="(/assets/[^"]+\.js)"', home)
        if SOCKET_IO.search(page.request.get(app_url + url).text())
    ]
