"""The open record on a 1024x768 tablet (issue 14): a refused referral keeps the chosen service
and says why beside the form; closing with no referral asks first; the referral list puts the
person's needs first and can be narrowed; the phone is a call and a WhatsApp link; consent is
one date; queue cards show languages; the walk-in form speaks to the volunteer.

The record and the queue are saved as screenshots in ``screenshots/`` (ignored by git), as the
other desk tests do (a folder given by a setting never reached here: tests/conftest.py clears
Paso's variables)."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp.cli import create_coordinator
from rxapp.components.assisted import Assisted
from rxapp.desk.queue import display as show
from rxapp.desk.queue.inputs import PROBLEMS
from rxapp.i18n.catalogs import Translator
from rxapp.models import Registration, RegistrationStatus, utcnow
from rxapp.services import records
from rxapp.services.records import DeskProblem
from tests.data import people
from tests.data.desk import record_of
from tests.e2e.test_accessibility import no_violations_in

pytestmark = pytest.mark.e2e

COORDINATOR = ("rita", "Rita Recepción", "puerta-abierta-2026")
SHOTS = Path(__file__).resolve().parents[2] / "screenshots"


@pytest.fixture(scope="module")
def coordinator(app_db: Engine) -> tuple[str, str, str]:
    create_coordinator(app_db, *COORDINATOR)
    return COORDINATOR


def _desk(context: BrowserContext, url: str, locale: str) -> Page:
    page = context.new_page()
    page.goto(f"{url}/{locale}/desk")
    page.locator("#desk-username").fill(COORDINATOR[0])
    page.locator("#desk-password").fill(COORDINATOR[2])
    page.get_by_test_id("sign-in").click()
    expect(page.get_by_test_id("desk-user")).to_be_visible()
    return page


def _row(page: Page, name: str) -> Locator:
    return page.get_by_test_id("queue-row").filter(has_text=name)


def _open(page: Page, name: str) -> None:
    _row(page, name).click()
    expect(page.get_by_test_id("record-name")).to_have_text(name)


def _shot(page: Page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("locale", ["es", "ar"])
def test_a_refused_referral_keeps_the_service_and_the_second_save_succeeds(
    tablet: BrowserContext, app_url: str, app_db: Engine, coordinator: tuple[str, str, str], locale: str
) -> None:
    """Issue 14 item 1: saving a referral without the person's agreement reset the list to
    "Choose a service" and said why at the top of the queue; ticking the box and saving again
    was then refused ("Choose a service from the list")."""
    _ = Translator(locale)
    name = f"Refer Keep {locale}"
    people.register(app_db, name=name, at=utcnow(), needs=["health"])
    page = _desk(tablet, app_url, locale)
    _open(page, name)
    service, consent = page.locator("#desk-service"), page.locator("input[name=consented]")
    chosen = page.locator("#desk-service option[data-key]").nth(3).get_attribute("value")
    assert chosen
    service.select_option(chosen)
    page.get_by_test_id("save-referral").click()

    error = page.get_by_test_id("referral-form").get_by_test_id("refer-error")
    expect(error).to_have_text(_(PROBLEMS[DeskProblem.CONSENT_REQUIRED]))
    expect(error).to_have_attribute("role", "alert")
    expect(error).to_be_in_viewport()  # beside the button just pressed, not up in the queue
    expect(page.get_by_test_id("desk-error")).to_have_count(0)
    expect(service).to_have_value(chosen)
    expect(consent).to_have_attribute("aria-invalid", "true")
    expect(consent).to_have_attribute("aria-describedby", "refer-error")
    _shot(page, f"refused-referral-{locale}")

    no_violations_in(page, "[data-testid=record]")

    consent.check()
    page.get_by_test_id("save-referral").click()
    expect(page.get_by_test_id("referrals").locator("li")).to_have_count(1)
    expect(error).to_be_empty()
    # Saved: the form is empty again for the next referral.
    expect(service).to_have_value("")
    expect(consent).not_to_be_checked()


def test_a_refused_note_keeps_its_text_and_says_why_beside_the_form(
    tablet: BrowserContext, app_url: str, app_db: Engine, coordinator: tuple[str, str, str]
) -> None:
    """Issue 14 item 1: a refused form lost what was typed (reset on submit) and said why at
    the top of the queue; the note form did so too."""
    _ = Translator("es")
    name = "Nota Larga"
    people.register(app_db, name=name, at=utcnow())
    page = _desk(tablet, app_url, "es")
    _open(page, name)
    note, long = page.locator("#desk-note"), "Muy larga. " * 100
    note.fill(long)
    page.get_by_test_id("save-note").click()
    error = page.get_by_test_id("note-error")
    expect(error).to_have_text(_(PROBLEMS[DeskProblem.NOTE_TOO_LONG]))
    expect(note).to_have_value(long)
    expect(note).to_have_attribute("aria-invalid", "true")
    note.fill("Corta.")
    page.get_by_test_id("save-note").click()
    expect(page.get_by_test_id("notes").locator("li")).to_have_count(1)
    expect(note).to_have_value("")
    expect(error).to_be_empty()


@pytest.mark.parametrize("locale", ["es", "ar"])
def test_closing_a_record_with_no_referral_asks_first(
    tablet: BrowserContext, app_url: str, app_db: Engine, coordinator: tuple[str, str, str], locale: str
) -> None:
    """Issue 14 item 1: a record nobody was referred from closed without a word."""
    _ = Translator(locale)
    name = f"Close Ask {locale}"
    found = people.register(app_db, name=name, at=utcnow())
    page = _desk(tablet, app_url, locale)
    _open(page, name)
    close = page.get_by_test_id("status-closed")
    close.click()
    warning = page.get_by_test_id("close-warning")
    expect(warning).to_contain_text(_(PROBLEMS[DeskProblem.NO_REFERRAL]))
    expect(warning).to_be_in_viewport()
    expect(close).to_be_enabled()  # not closed yet
    _shot(page, f"close-warning-{locale}")
    no_violations_in(page, "[data-testid=record]")
    page.get_by_test_id("keep-open").click()
    expect(warning).to_have_count(0)
    assert record_of(app_db, registration_id=found).status == RegistrationStatus.NEW

    close.click()
    page.get_by_test_id("close-anyway").click()
    expect(close).to_be_disabled()
    expect(warning).to_have_count(0)
    assert record_of(app_db, registration_id=found).status == RegistrationStatus.CLOSED


def test_the_referral_list_puts_the_persons_needs_first_and_can_be_narrowed(
    tablet: BrowserContext, app_url: str, app_db: Engine, coordinator: tuple[str, str, str]
) -> None:
    """Issue 14 item 11: one long list of every service by name, without organisations."""
    name = "Lista Necesidades"
    people.register(app_db, name=name, at=utcnow(), needs=["legal"])
    with Session(app_db) as session:
        choices = records.referral_choices(session=session, locale="es", needs=["legal"])
    page = _desk(tablet, app_url, "es")
    _open(page, name)
    first = page.locator("#desk-service optgroup").first
    expect(first).to_have_attribute("label", "Para lo que necesita la persona")
    shown = [o.get_attribute("value") for o in first.locator("option").all()]
    assert shown == [c.slug for c in choices if c.matches]
    expect(first.locator("option").first).to_contain_text(choices[0].organization)

    options = page.locator("#desk-service option[data-key]")
    visible = page.locator("#desk-service option[data-key]:not([hidden])")
    total = options.count()
    target = choices[-1]
    page.get_by_test_id("service-filter").fill(target.organization.upper())
    expect(visible.filter(has_text=target.name)).to_have_count(1)
    assert 0 < visible.count() < total
    page.get_by_test_id("service-filter").fill("zzzz")
    expect(visible).to_have_count(0)
    page.get_by_test_id("service-filter").fill("")
    expect(visible).to_have_count(total)


@pytest.mark.parametrize("locale", ["es", "ht", "ar"])
def test_the_record_shows_phone_links_one_consent_date_and_languages(
    tablet: BrowserContext, app_url: str, app_db: Engine, coordinator: tuple[str, str, str], locale: str
) -> None:
    """Issue 14 item 11: the phone was plain text, consent a version and a timestamp, and the
    queue did not say which languages the person speaks."""
    _ = Translator(locale)
    name = f"Jean Telefon {locale}"
    found = people.register(
        app_db, name=name, at=utcnow(), phone="+509 3312 3456", has_whatsapp=True, languages=["ht", "fr"]
    )
    view = record_of(app_db, registration_id=found)
    page = _desk(tablet, app_url, locale)
    expect(_row(page, name).get_by_test_id("queue-languages")).to_have_text(
        show.queue_row(_queue_item(app_db, found), utcnow(), _).languages
    )
    if locale == "es":
        expect(_row(page, name).get_by_test_id("queue-languages")).to_have_text("francés y criollo haitiano")
    _shot(page, f"queue-{locale}")
    _open(page, name)
    expect(page.get_by_test_id("call-link")).to_have_attribute("href", "tel:+50933123456")
    expect(page.get_by_test_id("call-link")).to_have_text("+509 33 12 3456")
    expect(page.get_by_test_id("whatsapp-link")).to_have_attribute("href", "https://wa.me/50933123456")
    consent = page.get_by_test_id("record").locator("dl > div").filter(has_text=_("Consent"))
    expect(consent.locator("dd")).to_have_text(show.consent_date(view.consent_at, _))
    expect(consent.locator("dd")).not_to_contain_text(view.consent_version)
    for empty in ("No notes yet.", "No referrals yet.", "No status changes yet."):  # a fresh record
        expect(page.get_by_test_id("record").get_by_text(_(empty), exact=True)).to_be_visible()
    _shot(page, f"record-{locale}")


def _queue_item(engine: Engine, found: int) -> records.QueueItem:
    with Session(engine) as session:
        row = session.get(Registration, found)
        return records.QueueItem.model_validate(row, from_attributes=True)


@pytest.mark.parametrize("locale", ["es", "ar"])
def test_the_walk_in_form_speaks_to_the_volunteer(
    tablet: BrowserContext, app_url: str, coordinator: tuple[str, str, str], locale: str
) -> None:
    """Issue 14 item 11: the desk's registration said "Your name" and "I agree" to the volunteer."""
    _, words = Translator(locale), Assisted(locale)
    page = _desk(tablet, app_url, locale)
    page.goto(f"{app_url}/{locale}/desk/new")
    expect(page.get_by_test_id("submit")).to_be_enabled()
    expect(page.get_by_role("heading", level=1)).to_have_text(_("Register someone"))
    expect(page.get_by_role("textbox", name=words("Name or alias"), exact=True)).to_be_visible()
    expect(page.get_by_role("group", name=words("What do you need?"))).to_be_visible()
    for message in (
        "Name or alias",
        "What do you need?",
        "Languages you speak",
        "How should we contact you?",
    ):
        expect(page.locator("main").get_by_text(_(message), exact=True)).to_have_count(0)
    consent = words(
        "I agree that the centre keeps my answers to help me, for {days} days at most. I can ask at the desk to see them or delete them."
    )
    expect(page.locator("label").filter(has=page.locator("#f-consent"))).to_contain_text(
        consent.split("{days}")[0]
    )
    _shot(page, f"walk-in-{locale}")
