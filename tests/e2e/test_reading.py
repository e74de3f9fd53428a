"""Journeys of a migrant reading the directory on a phone, in Spanish and English."""

from __future__ import annotations

import json
import re
import urllib.request

from playwright.sync_api import Page, Route, expect

from rxapp.i18n.catalogs import Translator

pytestmark = __import__("pytest").mark.e2e


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _raw(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def test_root_redirects_by_saved_choice_then_accept_language(app_url: str) -> None:
    assert _raw(f"{app_url}/", {"Accept-Language": "es-MX,es;q=0.9"})[1]["location"] == "/es"
    assert _raw(f"{app_url}/", {"Accept-Language": "en-US,en;q=0.9"})[1]["location"] == "/en"
    assert _raw(f"{app_url}/", {"Accept-Language": "de"})[1]["location"] == "/es"
    saved = {"Accept-Language": "es", "Cookie": "paso_locale=en"}
    assert _raw(f"{app_url}/", saved)[1]["location"] == "/en"


def test_raw_html_is_spanish_before_any_script(app_url: str) -> None:
    status, _, html = _raw(f"{app_url}/es")
    assert status == 200
    assert re.search(r'<html[^>]*lang="es"', html)
    assert "¿Qué necesitas?" in html
    assert "Salud" in html and "Comida" in html  # need tiles are in the HTML
    status, _, html = _raw(f"{app_url}/en/need/health")
    assert status == 200 and 'lang="en"' in html and "Health" in html
    # The first services are in the HTML too: a slow phone paints them before any script.
    assert 'data-testid="results"' in html and "Hospital pharmacy" in html


def test_snapshot_index_and_immutable_parts(app_url: str) -> None:
    status, headers, body = _raw(f"{app_url}/api/directory/es/index.json")
    assert status == 200 and headers["cache-control"] == "no-cache"
    index = json.loads(body)
    assert index["total"] == 35 and len(index["cards"]) > 2  # 35 public of 36, 8 first, then cut by content
    assert _raw(f"{app_url}/api/directory/es/index.json", {"If-None-Match": headers["etag"]})[0] == 304
    status, headers, body = _raw(f"{app_url}/api/directory/es/{index['cards'][0]}.json")
    assert status == 200 and "immutable" in headers["cache-control"]
    assert len(json.loads(body)["cards"]) == 8
    assert _raw(f"{app_url}/api/directory/es/cards-0-0000.json")[0] == 404
    assert _raw(f"{app_url}/api/directory/xx/index.json")[0] == 404


def test_list_paints_before_the_whole_directory_arrives(page: Page, app_url: str) -> None:
    """With 10,000 services a list must not wait for every part: hold all but the first."""
    held: list[Route] = []
    later = re.compile(r"/cards-[1-9]\d*-")
    page.route(later, lambda route: held.append(route))
    page.goto(f"{app_url}/es/search")
    links = page.get_by_test_id("results").get_by_role("link")
    expect(links).to_have_count(8)
    expect(page.get_by_test_id("progress")).to_contain_text("8")
    assert held  # the second part was asked for and is waiting
    page.unroute(later)  # lets the held requests go on
    expect(page.get_by_test_id("progress")).to_have_count(0)


def test_long_lists_show_more(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/es/search")
    links = page.get_by_test_id("results").get_by_role("link")
    expect(links).to_have_count(30)
    expect(page.get_by_test_id("found")).to_have_text("35 servicios encontrados")
    page.get_by_role("button", name=Translator("es")("Show more")).click()
    expect(links).to_have_count(35)


def test_need_to_service_to_english(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/")
    expect(page).to_have_url(f"{app_url}/es")
    expect(page.get_by_role("heading", level=1)).to_have_text("¿Qué necesitas?")
    page.get_by_test_id("need-health").click()
    expect(page).to_have_url(re.compile(r"/es/need/health$"))
    first = page.get_by_test_id("results").get_by_role("link").first
    expect(first).to_be_visible()
    first.click()
    expect(page).to_have_url(re.compile(r"/es/service\?id="))
    service = page.get_by_test_id("service")
    expect(service).to_be_visible()
    expect(service.get_by_test_id("call").first).to_have_attribute("href", re.compile(r"^tel:\+?\d+$"))
    spanish_name = service.get_by_role("heading", level=1).inner_text()
    slug = page.url.split("id=")[1]

    # Every heading the page shows while its path is English, from the tap on: the switch
    # happens on the client, and once showed the Spanish service until English had loaded.
    page.evaluate(
        """() => { window.__headings = []; new MutationObserver(() => {
             if (location.pathname.startsWith('/en/')) for (const h of document.querySelectorAll('h1'))
               window.__headings.push(h.textContent); }).observe(document.body,
             { subtree: true, childList: true, characterData: true }); }"""
    )
    page.get_by_label("Idioma: Español").click()
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{app_url}/en/service?id={slug}")
    expect(page.get_by_test_id("service")).to_be_visible()
    # The address changes a frame before the new page paints: wait for the page, not the URL
    # (read at once, a busy machine gave back the old heading).
    expect(page.get_by_role("heading", level=1)).not_to_have_text(spanish_name)
    assert spanish_name not in page.evaluate("window.__headings")
    english_name = page.get_by_role("heading", level=1).inner_text()
    assert english_name and english_name != spanish_name
    expect(page.locator("html")).to_have_attribute("lang", "en")
    # the choice is remembered: "/" now lands in English
    page.goto(f"{app_url}/")
    expect(page).to_have_url(f"{app_url}/en")


def test_search_ignores_accents(page: Page, app_url: str) -> None:
    for query in ("medico", "médico", "MÉDICO"):
        page.goto(f"{app_url}/es")
        page.get_by_role("searchbox").fill(query)
        page.get_by_role("searchbox").press("Enter")
        results = page.get_by_test_id("results")
        expect(results.get_by_role("link").first).to_be_visible()
        expect(page.get_by_test_id("found")).to_be_visible()  # the live list
        expect(page.get_by_test_id("progress")).to_have_count(0)  # every part is in
        assert results.get_by_role("link").count() >= 2


def test_search_as_you_type_and_nothing_found(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/es/search")
    box = page.get_by_role("searchbox")
    box.fill("☃ zzz")
    expect(page.get_by_test_id("nothing-found")).to_be_visible()
    box.fill("comida")
    expect(page.get_by_test_id("results").get_by_role("link").first).to_be_visible()
    expect(page).to_have_url(re.compile(r"q=comida"))


def test_filters_narrow_the_list(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/es/need/health")
    links = page.get_by_test_id("results").get_by_role("link")
    expect(links.first).to_be_visible()
    expect(page.get_by_test_id("found")).to_be_visible()  # the live list, not the built-in first cards
    expect(page.get_by_test_id("progress")).to_have_count(0)  # every part is in
    before = links.count()
    free = page.get_by_role("button", name=Translator("es")("Free"))
    free.click()
    expect(free).to_have_attribute("aria-pressed", "true")
    expect(links).not_to_have_count(before)


def test_unknown_service_and_route_show_404_in_language(page: Page, app_url: str) -> None:
    page.goto(f"{app_url}/es/service?id=no-existe")
    expect(page.get_by_test_id("not-found")).to_contain_text(Translator("es")("Page not found"))
    page.goto(f"{app_url}/en/nothing/here")
    expect(page.get_by_test_id("not-found")).to_contain_text("Page not found")
    assert _raw(f"{app_url}/en/nothing/here")[0] == 404


def test_list_shows_services_with_the_websocket_blocked(page: Page, app_url: str) -> None:
    page.route_web_socket(re.compile(r".*"), lambda ws: ws.close())
    page.goto(f"{app_url}/es/need/food")
    expect(page.get_by_test_id("results").get_by_role("link").first).to_be_visible()
    page.get_by_test_id("results").get_by_role("link").first.click()
    expect(page.get_by_test_id("service")).to_be_visible()
    expect(page.get_by_test_id("connection-lost")).to_have_count(0)


def test_reading_opens_no_websocket(page: Page, app_url: str) -> None:
    sockets: list[str] = []
    page.on("websocket", lambda ws: sockets.append(ws.url))
    page.goto(f"{app_url}/es/need/food")
    expect(page.get_by_test_id("results").get_by_role("link").first).to_be_visible()
    page.get_by_test_id("results").get_by_role("link").first.click()
    expect(page.get_by_test_id("service")).to_be_visible()
    assert sockets == [], f"reading opened a websocket: {sockets}"


def test_a_server_without_database_names_the_command(page: Page, app_url: str) -> None:
    """The 503 the server gives before `make migrate` (tests/unit/http/test_server.py) reaches the page."""
    page.route("**/index.json", lambda route: route.fulfill(status=503, json={"error": "run `make migrate`"}))
    for path in ("/es", "/es/need/food", "/en/service?id=x"):
        page.goto(f"{app_url}{path}")
        expect(page.get_by_test_id("setup-needed")).to_contain_text("make migrate")


def test_share_opens_the_phones_share_sheet(page: Page, app_url: str) -> None:
    """Bug: Reflex passes its summary of the click before the event, so preventDefault threw
    and the phone went to WhatsApp's web page instead of its share sheet."""
    page.add_init_script("navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };")
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{app_url}/es/service?id=san-francisco-comedor")
    share = page.get_by_test_id("service").get_by_role("link", name=Translator("es")("Share"))
    share.click()
    page.wait_for_function("() => window.__shared !== undefined")
    assert "san-francisco-comedor" in page.evaluate("window.__shared.url")
    assert page.url.startswith(app_url) and errors == []


def test_the_live_list_takes_the_first_cards_place_without_moving_them(page: Page, app_url: str) -> None:
    """Bug: the count line appearing above the live list pushed every card down (layout shift
    0.1 in Lighthouse). The list's data is held back until the first cards are measured."""
    held: list[Route] = []
    released = False

    def hold(route: Route) -> None:
        if released:
            route.continue_()
        else:
            held.append(route)

    page.route(re.compile(r"/api/directory/es/cards-"), hold)
    page.goto(f"{app_url}/es/need/health")
    first = page.get_by_test_id("results").get_by_role("link").first
    expect(first).to_be_visible()  # a card built into the page: the data is held back
    expect(page.get_by_test_id("found")).to_have_count(0)
    before = first.bounding_box()
    released = True
    for route in held:
        route.continue_()
    expect(page.get_by_test_id("found")).to_be_visible()  # the live list
    after = first.bounding_box()
    assert before and after and after["y"] == before["y"]
