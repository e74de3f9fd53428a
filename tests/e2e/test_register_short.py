"""The registration form for people who may read little (issue 14, items 9 and 10): what is
required first, the optional questions folded but kept and sent, who sees the data, and what
happens after registering."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp.components.privacy import DEFAULT_NOTICE
from rxapp.components.registration.draft import Contact
from rxapp.components.registration.next_steps import NEXT_STEPS
from rxapp.i18n.catalogs import Translator
from rxapp.models import Registration
from rxapp.settings import get_settings

pytestmark = pytest.mark.e2e

LOCALES = get_settings().locales
SCREEN = ViewportSize(width=360, height=740)
# The page's top to the bottom of "Send" with only the required questions: 2,720 px at
# 360 px in Spanish before issue 14 (3.7 screens); bench/form_height.py prints every locale.
REQUIRED_PATH_MAX = 2 * SCREEN["height"]


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    """A 360x740 phone."""
    context = browser.new_context(viewport=SCREEN, has_touch=True, is_mobile=True, service_workers="block")
    yield context.new_page()
    context.close()


def _open(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.get_by_test_id("submit")).to_be_enabled()


def _row(engine: Engine, name: str) -> Registration:
    with Session(engine) as session:
        return session.exec(select(Registration).where(Registration.name == name)).one()


@pytest.mark.parametrize("locale", LOCALES)
def test_the_required_path_is_short_and_the_rest_is_folded(phone: Page, app_url: str, locale: str) -> None:
    """Bug: the form was 4-5 screens of text (3,144 px at 360 px) before the "Send" button.
    Now name, needs and consent come first and the optional questions are folded."""
    _open(phone, f"{app_url}/{locale}/register")
    more = phone.get_by_test_id("more")
    expect(more).not_to_have_attribute("open", "")
    expect(phone.locator("#f-phone")).to_be_hidden()
    expect(phone.locator("#f-name")).to_be_visible()
    expect(phone.locator("#f-consent")).to_be_visible()
    bottom = phone.evaluate(
        "document.querySelector('[data-testid=submit]').getBoundingClientRect().bottom + window.scrollY"
    )
    print(f"required path at 360 px, {locale}: {bottom:.0f} px ({bottom / SCREEN['height']:.1f} screens)")
    assert bottom <= REQUIRED_PATH_MAX
    more.locator("summary").click()
    expect(phone.locator("#f-phone")).to_be_visible()
    expect(phone.locator("input[name=languages][value=mis]")).to_be_visible()  # "Other language"


def test_folded_answers_are_kept_and_sent(phone: Page, app_url: str, app_db: Engine) -> None:
    """What is typed under "Tell us more" survives a reload (unfolded again to show it) and is
    sent even when folded; a phone without a chosen way means "we may call you"."""
    _ = Translator("es")
    _open(phone, f"{app_url}/es/register")
    phone.locator("#f-name").fill("Gil Pliegue")
    phone.locator("input[name=needs][value=documents]").check()
    phone.get_by_test_id("more").locator("summary").click()
    phone.locator("#f-nationality").select_option("HN")
    phone.locator("#f-phone").fill("9999 8888")
    phone.get_by_role("checkbox", name=_("Other language")).check()
    phone.locator("#f-message").fill("Viajo solo.")
    phone.reload()
    expect(phone.get_by_test_id("submit")).to_be_enabled()
    expect(phone.get_by_test_id("more")).to_have_attribute("open", "")
    expect(phone.locator("#f-message")).to_have_value("Viajo solo.")
    phone.get_by_test_id("more").locator("summary").click()  # folded again: still sent
    expect(phone.locator("#f-phone")).to_be_hidden()
    phone.locator("#f-consent").check()
    phone.get_by_test_id("submit").click()
    expect(phone.get_by_test_id("next-steps")).to_have_text(_(NEXT_STEPS[Contact.CALL]))
    row = _row(app_db, "Gil Pliegue")
    assert (row.phone, row.nationality, row.languages, row.message) == (
        "+50499998888",
        "HN",
        ["mis"],
        "Viajo solo.",
    )


def test_an_error_in_the_folded_part_unfolds_it(phone: Page, app_url: str) -> None:
    """A wrong phone number behind a closed "Tell us more" would be an error nobody sees."""
    _open(phone, f"{app_url}/es/register")
    phone.locator("#f-name").fill("Hugo Pliegue")
    phone.locator("input[name=needs][value=food]").check()
    phone.get_by_test_id("more").locator("summary").click()
    phone.locator("#f-phone").fill("123")
    phone.get_by_test_id("more").locator("summary").click()
    phone.locator("#f-consent").check()
    phone.get_by_test_id("submit").click()
    expect(phone.get_by_test_id("error-phone")).to_be_visible()
    expect(phone.locator("#f-phone")).to_be_focused()


@pytest.mark.parametrize("locale", LOCALES)
def test_who_sees_the_data_and_what_happens_next(phone: Page, app_url: str, locale: str) -> None:
    """Bug: neither the form nor the about page said who sees the data, and the confirmation
    said only "show this code". The centre's words (default: staff only, never migration
    authorities or police) on both; after registering without a phone: go to the desk, at
    the centre's hours shown below. And the home page offers registering first, not below
    the twelve need tiles."""
    _ = Translator(locale)
    words = _(DEFAULT_NOTICE)
    phone.goto(f"{app_url}/{locale}")
    card, tiles = phone.get_by_test_id("register-link"), phone.get_by_test_id("needs")
    expect(tiles).to_be_visible()
    card_box, tiles_box = card.bounding_box(), tiles.bounding_box()
    assert card_box and tiles_box and card_box["y"] + card_box["height"] <= tiles_box["y"]
    assert card_box["y"] + card_box["height"] <= SCREEN["height"]  # on the first screen

    phone.goto(f"{app_url}/{locale}/about")
    expect(phone.get_by_test_id("about-registration").get_by_test_id("data-notice")).to_contain_text(words)

    _open(phone, f"{app_url}/{locale}/register")
    expect(phone.get_by_test_id("data-notice")).to_contain_text(words)
    expect(phone.get_by_test_id("data-notice")).to_be_visible()
    phone.locator("#f-name").fill(f"Iris {locale}")
    phone.locator("input[name=needs][value=shelter]").check()
    phone.locator("#f-consent").check()
    phone.get_by_test_id("submit").click()
    expect(phone.get_by_test_id("next-steps")).to_have_text(_(NEXT_STEPS[Contact.DESK]))
    expect(phone.get_by_test_id("centre")).to_be_visible()  # the hours the text points to
