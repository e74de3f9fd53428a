"""A coordinator adds the documents to bring to a service at the desk (a tablet); the public
page, on a phone in Spanish and in Arabic (right to left), lists them under who can use it,
the link beside its document. "No documents needed" with a document is refused, in words.

Screenshots go to ``screenshots/`` (``desk-documents``, ``service-documents-<locale>``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp import models as m
from rxapp.i18n.catalogs import Translator
from rxapp.services import editing
from rxapp.services.editing_input import ServiceEdit, TranslationEdit
from tests.data import people
from tests.e2e.test_accessibility import no_violations_in
from tests.e2e.test_desk_journey import sign_in

pytestmark = pytest.mark.e2e

SHOTS = Path(__file__).resolve().parents[2] / "screenshots"
DESK = ("lucia.papeles", "Lucía Papeles", "papeles-para-llevar-2026")
DATA = ServiceEdit(
    name="Asesoría para el trámite de CURP",
    description="Le ayudamos a llenar la solicitud de CURP temporal.",
    eligibility="Personas mayores de 18 años.",
)
PAPER = "Identificación de cualquier país, aunque esté vencida"
PAPER_AR = "وثيقة هوية من أي بلد، ولو كانت منتهية الصلاحية"
LINK = "https://www.gob.mx/curp/"


@pytest.fixture(scope="module")
def coordinator(app_db: Engine) -> str:
    """This module's own account (made once: the session's server is shared)."""
    return people.own_coordinator(app_db, DESK)


@pytest.fixture(scope="module")
def slug(app_db: Engine) -> Iterator[str]:
    """A service with no documents yet; off the public directory afterwards."""
    with Session(app_db) as session:
        org = session.exec(select(m.Organization).order_by(m.Organization.id)).first()  # type: ignore[arg-type]
        assert org is not None and org.id is not None
        service = editing.create_service(session=session, organization_id=org.id, data=DATA)
        service_id, found = service.id or 0, service.slug
    yield found
    with Session(app_db) as session:
        editing.update_service(
            session=session, service_id=service_id, data=DATA.model_copy(update={"status": "inactive"})
        )


def test_the_desk_adds_a_document_and_refuses_it_with_no_documents_needed(
    tablet: BrowserContext, app_url: str, app_db: Engine, coordinator: str, slug: str
) -> None:
    _ = Translator("es")
    desk = tablet.new_page()
    sign_in(desk, app_url, coordinator, DESK[2])
    desk.goto(f"{app_url}/es/desk/directory/service?id={slug}")
    expect(desk.get_by_test_id("document-row")).to_have_count(0)
    desk.get_by_test_id("add-documents").click()
    row = desk.get_by_test_id("document-row")
    row.get_by_label(_("Document")).fill(PAPER)
    row.get_by_label(_("Link (optional)")).fill(LINK)
    desk.get_by_label(_("No documents needed")).check()
    desk.get_by_test_id("save-service").click()
    refusal = desk.get_by_test_id("error-documents")
    expect(refusal).to_contain_text("No piden documentos")
    expect(row.get_by_label(_("Document"))).to_have_value(PAPER)  # nothing typed is lost
    SHOTS.mkdir(exist_ok=True)
    refusal.scroll_into_view_if_needed()
    desk.screenshot(path=str(SHOTS / "desk-documents-refused.png"))
    desk.get_by_label(_("No documents needed")).uncheck()
    desk.get_by_test_id("save-service").click()
    expect(desk.get_by_test_id("edit-message")).to_be_visible()
    with Session(app_db) as session:
        service = session.exec(select(m.Service).where(m.Service.slug == slug)).one()
        paper = session.exec(
            select(m.RequiredDocument).where(m.RequiredDocument.service_id == service.id)
        ).one()
        assert (paper.document, paper.uri, service.no_documents_needed) == (PAPER, LINK, False)
    desk.reload()
    section = desk.locator("fieldset", has=desk.get_by_test_id("add-documents"))
    expect(section.get_by_label(_("Document"))).to_have_value(PAPER)
    no_violations_in(desk, "form")
    section.scroll_into_view_if_needed()
    desk.screenshot(path=str(SHOTS / "desk-documents.png"))


@pytest.mark.parametrize(("locale", "text"), [("es", PAPER), ("ar", PAPER_AR)])
def test_the_public_page_lists_the_documents_on_a_phone(
    page: Page, app_url: str, app_db: Engine, slug: str, locale: str, text: str
) -> None:
    with Session(app_db) as session:
        service = session.exec(select(m.Service).where(m.Service.slug == slug)).one()
        paper = session.exec(
            select(m.RequiredDocument).where(m.RequiredDocument.service_id == service.id)
        ).first()
        if paper is None:  # this test alone: the document the desk adds above
            paper = m.RequiredDocument(
                service_id=service.id or 0, document=PAPER, uri=LINK, source_locale="es"
            )
            session.add(paper)
            session.commit()
        if locale == "ar":
            edit = TranslationEdit(
                record_type=m.RecordType.DOCUMENT,
                record_id=paper.id or 0,
                field="document",
                locale="ar",
                text=PAPER_AR,
            )
            editing.set_translation(session=session, data=edit)
    _ = Translator(locale)
    page.goto(f"{app_url}/{locale}/service?id={slug}")
    service_view = page.get_by_test_id("service")
    expect(service_view).to_be_visible()
    documents = service_view.locator("section", has_text=_("Documents to bring"))
    expect(documents.get_by_test_id("document")).to_have_count(1)
    expect(documents.get_by_test_id("document")).to_contain_text(text)
    link = documents.get_by_role("link", name=_("Open the link"))
    expect(link).to_have_attribute("href", LINK)
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    box = link.bounding_box()
    assert box is not None and box["height"] >= 44 and box["x"] >= 0
    assert box["x"] + box["width"] <= page.viewport_size["width"]  # type: ignore[index]
    expect(service_view).not_to_contain_text(_("No documents needed."))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    SHOTS.mkdir(exist_ok=True)
    documents.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"service-documents-{locale}.png"), full_page=True)
