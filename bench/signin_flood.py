"""Readers during a sign-in flood, against the production server with real argon2 parameters.

python -m bench.signin_flood [--seconds 20] [--rate 50] [--sockets 5] [--centre]

Starts the app as `make run` serves it (prod, one port, a fresh SQLite database, a coordinator
made by the operator command, so hashed with the real parameters). A reader fetches the
directory index and the home page in a loop (a thread of its own) and a desk tab sends a cheap
websocket event every 200 ms; first with nothing else going on, then while one client sends
``--rate`` sign-ins a second for ``--seconds`` over ``--sockets`` websockets (unknown user
names and wrong passwords of the real account, mixed, sent at a fixed pace as a script does,
whatever the answers). Prints p50/p95/max of the index, the page and the desk tab's replies in
both phases, how long the flood's own sign-ins waited for their answers, and how long the
server took to answer every one of them after the flood stopped. Target (issue 16, item 1):
index p95 < 50 ms during the flood. ``--centre``: the client's address is in the centre's
networks (the generous allowance that tablets behind one address share).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import itertools
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any

import socketio

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.serve import ROOT, free_port, paso_env, serve

NAMESPACE = "/_event"
SIGN_IN = "reflex___state____state.rxapp___desk___session____desk_state.sign_in"
# Reflex's own setter of the root state's `is_hydrated`: cheap, answered every time.
MARK = "reflex___state____state.set_is_hydrated"
USER, PASSWORD = "bench-coordinator", "una-clave-larga-de-banco"


class Tab:
    """One websocket with its token; answers arrive in the order events were sent."""

    def __init__(self, base: str) -> None:
        self.base, self.token = base, str(uuid.uuid4())
        self.sio = socketio.AsyncClient(reconnection=False)
        self.sent: list[float] = []  # send time of each event not yet answered, oldest first
        self.waits: list[float] = []
        self.answered, self.flag = 0, False
        self.sio.on("event", self._on_event, namespace=NAMESPACE)

    async def _on_event(self, update: Any) -> None:
        # Only the MARK that follows each event answers every time (an event that changes
        # nothing, such as a second identical refusal, sends no update at all).
        root = (update or {}).get("delta", {}).get("reflex___state____state", {})
        if "is_hydrated_rx_state_" in root and self.sent:
            self.waits.append(time.perf_counter() - self.sent.pop(0))
            self.answered += 1

    async def connect(self) -> None:
        url = f"{self.base}?token={self.token}"
        await self.sio.connect(url, socketio_path=NAMESPACE, namespaces=[NAMESPACE], transports=["websocket"])

    async def send(
        self, name: str = "", payload: dict[str, Any] | None = None, path: str = "/es/desk"
    ) -> None:
        """The event (if any), then a MARK: a tab's events are handled in order, so the MARK's
        answer tells when the event was done."""
        self.sent.append(time.perf_counter())
        self.flag = not self.flag
        events = [(name, payload or {})] if name else []
        for event_name, data in [*events, (MARK, {"value": self.flag})]:
            event = {"token": self.token, "name": event_name, "payload": data}
            event["router_data"] = {"pathname": path, "asPath": path, "query": {}}
            await self.sio.emit("event", event, namespace=NAMESPACE)


def reader(base: str, stop: threading.Event, index: list[float], page: list[float]) -> None:
    """Fetch the index and the home page one after the other, 10 of each a second at most."""
    while not stop.is_set():
        for url, into in ((f"{base}/api/directory/es/index.json", index), (f"{base}/es", page)):
            started = time.perf_counter()
            with urllib.request.urlopen(url, timeout=60) as response:
                response.read()
            into.append(time.perf_counter() - started)
        stop.wait(max(0.0, 0.1 - (time.perf_counter() - started)))


async def desk_tab(tab: Tab, stop: asyncio.Event) -> None:
    """A desk tab sending a cheap event every 200 ms (without waiting for the answers)."""
    while not stop.is_set():
        await tab.send()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), 0.2)


async def flood(tabs: list[Tab], rate: float, seconds: float) -> int:
    """``rate`` sign-ins a second for ``seconds``, spread over the tabs; how many were sent."""
    names = itertools.cycle([f"nobody{n}" for n in range(97)] + [USER])
    started, sent = time.perf_counter(), 0
    for n in itertools.count():
        at = started + n / rate
        if at >= started + seconds:
            break
        await asyncio.sleep(max(0.0, at - time.perf_counter()))
        name = next(names) if n % 2 else USER  # half unknown names, half the real account
        form = {"form": {"username": name, "password": f"wrong-{n}-password"}}
        await tabs[n % len(tabs)].send(SIGN_IN, form)
        sent += 1
    return sent


def figures(values: list[float]) -> str:
    """p50 / p95 / max in milliseconds."""
    if not values:
        return "no answer"
    q = statistics.quantiles(values, n=20, method="inclusive") if len(values) > 1 else values * 19
    return f"{q[9] * 1000:.0f} / {q[18] * 1000:.0f} / {max(values) * 1000:.0f} ms"


async def phase(base: str, seconds: float, rate: float, sockets: int) -> tuple[dict[str, Any], float, int]:
    """One measurement: readers (and a flood when ``rate``) for ``seconds``."""
    index: list[float] = []
    page: list[float] = []
    stop, quiet = threading.Event(), asyncio.Event()
    thread = threading.Thread(target=reader, args=(base, stop, index, page))
    desk, tabs = Tab(base), [Tab(base) for _ in range(sockets if rate else 0)]
    await asyncio.gather(*(tab.connect() for tab in [desk, *tabs]))
    thread.start()
    ticking = asyncio.create_task(desk_tab(desk, quiet))
    sent = await flood(tabs, rate, seconds) if rate else 0
    if not rate:
        await asyncio.sleep(seconds)
    ended = time.perf_counter()
    stop.set()
    quiet.set()
    await ticking
    thread.join()
    # The server may still be working through what the flood queued: wait for every answer.
    deadline = ended + 300
    while sum(tab.answered for tab in tabs) < sent and time.perf_counter() < deadline:
        await asyncio.sleep(0.05)
    drained = time.perf_counter() - ended
    await asyncio.gather(*(tab.sio.disconnect() for tab in [desk, *tabs]))
    waits = [wait for tab in tabs for wait in tab.waits]
    answered = sum(tab.answered for tab in tabs)
    return (
        {"index": index, "page": page, "desk": desk.waits, "signin": waits, "sent": sent},
        drained,
        answered,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--rate", type=float, default=50.0)
    parser.add_argument("--sockets", type=int, default=5)
    parser.add_argument("--centre", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        port = free_port()
        env = paso_env(port, data)
        env.pop("PASO_CENTRE_NETWORKS", None)
        if args.centre:
            env["PASO_CENTRE_NETWORKS"] = '["127.0.0.0/8"]'
        subprocess.run([sys.executable, "-m", "rxapp.cli", "setup"], cwd=ROOT, env=env, check=True)
        made = dict(env, PASO_NEW_PASSWORD=PASSWORD)
        command = [sys.executable, "-m", "rxapp.cli", "create-coordinator", USER, "--name", "Bench"]
        subprocess.run(command, cwd=ROOT, env=made, check=True)
        with serve(ROOT, port, env, data / "server.log", probe="/es") as url:
            asyncio.run(phase(url, 2.0, 0, 0))  # warm up: first states, caches
            quiet, _, _ = asyncio.run(phase(url, args.seconds, 0, 0))
            loud, drained, answered = asyncio.run(phase(url, args.seconds, args.rate, args.sockets))
    where = "an address in the centre's networks" if args.centre else "an outside address"
    print(f"\nSign-in flood, {time.strftime('%Y-%m-%d')}: {args.rate:.0f}/s for {args.seconds:.0f} s over")
    print(f"{args.sockets} websockets from {where} (same 2 cores as the server). p50 / p95 / max:")
    print("| | no flood | during the flood |")
    print("|---|---|---|")
    print(f"| directory index | {figures(quiet['index'])} | {figures(loud['index'])} |")
    print(f"| home page /es | {figures(quiet['page'])} | {figures(loud['page'])} |")
    print(f"| desk tab's websocket reply | {figures(quiet['desk'])} | {figures(loud['desk'])} |")
    print(f"| the flood's sign-in replies | | {figures(loud['signin'])} |")
    if answered < loud["sent"]:
        print(f"\nSign-ins sent {loud['sent']}, answered {answered}: the rest were still unanswered")
        print(f"{drained:.0f} s after the flood stopped (the script stops waiting there).")
    else:
        print(f"\nSign-ins sent {loud['sent']}, all answered; the last answer came {drained:.1f} s")
        print("after the flood stopped.")
    p95 = statistics.quantiles(loud["index"], n=20, method="inclusive")[18] * 1000
    print(f"Index p95 during the flood: {p95:.0f} ms ({'meets' if p95 < 50 else 'misses'} the 50 ms target).")


if __name__ == "__main__":
    main()
