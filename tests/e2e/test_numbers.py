"""Important numbers (issue 18): the page at phone size in Spanish and Arabic, offline after one
visit, printed on one A4 sheet, axe in every locale, the emergency bar's link, and a number
edited at the desk reaching the public page.

Screenshots go to ``screenshots/`` (ignored by git): ``numbers-es.png``, ``numbers-ar.png``,
``numbers-print.pdf`` (and its PNG, with ``pdftoppm``), ``numbers-desk.png``.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy.engine import Engine

from rxapp.cli import create_coordinator
from rxapp.i18n.catalogs import Translator
from rxapp.settings import get_settings
from tests.browser import PHONE, TABLET

pytestmark = pytest.mark.e2e
SHOTS = Path(__file__).resolve().parents[2] / "screenshots"
AXE = Path(__file__).resolve().parents[2] / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
COORDINATOR = ("nina.numeros", "Nina Números", "numeros-claros-2026")


def _open(page: Page, url: str, locale: str) -> None:
    page.goto(url)
    expect(page.locator("html")).to_have_attribute("lang", locale)
    expect(page.get_by_test_id("numbers")).to_be_visible()


@pytest.mark.parametrize("locale", ["es", "ar"])
def test_the_page_lists_the_numbers_emergencies_first(page: Page, app_url: str, locale: str) -> None:
    _ = Translator(locale)
    _open(page, f"{app_url}/{locale}/numbers", locale)
    numbers = page.get_by_test_id("number")
    expect(numbers.first).to_contain_text("911")
    expect(numbers.first.get_by_test_id("call")).to_have_attribute("href", "tel:911")
    expect(numbers.first.get_by_text(_("Sample data"))).to_have_count(0)  # 911 is real
    expect(numbers).to_have_count(9)
    cndh = numbers.filter(has_text="CNDH")
    expect(cndh.get_by_test_id("whatsapp")).to_have_attribute("href", "https://wa.me/529625550203")
    expect(cndh.get_by_text(_("Sample data"))).to_be_visible()
    expect(page.get_by_role("heading", name=_("Consulates"))).to_be_visible()
    assert page.evaluate("document.documentElement.dir") == ("rtl" if locale == "ar" else "ltr")
    # The numbers read left to right inside right-to-left text.
    assert numbers.first.get_by_test_id("call").locator("bdi").get_attribute("dir") == "ltr"
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"numbers-{locale}.png"), full_page=True)


def test_the_emergency_bar_links_to_the_numbers(page: Page, app_url: str) -> None:
    for locale in ("en", "fr", "ht", "pt", "ar", "es"):  # one line's height on a phone, each language
        page.goto(f"{app_url}/{locale}/need/health")
        link = page.get_by_test_id("all-numbers")
        expect(link).to_have_text(Translator(locale)("More numbers"))
        box = link.bounding_box()
        assert box is not None and box["height"] <= 48, (
            locale,
            box,
        )  # "Todos los números importantes" took 3 lines
    link.click()
    expect(page).to_have_url(re.compile(r"/es/numbers$"))
    expect(page.get_by_test_id("numbers")).to_be_visible()


def _pages(pdf: bytes) -> int:
    try:
        from pypdf import PdfReader  # optional: counted from the PDF's text without it
    except ImportError:
        return len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    return len(PdfReader(io.BytesIO(pdf)).pages)


@pytest.mark.parametrize("locale", ["es", "ar"])
def test_printed_on_one_a4_sheet_with_the_centre_and_the_date(page: Page, app_url: str, locale: str) -> None:
    _open(page, f"{app_url}/{locale}/numbers", locale)
    page.emulate_media(media="print")
    printed = page.get_by_test_id("printed")
    expect(printed).to_be_visible()
    expect(printed).to_contain_text("Paso")
    expect(page.get_by_test_id("all-numbers")).to_be_hidden()  # no header, bar or buttons
    expect(page.get_by_role("button")).to_have_count(0)
    pdf = page.pdf(format="A4", print_background=True)
    SHOTS.mkdir(exist_ok=True)
    target = SHOTS / f"numbers-print-{locale}.pdf"
    target.write_bytes(pdf)  # kept to look at, whatever the count
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(target), str(target.with_suffix(""))], check=True)
    assert _pages(pdf) == 1


def test_the_numbers_show_offline_after_one_visit(phone: BrowserContext, app_url: str) -> None:
    page = phone.pages[0] if phone.pages else phone.new_page()
    page.goto(f"{app_url}/es")
    expect(page.get_by_test_id("offline-ready")).to_be_visible(timeout=30_000)  # the worker saved it all
    phone.set_offline(True)
    page.goto(f"{app_url}/es/numbers")  # never visited: saved with the locale's pages
    expect(page.get_by_test_id("numbers")).to_be_visible()
    expect(page.get_by_test_id("number").first.get_by_test_id("call")).to_have_attribute("href", "tel:911")
    expect(page.get_by_test_id("number")).to_have_count(9)


@pytest.fixture
def axe_page(browser: Browser) -> Iterator[Page]:
    """A phone page that lets axe-core in as an inline script."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("locale", get_settings().locales)
def test_no_axe_violations(axe_page: Page, app_url: str, locale: str) -> None:
    if not AXE.is_file():
        pytest.skip("axe-core is not installed: `make test` installs it")
    _open(axe_page, f"{app_url}/{locale}/numbers", locale)
    axe_page.add_script_tag(path=AXE)
    result: dict[str, Any] = axe_page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    assert not result["violations"], [
        (v["id"], v["help"], v["nodes"][0]["target"]) for v in result["violations"]
    ]


def test_a_coordinator_edits_a_number_and_the_public_page_shows_it(
    browser: Browser, app_url: str, app_db: Engine
) -> None:
    create_coordinator(app_db, *COORDINATOR)
    context = browser.new_context(viewport=TABLET, locale="es", service_workers="block")
    page = context.new_page()
    page.goto(f"{app_url}/es/desk/numbers")
    page.locator("#desk-username").fill(COORDINATOR[0])
    page.locator("#desk-password").fill(COORDINATOR[2])
    page.get_by_test_id("sign-in").click()
    row = page.get_by_test_id("number-row").filter(has_text="COMAR")
    row.get_by_role("button", name="Editar").click()
    expect(page.locator("#number-name")).to_have_value(re.compile("COMAR"))
    page.locator("#number-hours").fill("Lunes a jueves, 9:00 a 13:00")
    page.locator("#number-phone").fill("abc")
    page.get_by_test_id("save-number").click()  # refused: says why, keeps what was typed
    expect(page.get_by_test_id("number-error")).to_be_visible()
    expect(page.locator("#number-hours")).to_have_value("Lunes a jueves, 9:00 a 13:00")
    page.locator("#number-phone").fill("+52 962 555 0299")
    page.get_by_test_id("save-number").click()
    expect(page.get_by_test_id("number-message")).to_be_visible()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "numbers-desk.png"), full_page=True)
    context.close()

    reader = browser.new_context(viewport=PHONE, locale="es", service_workers="block").new_page()
    reader.goto(f"{app_url}/es/numbers")
    comar = reader.get_by_test_id("number").filter(has_text="COMAR")
    expect(comar).to_contain_text("Lunes a jueves, 9:00 a 13:00")
    expect(comar.get_by_test_id("call")).to_have_attribute("href", "tel:+529625550299")
    reader.context.close()
