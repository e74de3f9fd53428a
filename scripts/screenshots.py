"""Save phone and tablet screenshots of every public page type per locale.

Usage: python scripts/screenshots.py [BASE_URL] (default http://127.0.0.1:8000); the app must
be running. Writes PNGs into ./screenshots/ (ignored by git): ``<device>-<locale>-<page>.png``
for a 320 px and a 360 px phone (the narrow phones people on the route carry) and a tablet.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from playwright.sync_api import Page, ViewportSize, expect, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rxapp.settings import get_settings
from tests.browser import LAUNCH_ARGS, TABLET

OUT = Path(__file__).resolve().parent.parent / "screenshots"
DEVICES = {
    "phone320": ViewportSize(width=320, height=640),
    "phone360": ViewportSize(width=360, height=740),
    "tablet": TABLET,
}


def _shoot(page: Page, name: str) -> None:
    page.screenshot(path=OUT / f"{name}.png", full_page=True)


def main(base: str) -> None:
    """Visit each page type in each locale and save what a person would see."""
    OUT.mkdir(exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=LAUNCH_ARGS)
        for device, viewport in DEVICES.items():
            page = browser.new_page(viewport=viewport)
            for locale in get_settings().locales:
                name = f"{device}-{locale}"
                page.goto(f"{base}/{locale}")
                expect(page.get_by_test_id("need-food")).to_contain_text(re.compile(r"\d"))  # counts in
                _shoot(page, f"{name}-home")
                page.goto(f"{base}/{locale}/need/health")
                page.get_by_test_id("results").wait_for()
                _shoot(page, f"{name}-list")
                page.get_by_test_id("results").locator("a").first.click()
                page.get_by_test_id("service").wait_for()
                _shoot(page, f"{name}-detail")
                page.goto(f"{base}/{locale}/search?q=comida")
                page.get_by_test_id("results").locator("a").first.wait_for()
                _shoot(page, f"{name}-search")
                page.goto(f"{base}/{locale}/register")
                expect(page.get_by_test_id("submit")).to_be_enabled()
                _shoot(page, f"{name}-register")
                page.goto(f"{base}/{locale}/about")
                _shoot(page, f"{name}-about")
            page.close()
        browser.close()
    print(f"screenshots in {OUT}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
