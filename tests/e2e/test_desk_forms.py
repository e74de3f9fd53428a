"""Desk forms on a 1024x768 tablet (issue 14): a refused "Create account" keeps what was typed
but the password (item 12); the translator's desk shows reviewed and drafted texts apart
(item 14)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp import models as m
from rxapp.cli import create_coordinator
from rxapp.desk.session import PROBLEMS
from rxapp.desk.translate import share_words
from rxapp.i18n.catalogs import Translator
from rxapp.services import content
from rxapp.services.auth import AuthProblem
from rxapp.services.content_files import completeness
from rxapp.settings import get_settings
from tests.e2e.test_desk_journey import sign_in

pytestmark = pytest.mark.e2e

TABLET = ViewportSize(width=1024, height=768)
COORDINATOR = ("nora.cuentas", "Nora Cuentas", "cuentas-claras-2026")


@pytest.fixture(scope="module")
def coordinator(app_db: Engine) -> tuple[str, str, str]:
    """A coordinator of their own (other modules sign in with theirs)."""
    create_coordinator(app_db, *COORDINATOR)
    return COORDINATOR


@pytest.fixture
def desk_page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A tablet page in the test's language."""
    locale = request.node.callspec.params.get("locale", "es")
    context = browser.new_context(viewport=TABLET, has_touch=True, locale=locale, service_workers="block")
    yield context.new_page()
    context.close()


def _typed(page: Page) -> tuple[str, str, str, str]:
    return (
        page.locator("#staff-username").input_value(),
        page.locator("#staff-display_name").input_value(),
        page.locator("#staff-role").input_value(),
        page.locator("#staff-password").input_value(),
    )


@pytest.mark.parametrize("locale", ["es", "ar"])
def test_a_refused_account_keeps_what_was_typed(
    desk_page: Page, app_url: str, coordinator: tuple[str, str, str], locale: str
) -> None:
    """Bug: a refused "Create account" (password too short, name taken) cleared every field."""
    page, _ = desk_page, Translator(locale)
    sign_in(page, app_url, coordinator[0], coordinator[2], f"/{locale}/desk/staff")
    error = page.get_by_test_id("staff-error")
    username = f"tere.{locale}"

    page.locator("#staff-username").fill(username)
    page.locator("#staff-display_name").fill("Teresa Traductora")
    page.locator("#staff-role").select_option("translator")
    page.locator("#staff-password").fill("corta")
    page.get_by_test_id("create-account").click()
    expect(error).to_have_text(_(PROBLEMS[AuthProblem.WEAK_PASSWORD]))
    expect(page.locator("#staff-password")).to_have_value("")  # never kept
    assert _typed(page) == (username, "Teresa Traductora", "translator", "")

    page.locator("#staff-username").fill(coordinator[0])  # taken
    page.locator("#staff-password").fill("una-clave-bastante-larga")
    page.get_by_test_id("create-account").click()
    expect(error).to_have_text(_(PROBLEMS[AuthProblem.USERNAME_TAKEN]))
    expect(page.locator("#staff-password")).to_have_value("")
    assert _typed(page) == (coordinator[0], "Teresa Traductora", "translator", "")

    page.locator("#staff-username").fill(username)
    page.locator("#staff-password").fill("una-clave-bastante-larga")
    page.get_by_test_id("create-account").click()
    expect(page.get_by_test_id("staff-message")).to_have_text(_("Account created."))
    expect(error).to_have_count(0)
    expect(page.get_by_test_id("account").filter(has_text=username)).to_be_visible()
    # Created: the form is empty again for the next account.
    expect(page.locator("#staff-username")).to_have_value("")
    assert _typed(page) == ("", "", "volunteer", "")


def _review_one(engine: Engine, locale: str) -> None:
    """A native speaker reviewed one drafted text of ``locale``."""
    with Session(engine) as session:
        row = session.exec(
            select(m.Translation).where(m.Translation.locale == locale, m.Translation.unreviewed)
        ).first()
        assert row is not None
        model = {kind: table for table, kind in m.RECORD_TYPES.items()}[m.RecordType(row.record_type)]
        record = session.get(model, row.record_id)
        assert record is not None
        content.set_translation(session=session, record=record, field=row.field, locale=locale, text=row.text)
        session.commit()


@pytest.mark.parametrize("locale", ["es", "ar"])
def test_the_translators_desk_tells_reviewed_from_drafted(
    desk_page: Page, app_url: str, app_db: Engine, coordinator: tuple[str, str, str], locale: str
) -> None:
    """Bug: the page showed 100 % and a full bar while every text was an unreviewed draft."""
    _review_one(app_db, "fr")
    page, _ = desk_page, Translator(locale)
    sign_in(page, app_url, coordinator[0], coordinator[2], f"/{locale}/desk/translate")
    with Session(app_db) as session:
        table = completeness(session=session, locales=get_settings().locales)
    for tag, row in table.items():
        if not row["total"]:
            continue
        words = share_words(row, _)
        expect(page.get_by_test_id(f"reviewed-{tag}")).to_have_text(words["reviewed"])
        for key in ("reviewed", "drafted", "rest"):
            expect(page.get_by_test_id(f"share-{key}-{tag}")).to_have_text(words[key])
        for key in ("reviewed", "drafted"):
            share = page.get_by_test_id(f"bar-{key}-{tag}").evaluate(
                "el => 100 * el.getBoundingClientRect().width / el.parentElement.getBoundingClientRect().width"
            )
            assert abs(share - row[f"{key}_percent"]) < 1, (tag, key, share)
    # The sample's texts are drafts: no language is shown as done; French has one reviewed text.
    fr = table["fr"]
    assert fr["reviewed"] >= 1 and fr["drafted"] > 0 and fr["reviewed_percent"] < 100
    assert table["ar"]["drafted_percent"] > 0
