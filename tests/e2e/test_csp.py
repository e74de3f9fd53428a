"""Every page runs under the strict Content-Security-Policy with no violation (issue 16, item 7):
reading, search, a service, right to left, registration with its QR code, the desk from sign-in
to sign-out, and offline reading from the service worker."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, expect
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp.models import Role
from rxapp.services import auth
from tests.browser import PHONE, TABLET

pytestmark = pytest.mark.e2e

ACCOUNT = ("cspcoord", "Coordinadora CSP", "politica-estricta-9")
# Each page records what the policy blocked, as the browser reports it to the page.
WATCH = """window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) =>
  window.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));"""


class Violations:
    """What a context's pages and the console said the policy refused."""

    def __init__(self, context: BrowserContext) -> None:
        self.seen: list[str] = []
        context.add_init_script(WATCH)
        context.on("console", self._console)

    def _console(self, message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Refused to" in message.text:
            self.seen.append(message.text)

    def collect(self, page: Page) -> None:
        """Add what this page recorded (before it navigates away)."""
        self.seen += page.evaluate("window.__csp || []")


@pytest.fixture(scope="module")
def account(app_db: Engine) -> tuple[str, str, str]:
    with Session(app_db) as session:
        name, shown, password = ACCOUNT
        auth.create_user(
            session=session, username=name, display_name=shown, role=Role.COORDINATOR, password=password
        )
    return ACCOUNT


@pytest.fixture
def phone(browser: Browser) -> Iterator[BrowserContext]:
    """A phone whose service worker runs (the worker is part of what the policy must allow)."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, locale="es-MX")
    yield context
    context.close()


def test_every_page_runs_under_the_policy(phone: BrowserContext, app_url: str) -> None:
    watch = Violations(phone)
    page = phone.new_page()
    response = page.goto(f"{app_url}/es")
    assert response is not None
    policy = response.headers["content-security-policy"]
    assert "'unsafe-eval'" not in policy and re.search(r"script-src 'self'( 'sha256-[\w+/=]+')+;", policy)
    expect(page.get_by_test_id("offline-ready")).to_be_visible(timeout=30_000)  # the worker saved it all
    watch.collect(page)
    for path in (
        "/es/need/food",
        "/es/service?id=paso-orientacion-inicial",
        "/ar",
        "/es/about",
        "/es/numbers",
        "/es/news",
    ):
        page.goto(app_url + path)
        expect(page.locator("main")).to_be_visible()
        page.wait_for_load_state("networkidle")
        watch.collect(page)
    page.goto(f"{app_url}/es/search")
    page.get_by_role("searchbox").fill("comida")
    expect(page.get_by_test_id("found")).to_be_visible()
    expect(page.get_by_test_id("results").get_by_role("link").first).to_be_visible()
    watch.collect(page)

    # Registration: the answer comes back through the server's call to the page, and the QR code.
    page.goto(f"{app_url}/es/register")
    expect(page.get_by_test_id("submit")).to_be_enabled()
    page.get_by_role("textbox", name="Nombre o apodo").fill("Prueba Política")
    page.get_by_role("checkbox", name="Comida").check()
    page.get_by_role("checkbox", name="Acepto").check()
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("confirmation")).to_be_visible()
    expect(page.get_by_test_id("qr").first).to_be_visible()
    watch.collect(page)

    # Offline, from the worker's cache.
    page.goto(f"{app_url}/es")
    expect(page.get_by_test_id("offline-ready")).to_be_visible(timeout=30_000)
    phone.set_offline(True)
    page.route_web_socket(re.compile(".*"), lambda ws: ws.close())
    page.reload()
    expect(page.get_by_test_id("offline")).to_be_visible()
    watch.collect(page)
    phone.set_offline(False)
    assert watch.seen == []


def test_the_desk_runs_under_the_policy(
    browser: Browser, app_url: str, account: tuple[str, str, str]
) -> None:
    tablet = browser.new_context(viewport=TABLET, has_touch=True, locale="es-MX", service_workers="block")
    watch = Violations(tablet)
    page = tablet.new_page()
    page.goto(f"{app_url}/es/desk")
    page.locator("#desk-username").fill(account[0])
    page.locator("#desk-password").fill(account[2])
    page.get_by_test_id("sign-in").click()  # the ticket is swapped for the cookie, the page loads again
    expect(page.get_by_test_id("desk-user")).to_have_text(account[1])
    expect(page.get_by_test_id("queue-empty").or_(page.get_by_test_id("queue"))).to_be_visible()
    watch.collect(page)
    page.goto(f"{app_url}/es/desk/reports")
    expect(page.get_by_test_id("desk-user")).to_be_visible()
    watch.collect(page)
    page.goto(f"{app_url}/es/desk/alerts")  # its forms and lists (issue 18)
    page.get_by_test_id("template-scam").click()
    expect(page.get_by_test_id("template-form")).to_be_visible()
    watch.collect(page)
    page.get_by_test_id("sign-out").click()
    expect(page.get_by_test_id("desk-signin")).to_be_visible()
    assert not [c for c in tablet.cookies() if c["name"] == auth.DESK_COOKIE]
    watch.collect(page)
    tablet.close()
    assert watch.seen == []
