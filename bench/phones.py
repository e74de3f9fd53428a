"""Simulated phones for bench/load.py: each reads the directory as the browser does and registers.

A visit is what a phone's browser fetches on a first visit to a page: the page's HTML, then the
directory index (``routes.snapshot``, preloaded by the page's head) and every part the index
names (cards, details, search keys, words), which the service worker saves for offline use
(assets/paso/sw.js, ``warm``). After each visit the phone registers once over its websocket
(tests/data/phone.py, a new draft id each time). Phones run one after another's answers, with
no pause: a closed loop that finds what the server can do, not what a centre sends it.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

from rxapp import routes
from rxapp.taxonomy import NEEDS
from tests.data.phone import Phone, RefusedError, registration

LOCALES = ("es", "en", "fr", "ht", "pt", "ar")
TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Tally:
    """What the phones of one run measured."""

    reads: list[float] = field(default_factory=list)
    registrations: list[float] = field(default_factory=list)
    read_errors: int = 0
    failures: Counter[str] = field(default_factory=Counter)  # what the failed reads got
    registration_errors: int = 0
    retried: int = 0
    seconds: float = 0.0

    def rate(self, values: list[float]) -> float:
        """Completed per second of the run."""
        return len(values) / self.seconds if self.seconds else 0.0


def quantiles(values: list[float]) -> tuple[float, float]:
    """(p50, p95) in milliseconds."""
    if not values:
        return float("nan"), float("nan")
    q = statistics.quantiles(values, n=20, method="inclusive") if len(values) > 1 else values * 19
    return q[9] * 1000, q[18] * 1000


def pages(locale: str) -> list[str]:
    """The pages a phone opens in turn: home, then each need's list."""
    return [routes.home(locale), *(routes.need(locale, need.slug) for need in NEEDS)]


async def _get(http: aiohttp.ClientSession, url: str, tally: Tally) -> bytes | None:
    started = time.perf_counter()
    try:
        async with http.get(url) as response:  # aiohttp asks for gzip and unpacks it
            body = await response.read()
            got = str(response.status)
    except (aiohttp.ClientError, TimeoutError) as error:
        got, body = type(error).__name__, b""
    if got != "200":
        tally.read_errors += 1
        tally.failures[f"{got} {url.split('/', 3)[-1]}"] += 1
        return None
    tally.reads.append(time.perf_counter() - started)
    return body


async def visit(http: aiohttp.ClientSession, base: str, locale: str, page: str, tally: Tally) -> None:
    """The page, the directory's index, then every part it names."""
    await _get(http, base + page, tally)
    index_url = base + routes.snapshot(locale)
    body = await _get(http, index_url, tally)
    if body is None:
        return
    index = json.loads(body)
    names = [*index["cards"], *index["details"], *index.get("keys", []), index.get("words")]
    folder = index_url.rsplit("/", 1)[0]
    for name in filter(None, names):
        await _get(http, f"{folder}/{name}.json", tally)


async def phone_run(number: int, base: str, phone: Phone, deadline: float, tally: Tally) -> None:
    """One phone until ``deadline``: a visit, a registration, again."""
    locale = LOCALES[number % len(LOCALES)]
    turn = 0
    connector = aiohttp.TCPConnector(ssl=False, limit=6)  # a browser's connections per host
    timeout = aiohttp.ClientTimeout(total=60)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
        while time.perf_counter() < deadline:
            shown = pages(locale)
            await visit(http, base, locale, shown[(number + turn) % len(shown)], tally)
            started = time.perf_counter()
            try:
                await phone.submit(registration(f"Carga {number}-{turn}", full=True))
                tally.registrations.append(time.perf_counter() - started)
            except RefusedError:
                tally.registration_errors += 1
            turn += 1


async def run(base: str, phones: list[Phone], seconds: float) -> Tally:
    """The phones (their websockets already open) visiting and registering for ``seconds``."""
    tally = Tally()
    started = time.perf_counter()
    deadline = started + seconds
    await asyncio.gather(*(phone_run(n, base, p, deadline, tally) for n, p in enumerate(phones)))
    tally.seconds = time.perf_counter() - started
    tally.retried = sum(phone.retried for phone in phones)
    return tally


def cpu_seconds(pids: Callable[[], list[int]]) -> float:
    """CPU seconds (user + system) used so far by these processes."""
    total = 0
    for pid in pids():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / TICKS


def machine_cpu_seconds() -> float:
    """CPU seconds every core of this machine has been busy so far (/proc/stat, not idle)."""
    ticks = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(ticks[:8]) - ticks[3] - ticks[4]) / TICKS  # all but idle and iowait; no guests


def own_cpu_seconds() -> float:
    """CPU seconds this process (the load generator) used so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime
