"""A list's card parts on a slow network: several asked at once, shown in order, never another
language's (issue 17). The server's first part holds 8 cards here; the others are cut by their
content (rxapp/services/snapshot/documents.chunks), so the tests read the parts' names from the
index rather than assume them."""

from __future__ import annotations

import re
import time

from playwright.sync_api import Page, Route, expect

from rxapp.i18n.catalogs import Translator

pytestmark = __import__("pytest").mark.e2e

LATER = re.compile(r"/api/directory/es/cards-[1-9]\d*-")


def _later_parts(page: Page, app_url: str, locale: str = "es") -> list[str]:
    """The names of the card parts after the first, as the locale's index lists them."""
    index = page.request.get(f"{app_url}/api/directory/{locale}/index.json").json()
    return list(index["cards"][1:])


def _hrefs(page: Page) -> list[str]:
    links = page.get_by_test_id("results").get_by_role("link")
    return [links.nth(i).get_attribute("href") or "" for i in range(links.count())]


def _wait_held(page: Page, held: list[Route], count: int) -> None:
    """Until ``count`` requests are held by the route (they are asked for, unanswered)."""
    deadline = time.monotonic() + 15
    while len(held) < count:
        assert time.monotonic() < deadline, f"{len(held)} part(s) asked for at once, not {count}"
        page.wait_for_timeout(50)  # lets Playwright deliver the route callbacks


def test_parts_are_asked_several_at_once_and_shown_in_order(page: Page, app_url: str) -> None:
    """Parts were fetched one after another, a round trip each (36 s at 10,000 services on
    Slow 4G): now four are in flight at once, and arriving out of order changes nothing."""
    page.goto(f"{app_url}/es/search")
    expect(page.get_by_test_id("found")).to_have_text("35 servicios encontrados")  # the live list
    expect(page.get_by_test_id("progress")).to_have_count(0)
    expected = _hrefs(page)
    assert len(expected) == 30

    later = _later_parts(page, app_url)
    assert len(later) >= 4, later  # enough parts to see four in flight
    held: list[Route] = []
    released = False

    def hold(route: Route) -> None:
        if released:  # parts asked once the first four are let go
            route.continue_()
        else:
            held.append(route)

    page.route(LATER, hold)
    page.goto(f"{app_url}/es/search")
    expect(page.get_by_test_id("progress")).to_contain_text("8")  # the first part is shown
    _wait_held(page, held, 4)  # parts 1-4 asked before any answered
    released = True
    for route in reversed(held):  # the last part first
        route.continue_()
    expect(page.get_by_test_id("progress")).to_have_count(0)
    expect(page.get_by_test_id("found")).to_have_text("35 servicios encontrados")
    assert _hrefs(page) == expected


def test_a_language_switch_mid_load_never_shows_the_other_language(page: Page, app_url: str) -> None:
    """Spanish parts arriving after a switch to English once landed in the English list (for a
    moment, until the next part's 404 reloaded the index)."""
    page.goto(f"{app_url}/en/search")
    expect(page.get_by_test_id("found")).to_have_text("35 services found")
    expect(page.get_by_test_id("progress")).to_have_count(0)
    english = set(page.get_by_test_id("results").get_by_role("link").all_inner_texts())

    held: list[Route] = []
    page.route(LATER, lambda route: held.append(route))
    page.goto(f"{app_url}/es/search")
    expect(page.get_by_test_id("progress")).to_contain_text("8")
    spanish = set(page.get_by_test_id("results").get_by_role("link").all_inner_texts()) - english
    assert spanish  # names that only the Spanish cards show
    _wait_held(page, held, 1)
    page.get_by_label("Idioma: Español").click()
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{app_url}/en/search")
    expect(page.get_by_test_id("found")).to_have_text("35 services found")
    expect(page.get_by_test_id("progress")).to_have_count(0)
    # Every name the list shows from now on, and whether "Loading more services" comes back.
    page.evaluate(
        """() => { window.__shown = new Set(); window.__progress = false;
        new MutationObserver(() => {
          for (const a of document.querySelectorAll('[data-testid=results] a')) window.__shown.add(a.innerText);
          if (document.querySelector('[data-testid=progress]')) window.__progress = true;
        }).observe(document.body, { subtree: true, childList: true, characterData: true }); }"""
    )
    for route in held:  # the Spanish parts answer now
        with page.expect_event("requestfinished"):
            route.continue_()
    # Nothing is to happen: wait as long as a stale load would take to land (its batch timer,
    # 1 s, and a frame after it).
    page.evaluate("() => new Promise((done) => setTimeout(() => requestAnimationFrame(() => done()), 1600))")
    shown = set(page.evaluate("[...window.__shown]"))
    assert not shown & spanish, f"Spanish cards in the English list: {shown & spanish}"
    assert not page.evaluate("window.__progress")
    expect(page.get_by_test_id("found")).to_have_text("35 services found")


def test_a_part_that_fails_keeps_the_cards_before_it_and_says_so(page: Page, app_url: str) -> None:
    """Parts in flight together: one failing, even before the parts ahead of it have come (it
    fails at once here), still leaves their cards on screen, with the partial-error message
    instead of the progress line. It once showed "could not load the directory" and no cards."""
    page.goto(f"{app_url}/es/search")
    expect(page.get_by_test_id("progress")).to_have_count(0)
    later = _later_parts(page, app_url)
    first_two = 8 + len(page.request.get(f"{app_url}/api/directory/es/{later[0]}.json").json()["cards"])
    page.route(
        re.compile(rf"/api/directory/es/{later[1]}\.json"),
        lambda route: route.fulfill(status=500, body="down"),
    )
    page.goto(f"{app_url}/es/search")
    message = Translator("es")(
        "Part of the directory could not be loaded. Check your connection and try again."
    )
    expect(page.get_by_role("alert").filter(has_text=message)).to_be_visible()
    expect(page.get_by_test_id("results").get_by_role("link")).to_have_count(first_two)  # parts 0 and 1
    expect(page.get_by_test_id("progress")).to_have_count(0)
