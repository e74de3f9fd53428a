"""A service page on a phone (issue 14): a way back to where the person came from, and
today's row of the hours table marked by the centre's clock."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from playwright.sync_api import Page, expect

from rxapp.i18n import formatting
from rxapp.i18n.catalogs import Translator

pytestmark = pytest.mark.e2e
SERVICE = "san-francisco-comedor"


def test_back_from_a_service_to_the_search_keeps_the_words_and_filters(page: Page, app_url: str) -> None:
    """Issue 14: service pages had no way back (an installed app on iOS has no back button)."""
    _ = Translator("es")
    page.goto(f"{app_url}/es/search")
    page.get_by_role("searchbox").fill("comida")
    page.get_by_role("button", name=_("Free")).click()
    first = page.get_by_test_id("results").get_by_role("link").first
    expect(first).to_be_visible()
    first.click()
    expect(page.get_by_test_id("service")).to_be_visible()

    back = page.get_by_test_id("back")
    expect(back).to_have_text(_("Back to the search"))
    expect(back).to_have_attribute("href", "/es/search?q=comida&free=1")
    back.click()
    expect(page).to_have_url(f"{app_url}/es/search?q=comida&free=1")
    expect(page.get_by_role("searchbox")).to_have_value("comida")
    expect(page.get_by_role("button", name=_("Free"))).to_have_attribute("aria-pressed", "true")

    # After a reload of the service page (or the app reopened on it), a full load of the list.
    page.get_by_test_id("results").get_by_role("link").first.click()
    expect(page.get_by_test_id("service")).to_be_visible()
    page.reload()
    expect(page.get_by_test_id("service")).to_be_visible()
    expect(back).to_have_attribute("href", "/es/search?q=comida&free=1")
    page.goto(f"{app_url}{back.get_attribute('href')}")
    expect(page).to_have_url(f"{app_url}/es/search?q=comida&free=1")
    expect(page.get_by_role("searchbox")).to_have_value("comida")
    expect(page.get_by_role("button", name=_("Free"))).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_test_id("results").get_by_role("link").first).to_be_visible()


@pytest.mark.parametrize("locale", ["es", "ht", "ar"])
def test_back_from_a_service_to_its_need_list_or_home(page: Page, app_url: str, locale: str) -> None:
    """Issue 14: from a need list, back to that list; opened from elsewhere, back home."""
    _ = Translator(locale)
    page.goto(f"{app_url}/{locale}/need/food")
    page.get_by_test_id("results").get_by_role("link").first.click()
    expect(page.get_by_test_id("service")).to_be_visible()
    back = page.get_by_test_id("back")
    expect(back).to_have_text(_("Back to the list"))
    back.click()
    expect(page).to_have_url(f"{app_url}/{locale}/need/food")
    expect(page.get_by_test_id("results").get_by_role("link").first).to_be_visible()

    page.goto(f"{app_url}/{locale}/service?id={SERVICE}")  # a shared link
    expect(page.get_by_test_id("service")).to_be_visible()
    expect(back).to_have_text(_("Back to the home page"))
    back.click()
    expect(page).to_have_url(f"{app_url}/{locale}")
    expect(page.get_by_test_id("needs")).to_be_visible()


@pytest.mark.parametrize("locale", ["es", "ht", "ar"])
def test_todays_row_of_the_hours_table_is_marked(page: Page, app_url: str, locale: str) -> None:
    """Issue 14: today's row was not marked in the hours table. The phone's clock says
    Thursday 05:30 UTC; at the centre (Mexico City, UTC-6) it is still Wednesday."""
    page.clock.set_fixed_time(dt.datetime(2026, 12, 3, 5, 30, tzinfo=dt.UTC))
    page.goto(f"{app_url}/{locale}/service?id={SERVICE}")
    rows = page.get_by_test_id("service").get_by_test_id("hours-row")
    expect(rows).to_have_count(7)
    today = page.locator("[aria-current=date]")
    expect(today).to_have_count(1)
    wednesday = formatting.weekday_names(locale)[2]
    expect(today).to_contain_text(re.compile(re.escape(wednesday), re.IGNORECASE))
    expect(today.get_by_test_id("today")).to_have_text(Translator(locale)("Today"))
    assert today.evaluate("row => getComputedStyle(row).fontWeight") == "700"
