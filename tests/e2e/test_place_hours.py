"""A service with hours only per place (as an HSDS import brings them), given at two places: on
a phone, in Spanish and in Arabic (right to left), each place shows its own hours and phones
under its address; a coordinator edits the second place's hours and the first place's own
opening hours and reception phone on a tablet and the public page shows them (docs/hsds.md
"Per place").

Screenshots go to ``screenshots/`` (``place-hours-<locale>``, ``desk-place-hours``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp import models as m
from rxapp.i18n.catalogs import Translator
from rxapp.services import editing
from rxapp.services.editing_input import ServiceEdit
from rxapp.services.editing_sheet import PhoneEdit, PlaceSlotEdit
from tests.data import people
from tests.data.places import new_at_two_places
from tests.e2e.test_accessibility import no_violations_in
from tests.e2e.test_desk_journey import sign_in

pytestmark = pytest.mark.e2e

SHOTS = Path(__file__).resolve().parents[2] / "screenshots"
DESK = ("tomas.horarios", "Tomás Horarios", "horarios-por-lugar-2026")
NAME = "Ropa y abrigo"
RECEPTION, ANNEX_PHONE = "+52 962 555 0101", "+52 962 555 0202"
NEW_RECEPTION = "+52 962 555 0909"


@pytest.fixture(scope="module")
def coordinator(app_db: Engine) -> str:
    """This module's own account (made once: the session's server is shared)."""
    return people.own_coordinator(app_db, DESK)


@pytest.fixture(scope="module")
def service(app_db: Engine) -> Iterator[tuple[str, int, int]]:
    """The service: no hours of its own; the first place's own opening hours (Monday to Friday
    9:00-13:00) and reception phone; the service's hours at the second place (Saturday
    10:00-14:00) and its phone there. Its slug and its places' service_at_location ids; off the
    public directory afterwards."""
    with Session(app_db) as session:
        found, first, second = new_at_two_places(session, NAME)
        assert found.id and first.id and second.id
        session.add_all(
            [
                *(
                    m.ScheduleSlot(
                        location_id=first.location_id, weekday=d, opens_at=dt.time(9), closes_at=dt.time(13)
                    )
                    for d in range(5)
                ),
                m.Phone(number=RECEPTION, location_id=first.location_id),
            ]
        )
        session.commit()
        editing.set_phones(
            session=session, service_id=found.id, phones=[PhoneEdit(number=ANNEX_PHONE, place=second.id)]
        )
        editing.set_place_hours(
            session=session,
            service_id=found.id,
            slots=[PlaceSlotEdit(place=second.id, weekday=5, opens=dt.time(10), closes=dt.time(14))],
        )
        slug, service_id, ids = found.slug, found.id, (first.id, second.id)
    yield slug, *ids
    with Session(app_db) as session:
        editing.update_service(
            session=session, service_id=service_id, data=ServiceEdit(name=NAME, status="inactive")
        )


@pytest.mark.parametrize("locale", ["es", "ar"])
def test_each_place_shows_its_hours_and_phones_on_a_phone(
    page: Page, app_url: str, service: tuple[str, int, int], locale: str
) -> None:
    _ = Translator(locale)
    page.goto(f"{app_url}/{locale}/service?id={service[0]}")
    shown = page.get_by_test_id("service")
    expect(shown).to_be_visible()
    first, second = shown.get_by_test_id("place").all()
    expect(first).to_contain_text("Bodega del centro")
    expect(first.get_by_test_id("place-hours")).to_contain_text(_("Opening hours of the place"))
    expect(first.get_by_test_id("place-hours").get_by_test_id("hours-row")).to_have_count(7)
    expect(first.get_by_test_id("reception")).to_contain_text(_("Reception of the place"))
    expect(first.get_by_test_id("reception").get_by_test_id("call")).to_contain_text(RECEPTION)
    expect(second).to_contain_text("Anexo del mercado")
    expect(second.get_by_test_id("place-hours")).to_contain_text(_("Hours at this place"))
    expect(second.get_by_test_id("place-hours")).to_contain_text("14:00")
    expect(second.get_by_test_id("call")).to_contain_text(ANNEX_PHONE)
    expect(second.get_by_test_id("reception")).to_have_count(0)
    # The top table gives way to each place's; no call button at the top: the phones are the places'.
    hours = shown.locator("section", has_text=_("Opening hours"))
    expect(hours.get_by_test_id("hours-note")).to_have_text(
        _("The hours are different at each place: see each place above.")
    )
    assert shown.get_by_test_id("call").count() == 2
    expect(shown).not_to_contain_text(_("No fixed hours: call first"))  # open now reads the places'
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"place-hours-{locale}.png"), full_page=True)


def test_the_desk_edits_the_places_hours_and_reception_and_the_public_page_shows_them(
    tablet: BrowserContext,
    page: Page,
    app_url: str,
    app_db: Engine,
    coordinator: str,
    service: tuple[str, int, int],
) -> None:
    slug, first, second = service
    desk = tablet.new_page()
    sign_in(desk, app_url, coordinator, DESK[2])
    desk.goto(f"{app_url}/es/desk/directory/service?id={slug}")
    blocks = desk.get_by_test_id("place-hours")
    expect(blocks).to_have_count(2)
    bodega = blocks.nth(0)
    expect(bodega.get_by_test_id("place-hours-row")).to_have_count(0)
    # The place's own opening hours (Monday to Friday), editable: its reception closes later on Fridays.
    expect(bodega.get_by_test_id("place-own-row")).to_have_count(5)
    friday = bodega.get_by_test_id("place-own-row").nth(4)
    expect(friday.get_by_label("Día")).to_have_value("4")
    friday.get_by_label("Cierra").fill("15:00")
    annex = blocks.nth(1)
    expect(annex.get_by_test_id("place-hours-row")).to_have_count(1)
    annex.get_by_test_id("add-place-hours").click()
    row = annex.get_by_test_id("place-hours-row").nth(1)
    expect(row.get_by_label("Día")).to_have_value("6")  # the next day, the same times
    row.get_by_label("Abre").fill("16:00")
    row.get_by_label("Cierra").fill("18:30")
    # The first place's reception phone is in the phone list as the place's own: its number changes.
    reception = desk.get_by_test_id("phone-row").nth(0)
    expect(reception.get_by_label("Lugar")).to_have_value(f"reception:{first}")
    expect(reception.get_by_label("Número")).to_have_value(RECEPTION)
    reception.get_by_label("Número").fill(NEW_RECEPTION)
    no_violations_in(desk, "form")
    SHOTS.mkdir(exist_ok=True)
    desk.screenshot(path=str(SHOTS / "desk-place-hours.png"), full_page=True)
    blocks.first.locator("xpath=..").screenshot(path=str(SHOTS / "desk-place-hours-block.png"))
    reception.locator("xpath=../..").screenshot(path=str(SHOTS / "desk-phones-reception.png"))
    desk.get_by_test_id("save-service").click()
    expect(desk.get_by_test_id("edit-message")).to_be_visible()
    # The same form in Arabic (right to left), as saved: the place's own hours and its reception.
    desk.goto(f"{app_url}/ar/desk/directory/service?id={slug}")
    arabic = Translator("ar")
    expect(desk.get_by_test_id("place-own-row")).to_have_count(5)
    expect(desk.get_by_test_id("phone-row").nth(0).get_by_label(arabic("Place"))).to_have_value(
        f"reception:{first}"
    )
    desk.get_by_test_id("place-hours").first.locator("xpath=..").screenshot(
        path=str(SHOTS / "desk-place-hours-ar.png")
    )
    desk.get_by_test_id("phone-row").first.locator("xpath=../..").screenshot(
        path=str(SHOTS / "desk-phones-reception-ar.png")
    )
    with Session(app_db) as session:
        at = session.exec(select(m.ScheduleSlot).where(m.ScheduleSlot.service_at_location_id == second)).all()
        assert sorted((s.weekday, s.opens_at, s.closes_at) for s in at) == [
            (5, dt.time(10), dt.time(14)),
            (6, dt.time(16), dt.time(18, 30)),
        ]
        assert (
            session.exec(select(m.ScheduleSlot).where(m.ScheduleSlot.service_at_location_id == first)).all()
            == []
        )
        service_id = session.exec(select(m.Service.id).where(m.Service.slug == slug)).one()
        assert session.exec(select(m.ScheduleSlot).where(m.ScheduleSlot.service_id == service_id)).all() == []
        first_place = session.exec(
            select(m.ServiceAtLocation.location_id).where(m.ServiceAtLocation.id == first)
        ).one()
        own = session.exec(select(m.ScheduleSlot).where(m.ScheduleSlot.location_id == first_place)).all()
        front = session.exec(select(m.Phone.number).where(m.Phone.location_id == first_place)).all()
        assert front == [NEW_RECEPTION]
        assert sorted((s.weekday, s.closes_at) for s in own) == [
            *((d, dt.time(13)) for d in range(4)),
            (4, dt.time(15)),
        ]
    page.goto(f"{app_url}/es/service?id={slug}")
    annex_public = page.get_by_test_id("place").nth(1)
    expect(annex_public.get_by_test_id("place-hours")).to_contain_text("18:30")
    bodega_public = page.get_by_test_id("place").nth(0)
    expect(bodega_public.get_by_test_id("place-hours")).to_contain_text("15:00")
    expect(bodega_public.get_by_test_id("reception").get_by_test_id("call")).to_contain_text(NEW_RECEPTION)
