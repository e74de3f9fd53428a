"""Search as people use it: their own words in their language, typos, nothing found, near me,
and a directory still arriving (the server answers)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from rxapp.i18n.catalogs import Translator
from tests.browser import PHONE

pytestmark = pytest.mark.e2e

LEGAL = {
    "camino-seguro-asesoria-legal",
    "camino-seguro-acompanamiento-comar",
    "open-road-reporte-abusos",
    "mano-amiga-orientacion-curp-comar",
}
SHELTER = re.compile(r"albergue|hospedaje|menores")
CENTRE = (15.3671, -92.2479)  # the sample centre's door


def _slugs(page: Page, count: int = 3) -> list[str]:
    links = page.get_by_test_id("results").get_by_role("link")
    expect(links.first).to_be_visible()
    expect(page.get_by_test_id("found")).to_be_visible()  # the live list, not the built-in first cards
    expect(page.get_by_test_id("progress")).to_have_count(0)  # the whole directory is in
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(min(count, links.count()))]
    return [h.split("id=")[1] for h in hrefs]


@pytest.mark.parametrize(
    ("locale", "query"), [("es", "necesito un abogado"), ("ht", "avoka"), ("ar", "المحامي"), ("en", "lawyer")]
)
def test_people_find_a_lawyer_in_their_own_words(page: Page, app_url: str, locale: str, query: str) -> None:
    """Issue 13: "abogado", "avoka" and "محامي" found nothing although four legal services exist."""
    page.goto(f"{app_url}/{locale}/search")
    page.get_by_role("searchbox").fill(query)
    assert set(_slugs(page)) <= LEGAL


def test_a_typo_and_the_article_still_find_a_shelter(page: Page, app_url: str) -> None:
    """Open now breaks ties, so the phone's clock is the centre's Tuesday 11:00 (as the query
    set's, tests/search_quality.NOW): at 06:00-08:30 a closed shelter ties with the open
    printed-maps service, which serves the shelter need too, and the test failed in CI."""
    page.clock.set_fixed_time(dt.datetime(2026, 12, 1, 17, 0, tzinfo=dt.UTC))
    for locale, query in (("es", "alberge"), ("ar", "المأوى"), ("ar", "مأوى")):
        page.goto(f"{app_url}/{locale}/search?q={query}")
        assert all(SHELTER.search(slug) for slug in _slugs(page)), query


def test_some_words_match_and_the_page_says_so(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/es/search?q=consulta guitarra")
    expect(page.get_by_test_id("partial")).to_be_visible()
    assert all("consulta" in slug or "clinica" in slug for slug in _slugs(page))
    page.get_by_role("searchbox").fill("consulta médica")  # every word: no notice
    expect(page.get_by_test_id("results").get_by_role("link").first).to_be_visible()
    expect(page.get_by_test_id("partial")).to_have_count(0)


def test_nothing_found_is_never_a_dead_end(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/es/search")
    page.get_by_role("searchbox").fill("xilófono dormr")
    nothing = page.get_by_test_id("nothing-found")
    expect(nothing).to_be_visible()
    needs = nothing.get_by_role("list").get_by_role("link")
    expect(needs.first).to_have_attribute("href", "/es/need/shelter")  # "dormr" is closest to "dormir"
    help_ = page.get_by_test_id("centre-help")
    expect(help_.get_by_role("link", name=re.compile(Translator("es")("Call"))).first).to_have_attribute(
        "href", re.compile(r"^tel:\+?\d+$")
    )
    expect(help_.get_by_role("link", name="WhatsApp").first).to_have_attribute(
        "href", re.compile(r"^https://wa\.me/\d+$")
    )
    expect(help_).to_contain_text("Motozintla")
    needs.first.click()
    expect(page).to_have_url(re.compile(r"/es/need/shelter$"))


@pytest.fixture
def located(browser: Browser) -> Iterator[BrowserContext]:
    """A phone standing at the centre's door, which lets Paso see where it is."""
    context = browser.new_context(
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        locale="es-MX",
        service_workers="block",
        geolocation={"latitude": CENTRE[0], "longitude": CENTRE[1]},
        permissions=["geolocation"],
    )
    yield context
    context.close()


def test_nearest_first_on_request(located: BrowserContext, app_url: str) -> None:
    page = located.new_page()
    page.goto(f"{app_url}/es/need/health")
    before = _slugs(page, 7)
    expect(page.get_by_test_id("away")).to_have_count(0)  # nothing is asked before the tap
    page.get_by_test_id("near").click()
    expect(page.get_by_test_id("near")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_test_id("near-note")).to_contain_text(
        Translator("es")(
            "Nearest first, in a straight line from where you are. Your position stays on this phone."
        )
    )
    away = page.get_by_test_id("away")
    expect(away.first).to_have_text(re.compile(r"^\d+ m · \d+ min$"))
    after = _slugs(page, 7)
    assert after[0] == "paso-consulta-medica"  # at the centre itself
    assert sorted(after) == sorted(before) and after != before
    metres = [_metres(t) for t in away.all_text_contents()]  # below the screen too (not laid out)
    assert metres == sorted(metres)
    page.goto(f"{app_url}/es/search?q=comida")  # search too
    page.get_by_test_id("near").click()
    expect(page.get_by_test_id("away").first).to_be_visible()


def _metres(text: str) -> float:
    number, unit = re.match(r"^([\d.,]+) (k?m)", text).groups()  # type: ignore[union-attr]
    return float(number.replace(",", ".")) * (1000 if unit == "km" else 1)


def test_without_a_position_the_list_keeps_its_order_and_says_why(page: Page, app_url: str) -> None:
    """No permission given (the default context): refused, the order stays and the page says why."""
    page.goto(f"{app_url}/fr/need/health")
    before = _slugs(page, 7)
    page.get_by_test_id("near").click()
    expect(page.get_by_test_id("near-note")).to_contain_text(
        Translator("fr")(
            "Paso may not see where you are, so the list keeps its order. You can allow it in the browser's settings."
        )
    )
    assert _slugs(page, 7) == before
    expect(page.get_by_test_id("away")).to_have_count(0)


def test_while_the_directory_arrives_the_server_searches_all_of_it(page: Page, app_url: str) -> None:
    """A large directory on a slow network: the search does not wait for every part."""
    held: list[Route] = []
    later = re.compile(r"/cards-[1-9]\d*-")
    page.route(later, lambda route: held.append(route))
    page.goto(f"{app_url}/es/search")
    expect(page.get_by_test_id("progress")).to_be_visible()
    page.get_by_role("searchbox").fill("abogado")
    links = page.get_by_test_id("results").get_by_role("link")
    expect(links).to_have_count(4)  # the four legal services, some in parts not here yet
    assert {h.split("id=")[1] for h in (links.nth(i).get_attribute("href") or "" for i in range(4))} == LEGAL
    expect(page.get_by_test_id("found")).to_have_text("4 servicios encontrados")
    assert held and page.get_by_test_id("progress").is_visible()
    page.unroute(later)


def test_words_typed_before_the_page_starts_are_searched(page: Page, app_url: str) -> None:
    """On a slow phone people type before the page has started: the list answers what the box
    holds, never every service under a query (what CI once caught: "☃ zzz", 35 found)."""
    page.add_init_script(
        """new MutationObserver((_, observer) => {
          const box = document.getElementById("q");
          if (box) { box.value = "avoka"; observer.disconnect(); }
        }).observe(document, { childList: true, subtree: true });"""
    )
    page.goto(f"{app_url}/ht/search")
    expect(page.get_by_role("searchbox")).to_have_value("avoka")
    assert set(_slugs(page)) <= LEGAL
    expect(page.get_by_test_id("found")).to_contain_text("4")
