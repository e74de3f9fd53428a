"""axe-core on the page of every service, in every locale, at phone size.

python -m bench.axe_crawl [BASE_URL]     (without a URL it builds and serves the sample)

The test suite checks one page of each type; this crawl opens every service's detail page,
because each service's texts (and their translations) are different content. Prints the number
of pages checked and every violation with its page; exits 1 when there is one.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from playwright.sync_api import expect, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rxapp.settings import get_settings
from tests.browser import CHROMIUM, LAUNCH_ARGS, PHONE
from tests.serve import serve_paso

AXE = Path(__file__).resolve().parent.parent / ".tools" / "node_modules" / "axe-core" / "axe.min.js"


def _json(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


def slugs(base: str, locale: str) -> list[str]:
    """Every service of a locale's directory, from its card parts."""
    index = _json(f"{base}/api/directory/{locale}/index.json")
    found: list[str] = []
    for name in index["cards"]:
        found += [card["slug"] for card in _json(f"{base}/api/directory/{locale}/{name}.json")["cards"]]
    return found


@contextmanager
def _app(argv: list[str]) -> Iterator[str]:
    if argv:
        yield argv[0].rstrip("/")
        return
    with tempfile.TemporaryDirectory() as folder, serve_paso(Path(folder) / "server.log") as url:
        yield url


def main(argv: list[str]) -> int:
    """Crawl; 1 when any page has a violation."""
    if not AXE.is_file():
        print(f"axe-core is missing ({AXE}): run `make axe`")
        return 2
    pages, problems, started = 0, [], time.monotonic()
    with _app(argv) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, service_workers="block")
        page = context.new_page()
        for locale in get_settings().locales:
            for slug in slugs(base, locale):
                url = f"{base}/{locale}/service?id={slug}"
                page.goto(url)
                expect(page.get_by_test_id("service")).to_be_visible(timeout=30_000)
                page.add_script_tag(path=AXE)
                result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
                pages += 1
                for rule in result["violations"]:
                    targets = ", ".join(" ".join(map(str, n["target"])) for n in rule["nodes"][:3])
                    problems.append(f"{url}: {rule['id']} [{rule['impact']}] {rule['help']}: {targets}")
        browser.close()
    print(
        f"axe-core on {pages} service pages in {time.monotonic() - started:.0f} s: {len(problems)} violations"
    )
    for line in problems:
        print("  " + line)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
