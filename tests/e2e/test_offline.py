"""The installed app: one online visit, then the whole directory of that locale offline."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from playwright.sync_api import BrowserContext, Page, Route, expect
from sqlalchemy.engine import Engine

from rxapp.cli import create_coordinator
from rxapp.i18n import kreyol
from rxapp.i18n.catalogs import Translator

pytestmark = pytest.mark.e2e
# What the worker may keep: public pages, the empty registration form, hashed assets, icons,
# the manifest, directory data.
ALLOWED = re.compile(
    r"^/(?:(?:es|en|fr|ht|pt|ar)(?:/(?:need/[a-z]+|search|service|about|register|numbers|news))?"
    r"|assets/[\w.-]+|icons/[\w.-]+\.png|favicon\.svg|manifest/[a-z]+\.webmanifest"
    r"|api/directory/[a-z]+/(?:index|(?:cards|detail|keys|words|numbers)-\d+-[0-9a-f]+)\.json|__paso/warmed/[a-z]+)$"
)
# An older deploy's worker: the served one plus a line that makes it answer "which deploy?".
OLDER_WORKER = (
    '\nself.addEventListener("message", (e) => { if (e.data?.type === "deploy?") '
    'e.source.postMessage({ deploy: "older" }); });\n'
)
WHICH_DEPLOY = """() => new Promise((resolve) => {
  navigator.serviceWorker.addEventListener("message", (e) => e.data?.deploy && resolve(e.data.deploy));
  navigator.serviceWorker.controller.postMessage({ type: "deploy?" });
  setTimeout(resolve, 2000, "served now");
})"""


def _first_visit(context: BrowserContext, url: str) -> Page:
    page = context.pages[0] if context.pages else context.new_page()
    page.goto(url)
    expect(page.get_by_test_id("offline-ready")).to_be_visible(timeout=30_000)  # the worker saved it all
    return page


def _cached_paths(page: Page, base: str) -> list[str]:
    urls: list[str] = page.evaluate(
        """async () => { const out = [];
        for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) out.push(r.url);
        return out; }"""
    )
    return [url.removeprefix(base) for url in urls]


def test_the_directory_works_offline_after_one_visit(phone: BrowserContext, app_url: str) -> None:
    page = _first_visit(phone, f"{app_url}/es")
    phone.set_offline(True)
    page.route_web_socket(re.compile(".*"), lambda ws: ws.close())  # no websocket either

    page.reload()
    expect(page.get_by_test_id("offline")).to_contain_text(
        Translator("es")("You are offline. The directory was saved on {date}.").split("{")[0]
    )
    page.get_by_test_id("need-health").click()
    links = page.get_by_test_id("results").get_by_role("link")
    expect(links.first).to_be_visible()
    page.get_by_role("button", name=Translator("es")("Free")).click()  # filters work offline
    links.first.click()
    expect(page.get_by_test_id("service").get_by_test_id("call").first).to_be_visible()

    page.goto(f"{app_url}/es/search?q=comida")  # a full page load, answered by the worker
    expect(page.get_by_test_id("results").get_by_role("link").first).to_be_visible()
    # Search itself works offline: the engine, the stemmers and the words were saved too.
    page.get_by_role("searchbox").fill("alberge")  # a typo, found by the saved engine
    expect(page.get_by_test_id("results").get_by_role("link").first).to_have_attribute(
        "href", re.compile(r"albergue|hospedaje")
    )
    page.goto(f"{app_url}/es/service?id=san-francisco-comedor")
    expect(page.get_by_test_id("service")).to_be_visible()

    phone.set_offline(False)  # back online: the message goes by itself (retried every 15 s)
    expect(page.get_by_test_id("offline")).to_have_count(0, timeout=20_000)


def test_the_cache_holds_only_public_reading(phone: BrowserContext, app_url: str, app_db: Engine) -> None:
    """After reading, searching, registering and a desk session, Cache Storage holds nothing personal."""
    page = _first_visit(phone, f"{app_url}/ar/need/food")
    page.goto(f"{app_url}/ar/search?q=مأوى")
    expect(page.get_by_test_id("results").get_by_role("link").first).to_be_visible()
    page.goto(f"{app_url}/ar/register")
    expect(page.get_by_test_id("submit")).to_be_enabled()
    page.locator("#f-name").fill("Zaina Cache Test")
    page.locator("input[name=needs][value=food]").check()
    page.get_by_test_id("more").locator("summary").click()  # the optional questions, folded
    page.locator("#f-phone").fill("+509 3412 3456")
    page.locator("#f-consent").check()
    page.get_by_test_id("submit").click()
    code = page.get_by_test_id("reference").inner_text()
    page.wait_for_function(
        "img => img.complete", arg=page.get_by_test_id("confirmation").locator("img").element_handle()
    )
    # The same browser at the desk: a coordinator opens the record.
    create_coordinator(app_db, "cachecoord", "Cache Coordinadora", "cache-coord-2026")
    page.goto(f"{app_url}/es/desk")
    page.locator("#desk-username").fill("cachecoord")
    page.locator("#desk-password").fill("cache-coord-2026")
    page.get_by_test_id("sign-in").click()
    page.get_by_test_id("queue-row").filter(has_text="Zaina Cache Test").click()
    expect(page.get_by_test_id("record-name")).to_have_text("Zaina Cache Test")
    paths = _cached_paths(page, app_url)
    assert paths and all(ALLOWED.match(p) for p in paths), [p for p in paths if not ALLOWED.match(p)]
    assert not any("?" in p for p in paths)  # no search terms or ids are kept
    bodies = page.evaluate(
        """async () => { let all = "";
        for (const name of await caches.keys()) { const cache = await caches.open(name);
          for (const request of await cache.keys()) all += await (await cache.match(request)).text(); }
        return all; }"""
    )
    assert "Zaina" not in bodies and "3412" not in bodies and code not in bodies


def test_installable_with_a_manifest_per_locale(phone: BrowserContext, app_url: str) -> None:
    page = _first_visit(phone, f"{app_url}/fr")
    cdp = phone.new_cdp_session(page)
    assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []
    manifest = json.loads(page.request.get(f"{app_url}/manifest/fr.webmanifest").text())
    assert manifest["start_url"] == "/fr" and manifest["display"] == "standalone"
    assert manifest["name"] == f"Paso · {Translator('fr')('Services for migrants')}"
    sizes = {(i["sizes"], i["purpose"]) for i in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes


def test_an_open_app_learns_that_a_new_version_is_ready(phone: BrowserContext, app_url: str) -> None:
    """The phone holds an older deploy's worker; the server's /sw.js differs: a banner offers
    the update, and tapping it reloads the page under the new worker."""
    _ = Translator("es")

    def older(route: Route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=response.text() + OLDER_WORKER)

    # Playwright routes the page's first registration of /sw.js but not the browser's later
    # update checks: the phone installs the "older" worker, and the next check fetches the
    # server's own bytes, which differ, as after a deploy.
    phone.route("**/sw.js", older)
    page = _first_visit(phone, f"{app_url}/es")
    phone.unroute("**/sw.js")
    assert page.evaluate(WHICH_DEPLOY) == "older"
    banner = page.get_by_test_id("update")
    expect(banner).to_have_count(0)

    page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")  # as the browser does
    expect(banner).to_contain_text(_("A new version of Paso is ready."))
    page.evaluate("window.__beforeUpdate = true")
    banner.get_by_role("button", name=_("Update now")).click()
    page.wait_for_function("window.__beforeUpdate === undefined")  # the page reloaded
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    assert page.evaluate(WHICH_DEPLOY) == "served now"
    expect(banner).to_have_count(0)


def test_the_kreyol_offline_banner_dates_in_kreyol(phone: BrowserContext, app_url: str) -> None:
    """The Kreyòl offline banner said "2 décembre 2026": Chromium has no Kreyòl dates, so French."""
    page = _first_visit(phone, f"{app_url}/ht")
    phone.set_offline(True)
    page.route_web_socket(re.compile(".*"), lambda ws: ws.close())
    page.reload()
    banner = page.get_by_test_id("offline")
    expect(banner).to_contain_text(
        Translator("ht")("You are offline. The directory was saved on {date}.").split("{")[0]
    )
    month = kreyol.MONTHS[dt.date.today().month - 1]  # saved just now (a test at midnight may see tomorrow's)
    expect(banner).to_contain_text(re.compile(rf"\d{{1,2}} ({month}|{'|'.join(kreyol.MONTHS)}) \d{{4}}"))
    french = "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre"
    expect(banner).not_to_contain_text(re.compile(french.replace("avril|", "")))  # "avril" is Kreyòl too
