"""axe-core finds no violations on each public page type, in every locale, at phone size."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from rxapp.i18n.catalogs import Translator
from rxapp.settings import get_settings

pytestmark = pytest.mark.e2e
AXE = Path(__file__).resolve().parents[2] / ".tools" / "node_modules" / "axe-core" / "axe.min.js"
MISSING = f"axe-core is not installed ({AXE} is missing): `make test` installs it"
# Without axe-core a developer's run skips; under CI it must not pass silently.
CI = os.environ.get("CI", "").lower() not in {"", "0", "false"}

# (page type, path, test id shown once the content is rendered, list of results?)
PAGES = [
    ("home", "/{locale}", "needs", False),
    ("list", "/{locale}/need/health", "results", True),
    ("search", "/{locale}/search?q=a", "results", True),
    ("detail", "/{locale}/service?id=paso-orientacion-inicial", "service", False),
    ("about", "/{locale}/about", None, False),
    ("register", "/{locale}/register", "submit", False),
]
CASES = [
    pytest.param(locale, path, ready, is_list, id=f"{locale}-{kind}")
    for locale in get_settings().locales
    for kind, path, ready, is_list in PAGES
]


def no_violations_in(page: Page, scope: str) -> None:
    """axe-core finds nothing wrong in ``scope`` (a CSS selector) of the page as it is shown now."""
    if not AXE.is_file():
        return  # test_no_axe_violations says why (and fails under CI)
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "(scope) => axe.run(scope, {resultTypes: ['violations']}).then(r => r.violations"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))",
        scope,
    )
    assert found == []


def _describe(violations: list[dict[str, Any]]) -> str:
    """One line per rule: id, impact, help and the first few offending selectors."""
    lines = []
    for rule in violations:
        nodes = rule["nodes"]
        targets = ", ".join(" ".join(map(str, node["target"])) for node in nodes[:3])
        more = f" (+{len(nodes) - 3} more)" if len(nodes) > 3 else ""
        lines.append(f"  {rule['id']} [{rule['impact']}] {rule['help']}: {targets}{more}")
    return "\n".join(lines)


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """axe-core goes in as an inline script, which the pages' CSP refuses (tests/e2e/test_csp.py
    checks the policy)."""
    return {**browser_context_args, "bypass_csp": True}


@pytest.mark.skipif(not AXE.is_file() and not CI, reason=MISSING)
@pytest.mark.parametrize(("locale", "path", "ready", "is_list"), CASES)
def test_no_axe_violations(
    page: Page, app_url: str, locale: str, path: str, ready: str | None, is_list: bool
) -> None:
    if not AXE.is_file():
        pytest.fail(MISSING, pytrace=False)
    url = app_url + path.format(locale=locale)
    page.goto(url)
    expect(page.locator("html")).to_have_attribute("lang", locale)
    if ready:
        expect(page.get_by_test_id(ready)).to_be_visible()
    if is_list:
        expect(page.get_by_test_id("results").get_by_role("link").first).to_be_visible()
        expect(page.get_by_test_id("progress")).to_have_count(0)  # every part is in
    page.add_script_tag(path=AXE)
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    if result["violations"]:
        pytest.fail(f"axe-core on {url}:\n{_describe(result['violations'])}", pytrace=False)


@pytest.mark.skipif(not AXE.is_file() and not CI, reason=MISSING)
@pytest.mark.parametrize("locale", ["es", "ar"])
def test_no_axe_violations_with_form_errors_shown(page: Page, app_url: str, locale: str) -> None:
    """The registration form after a refused submission: every field's error is shown."""
    if not AXE.is_file():
        pytest.fail(MISSING, pytrace=False)
    page.goto(f"{app_url}/{locale}/register")
    expect(page.get_by_test_id("submit")).to_be_enabled()
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("form-error")).to_be_visible()
    page.add_script_tag(path=AXE)
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    if result["violations"]:
        pytest.fail(f"axe-core on the form with errors:\n{_describe(result['violations'])}", pytrace=False)


def test_skip_link_jumps_within_the_page(page: Page, app_url: str) -> None:
    """Bug: the skip link was React Router's Link, so "#main" became a navigation to
    "/es/need/health/#main" (and axe's `region` rule saw it as content outside landmarks)."""
    page.goto(f"{app_url}/es/need/health")
    expect(page.get_by_test_id("results").get_by_role("link").first).to_be_visible()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name=Translator("es")("Skip to content"))
    expect(skip).to_be_focused()
    expect(skip).to_have_attribute("href", "#main")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{app_url}/es/need/health#main")
    page.keyboard.press("Tab")
    expect(page.locator("main :focus")).to_have_count(1)
