"""The desk on two tablets (1024x768): a coordinator adds a volunteer; the volunteer signs in,
finds a registration made on the public form, adds a note, refers the person, closes the
record; the other tablet sees it without reloading; the idle desk locks itself."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, ViewportSize, expect
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp.cli import create_coordinator
from rxapp.models import AuditAction, AuditEntry, Note, Referral, Registration, RegistrationStatus

pytestmark = pytest.mark.e2e

TABLET = ViewportSize(width=1024, height=768)
COORDINATOR = ("carla", "Carla Coordinadora", "faro-del-sur-2026")
VOLUNTEER = ("vero", "Vero Voluntaria", "camino-largo-77")
PERSON = "Rosa Mesa Prueba"


@pytest.fixture(scope="module")
def coordinator(app_db: Engine) -> tuple[str, str, str]:
    """The first coordinator, made by the documented command's function."""
    create_coordinator(app_db, COORDINATOR[0], COORDINATOR[1], COORDINATOR[2])
    return COORDINATOR


@pytest.fixture
def tablet(browser: Browser) -> Iterator[BrowserContext]:
    """A tablet in landscape, in Spanish."""
    context = browser.new_context(viewport=TABLET, has_touch=True, locale="es-MX", service_workers="block")
    yield context
    context.close()


@pytest.fixture
def other_tablet(browser: Browser) -> Iterator[BrowserContext]:
    """A second tablet at the same desk."""
    context = browser.new_context(viewport=TABLET, has_touch=True, locale="es-MX", service_workers="block")
    yield context
    context.close()


def sign_in(page: Page, url: str, username: str, password: str, path: str = "/es/desk") -> None:
    """Sign in on the sign-in screen of the desk page at ``path``."""
    page.goto(url + path)
    expect(page.get_by_test_id("desk-signin")).to_be_visible()
    page.locator("#desk-username").fill(username)
    page.locator("#desk-password").fill(password)
    page.get_by_test_id("sign-in").click()
    expect(page.get_by_test_id("desk-user")).to_be_visible()


def register_on_the_public_form(page: Page, url: str) -> None:
    """A migrant registers on a phone."""
    page.goto(f"{url}/es/register")
    expect(page.get_by_test_id("submit")).to_be_enabled()
    page.get_by_role("textbox", name="Nombre o apodo").fill(PERSON)
    page.get_by_role("checkbox", name="Comida").check()
    page.get_by_role("checkbox", name="Acepto").check()
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("confirmation")).to_be_visible()


def _row(page: Page) -> Locator:
    return page.get_by_test_id("queue-row").filter(has_text=PERSON)


def test_a_volunteers_day_at_the_desk(
    tablet: BrowserContext,
    other_tablet: BrowserContext,
    page: Page,
    app_url: str,
    app_db: Engine,
    coordinator: tuple[str, str, str],
) -> None:
    desk = other_tablet.new_page()
    sign_in(desk, app_url, coordinator[0], coordinator[2])
    desk.goto(f"{app_url}/es/desk/staff")
    desk.locator("#staff-username").fill(VOLUNTEER[0])
    desk.locator("#staff-display_name").fill(VOLUNTEER[1])
    desk.locator("#staff-role").select_option("volunteer")
    desk.locator("#staff-password").fill(VOLUNTEER[2])
    desk.get_by_test_id("create-account").click()
    expect(desk.get_by_test_id("account").filter(has_text=VOLUNTEER[1])).to_be_visible()
    desk.goto(f"{app_url}/es/desk")
    expect(desk.get_by_test_id("queue-empty").or_(desk.get_by_test_id("queue"))).to_be_visible()

    register_on_the_public_form(page, app_url)
    # The coordinator's tablet shows the new registration by itself.
    expect(_row(desk)).to_be_visible()

    volunteer = tablet.new_page()
    sign_in(volunteer, app_url, VOLUNTEER[0], VOLUNTEER[2])
    # Debian's Chromium cannot read QR codes (no BarcodeDetector): no scan button, the code is typed.
    expect(volunteer.get_by_test_id("scan")).to_be_hidden()
    _row(volunteer).click()
    expect(volunteer.get_by_test_id("record-name")).to_have_text(PERSON)
    volunteer.locator("#desk-note").fill("Necesita comida para dos días.")
    volunteer.get_by_test_id("save-note").click()
    expect(volunteer.get_by_test_id("notes")).to_contain_text("Necesita comida para dos días.")
    expect(volunteer.get_by_test_id("notes")).to_contain_text(VOLUNTEER[1])
    volunteer.locator("#desk-service").select_option(index=1)
    volunteer.get_by_test_id("save-referral").click()
    expect(volunteer.get_by_test_id("refer-error")).not_to_be_empty()  # no consent, no referral
    volunteer.locator("input[name=consented]").check()  # the chosen service stayed
    volunteer.get_by_test_id("save-referral").click()
    expect(volunteer.get_by_test_id("referrals").locator("li")).to_have_count(1)
    desk.locator("#desk-query").click()  # the coordinator is at their tablet too
    volunteer.get_by_test_id("status-closed").click()
    expect(volunteer.get_by_test_id("status-closed")).to_be_disabled()

    # The other tablet sees the record closed without reloading.
    expect(_row(desk)).to_contain_text("Cerrad", timeout=3000)

    with Session(app_db) as session:
        person = session.exec(select(Registration).where(Registration.name == PERSON)).one()
        assert person.status == RegistrationStatus.CLOSED
        assert len(session.exec(select(Note).where(Note.registration_id == person.id)).all()) == 1
        referral = session.exec(select(Referral).where(Referral.registration_id == person.id)).one()
        assert referral.consented
        opened = session.exec(
            select(AuditEntry).where(AuditEntry.action == AuditAction.OPEN, AuditEntry.record_id == person.id)
        ).all()
        assert [entry.staff_username for entry in opened] == [VOLUNTEER[0]]

    # Left alone, the volunteer's tablet locks and shows nobody's data.
    expect(volunteer.get_by_test_id("desk-locked")).to_be_visible(timeout=25000)
    expect(volunteer.get_by_text(PERSON)).to_have_count(0)
    volunteer.locator("#desk-password").fill(VOLUNTEER[2])
    volunteer.get_by_test_id("unlock").click()
    expect(volunteer.get_by_test_id("desk-user")).to_be_visible()

    # Signing out leaves nothing personal in the browser.
    volunteer.get_by_test_id("sign-out").click()
    expect(volunteer.get_by_test_id("desk-signin")).to_be_visible()
    stored = volunteer.evaluate(
        "() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage), document.cookie])"
    )
    assert PERSON not in stored
    cookies = {c["name"]: c["value"] for c in tablet.cookies()}
    assert cookies.get("paso_desk", "") == ""  # the session token is gone (the server ended it too)
    assert PERSON not in volunteer.content()


def test_a_walk_in_registered_at_the_desk(
    tablet: BrowserContext, app_url: str, app_db: Engine, coordinator: tuple[str, str, str]
) -> None:
    desk = tablet.new_page()
    sign_in(desk, app_url, coordinator[0], coordinator[2])
    desk.goto(f"{app_url}/es/desk/new")
    expect(desk.get_by_test_id("submit")).to_be_enabled()
    desk.get_by_role("textbox", name="Su nombre o apodo").fill("Walk In Persona")
    desk.get_by_role("checkbox", name="Salud").check()
    desk.get_by_role("checkbox", name="Le leí esto a la persona").check()
    desk.get_by_test_id("submit").click()
    expect(desk.get_by_test_id("confirmation")).to_contain_text("La persona está registrada")
    code = desk.get_by_test_id("reference").inner_text()
    with Session(app_db) as session:
        person = session.exec(select(Registration).where(Registration.name == "Walk In Persona")).one()
        assert person.assisted and person.reference == code
        created = session.exec(
            select(AuditEntry).where(
                AuditEntry.action == AuditAction.CREATE, AuditEntry.record_id == person.id
            )
        ).one()
        assert created.staff_username == coordinator[0]
    # Nothing typed stays in the shared tablet's storage.
    stored = desk.evaluate(
        "() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])"
    )
    assert "Walk In" not in stored


def test_a_coordinators_edit_shows_on_the_public_page_without_a_rebuild(
    tablet: BrowserContext, page: Page, app_url: str, coordinator: tuple[str, str, str]
) -> None:
    slug, text = "la-ruta-mapas-impresos", "Mapas impresos nuevos, revisados esta semana."
    desk = tablet.new_page()
    sign_in(desk, app_url, coordinator[0], coordinator[2])
    desk.goto(f"{app_url}/es/desk/directory/service?id={slug}")
    name = desk.locator("#name").input_value()
    assert name
    # A refused save keeps what was typed and says why next to the field.
    desk.locator("#name").fill("")
    desk.locator("#description").fill(text)
    desk.locator("#minimum_age").fill("18")
    desk.locator("#maximum_age").fill("12")
    desk.get_by_test_id("save-service").click()
    expect(desk.get_by_test_id("error-name")).not_to_be_empty()
    expect(desk.get_by_test_id("error-maximum_age")).to_contain_text("edad máxima")  # the desk's language
    expect(desk.locator("#description")).to_have_value(text)
    desk.locator("#name").fill(name)
    desk.locator("#maximum_age").fill("")
    desk.get_by_test_id("save-service").click()
    expect(desk.get_by_test_id("edit-message")).to_be_visible()
    expect(desk.locator("#minimum_age")).to_have_value("18")  # saved, shown back

    page.goto(f"{app_url}/es/service?id={slug}")
    expect(page.get_by_test_id("service")).to_contain_text(text)
