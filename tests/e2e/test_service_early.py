"""A service page's data asked for from the head (issue 17): its LCP, the description, waited
for the JavaScript and hydration before its detail part was even asked for (5.4 s cold on
Slow 4G). boot.js now asks for the index and then the part; directory.js takes both."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, Page, Request, Route, expect

from tests.e2e.test_offline import _first_visit

pytestmark = pytest.mark.e2e
SERVICE = "san-francisco-comedor"
# The start of its description in each locale (rxapp/sample/motozintla.json).
DESCRIPTION = {"es": "Desayuno de 8:00 a 10:00", "ar": "الفطور من 8:00 إلى 10:00"}
DATA = re.compile(r"/api/directory/[a-z]+/(index|detail-\d+-[0-9a-f]+)\.json$")
JS = re.compile(r"/assets/.*\.js$")


def _record(page: Page) -> list[str]:
    asked: list[str] = []

    def on_request(request: Request) -> None:
        match = DATA.search(request.url)
        if match:
            asked.append("index" if match[1] == "index" else "detail")

    page.on("request", on_request)
    return asked


@pytest.mark.parametrize("locale", ["es", "ar"])
def test_a_service_pages_data_is_asked_for_once_before_its_javascript(
    page: Page, app_url: str, locale: str
) -> None:
    """Issue 17: the detail part was asked for only after the JavaScript had loaded and
    hydrated (a round trip late). Here the page's modules are held until the part is asked for."""
    asked = _record(page)
    held: list[Route] = []
    page.route(JS, lambda route: held.append(route))
    with page.expect_request(lambda request: "/detail-" in request.url, timeout=15_000):
        page.goto(f"{app_url}/{locale}/service?id={SERVICE}", wait_until="commit")
    assert asked == ["index", "detail"], asked
    for route in held:
        route.continue_()
    page.unroute(JS)  # lets through any module asked for meanwhile
    expect(page.get_by_test_id("service")).to_contain_text(DESCRIPTION[locale])
    assert page.evaluate("window.__pasoEarly") is None, "directory.js took boot.js's requests and forgot them"
    assert asked == ["index", "detail"], asked  # nothing fetched twice (the preload taken)


def test_another_language_asks_again(page: Page, app_url: str) -> None:
    """The early requests belong to the page's locale: a language switch loads its own data."""
    asked = _record(page)
    page.goto(f"{app_url}/es/service?id={SERVICE}")
    expect(page.get_by_test_id("service")).to_contain_text(DESCRIPTION["es"])
    page.evaluate("window.__samePage = true")
    page.locator("summary").first.click()
    page.get_by_role("link", name="العربية").click()
    expect(page.get_by_test_id("service")).to_contain_text(DESCRIPTION["ar"])
    assert sorted(asked) == ["detail", "detail", "index", "index"], asked
    assert page.evaluate("window.__samePage") is True  # switched on the client: no boot.js again


def test_a_service_page_opens_offline_from_the_saved_copy(phone: BrowserContext, app_url: str) -> None:
    """Offline, boot.js's requests are answered by the service worker, as directory.js's were."""
    page = _first_visit(phone, f"{app_url}/es")
    phone.set_offline(True)
    page.route_web_socket(re.compile(".*"), lambda ws: ws.close())  # no websocket either
    page.goto(f"{app_url}/es/service?id={SERVICE}")
    expect(page.get_by_test_id("service")).to_contain_text(DESCRIPTION["es"])
    expect(page.get_by_test_id("offline")).to_be_visible()  # X-Paso-Saved still read from boot.js's fetch
    assert page.evaluate("window.__pasoEarly") is None
