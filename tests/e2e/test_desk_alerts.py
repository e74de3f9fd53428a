"""Alerts at the desk on a 1024x768 tablet: a coordinator posts "full tonight" in two taps and
the directory's index.json names it within 5 s, without a rebuild (the time is printed); the
directory list's one-tap state ends with "End now"; the Alerts page in Spanish and Arabic.

``SHOTS_DIR=/some/folder`` saves the Alerts page as screenshots there (not a ``PASO_`` name:
tests/conftest.py clears those)."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp import models as m
from rxapp.cli import create_coordinator
from rxapp.i18n.catalogs import Translator
from rxapp.services import alerts
from rxapp.services.audit import Actor
from rxapp.settings import get_settings
from tests.e2e.test_desk_journey import sign_in

pytestmark = pytest.mark.e2e

E2E = Actor(staff_id=None, username="e2e")
TABLET = ViewportSize(width=1024, height=768)
COORDINATOR = ("alba.avisos", "Alba Avisos", "avisos-del-dia-2026")
SHELTER = "casa-refugio-albergue-nocturno"
SHOTS = os.environ.get("SHOTS_DIR", "")
AXE = Path(__file__).resolve().parents[2] / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
# Polled in the page until the index names the alert (or the wait gives up after 5 s).
NAMED = """async ([locale, slug, kind]) => {
  const answer = await fetch(`/api/directory/${locale}/index.json`, {cache: "no-store"});
  const index = await answer.json();
  return (index.alerts || []).some((a) => a.kind === kind && a.services.includes(slug));
}"""


@pytest.fixture(scope="module", autouse=True)
def _withdrawn_after(app_db: Engine) -> Iterator[None]:
    """What this module posts on the session's server is withdrawn after it: a current alert
    left behind showed on the public pages of tests/e2e/test_public_alerts.py (CI failed so)."""
    yield
    now = dt.datetime.now(dt.UTC)
    with Session(app_db) as session:
        current = session.exec(select(m.Alert).where(m.Alert.withdrawn_at == None)).all()  # noqa: E711
        for alert in current:
            if alerts.ends_of(alert) > now:
                alerts.withdraw(session=session, public_id=alert.public_id, actor=E2E, now=now)


@pytest.fixture(scope="module")
def coordinator(app_db: Engine) -> tuple[str, str, str]:
    """A coordinator of their own (other modules sign in with theirs)."""
    create_coordinator(app_db, *COORDINATOR)
    return COORDINATOR


@pytest.fixture
def tablet(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A tablet page in the test's language."""
    params = getattr(request.node, "callspec", None)
    locale = params.params.get("locale", "es") if params else "es"
    # axe-core goes in as an inline script, which the pages' CSP refuses (tests/e2e/test_csp.py checks it)
    context = browser.new_context(
        viewport=TABLET, has_touch=True, locale=locale, service_workers="block", bypass_csp=True
    )
    yield context.new_page()
    context.close()


def _shot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_full_tonight_in_two_taps_is_in_the_index_without_a_rebuild(
    tablet: Page, app_url: str, app_db: Engine, coordinator: tuple[str, str, str]
) -> None:
    page, _ = tablet, Translator("es")
    # Alerts and audit rows already on the session's server (test_public_alerts.py posts and
    # withdraws its own): this test counts only what it adds (it failed when run after that module).
    with Session(app_db) as session:
        alerts_before = set(session.exec(select(m.Alert.id)).all())
        audit_before = set(session.exec(select(m.AuditEntry.id)).all())
    sign_in(page, app_url, coordinator[0], coordinator[2], "/es/desk/alerts")
    page.get_by_test_id("template-full_tonight").click()  # tap 1
    page.locator("#f-t\\.service").select_option(SHELTER)  # the one blank
    started = time.perf_counter()
    page.get_by_test_id("post-template").click()  # tap 2
    # The time is printed against issue 18's 5 s, not asserted (a loaded CI machine; speed
    # belongs to the benchmarks); 30 s only bounds the wait.
    page.wait_for_function(NAMED, arg=["es", SHELTER, "full_tonight"], polling=100, timeout=30_000)
    took = time.perf_counter() - started
    print(f"\nposted at the desk -> in /api/directory/es/index.json after {took:.2f} s")
    expect(page.get_by_test_id("alerts-message")).to_have_text(
        _("Posted. Public pages show it within seconds.")
    )
    showing = page.get_by_test_id("current-alerts").get_by_test_id("alert-line")
    expect(showing.filter(has_text="Albergue nocturno")).to_have_count(1)
    _shot(page, "desk-alerts-posted-es")
    with Session(app_db) as session:
        posted = [a for a in session.exec(select(m.Alert)).all() if a.id not in alerts_before]
        audited = [
            e
            for e in session.exec(
                select(m.AuditEntry).where(m.AuditEntry.action == m.AuditAction.ALERT)
            ).all()
            if e.id not in audit_before
        ]
    assert [a.kind for a in posted] == [m.AlertKind.FULL_TONIGHT] and posted[0].posted_by is not None
    assert [a.detail for a in audited] == [f"full_tonight {posted[0].public_id}"]


def test_closed_today_from_the_directory_list_and_end_now(
    tablet: Page, app_url: str, coordinator: tuple[str, str, str]
) -> None:
    page, _ = tablet, Translator("es")
    sign_in(page, app_url, coordinator[0], coordinator[2], "/es/desk/directory")
    row = page.get_by_test_id("service-row").filter(has_text="Desayuno y comida caliente")
    row.get_by_test_id("quick-closed_today").click()  # one tap
    expect(row.get_by_test_id("quick-state")).to_contain_text(_("Closed today"))
    expect(row.get_by_test_id("quick-closed_today")).to_have_count(0)  # nothing left to tap
    page.wait_for_function(
        NAMED, arg=["ar", "san-francisco-comedor", "closed_today"], polling=100, timeout=5000
    )
    row.scroll_into_view_if_needed()
    _shot(page, "desk-directory-closed-today")
    row.get_by_test_id("end-quick").click()
    expect(row.get_by_test_id("quick-state")).to_have_count(0)
    expect(row.get_by_test_id("quick-closed_today")).to_be_visible()


@pytest.mark.parametrize("locale", ["es", "ar"])
def test_the_alerts_page_in_spanish_and_arabic(
    tablet: Page, app_url: str, coordinator: tuple[str, str, str], locale: str
) -> None:
    page, _ = tablet, Translator(locale)
    sign_in(page, app_url, coordinator[0], coordinator[2], f"/{locale}/desk/alerts")
    expect(page.locator("h1")).to_have_text(_("Alerts"))
    assert page.evaluate("document.documentElement.dir") == ("rtl" if locale == "ar" else "ltr")
    page.get_by_test_id("template-vaccination").click()
    form = page.get_by_test_id("template-form")
    form.locator("#f-t\\.place").fill("Parroquia de San Pedro")
    form.get_by_test_id("post-template").click()  # no date: refused beside its field
    expect(page.get_by_test_id("error-t.date")).to_have_text(_("Write this, it cannot be empty."))
    expect(form.locator("#f-t\\.place")).to_have_value("Parroquia de San Pedro")  # nothing lost
    _shot(page, f"desk-alerts-template-{locale}")
    title = {"es": "Sin agua en el comedor", "ar": "لا ماء في المطعم"}[locale]
    page.locator("#f-m\\.title").fill(title)
    page.locator("#f-m\\.text").fill({"es": "Traigan botella.", "ar": "أحضروا قارورة."}[locale])
    page.locator("#f-m\\.source_locale").select_option(locale)
    tomorrow = dt.datetime.now(dt.UTC) + dt.timedelta(days=1)
    page.locator("#f-m\\.ends_at").fill(tomorrow.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_test_id("post-message").click()
    expect(
        page.get_by_test_id("current-alerts").get_by_test_id("alert-line").filter(has_text=title)
    ).to_be_visible()
    expect(page.locator("#f-m\\.title")).to_have_value("")  # posted: the form is empty again
    _shot(page, f"desk-alerts-{locale}")
    if AXE.is_file():  # tests/e2e/test_accessibility.py says why it may be missing (and fails under CI)
        page.add_script_tag(path=str(AXE))
        found = page.evaluate(
            "() => axe.run('[data-testid=alerts-page]', {resultTypes: ['violations']}).then(r => r.violations"
            ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))"
        )
        assert found == []


def test_a_posted_alert_is_changed_under_its_line(
    tablet: Page, app_url: str, app_db: Engine, coordinator: tuple[str, str, str]
) -> None:
    """ "Change" opens its form filled with what it says; a blank title is refused beside the
    field with nothing lost; saved, the list and the public index say the new words."""
    page, _ = tablet, Translator("es")
    now = dt.datetime.now(dt.UTC)
    ends = (now + dt.timedelta(days=1)).astimezone(get_settings().tz).strftime("%Y-%m-%dT%H:%M")
    with Session(app_db) as session:
        data = alerts.AlertInput(title="Sin luz en la oficina", text="Vuelvan mañana.", ends_at=ends)
        alerts.post(session=session, data=data, actor=E2E, now=now, tz=get_settings().tz)
    sign_in(page, app_url, coordinator[0], coordinator[2], "/es/desk/alerts")
    line = page.get_by_test_id("alert-line").filter(has_text="Sin luz en la oficina")
    line.get_by_test_id("edit-alert").click()
    form = line.get_by_test_id("edit-form")
    expect(form.locator("#f-e\\.title")).to_have_value("Sin luz en la oficina")
    expect(form.locator("#f-e\\.ends_at")).to_have_value(ends)
    form.locator("#f-e\\.title").fill("")
    form.locator("#f-e\\.text").fill("Vuelvan el lunes.")
    form.get_by_test_id("save-alert").click()
    expect(form.get_by_test_id("error-e.title")).to_have_text(_("Write this, it cannot be empty."))
    expect(form.locator("#f-e\\.text")).to_have_value("Vuelvan el lunes.")  # nothing lost
    _shot(page, "desk-alerts-change-form-es")
    form.locator("#f-e\\.title").fill("Oficina cerrada hasta el lunes")
    form.get_by_test_id("save-alert").click()
    expect(page.get_by_test_id("alerts-message")).to_have_text(
        _("Changed. Public pages show it within seconds.")
    )
    changed = page.get_by_test_id("current-alerts").get_by_test_id("alert-line")
    expect(changed.filter(has_text="Oficina cerrada hasta el lunes")).to_contain_text("Vuelvan el lunes.")
    expect(page.get_by_test_id("edit-form")).to_have_count(0)
    _shot(page, "desk-alerts-changed-es")
    titled = """async (title) => {
      const index = await (await fetch("/api/directory/es/index.json", {cache: "no-store"})).json();
      return (index.alerts || []).some((a) => a.title === title);
    }"""
    page.wait_for_function(titled, arg="Oficina cerrada hasta el lunes", polling=100, timeout=30_000)
