"""Every public page in every locale: no English left where a translation exists; Arabic is RTL."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po
from playwright.sync_api import Page, expect

from rxapp.i18n.catalogs import TRANSLATIONS_DIR, Translator
from rxapp.settings import get_settings
from tests.browser import PHONE

pytestmark = pytest.mark.e2e
PLACEHOLDER = re.compile(r"\{\w+\}")


def _english_patterns(locale: str) -> list[tuple[str, re.Pattern[str]]]:
    """A pattern per msgid whose translation differs from it (identical words need none)."""
    with (TRANSLATIONS_DIR / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    patterns = []
    for message in catalog:
        if not message.id or not isinstance(message.id, str) or message.string in ("", message.id):
            continue
        # Around placeholders, look for the longest literal piece of the msgid.
        piece = max(PLACEHOLDER.split(message.id), key=len).strip(" ·:…")
        if len(piece) >= 3:
            patterns.append((message.id, re.compile(rf"(?<!\w){re.escape(piece)}(?!\w)")))
    return patterns


def _visible_text(page: Page) -> str:
    text: str = page.evaluate("() => document.title + '\\n' + document.body.innerText")
    return text


PAGES = [
    ("home", "/{locale}", "needs"),
    ("list", "/{locale}/need/health", "results"),
    ("search", "/{locale}/search?q=a", "results"),
    ("detail", "/{locale}/service?id=paso-orientacion-inicial", "service"),
    ("about", "/{locale}/about", None),
    ("404", "/{locale}/no/such/page", "not-found"),
]


@pytest.mark.parametrize("locale", [tag for tag in get_settings().locales if tag != "en"])
def test_no_english_left_on_any_public_page(page: Page, app_url: str, locale: str) -> None:
    patterns = _english_patterns(locale)
    assert patterns
    for kind, path, ready in PAGES:
        page.goto(app_url + path.format(locale=locale))
        if ready:
            expect(page.get_by_test_id(ready)).to_be_visible()
        if kind in {"list", "search"}:
            expect(page.get_by_test_id("results").get_by_role("link").first).to_be_visible()
        expect(page.locator("html")).to_have_attribute("lang", locale)
        text = _visible_text(page)
        leftovers = [msgid for msgid, pattern in patterns if pattern.search(text)]
        assert leftovers == [], f"{locale} {kind}: English shown: {leftovers}"


def test_arabic_is_right_to_left(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    first = page.get_by_test_id("needs").locator("li").nth(0).bounding_box()
    second = page.get_by_test_id("needs").locator("li").nth(1).bounding_box()
    assert first and second
    assert first["x"] + first["width"] > PHONE["width"] - 24  # the first tile starts at the right edge
    assert second["x"] < first["x"]


def test_switching_language_keeps_the_page_and_query(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/fr/search?q=sante")
    expect(page.get_by_test_id("results").get_by_role("link").first).to_be_visible()
    page.evaluate("window.__samePage = true")
    page.locator("summary").first.click()
    page.get_by_role("link", name="العربية").click()
    expect(page).to_have_url(f"{app_url}/ar/search?q=sante")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("searchbox")).to_have_value("sante")
    expect(page.get_by_test_id("results").get_by_role("link").first).to_be_visible()
    # Switched on the client, without loading a page (the 300 ms budget of issue 6).
    assert page.evaluate("window.__samePage") is True
    expect(page.locator("link[rel=manifest]")).to_have_attribute("href", "/manifest/ar.webmanifest")


def test_a_page_downloads_only_its_own_language(page: Page, app_url: str) -> None:
    """Bug: one bundle held the list components of all six locales (93 KB gzip for one page)."""
    scripts: list[str] = []
    page.on("response", lambda r: scripts.append(r.url) if r.url.endswith(".js") else None)
    page.goto(f"{app_url}/es/need/health")
    expect(page.get_by_test_id("results").get_by_role("link").first).to_be_visible()
    code = "".join(page.request.get(url).text() for url in scripts)
    assert Translator("es")("Show more") in code
    for other in ("fr", "pt", "ar", "ht"):
        assert Translator(other)("Show more") not in code, other


def test_arabic_hours_use_the_clock_of_the_texts(page: Page, app_url: str) -> None:
    """Arabic hours tables said "6:00 م" while the descriptions said "19:00"."""
    page.goto(f"{app_url}/ar/service?id=casa-refugio-albergue-nocturno")
    service = page.get_by_test_id("service")
    expect(service).to_contain_text("18:00")  # the table's "18:00–08:00", as the text's "18:00"
    assert not re.search(r"\d:\d\d\s*[صم](?!\w)", _visible_text(page))


@pytest.mark.parametrize(
    ("code", "kreyol", "french"),
    [("HT", "Ayiti", "Haïti"), ("DO", "Repiblik Dominikèn", "République dominicaine")],
)
def test_kreyol_nationalities_are_kreyol(
    page: Page, app_url: str, code: str, kreyol: str, french: str
) -> None:
    """The Kreyòl registration form listed every nationality in French."""
    page.goto(f"{app_url}/ht/register")
    option = page.locator(f"#f-nationality option[value='{code}']")
    expect(option).to_have_text(kreyol)
    expect(page.locator("#f-nationality")).not_to_contain_text(french)
