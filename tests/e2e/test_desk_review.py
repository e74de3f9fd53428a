"""Services an HSDS import left to review, at the desk's tablet (issue 20), in Spanish and in
Arabic (right to left): the directory counts them, badges each with its source and filters
to them; the service's form says where it came from until "Verified today", after which the
banner, the badge and one from the count are gone, and the filter shows its empty state.

Screenshots go to ``screenshots/`` (``desk-review-list-<locale>``, ``desk-review-banner-<locale>``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp.i18n.catalogs import Translator
from rxapp.services import editing, review
from rxapp.services.editing_input import OrganizationEdit, ServiceEdit
from tests.data import people
from tests.e2e.test_accessibility import no_violations_in
from tests.e2e.test_desk_journey import sign_in

pytestmark = pytest.mark.e2e

DESK = ("ines.revision", "Inés Revisión", "revisar-lo-importado-2026")
SOURCE = "Red Frontera Sur"
SHOTS = Path(__file__).resolve().parents[2] / "screenshots"


@pytest.fixture(scope="module")
def coordinator(app_db: Engine) -> str:
    """This module's own account (made once: the session's server is shared)."""
    return people.own_coordinator(app_db, DESK)


@pytest.fixture
def imported(app_db: Engine, request: pytest.FixtureRequest) -> Iterator[str]:
    """A service as ``hsds-import`` leaves it (its source, to review); taken off the public
    directory afterwards, so other modules' public pages stay as they were."""
    name = f"Comedor comunitario ({request.node.callspec.params['locale']})"
    with Session(app_db) as session:
        org = editing.create_organization(
            session=session, data=OrganizationEdit(name="Cocina Solidaria del Soconusco"), source_locale="es"
        )
        service = editing.create_service(
            session=session, organization_id=org.id or 0, data=ServiceEdit(name=name, is_free=True)
        )
        service.needs_review, service.source = True, SOURCE
        session.add(service)
        session.commit()
        service_id = service.id or 0
    yield name
    with Session(app_db) as session:
        editing.update_service(
            session=session, service_id=service_id, data=ServiceEdit(name=name, status="inactive")
        )


def _shot(page: Page, name: str, *, full_page: bool = True) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def _to_review(app_db: Engine) -> int:
    with Session(app_db) as session:
        return review.count_unreviewed(session=session)


@pytest.mark.parametrize("locale", ["es", "ar"])
def test_an_imported_service_is_reviewed_at_the_tablet(
    tablet: BrowserContext, app_url: str, app_db: Engine, coordinator: str, imported: str, locale: str
) -> None:
    _ = Translator(locale)
    count = _to_review(app_db)
    assert count >= 1
    page = tablet.new_page()
    sign_in(page, app_url, coordinator, DESK[2], f"/{locale}/desk/directory")
    expect(page.get_by_test_id("review-count")).to_have_text(str(count))
    line = page.get_by_test_id("service-row").filter(has_text=imported)
    expect(line.get_by_test_id("review-badge")).to_contain_text(_("To review"))
    expect(line.get_by_test_id("review-badge")).to_contain_text(SOURCE)

    page.get_by_test_id("show-to-review").click()
    expect(page.get_by_test_id("show-to-review")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_test_id("service-row")).to_have_count(count)
    expect(page.get_by_test_id("review-badge")).to_have_count(count)
    no_violations_in(page, "main")
    _shot(page, f"desk-review-list-{locale}")

    line.get_by_role("link", name=imported).click()
    banner = page.get_by_test_id("review-banner")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text(SOURCE)
    no_violations_in(page, "[data-testid=review-banner]")
    _shot(page, f"desk-review-banner-{locale}", full_page=False)  # the banner, as the tablet shows it
    page.get_by_role("button", name=_("Verified today")).click()
    expect(page.get_by_test_id("edit-message")).to_have_text(_("Marked as verified today."))
    expect(banner).to_have_count(0)

    page.get_by_role("link", name=_("All services")).click()
    expect(page.get_by_test_id("review-count")).to_have_text(str(count - 1))
    if count == 1:  # the filter is still on, with nothing left in it
        expect(page.get_by_test_id("review-empty")).to_be_visible()
    page.get_by_test_id("show-all").click()
    line = page.get_by_test_id("service-row").filter(has_text=imported)
    expect(line).to_have_count(1)
    expect(line.get_by_test_id("review-badge")).to_have_count(0)
    assert _to_review(app_db) == count - 1
