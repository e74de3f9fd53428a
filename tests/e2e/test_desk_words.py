"""Every desk page in the desk's language (issue 14, item 7): a coordinator on a 1024x768 tablet
in Spanish and in Arabic visits every page, makes the usual messages appear, and no visible
text may be outside the locale's catalog (English, a raw status, "0 deleted") unless it is
data (names from the database, codes, numbers, dates). Also: ``/desk`` leads to the desk in the
tablet's language (item 4)."""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, expect
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

import rxapp.models as models
from rxapp.cli import create_coordinator
from rxapp.models import AuditAction, RegistrationStatus, utcnow
from rxapp.services import audit, feedback, records
from rxapp.services.audit import Actor
from tests.catalog_text import CatalogText
from tests.data import people
from tests.e2e.test_overflow import overflows

pytestmark = pytest.mark.e2e

TABLET = ViewportSize(width=1024, height=768)
COORDINATOR = ("lina.palabras", "Lina Revisora", "palabras-del-mostrador-1")
PERSON = "Marta Palabras Prueba"
SERVICE = "la-ruta-mapas-impresos"

# Every text the person sees or hears: text nodes of visible elements (screen-reader-only ones
# too), the options of visible selects, labels given as attributes, and the title. A text in
# an element that says it is in another language (``lang``) is that language's, not the page's.
VISIBLE_TEXT = """() => {
  const page = document.documentElement.lang.split('-')[0], out = [];
  const shown = (el) => !!el && el.checkVisibility({visibilityProperty: true});
  const other = (el) => { const l = el.closest('[lang]'); return !!l && l.lang.split('-')[0] !== page; };
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node; (node = walk.nextNode());) {
    const el = node.parentElement, text = node.nodeValue.trim();
    if (!text || !el || ['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEXTAREA'].includes(el.tagName)) continue;
    if (!shown(el.tagName === 'OPTION' ? el.closest('select') : el) || other(el)) continue;
    out.push(text);
  }
  for (const el of document.body.querySelectorAll('[placeholder], [aria-label], [title], [alt]')) {
    if (!shown(el) || other(el)) continue;
    for (const name of ['placeholder', 'aria-label', 'title', 'alt']) {
      const value = (el.getAttribute(name) || '').trim();
      if (value) out.push(value);
    }
  }
  out.push(document.title);
  return out;
}"""


def _codes() -> set[str]:
    """Values of the models' enums (statuses, actions, roles...): codes, never words to show."""
    found: set[str] = set()
    for module in (models, feedback):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, enum.Enum):
                found |= {str(member.value) for member in value}
    return found


def database_texts(engine: Engine) -> set[str]:
    """Every string stored in the database (names, notes, services, translations...), but the
    audit log's details and the enums' codes: those are what the pages must put in words."""
    codes = _codes()
    found: set[str] = set()
    with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            columns = [c for c in table.columns if (table.name, c.name) != ("auditentry", "detail")]
            for row in connection.execute(sa.select(*columns)):
                found |= {value for value in row if isinstance(value, str) and value not in codes}
    return found


@pytest.fixture(scope="module")
def coordinator(app_db: Engine) -> tuple[str, str, str]:
    """A coordinator, and what their desk has to show: a person in the queue with a note, a
    status change and a referral; audit entries of every kind; a report of wrong information."""
    create_coordinator(app_db, *COORDINATOR)
    user_id = _user_id(app_db, COORDINATOR[0])
    person = people.register(app_db, name=PERSON, at=utcnow())
    now = utcnow()
    with Session(app_db) as session:
        records.add_note(
            session=session, registration_id=person, author_id=user_id, text="Nota de prueba", now=now
        )
        records.set_status(
            session=session,
            registration_id=person,
            author_id=user_id,
            status=RegistrationStatus.IN_PROGRESS,
            now=now,
        )
        people.refer(session, registration_id=person, author_id=user_id, service_slug=SERVICE, now=now)
        session.commit()
        actor = Actor(staff_id=user_id, username=COORDINATOR[0])
        for action, detail in [
            (AuditAction.STATUS, "in_progress"),
            (AuditAction.STATUS, "closed"),
            (AuditAction.QUEUE, "3"),
            (AuditAction.SEARCH, f"duplicate of #{person}"),
            (AuditAction.REFER, SERVICE),
            (AuditAction.DISMISS, str(person)),
        ]:
            audit.record(session=session, actor=actor, action=action, record_id=person, detail=detail)
        audit.record(session=session, actor=audit.SYSTEM, action=AuditAction.RETENTION, detail="0 deleted")
        audit.record(session=session, actor=audit.SYSTEM, action=AuditAction.RETENTION, detail="1 deleted")
        report = feedback.ReportCreate(
            service=SERVICE, problem=feedback.ReportProblem.HOURS, comment="", locale="es"
        )
        feedback.create_report(session=session, data=report, limits=[])
    return COORDINATOR


def _user_id(engine: Engine, username: str) -> int:
    with Session(engine) as session:
        found = session.exec(select(models.StaffUser.id).where(models.StaffUser.username == username)).one()
    assert found is not None
    return found


@pytest.fixture
def tablet(browser: Browser, request: pytest.FixtureRequest) -> Iterator[BrowserContext]:
    """A tablet whose browser prefers the test's language."""
    context = browser.new_context(
        viewport=TABLET, has_touch=True, locale=getattr(request, "param", "es"), service_workers="block"
    )
    yield context
    context.close()


def _assert_in_catalog(page: Page, engine: Engine, locale: str, where: str) -> None:
    expect(page.locator("html")).to_have_attribute("lang", locale)
    texts = page.evaluate(VISIBLE_TEXT)
    assert len(texts) > 5, where
    foreign = CatalogText(locale, database_texts(engine)).foreign(texts)
    assert foreign == [], f"{locale} {where}: not in the catalog: {foreign}"


def _sign_in(page: Page, url: str, locale: str) -> None:
    page.goto(f"{url}/{locale}/desk")
    expect(page.get_by_test_id("desk-signin")).to_be_visible()
    page.locator("#desk-username").fill(COORDINATOR[0])
    page.locator("#desk-password").fill(COORDINATOR[2])
    page.get_by_test_id("sign-in").click()
    expect(page.get_by_test_id("desk-user")).to_be_visible()


@pytest.mark.parametrize("tablet", ["ar"], indirect=True)
def test_desk_without_a_language_opens_in_the_tablets_language(tablet: BrowserContext, app_url: str) -> None:
    """Bug: ``/desk`` was "page not found"; a tablet whose browser prefers Arabic lands on /ar/desk."""
    page = tablet.new_page()
    for path in ("/desk", "/desk/"):
        page.goto(app_url + path)
        expect(page).to_have_url(f"{app_url}/ar/desk")
        expect(page.get_by_test_id("desk-signin")).to_be_visible()
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        expect(page.get_by_test_id("not-found")).to_have_count(0)


@pytest.mark.parametrize("locale", ["es", "ar"])
def test_every_desk_page_speaks_the_desks_language(
    browser: Browser, app_url: str, app_db: Engine, coordinator: tuple[str, str, str], locale: str
) -> None:
    """Bug: the Spanish desk showed "Saved. The public pages show the change now.", "Service
    created..." and `closed`, `in_progress`, `0 deleted` in the audit log. Each page is also
    measured for text overflowing its box on the tablet ("Desactualizado" ran out of its cell)."""
    context = browser.new_context(viewport=TABLET, has_touch=True, locale=locale, service_workers="block")
    page = context.new_page()
    base = f"{app_url}/{locale}/desk"
    spilled: list[str] = []

    def check(where: str) -> None:
        _assert_in_catalog(page, app_db, locale, where)
        spilled.extend(overflows(page, where))

    page.goto(base)
    expect(page.get_by_test_id("desk-signin")).to_be_visible()
    check("sign-in")
    page.locator("#desk-username").fill(COORDINATOR[0])
    page.locator("#desk-password").fill("not-the-password-123")
    page.get_by_test_id("sign-in").click()
    expect(page.get_by_test_id("auth-error")).to_be_visible()
    # A mistyped password costs the password only: the user name is typed back in.
    expect(page.locator("#desk-username")).to_have_value(COORDINATOR[0])
    expect(page.locator("#desk-password")).to_have_value("")
    check("refused sign-in")
    _sign_in(page, app_url, locale)

    expect(page.get_by_test_id("queue-row").filter(has_text=PERSON)).to_be_visible()
    check("queue")
    page.get_by_test_id("queue-row").filter(has_text=PERSON).click()
    expect(page.get_by_test_id("record-name")).to_have_text(PERSON)
    check("record")

    page.goto(f"{base}/new")
    expect(page.get_by_test_id("submit")).to_be_enabled()
    check("walk-in registration")

    page.goto(f"{base}/staff")
    page.locator("#staff-username").fill(f"v{uuid.uuid4().hex[:8]}")
    page.locator("#staff-display_name").fill("Vale Prueba")
    page.locator("#staff-password").fill("corta")
    page.get_by_test_id("create-account").click()
    expect(page.get_by_test_id("staff-error")).to_be_visible()
    check("accounts, refused")
    expect(page.locator("#staff-password")).to_have_value("")  # the refusal empties it, after the error shows
    page.locator("#staff-password").fill("una-clave-larga-123")
    page.get_by_test_id("create-account").click()
    expect(page.get_by_test_id("staff-message")).to_be_visible()
    check("accounts, created")

    page.goto(f"{base}/audit")
    expect(page.get_by_test_id("audit-rows").locator("tr").first).to_be_visible()
    check("audit log")

    page.goto(f"{base}/reports")
    expect(page.get_by_test_id("total")).not_to_be_empty()
    check("figures")

    page.goto(f"{base}/feedback")
    expect(page.get_by_test_id("directory-report").first).to_be_visible()
    check("directory reports")

    page.goto(f"{base}/translate")
    expect(page.get_by_test_id("share-drafted-ar")).to_be_visible()
    check("translations")

    page.goto(f"{base}/directory")
    expect(page.get_by_test_id("service-row").first).to_be_visible()
    unverified = page.locator("[data-testid=verify]:enabled")
    before = unverified.count()
    unverified.first.click()
    expect(unverified).to_have_count(before - 1)
    check("directory")

    page.get_by_test_id("new-service").click()
    expect(page.locator("#organization_id")).to_be_visible()
    page.locator("#organization_id").select_option(index=1)
    page.locator("#name").fill(f"Prueba de palabras {locale}")
    page.locator("#status").select_option("inactive")  # never on the public pages
    page.locator("input[name='categories.food']").check()
    page.get_by_test_id("save-service").click()
    message = page.get_by_test_id("edit-message")
    expect(message).to_be_visible()
    check("service created")
    created = message.inner_text()
    page.get_by_test_id("save-service").click()
    expect(message).not_to_have_text(created)
    check("service saved")

    page.goto(f"{base}/directory/translations?id={SERVICE}")
    expect(page.get_by_test_id("translation-row").first).to_be_visible()
    page.get_by_test_id("translation-cell").first.get_by_role("button").click()
    expect(page.get_by_test_id("translation-cell").first.get_by_role("status")).to_be_visible()
    check("service translations")
    context.close()
    assert spilled == [], "\n".join(spilled)
