"""What a person waits for on a list page, measured in the browser at 1,000 and 10,000 services.

python -m bench.cards [--runs N] [--path /es/need/health] [SIZES...]   (`make bench-cards`;
default sizes: sample 1000 10000)

Headless Chromium, phone viewport, the worker blocked, Lighthouse's Slow 4G through CDP
(562.5 ms latency, 188,744 B/s down) and the CPU slowed 4x, a fresh profile per run, the app
served in production on a copy of each directory (tests/serve.py). For each run: the first
paint (the prerendered first cards), the first live cards (the list's count shown), every card
in (the progress line gone) and the long tasks after the first paint (total and longest, until
every card is in and 2 s after), and of those the ones after the page started
(``performance.mark("paso:start")`` on mount: before it React hydrates, after it is the
directory's work). Each figure is printed beside the old loader's, measured in the
same run (``window.__pasoParts``: one part after another, a render per part), and beside the old
table's figure computed from the same bytes (one round trip per part, `bench/snapshot.py`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import tempfile
import urllib.request
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright

from bench import synthetic
from tests.browser import CHROMIUM, LAUNCH_ARGS, PHONE
from tests.serve import serve_paso

SLOW_4G = {"offline": False, "latency": 562.5, "downloadThroughput": 188_744, "uploadThroughput": 86_400}
OLD_LOADER = "window.__pasoParts = { limit: 1, perPart: true };"
# Timestamps of what a person sees, and the long tasks, from the page's first moment.
WATCH = """
window.__cards = { fcp: null, live: null, all: null, long: [] };
new PerformanceObserver((list) => { for (const e of list.getEntries())
  if (e.name === "first-contentful-paint") window.__cards.fcp = e.startTime; }).observe({ type: "paint", buffered: true });
new PerformanceObserver((list) => { for (const e of list.getEntries())
  window.__cards.long.push([e.startTime, e.duration]); }).observe({ type: "longtask", buffered: true });
new MutationObserver(() => {
  const c = window.__cards;
  if (c.all !== null || !document.querySelector("[data-testid=found]")) return;
  if (c.live === null) c.live = performance.now();
  if (!document.querySelector("[data-testid=progress]")) c.all = performance.now();
}).observe(document, { subtree: true, childList: true, characterData: true });
"""


def _run(browser: Browser, url: str, old: bool) -> dict[str, float]:
    """One cold visit: ms from navigation to each moment, and the long tasks after first paint."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, service_workers="block")
    context.add_init_script(WATCH + (OLD_LOADER if old else ""))
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(url, wait_until="commit")
    page.wait_for_function(
        "() => window.__cards && window.__cards.all !== null", timeout=300_000, polling=500
    )
    page.wait_for_timeout(2000)  # the work that follows the last card (search warm-up, idle renders)
    seen: dict[str, Any] = page.evaluate("window.__cards")
    started = page.evaluate("performance.getEntriesByName('paso:start')[0]?.startTime ?? 0")
    context.close()
    after = [duration for start, duration in seen["long"] if start >= (seen["fcp"] or 0)]
    # The page's own work on its data starts with pasoStart, on mount: before it, React hydrates.
    data = [duration for start, duration in seen["long"] if start >= started]
    return {
        "data": sum(data),
        "fcp": seen["fcp"] or 0.0,
        "live": seen["live"],
        "all": seen["all"],
        "long": sum(after),
        "longest": max(after, default=0.0),
    }


def _sequential_s(url: str, locale: str) -> tuple[int, float]:
    """Parts and the old table's "all cards": index + one round trip and the bytes of each part."""
    base = f"{url}/api/directory/{locale}/"

    def size(name: str) -> int:
        request = urllib.request.Request(base + name, headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request, timeout=600) as answer:
            return len(answer.read())

    with urllib.request.urlopen(base + "index.json", timeout=600) as answer:
        index = json.load(answer)
    sizes = [size("index.json")] + [size(f"{name}.json") for name in index["cards"]]
    seconds = sum(SLOW_4G["latency"] / 1000 + b / SLOW_4G["downloadThroughput"] for b in sizes)
    return len(index["cards"]), seconds


def _median(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def _s(ms: float) -> str:
    return f"{ms / 1000:.1f} s"


def measure(browser: Browser, size: str, path: str, runs: int) -> str:
    """Serve ``size``'s directory, time both loaders ``runs`` times each; one table row."""
    database = None if size == "sample" else synthetic.cached(int(size))
    with tempfile.TemporaryDirectory() as tmp, serve_paso(Path(tmp) / "server.log", database) as url:
        parts, sequential = _sequential_s(url, path.split("/")[1])  # also builds the snapshot once
        new, old = [], []
        for _ in range(runs):  # interleaved: a busy moment of the machine hits both
            new.append(_run(browser, url + path, old=False))
            old.append(_run(browser, url + path, old=True))
    for label, got in (("now", new), ("old", old)):
        print(
            f"  {size} {label}: "
            + "; ".join(
                f"first paint {_s(r['fcp'])}, live {_s(r['live'])}, all {_s(r['all'])}, "
                f"long tasks {r['long']:.0f} ms (longest {r['longest']:.0f}; after the page started {r['data']:.0f})"
                for r in got
            ),
            flush=True,
        )
    return (
        f"| {size} | {parts} | {_s(_median(new, 'fcp'))} | {_s(_median(new, 'live'))} "
        f"(old {_s(_median(old, 'live'))}) | **{_s(_median(new, 'all'))}** (old {_s(_median(old, 'all'))}; "
        f"{_median(old, 'all') / _median(new, 'all'):.1f}x) | {sequential:.1f} s "
        f"| {_median(new, 'long'):.0f} ms (old {_median(old, 'long'):.0f}) "
        f"| {_median(new, 'longest'):.0f} ms (old {_median(old, 'longest'):.0f}) "
        f"| {_median(new, 'data'):.0f} ms (old {_median(old, 'data'):.0f}) |"
    )


def main() -> None:
    """The table, one row per directory size (medians of the runs)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", default=["sample", "1000", "10000"])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--path", default="/es/need/health")
    args = parser.parse_args()
    print(
        f"bench.cards on {dt.date.today()}: {args.path}, Slow 4G + 4x CPU, phone, worker blocked, "
        f"median of {args.runs} cold runs; old = one part after another, a render per part"
    )
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        for size in args.sizes:
            rows.append(measure(browser, size, args.path, args.runs))
        browser.close()
    print(
        "| services | card parts | first paint | first live cards | every card in | old table (sum of "
        "round trips) | long tasks after first paint | longest task | of which after the page started |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(row)


if __name__ == "__main__":
    main()
