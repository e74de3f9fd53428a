"""Offline on a phone (issue 14): the saved code's QR code at the desk without data, and
languages: one not saved says so, a second one kept while online opens offline."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from rxapp.i18n.catalogs import Translator
from rxapp.i18n.locales import info
from tests.e2e.test_offline import _first_visit

pytestmark = pytest.mark.e2e
CODE = "MTZ-7K4Q"


def _offline(context: BrowserContext, page: Page) -> None:
    context.set_offline(True)
    page.route_web_socket(re.compile(".*"), lambda ws: ws.close())  # no websocket either


@pytest.mark.parametrize("locale", ["es", "ht", "ar"])
def test_the_saved_codes_qr_shows_offline_and_saves_as_an_image(
    phone: BrowserContext,
    app_url: str,
    locale: str,
) -> None:
    """Issue 14: the saved code's QR was a broken image offline (an image from the server),
    the moment a person walks up to the desk without data; and it could not be kept."""
    _ = Translator(locale)
    page = _first_visit(phone, f"{app_url}/{locale}")
    page.evaluate(f"localStorage.setItem('paso.code', JSON.stringify({CODE!r}))")  # as register.js keeps it
    _offline(phone, page)
    page.reload()

    card = page.get_by_test_id("home-code")
    expect(card).to_contain_text(CODE)
    card.locator("summary").click()
    qr = card.get_by_test_id("qr")
    expect(qr).to_be_visible()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=qr.element_handle())
    assert qr.get_attribute("src", timeout=1000).startswith("data:image/svg+xml")  # type: ignore[union-attr]

    with page.expect_download() as saved:
        card.get_by_role("button", name=_("Save as image")).click()
    download = saved.value
    assert download.suggested_filename == f"paso-{CODE}.png"
    with open(download.path(), "rb") as handle:
        assert handle.read(8) == b"\x89PNG\r\n\x1a\n"

    # Printing shows the card alone: the rest of the page is hidden from the print.
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    page.emulate_media(media="print")
    printed = page.locator("#paso-print")
    expect(printed).to_contain_text(CODE)
    expect(printed.locator("img")).to_be_visible()
    expect(printed.get_by_role("button")).to_have_count(0)
    expect(page.get_by_test_id("needs")).to_be_hidden()
    page.emulate_media(media="screen")


@pytest.mark.parametrize(("locale", "other"), [("es", "ht"), ("ht", "ar"), ("ar", "es")])
def test_a_language_not_saved_says_so_offline_and_a_kept_one_opens(
    phone: BrowserContext,
    app_url: str,
    locale: str,
    other: str,
) -> None:
    """Issue 14: switching language offline did nothing and said nothing (only the current
    locale is saved). Now the page stays and says so; a language kept while online opens."""
    _ = Translator(locale)
    third = next(tag for tag in ("fr", "pt", "en") if tag not in (locale, other))
    page = _first_visit(phone, f"{app_url}/{locale}")
    menu = page.locator("header details")

    # Online: keep a second language for offline use.
    menu.locator("summary").click()
    keep = menu.get_by_test_id("keep-languages")
    expect(keep).to_contain_text(_("Also keep for offline use:"))
    keep.get_by_role("button", name=info(other).native_name).click()
    expect(menu.get_by_test_id("language-kept")).to_contain_text(
        _("{language} is saved on this phone too.").replace("{language}", info(other).native_name)
    )
    expect(keep.get_by_role("button", name=info(other).native_name)).to_have_count(0)

    _offline(phone, page)
    page.reload()
    menu.locator("summary").click()
    expect(menu.get_by_test_id("keep-languages")).to_have_count(0)  # nothing can be saved offline
    menu.get_by_role("link", name=info(third).native_name).click()
    expect(menu.get_by_test_id("language-not-saved")).to_have_text(
        _("{language} is not saved on this phone. Connect to the internet to open it.").replace(
            "{language}", info(third).native_name
        )
    )
    expect(page).to_have_url(f"{app_url}/{locale}")  # it stays
    expect(page.locator("html")).to_have_attribute("lang", locale)

    menu.get_by_role("link", name=info(other).native_name).click()
    expect(page).to_have_url(f"{app_url}/{other}")
    expect(page.locator("html")).to_have_attribute("lang", other)
    expect(page.get_by_role("heading", level=1)).to_have_text(Translator(other)("What do you need?"))
    page.get_by_test_id("need-food").click()  # the kept language's directory, offline
    expect(page.get_by_test_id("results").get_by_role("link").first).to_be_visible()
    page.goto(f"{app_url}/{other}/search")  # and a full load, answered by the worker
    expect(page.get_by_role("searchbox")).to_be_visible()
