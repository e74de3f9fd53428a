"""Save phone (and tablet) screenshots of home, a list and a detail page per locale.

Usage: python scripts/screenshots.py [BASE_URL] (default http://127.0.0.1:8000); the app must
be running. Writes PNGs into ./screenshots/ (ignored by git).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rxapp.settings import get_settings
from tests.browser import LAUNCH_ARGS, PHONE, TABLET

OUT = Path(__file__).resolve().parent.parent / "screenshots"


def main(base: str) -> None:
    """Visit each page type in each locale and save what a person would see."""
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=LAUNCH_ARGS)
        for name, viewport in (("phone", PHONE), ("tablet", TABLET)):
            page = browser.new_page(viewport=viewport)
            for locale in get_settings().locales:
                page.goto(f"{base}/{locale}")
                expect(page.get_by_test_id("need-food")).to_contain_text(re.compile(r"\d"))  # counts in
                page.screenshot(path=OUT / f"{name}-{locale}-home.png", full_page=True)
                page.goto(f"{base}/{locale}/need/health")
                page.get_by_test_id("results").wait_for()
                page.screenshot(path=OUT / f"{name}-{locale}-list.png", full_page=True)
                page.get_by_test_id("results").locator("a").first.click()
                page.get_by_test_id("service").wait_for()
                page.screenshot(path=OUT / f"{name}-{locale}-detail.png", full_page=True)
            page.close()
        browser.close()
    print(f"screenshots in {OUT}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
