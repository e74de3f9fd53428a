"""Bytes each public page downloads on a first visit, next to a blank Reflex app (the floor).

python -m bench.weight      (or `make bench-weight`; takes a few minutes: it builds both apps)

Builds and serves Paso in production on a free port (a fresh SQLite database with the sample
directory), then a blank app of plain ``rx.el`` elements made with the same Reflex version
(written once to bench/.data/blank/, whose node_modules stay between runs). Each page is
opened in a fresh headless Chromium context (cold cache, phone viewport) until the network is
idle, and the bytes of every response are summed by kind.

Counted: compressed body bytes as sent over the wire (gzip when the server sends gzip), i.e.
CDP ``Network.loadingFinished.encodedDataLength`` (headers + body) minus the response's own
``encodedDataLength`` (its headers); this equals ``Content-Length`` for every response seen.
HTTP headers (~450 B per asset) and the websocket are not counted. KB = 1,000 bytes.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, sync_playwright

from bench import blank
from rxapp.settings import get_settings
from tests.browser import CHROMIUM, LAUNCH_ARGS, PHONE
from tests.serve import ROOT, base_env, free_port, paso_env, serve

DATA = Path(__file__).resolve().parent / ".data"
BLANK = DATA / "blank"
KINDS = ("html", "css", "js", "font", "image", "data", "other")
PAGE_TYPES = {
    "home": "",
    "list": "/need/health",
    "search": "/search",
    "detail": "/service?id=paso-orientacion-inicial",
    "about": "/about",
    "me": "/me",  # My page (issue 19) on a phone with no key: its frame and code
}
FULL_LOCALES = ("es", "ar")  # every page type; the other locales: home only
HOME_LIMIT, RATIO_LIMIT = 200_000, 1.3


@dataclass
class Load:
    """What one page downloaded: bytes by kind, and (url, kind, bytes) per response."""

    by_kind: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    files: list[tuple[str, str, int]] = field(default_factory=list)

    def total(self, with_data: bool = True) -> int:
        """All bytes, or all but the directory data."""
        return sum(v for k, v in self.by_kind.items() if with_data or k != "data")


def kind_of(url: str, mime: str) -> str:
    """The kind of a response, from its path and mime type."""
    if urlsplit(url).path.startswith("/api/directory/"):
        return "data"
    for kind, marks in (
        ("html", ("html",)),
        ("css", ("css",)),
        ("js", ("javascript",)),
        ("font", ("font", "woff")),
        ("image", ("image/",)),
    ):
        if any(mark in mime for mark in marks):
            return kind
    return "other"


def measure(browser: Browser, url: str) -> Load:
    """Open ``url`` in a fresh context until the network is idle; sum body bytes by kind."""
    # The worker is blocked: what it downloads for offline use after the page is interactive
    # is reported by bench/offline.py. (With it running, its own fetches of the same URLs made
    # CDP report bodies twice over and the data column went negative.)
    context = browser.new_context(viewport=PHONE, service_workers="block")
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    responses: dict[str, dict[str, Any]] = {}
    finished: dict[str, int] = {}
    sent: set[str] = set()
    cdp.on("Network.responseReceived", lambda e: responses.__setitem__(e["requestId"], e["response"]))
    cdp.on("Network.loadingFinished", lambda e: finished.__setitem__(e["requestId"], e["encodedDataLength"]))
    cdp.send("Network.enable")
    cdp.on("Network.requestWillBeSent", lambda e: sent.add(e["requestId"]))
    cdp.on("Network.loadingFailed", lambda e: finished.__setitem__(e["requestId"], 0))
    page.goto(url, wait_until="networkidle")
    # networkidle sometimes comes before the data fetch that follows hydration: wait for a
    # quiet second with nothing pending (at most 20 s).
    for _ in range(20):
        seen = len(sent)
        page.wait_for_timeout(1000)
        if seen == len(sent) and not sent - finished.keys():
            break
    context.close()
    load = Load()
    for request_id, wire in finished.items():
        response = responses.get(request_id)
        if response is None or response["url"].startswith("data:"):
            continue
        body = int(wire - response.get("encodedDataLength", 0))  # minus the headers
        kind = kind_of(response["url"], response.get("mimeType", ""))
        load.by_kind[kind] += body
        load.files.append((response["url"], kind, body))
    return load


def paso_pages() -> list[tuple[str, str]]:
    """(label, path) of the pages to measure."""
    pages = []
    for locale in get_settings().locales:
        types = PAGE_TYPES if locale in FULL_LOCALES else {"home": ""}
        pages += [(f"{locale} {name}", f"/{locale}{suffix}") for name, suffix in types.items()]
    return pages


def measure_paso(browser: Browser) -> list[tuple[str, Load]]:
    """Serve Paso (prod, sample data) and measure every page."""
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="paso-weight-") as tmp:
        env = paso_env(port, Path(tmp))
        subprocess.run([sys.executable, "-m", "rxapp.cli", "setup"], cwd=ROOT, env=env, check=True)
        with serve(ROOT, port, env, DATA / "paso-server.log", probe="/es") as url:
            return [(label, measure(browser, url + path)) for label, path in paso_pages()]


def measure_floor(browser: Browser) -> Load:
    """Write the blank app, serve it (prod) and measure its page."""
    blank.write(BLANK)
    with serve(BLANK, free_port(), base_env(), DATA / "blank-server.log") as url:
        return measure(browser, url + "/")


def kb(n: float) -> str:
    """Bytes as KB with one decimal."""
    return f"{n / 1000:.1f}"


def report(pages: list[tuple[str, Load]], floor: Load) -> None:
    """Print the table, the floor's breakdown and the biggest JS files of the first home."""
    base = floor.total(with_data=False)
    head = ["page", *KINDS, "total", "ratio", "ratio+data", "targets"]
    print("Compressed body bytes per first visit, KB (1 KB = 1,000 bytes); ratio = total / floor")
    print(f"{head[0]:<11}" + "".join(f"{h:>8}" for h in head[1:9]) + f"{head[9]:>11}  {head[10]}")
    rows = [("floor", floor), *pages]
    for label, load in rows:
        ratio, ratio_all = load.total(False) / base, load.total() / base
        checks = [f"ratio {'ok' if ratio_all <= RATIO_LIMIT else 'OVER'}"]
        if label.endswith(" home"):
            checks.insert(0, f"<=200KB {'ok' if load.total() <= HOME_LIMIT else 'OVER'}")
        cells = [kb(load.by_kind[k]) for k in KINDS] + [kb(load.total()), f"{ratio:.3f}"]
        targets = "" if label == "floor" else ", ".join(checks)
        print(f"{label:<11}" + "".join(f"{c:>8}" for c in cells) + f"{ratio_all:>11.3f}  {targets}")
    print(f"targets: home <= {HOME_LIMIT // 1000} KB in all; ratio+data <= {RATIO_LIMIT}")
    print("\nfloor files (blank app, plain rx.el, no state):")
    for url, kind, size in sorted(floor.files, key=lambda f: -f[2]):
        print(f"  {kb(size):>7} KB  {kind:<5} {urlsplit(url).path}")
    home, listing = pages[0][1], pages[1][1]
    js_files(f"{pages[0][0]}: the biggest JS files (the floor's file of the same name)", home, floor)
    js_files(f"{pages[1][0]}: JS files that {pages[0][0]} did not load", listing, home, only_new=True)


def js_files(title: str, load: Load, other: Load, only_new: bool = False) -> None:
    """Print the biggest JS files of ``load``, with ``other``'s file of the same name."""

    def name(url: str) -> str:
        return urlsplit(url).path.rsplit("/", 1)[-1]

    theirs = {name(url).split("-")[0]: size for url, _, size in other.files}
    js = sorted((f for f in load.files if f[1] == "js"), key=lambda f: -f[2])
    if only_new:
        js = [f for f in js if name(f[0]) not in {name(url) for url, _, _ in other.files}]
    print(f"\n{title}: {len(js)} files, {kb(sum(f[2] for f in js))} KB")
    for url, _, size in js[:12]:
        same = theirs.get(name(url).split("-")[0])
        print(f"  {kb(size):>7} KB  {name(url)}" + (f"  ({kb(same)})" if same is not None else ""))


def main() -> int:
    """Measure the floor and Paso, print the figures."""
    DATA.mkdir(exist_ok=True)
    started = time.monotonic()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        floor = measure_floor(browser)
        pages = measure_paso(browser)
        browser.close()
    report(pages, floor)
    print(f"\n({time.monotonic() - started:.0f} s, builds included)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
