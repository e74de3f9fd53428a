"""How tall the registration form is on a phone: what a person scrolls through to send it.

python -m bench.form_height [--url http://127.0.0.1:8000] [--width 360] [--locales es,ht,ar]

Without --url, builds and serves Paso (prod, sample data) first. For each locale, on a
360x740 phone, prints: the required path (the page's top to the bottom of the "Send" button,
what a person must pass to register with a name, a need and the agreement), the whole form
with every optional question open, and the page's height, in CSS pixels and in screens.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.browser import CHROMIUM, LAUNCH_ARGS
from tests.serve import serve_paso

HEIGHT = 740
MEASURE = """() => {
  const bottom = (el) => el ? Math.round(el.getBoundingClientRect().bottom + window.scrollY) : 0;
  const form = document.getElementById('paso-register');
  return {
    required: bottom(document.querySelector('[data-testid=submit]')),
    form: form ? Math.round(form.getBoundingClientRect().height) : 0,
    page: document.documentElement.scrollHeight,
  };
}"""


def measure(base: str, width: int, locales: list[str]) -> list[tuple[str, dict[str, int], dict[str, int]]]:
    """Per locale: the heights with the optional questions folded, then unfolded."""
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": width, "height": HEIGHT}, is_mobile=True, has_touch=True)
        for locale in locales:
            page.goto(f"{base}/{locale}/register")
            expect(page.get_by_test_id("submit")).to_be_enabled()
            folded = page.evaluate(MEASURE)
            more = page.locator("[data-testid=more]")
            if more.count():  # the optional questions, folded (issue 14, item 9)
                more.locator("summary").click()
            unfolded = page.evaluate(MEASURE)
            rows.append((locale, folded, unfolded))
        browser.close()
    return rows


def report(rows: list[tuple[str, dict[str, int], dict[str, int]]], width: int) -> None:
    """Print one line per locale."""
    print(f"registration form at {width}x{HEIGHT} (px; screens of {HEIGHT} px)")
    print("locale  required path      form (all open)    page")
    for locale, folded, unfolded in rows:
        req = folded["required"]
        print(
            f"{locale:<7} {req:>5} ({req / HEIGHT:.1f})      "
            f"{unfolded['form']:>5} ({unfolded['form'] / HEIGHT:.1f})      {folded['page']:>5}"
        )


def main() -> None:
    """Measure against --url, or against a fresh production build."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--url")
    parser.add_argument("--width", type=int, default=360)
    parser.add_argument("--locales", default="es,en,fr,ht,pt,ar")
    args = parser.parse_args()
    locales = args.locales.split(",")
    if args.url:
        report(measure(args.url.rstrip("/"), args.width, locales), args.width)
        return
    with tempfile.TemporaryDirectory() as tmp, serve_paso(Path(tmp) / "server.log") as url:
        report(measure(url, args.width, locales), args.width)


if __name__ == "__main__":
    main()
