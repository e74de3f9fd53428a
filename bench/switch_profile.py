"""Where the language switch spends its time: one switch on the home page, repeat visit with
the worker, Slow 4G and 4x CPU as in ``bench/pageload.py``, traced on the main thread.

    .venv/bin/python -m bench.switch_profile URL     # e.g. http://127.0.0.1:8000 (app running)

Prints the switch time, the main thread's busiest trace events and the JavaScript self time
by file from a sampling profile (the profiler itself slows the switch down; compare shares).
"""

from __future__ import annotations

import collections
import sys
import tempfile
from typing import Any

from playwright.sync_api import expect, sync_playwright

from bench.pageload import PRELOADED, WATCH_SWITCH, _throttle
from tests.browser import CHROMIUM, LAUNCH_ARGS, PHONE

CATEGORIES = "devtools.timeline,v8.execute,disabled-by-default-devtools.timeline"


def _largest(totals: dict[str, float], count: int) -> list[tuple[str, float]]:
    """The ``count`` largest totals, largest first (a Counter holds only ints to the type checker)."""
    return sorted(totals.items(), key=lambda item: item[1], reverse=True)[:count]


def _busiest(events: list[dict[str, Any]]) -> list[tuple[str, float]]:
    """Inclusive milliseconds per event name on the thread with the most events (the renderer)."""
    timed = [e for e in events if e.get("ph") == "X" and "dur" in e]
    thread = collections.Counter((e["pid"], e["tid"]) for e in timed).most_common(1)[0][0]
    totals: dict[str, float] = collections.defaultdict(float)
    for event in timed:
        if (event["pid"], event["tid"]) == thread:
            totals[event["name"]] += event["dur"] / 1000
    return _largest(totals, 12)


def _by_file(profile: dict[str, Any]) -> list[tuple[str, float]]:
    """JavaScript self time per script file, from a sampling profile."""
    nodes = {node["id"]: node["callFrame"] for node in profile["nodes"]}
    totals: dict[str, float] = collections.defaultdict(float)
    for sample, delta in zip(profile["samples"], profile["timeDeltas"], strict=False):
        frame = nodes[sample]
        totals[frame["url"].rsplit("/", 1)[-1] or frame["functionName"]] += delta / 1000
    return _largest(totals, 10)


def main(base: str) -> None:
    """Switch from Spanish to English once, traced."""
    with sync_playwright() as playwright, tempfile.TemporaryDirectory() as profile_dir:
        context = playwright.chromium.launch_persistent_context(
            profile_dir,
            executable_path=CHROMIUM,
            args=LAUNCH_ARGS,
            viewport=PHONE,
            is_mobile=True,
            has_touch=True,
        )
        page = context.pages[0]
        for locale in ("es", "en"):  # the first visits save both languages
            page.goto(f"{base}/{locale}")
            expect(page.get_by_test_id("offline-ready")).to_be_visible(timeout=60_000)
        _throttle(context, page)
        page.goto(f"{base}/es")
        expect(page.get_by_test_id("needs")).to_be_visible(timeout=60_000)
        page.wait_for_load_state("networkidle")
        page.locator("summary").first.click()
        page.wait_for_function(PRELOADED, timeout=60_000)
        page.evaluate(WATCH_SWITCH, "What do you need?")
        cdp = context.new_cdp_session(page)
        events: list[dict[str, Any]] = []
        cdp.on("Tracing.dataCollected", lambda message: events.extend(message["value"]))
        cdp.send("Profiler.enable")
        cdp.send("Profiler.start")
        cdp.send("Tracing.start", {"categories": CATEGORIES, "transferMode": "ReportEvents"})
        page.get_by_role("link", name="English").click()
        page.wait_for_function("() => window.__switched !== undefined", timeout=60_000)
        switched = page.evaluate("window.__switched")
        profile = cdp.send("Profiler.stop")["profile"]
        cdp.send("Tracing.end")
        page.wait_for_timeout(1000)  # a measuring script, not a test: the trace arrives after "end"
        context.close()
    print(f"language switch (profiled, so slower than bench.pageload): {switched:,.0f} ms")
    print("main thread, inclusive ms:")
    for name, ms in _busiest(events):
        print(f"  {ms:8.1f}  {name}")
    print("JavaScript self time by file, ms:")
    for name, ms in _by_file(profile):
        print(f"  {ms:8.1f}  {name}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
