"""Issue 17: the home downloads the QR encoder only when this phone has a saved code, and the
code's QR is still drawn, online and offline (the registration page preloads the encoder's
chunk, which the worker keeps)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, Page, Response, expect

from rxapp.registration.preload import MARK
from tests.e2e.test_offline import _first_visit

pytestmark = pytest.mark.e2e
CODE = "MTZ-7K4Q"
SAVE_CODE = f"localStorage.setItem('paso.code', JSON.stringify({CODE!r}))"  # as register.js keeps it


def _encoder_fetches(page: Page) -> list[str]:
    """The page's downloads of the QR encoder's chunk (found by what only it holds), from now on."""
    fetched: list[str] = []

    def seen(response: Response) -> None:
        if response.url.endswith(".js") and response.ok and MARK in response.text():
            fetched.append(response.url)

    page.on("response", seen)
    return fetched


def _drawn(page: Page) -> None:
    card = page.get_by_test_id("home-code")
    expect(card).to_contain_text(CODE)
    card.locator("summary").click()
    qr = card.get_by_test_id("qr")
    expect(qr).to_have_attribute("src", re.compile(r"^data:image/svg\+xml"))
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=qr.element_handle())


def test_a_home_without_a_saved_code_does_not_download_the_qr_encoder(page: Page, app_url: str) -> None:
    """Most visitors have no saved code: the encoder (~7 KB gzip) was on every home."""
    fetched = _encoder_fetches(page)
    page.goto(f"{app_url}/es")
    expect(page.get_by_test_id("needs")).to_be_visible()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_test_id("home-code")).to_have_count(0)
    assert fetched == []

    page.evaluate(SAVE_CODE)
    page.reload()
    _drawn(page)
    assert len(fetched) == 1  # and this is how the check above would have seen it


def test_a_saved_code_is_drawn_offline_though_the_home_never_downloaded_the_encoder(
    phone: BrowserContext,
    app_url: str,
) -> None:
    """The worker keeps the chunk because the registration page, which it saves, preloads it."""
    page = phone.pages[0] if phone.pages else phone.new_page()
    fetched = _encoder_fetches(page)
    _first_visit(phone, f"{app_url}/es")  # the worker saves the locale's pages and what they name
    assert fetched == []
    page.evaluate(SAVE_CODE)
    phone.set_offline(True)
    page.route_web_socket(re.compile(".*"), lambda ws: ws.close())  # no websocket either
    page.reload()
    _drawn(page)
