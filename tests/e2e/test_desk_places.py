"""A coordinator marks a phone of a service given at two places for one of them (issue 20): the
phone row's "Place" select, saved, read back; the public page still lists the phone."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp import models as m
from rxapp.services import editing
from rxapp.services.editing_input import OrganizationEdit, ServiceEdit
from rxapp.services.editing_sheet import PhoneEdit
from tests.data import people
from tests.e2e.test_desk_journey import sign_in

pytestmark = pytest.mark.e2e

DESK = ("rosa.lugares", "Rosa Lugares", "dos-lugares-un-telefono-2026")
NUMBER = "+52 962 555 7202"


@pytest.fixture(scope="module")
def coordinator(app_db: Engine) -> str:
    """This module's own account (made once: the session's server is shared)."""
    return people.own_coordinator(app_db, DESK)


@pytest.fixture
def two_places(app_db: Engine) -> Iterator[tuple[str, int]]:
    """A service at two places with one phone for every place: its slug and its second place's
    service_at_location id; taken off the public directory afterwards."""
    with Session(app_db) as session:
        org = editing.create_organization(
            session=session, data=OrganizationEdit(name="Ropero de la Frontera"), source_locale="es"
        )
        service = editing.create_service(
            session=session, organization_id=org.id or 0, data=ServiceEdit(name="Ropero", is_free=True)
        )
        assert service.id is not None and org.id is not None
        links = []
        for name in ("Bodega del centro", "Anexo del mercado"):
            place = m.Location(organization_id=org.id, name=name)
            session.add(place)
            session.flush()
            link = m.ServiceAtLocation(service_id=service.id, location_id=place.id or 0)
            session.add(link)
            links.append(link)
        editing.set_phones(session=session, service_id=service.id, phones=[PhoneEdit(number=NUMBER)])
        session.commit()
        slug, service_id, annex = service.slug, service.id, links[1].id or 0
    yield slug, annex
    with Session(app_db) as session:
        editing.update_service(
            session=session, service_id=service_id, data=ServiceEdit(name="Ropero", status="inactive")
        )


def test_a_phone_is_marked_for_one_place(
    tablet: BrowserContext,
    page: Page,
    app_url: str,
    app_db: Engine,
    coordinator: str,
    two_places: tuple[str, int],
) -> None:
    slug, annex = two_places
    desk = tablet.new_page()
    sign_in(desk, app_url, coordinator, DESK[2])
    desk.goto(f"{app_url}/es/desk/directory/service?id={slug}")
    row = desk.get_by_test_id("phone-row")
    choice = row.get_by_label("Lugar")
    expect(choice).to_have_value("")  # every place
    choice.select_option(label="Anexo del mercado")
    desk.get_by_test_id("save-service").click()
    expect(desk.get_by_test_id("edit-message")).to_be_visible()
    with Session(app_db) as session:
        phone = session.exec(select(m.Phone).where(m.Phone.number == NUMBER)).one()
        assert (phone.service_id, phone.service_at_location_id) == (None, annex)
    desk.reload()
    expect(desk.get_by_test_id("phone-row").get_by_label("Lugar")).to_have_value(str(annex))
    page.goto(f"{app_url}/es/service?id={slug}")
    expect(page.get_by_test_id("service")).to_contain_text(NUMBER)
