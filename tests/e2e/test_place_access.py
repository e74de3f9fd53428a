"""A coordinator sets a place's type, accessibility and languages at the desk (tablet); the
public page on a phone shows them under the place, in Spanish and in Arabic (right to left),
and an online place shows no map link.

Screenshots go to ``screenshots/`` (``desk-place-access``, ``place-access-<locale>``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp import models as m
from rxapp.i18n.catalogs import Translator
from rxapp.services import editing
from rxapp.services.editing_input import OrganizationEdit, ServiceEdit, TranslationEdit
from rxapp.services.editing_sheet import LocationEdit
from tests.data import people
from tests.e2e.test_desk_journey import sign_in

pytestmark = pytest.mark.e2e

SHOTS = Path(__file__).resolve().parents[2] / "screenshots"
DESK = ("lucia.rampas", "Lucía Rampas", "rampa-lateral-planta-baja-2026")
DATA = ServiceEdit(name="Taller de costura", description="Clases de costura para mujeres.", languages=["es"])
RAMP = "Rampa por la puerta lateral; baños en la planta baja."
RAMP_AR = "منحدر عند الباب الجانبي؛ دورات المياه في الطابق الأرضي."
MORE = "Silla de ruedas prestada en la recepción."


@pytest.fixture(scope="module")
def coordinator(app_db: Engine) -> str:
    """This module's own account (the session's server is shared)."""
    return people.own_coordinator(app_db, DESK)


@pytest.fixture(scope="module")
def slug(app_db: Engine) -> Iterator[str]:
    """A service at a place a partner marked online; off the public directory afterwards."""
    with Session(app_db) as session:
        # Its own organization: a new service of one with a place is given there (the centre's).
        org = editing.create_organization(
            session=session, data=OrganizationEdit(name="Costureras Unidas"), source_locale="es"
        )
        assert org.id is not None
        service = editing.create_service(session=session, organization_id=org.id, data=DATA)
        service_id, found = service.id or 0, service.slug
        place = LocationEdit(
            name="Casa de la Cultura",
            address="Calle Central Poniente 22",
            latitude=15.3671,
            longitude=-92.2479,
            location_type=m.LocationType.VIRTUAL,
        )
        editing.set_location(session=session, service_id=service_id, data=place)
    yield found
    with Session(app_db) as session:
        editing.update_service(
            session=session,
            service_id=service_id,
            data=DATA.model_copy(update={"status": m.ServiceStatus.INACTIVE}),
        )


def _where(page: Page, app_url: str, slug: str, locale: str) -> tuple[Translator, Locator]:
    _ = Translator(locale)
    page.goto(f"{app_url}/{locale}/service?id={slug}")
    service = page.get_by_test_id("service")
    expect(service).to_be_visible()
    return _, service.locator("section", has_text=_("Where"))


def test_the_desk_sets_a_place_s_type_and_accessibility_and_the_phone_shows_them(
    tablet: BrowserContext, page: Page, app_url: str, app_db: Engine, coordinator: str, slug: str
) -> None:
    _, where = _where(page, app_url, slug, "es")
    expect(where).to_contain_text(_("Online"))
    expect(where.get_by_text(_("Open in my map app"))).to_have_count(0)

    desk = tablet.new_page()
    sign_in(desk, app_url, coordinator, DESK[2])
    desk.goto(f"{app_url}/es/desk/directory/service?id={slug}")
    desk_ = Translator("es")
    kind = desk.get_by_label(desk_("How people reach it"))
    expect(kind).to_have_value("virtual")
    kind.select_option(label=desk_("In person"))
    desk.get_by_label(desk_("Accessibility (optional)"), exact=True).fill(RAMP)
    desk.get_by_label(desk_("More about accessibility (optional)")).fill(MORE)
    here = desk.get_by_role("group", name=desk_("Languages spoken at this place"))
    here.get_by_text("Kreyòl ayisyen").click()
    here.get_by_text("Español").click()
    SHOTS.mkdir(exist_ok=True)
    desk.screenshot(path=str(SHOTS / "desk-place-access.png"), full_page=True)
    desk.get_by_test_id("save-service").click()
    expect(desk.get_by_test_id("edit-message")).to_be_visible()
    with Session(app_db) as session:
        service = session.exec(select(m.Service).where(m.Service.slug == slug)).one()
        link = session.exec(
            select(m.ServiceAtLocation).where(m.ServiceAtLocation.service_id == service.id)
        ).one()
        place = session.get(m.Location, link.location_id)
        assert place is not None and place.location_type is m.LocationType.PHYSICAL
        access = session.exec(select(m.Accessibility).where(m.Accessibility.location_id == place.id)).one()
        assert (access.description, access.details) == (RAMP, MORE)
        spoken = session.exec(
            select(m.LocationLanguage.language).where(m.LocationLanguage.location_id == place.id)
        )
        assert sorted(spoken.all()) == ["es", "ht"]
        editing.set_translation(  # the translators' part, in Arabic
            session=session,
            data=TranslationEdit(
                record_type=m.RecordType.ACCESS,
                record_id=access.id or 0,
                field="description",
                locale="ar",
                text=RAMP_AR,
            ),
        )
    desk.reload()
    expect(desk.get_by_label(desk_("Accessibility (optional)"), exact=True)).to_have_value(RAMP)
    expect(desk.get_by_label(desk_("How people reach it"))).to_have_value("physical")


@pytest.mark.parametrize(("locale", "text"), [("es", RAMP), ("ar", RAMP_AR)])
def test_the_phone_shows_the_place_s_accessibility_and_languages(
    page: Page, app_url: str, slug: str, locale: str, text: str
) -> None:
    """Runs after the desk's change above (same module, in order)."""
    _, where = _where(page, app_url, slug, locale)
    shown = where.get_by_test_id("place-accessibility")
    expect(shown).to_contain_text(text)
    expect(shown).to_contain_text(MORE)  # not translated yet: in Spanish on the Arabic page too
    expect(where.get_by_test_id("place-languages")).to_contain_text(
        _("At this place: {languages}").split("{")[0].strip()
    )
    expect(where.get_by_text(_("Open in my map app"))).to_be_visible()
    expect(where).not_to_contain_text(_("Online"))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # The Spanish description on the Arabic page is isolated left to right: it read
    # ".Clases de costura para mujeres" (locales.isolated).
    described = page.get_by_text(DATA.description).first.evaluate("e => e.textContent")
    assert described == (f"\u2066{DATA.description}\u2069" if locale == "ar" else DATA.description)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"place-access-{locale}.png"), full_page=True)
