"""What the service worker saves for offline use after one visit, per locale: stored and on the wire.

python -m bench.offline [SIZES...]     (default: sample 1000; or `make bench-offline`)
python -m bench.offline BASE_URL       (a running app, e.g. `make run`)

For each size it builds and serves the app (prod) on a copy of that directory: the sample, or a
synthetic one of that many services (bench/synthetic.py, cached in bench/.data/). Then it visits
each locale's home once in a fresh Chromium profile, waits until the page says the directory is
saved, and reads back what Cache Storage holds, split into pages, assets and directory data:
- stored: the bodies as kept (uncompressed);
- gzip: the same URLs fetched again with ``Accept-Encoding: gzip``, body bytes as the server
  sends them (what the phone downloads, headers not counted), and the bodies the server sends
  uncompressed, gzipped at level 6 (what a compressing proxy would make of them).
KB = 1,000 bytes.
"""

from __future__ import annotations

import gzip
import sys
import tempfile
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import expect, sync_playwright

from bench import synthetic
from rxapp.settings import get_settings
from tests.browser import CHROMIUM, LAUNCH_ARGS, PHONE
from tests.serve import serve_paso

KINDS = ("pages", "assets", "data")
STORED = """async () => { const out = [];
  for (const name of await caches.keys()) { const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const body = await (await cache.match(request)).arrayBuffer();
      out.push([new URL(request.url).pathname, body.byteLength]); } }
  return out; }"""


def _kind(path: str) -> str | None:
    if path.startswith("/__paso/"):
        return None  # the worker's own bookkeeping, never downloaded
    if path.startswith("/api/directory/"):
        return "data"
    if path.startswith(("/assets/", "/icons/", "/favicon", "/manifest/")):
        return "assets"
    return "pages"


def wire(url: str) -> tuple[int, int]:
    """(bytes the server sends for ``url`` asked for gzip, the same body gzipped at level 6 if it came plain)."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            return len(body), len(body)
    return len(body), len(gzip.compress(body, compresslevel=6))


def measure(base: str, locale: str) -> dict[str, Counter[str]]:
    """Bytes per kind after one visit: stored, sent by the server, and all gzipped."""
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile:
        context = playwright.chromium.launch_persistent_context(
            profile, executable_path=CHROMIUM, args=LAUNCH_ARGS, viewport=PHONE
        )
        page = context.pages[0]
        page.goto(f"{base}/{locale}")
        expect(page.get_by_test_id("offline-ready")).to_be_visible(timeout=120_000)
        saved = page.evaluate(STORED)
        context.close()
    figures: dict[str, Counter[str]] = {"stored": Counter(), "sent": Counter(), "gzip": Counter()}
    for path, size in saved:
        kind = _kind(path)
        if kind is None:
            continue
        sent, gzipped = wire(base + path)
        figures["stored"][kind] += size
        figures["sent"][kind] += sent
        figures["gzip"][kind] += gzipped
    return figures


def _kb(n: int) -> str:
    return f"{n / 1000:,.1f}"


def report(label: str, base: str) -> None:
    """One table row per locale."""
    for locale in get_settings().locales:
        figures = measure(base, locale)
        cells = []
        for name in ("stored", "gzip"):
            counts = figures[name]
            cells += [_kb(counts[k]) for k in KINDS] + [_kb(sum(counts.values()))]
        cells.append(_kb(sum(figures["sent"].values())))
        print(f"| {label} | {locale} | " + " | ".join(cells) + " |", flush=True)


@contextmanager
def _served(size: str) -> Iterator[str]:
    database = None if size == "sample" else synthetic.cached(int(size))
    log = synthetic.CACHE / f"offline-{size}-server.log"
    synthetic.CACHE.mkdir(exist_ok=True)
    with serve_paso(log, database) as url:
        yield url


def main(args: list[str]) -> None:
    """Print the table for a running app, or for each size served here."""
    columns = [f"{k} {unit}" for unit in ("stored", "gzip") for k in (*KINDS, "all")] + ["all sent"]
    print("What the worker saves after one visit, KB (1,000 B): stored = uncompressed in Cache Storage;")
    print(
        "sent = body bytes the server sends asked for gzip; gzip = those, with plain bodies gzipped (level 6)"
    )
    print("| directory | locale | " + " | ".join(columns) + " |")
    print("|---|---|" + "---|" * len(columns))
    if args and args[0].startswith("http"):
        report(args[0], args[0].rstrip("/"))
        return
    for size in args or ["sample", "1000"]:
        with _served(size) as base:
            report("sample" if size == "sample" else f"{int(size):,} services", base)


if __name__ == "__main__":
    main(sys.argv[1:])
