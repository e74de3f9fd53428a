"""What the service worker saves for offline use after one visit, per locale.

python -m bench.offline [BASE_URL]     (the app must be running, e.g. `make run`)

Visits each locale's home once in a fresh Chromium profile, waits until the page says the
directory is saved, then sums what Cache Storage holds, split into pages, assets and directory
data. Bodies are counted as stored (uncompressed); on the wire they travel gzipped.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rxapp.settings import get_settings
from tests.browser import CHROMIUM, LAUNCH_ARGS, PHONE

STORED = """async () => { const out = [];
  for (const name of await caches.keys()) { const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const body = await (await cache.match(request)).arrayBuffer();
      out.push([new URL(request.url).pathname, body.byteLength]); } }
  return out; }"""


def _kind(path: str) -> str:
    if path.startswith("/api/directory/"):
        return "data"
    if path.startswith(("/assets/", "/icons/", "/favicon", "/manifest/")):
        return "assets"
    return "pages"


def measure(base: str, locale: str) -> Counter[str]:
    """Bytes stored per kind after one visit."""
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=LAUNCH_ARGS, viewport=PHONE
        )
        page = context.pages[0]
        carried = [0]
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.on(
            "Network.loadingFinished", lambda e: carried.__setitem__(0, carried[0] + e["encodedDataLength"])
        )
        page.goto(f"{base}/{locale}")
        expect(page.get_by_test_id("offline-ready")).to_be_visible(timeout=120_000)
        stored: Counter[str] = Counter()
        for path, size in page.evaluate(STORED):
            stored[_kind(path)] += size
        context.close()
    return stored


def main(base: str) -> None:
    """Print one line per locale."""
    print("locale   pages KB  assets KB  data KB  stored KB   (uncompressed, in Cache Storage)")
    for locale in get_settings().locales:
        stored = measure(base, locale)
        total = sum(stored.values())
        print(
            f"{locale:6} {stored['pages'] / 1000:9.1f} {stored['assets'] / 1000:10.1f} "
            f"{stored['data'] / 1000:8.1f} {total / 1000:10.1f}"
        )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
