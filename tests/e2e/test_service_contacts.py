"""A service's age limits, interpretation, website and email on its public page, on a phone,
in Spanish and in Arabic (right to left): the ages in words beside who can use it, the
interpretation beside the languages spoken, the website and a mail link beside the phones.

Screenshots go to ``screenshots/`` (``service-contacts-<locale>``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp import models as m
from rxapp.i18n.catalogs import Translator
from rxapp.services import editing
from rxapp.services.editing_input import ServiceEdit, TranslationEdit

pytestmark = pytest.mark.e2e

SHOTS = Path(__file__).resolve().parents[2] / "screenshots"
NAME = "Asesoría para adolescentes"
DATA = ServiceEdit(
    name=NAME,
    description="Orientación legal y apoyo para adolescentes que viajan solos.",
    eligibility="Adolescentes que viajan sin sus padres.",
    interpretation_services="Intérprete de kreyòl los martes y por teléfono en otros idiomas.",
    url="https://adolescentes.example.org/ayuda",
    email="ayuda@adolescentes.example.org",
    minimum_age=12,
    maximum_age=17,
    languages=["es", "en"],
)
INTERPRETATION_AR = "مترجم للغة الكريولية يوم الثلاثاء، وعبر الهاتف بلغات أخرى."


@pytest.fixture(scope="module")
def slug(app_db: Engine) -> Iterator[str]:
    """The service, with its interpretation translated into Arabic; off the public directory
    afterwards, so other modules' pages stay as they were."""
    with Session(app_db) as session:
        org = session.exec(select(m.Organization).order_by(m.Organization.id)).first()  # type: ignore[arg-type]
        assert org is not None and org.id is not None
        service = editing.create_service(session=session, organization_id=org.id, data=DATA)
        service_id, found = service.id or 0, service.slug
        editing.set_translation(
            session=session,
            data=TranslationEdit(
                record_type=m.RecordType.SERVICE,
                record_id=service_id,
                field="interpretation_services",
                locale="ar",
                text=INTERPRETATION_AR,
            ),
        )
    yield found
    with Session(app_db) as session:
        editing.update_service(
            session=session,
            service_id=service_id,
            data=DATA.model_copy(update={"status": m.ServiceStatus.INACTIVE}),
        )


@pytest.mark.parametrize(
    ("locale", "ages", "interpretation"),
    [
        ("es", "De 12 a 17 años", DATA.interpretation_services),
        ("ar", "الأعمار من 12 إلى 17 سنة", INTERPRETATION_AR),
    ],
)
def test_ages_interpretation_website_and_email_on_a_phone(
    page: Page, app_url: str, slug: str, locale: str, ages: str, interpretation: str
) -> None:
    _ = Translator(locale)
    page.goto(f"{app_url}/{locale}/service?id={slug}")
    service = page.get_by_test_id("service")
    expect(service).to_be_visible()
    expect(service.get_by_test_id("ages")).to_have_text(ages)
    who = service.locator("section", has_text=_("Who can use it"))
    expect(who.get_by_test_id("ages")).to_be_visible()  # beside the eligibility
    spoken = service.locator("section", has_text=_("Languages spoken"))
    expect(spoken.get_by_test_id("interpretation")).to_have_text(f"{_('Interpretation:')} {interpretation}")

    website = service.get_by_test_id("website")
    expect(website).to_have_text(_("Website"))
    expect(website).to_have_attribute("href", DATA.url or "")
    expect(website).to_have_attribute("rel", "noopener noreferrer")
    mail = service.get_by_test_id("email")
    expect(mail).to_have_text(DATA.email or "")
    expect(mail).to_have_attribute("href", f"mailto:{DATA.email}")
    for link in (website, mail):  # a thumb's target, inside the phone's width
        box = link.bounding_box()
        assert box is not None and box["height"] >= 44 and box["x"] >= 0
        assert box["x"] + box["width"] <= page.viewport_size["width"]  # type: ignore[index]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"service-contacts-{locale}.png"), full_page=True)
