"""Follow-up at the desk's tablet (issue 19), in Spanish and in Arabic (right to left): a wrong
appointment is refused beside its field in the desk's language with everything typed still
there, and the corrected one saves; a follow-up day set on the record shows on the Follow-up
page, whose "Open" comes back to the record; axe finds nothing on either.

Screenshots go to ``screenshots/`` (``desk-plan-<locale>``, ``desk-follow-up-page-<locale>``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from sqlalchemy.engine import Engine

from rxapp.desk.followup.display import PLACE_OR_SERVICE
from rxapp.i18n.catalogs import Translator
from rxapp.models import utcnow
from rxapp.settings import get_settings
from tests.data import people
from tests.e2e.test_accessibility import no_violations_in
from tests.e2e.test_desk_journey import sign_in

pytestmark = pytest.mark.e2e

DESK = ("rosa.seguimiento", "Rosa Seguimiento", "citas-y-seguimiento-2026")
SHOTS = Path(__file__).resolve().parents[2] / "screenshots"


@pytest.fixture(scope="module")
def coordinator(app_db: Engine) -> str:
    """This module's own account (made once: the session's server is shared)."""
    return people.own_coordinator(app_db, DESK)


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("locale", ["es", "ar"])
def test_an_appointment_and_a_follow_up_day_at_the_tablet(
    tablet: BrowserContext, app_url: str, app_db: Engine, coordinator: str, locale: str
) -> None:
    _ = Translator(locale)
    name = f"Cita Seguimiento {locale}"
    people.register(app_db, name=name, at=utcnow())
    page = tablet.new_page()
    sign_in(page, app_url, coordinator, DESK[2], f"/{locale}/desk")
    page.get_by_test_id("queue-row").filter(has_text=name).click()
    expect(page.get_by_test_id("record-name")).to_have_text(name)
    today = utcnow().astimezone(get_settings().tz).date()
    later = today + dt.timedelta(days=2)

    # No service and no place: refused beside the place, with what was typed still there.
    form = page.get_by_test_id("appointment-form")
    form.locator("[name=starts_at]").fill(f"{later}T11:15")
    form.locator("[name=bring]").fill("Acta de nacimiento")
    form.get_by_test_id("add-appointment").click()
    expect(form.get_by_test_id("error-ap.place")).to_have_text(_(PLACE_OR_SERVICE))
    expect(form.locator("[name=place]")).to_have_attribute("aria-invalid", "true")
    expect(form.locator("[name=bring]")).to_have_value("Acta de nacimiento")
    expect(form.locator("[name=starts_at]")).to_have_value(f"{later}T11:15")
    form.locator("[name=place]").fill("Registro Civil, Motozintla")
    form.get_by_test_id("add-appointment").click()
    listed = page.get_by_test_id("appointments").locator("li")
    expect(listed).to_have_count(1)
    expect(listed).to_contain_text("Registro Civil, Motozintla")
    expect(form.get_by_test_id("error-ap.place")).to_be_empty()

    follow = page.get_by_test_id("follow-up")
    follow.locator("[name=on]").fill(today.isoformat())
    follow.locator("[name=note]").fill("¿Consiguió el acta?")
    follow.get_by_test_id("save-follow-up").click()
    expect(follow.get_by_test_id("follow-up-on")).to_be_visible()
    no_violations_in(page, "[data-testid=record]")
    page.get_by_test_id("follow-up").scroll_into_view_if_needed()
    _shot(page, f"desk-plan-{locale}")

    page.goto(f"{app_url}/{locale}/desk/follow-up")
    due = page.get_by_test_id("due-today").locator("li").filter(has_text=name)
    expect(due).to_contain_text("¿Consiguió el acta?")
    page.get_by_test_id("next-day").click()
    page.get_by_test_id("next-day").click()
    expect(page.get_by_test_id("day-appointments")).to_contain_text(name)
    expect(page.get_by_test_id("day-appointments")).to_contain_text("11:15")
    no_violations_in(page, "main")
    _shot(page, f"desk-follow-up-page-{locale}")
    page.get_by_test_id("day-appointments").locator("li").filter(has_text=name).get_by_test_id(
        "open-record"
    ).click()
    expect(page.get_by_test_id("record-name")).to_have_text(name)
    expect(page).to_have_url(f"{app_url}/{locale}/desk")
