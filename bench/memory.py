"""What each websocket client costs the server, and what stays after it leaves.

python -m bench.memory [--clients 500] [--after 10] [--no-blank]

First, each server idle (started, its first page served, no client yet): the RSS and PSS of every
one of its processes (the `reflex run` parent that supervises, the Granian worker that serves;
there is no bun or node in production), Paso beside the blank app and the ratio (issue 17's
target: Paso <= 2x). Then the clients:
Starts the app as `make run` serves it (prod, one port, a fresh SQLite database, Reflex's
memory state manager), then opens ``--clients`` browser tabs on the registration page over
Reflex's websocket (python-socketio; each sends the hydrate event in its CONNECT packet, as
Reflex's state.js does, and waits for the answer), closes them, and reads the server's
memory (PSS and RSS summed over its process tree, /proc/PID/smaps_rollup) before, with the
clients connected, and ``--after`` seconds after they closed. A second wave of as many
clients then shows whether the first wave's memory was given back to the server: a wave that
costs again what the first cost means the first one's states are still held. The same is
measured for a blank Reflex app with one small state (bench/blank.py's, plus a counter), the
framework's floor. The load generator runs on the same 2 cores.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

import socketio

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import blank
from tests.serve import ROOT, base_env, free_port, paso_env, serve

NAMESPACE = "/_event"
HYDRATE = "reflex___state____state.hydrate_and_load"
DATA = Path(__file__).resolve().parent / ".data"
# Paso's state manager without Redis (rxconfig.py), for a fair floor.
MEMORY_CONFIG = blank.BLANK_CONFIG.replace(
    'app_name="blank",', 'app_name="blank",\n    state_manager_mode="memory",'
)
STATEFUL_APP = blank.BLANK_APP.replace(
    "def index() -> rx.Component:",
    "class Counter(rx.State):\n    count: int = 0\n\n    @rx.event\n    def add(self) -> None:\n        self.count += 1\n\n\ndef index() -> rx.Component:",
).replace('rx.el.p("Plain elements only."', 'rx.el.button(Counter.count, on_click=Counter.add), rx.el.p("x"')


def server_pids(port: int, public_url: str = "") -> list[int]:
    """Every process of the server started for ``port`` (they share its PASO_PUBLIC_URL or
    BENCH_PORT), or for ``public_url`` (the workers and Caddy of scripts/scale.py)."""
    url = public_url or f"http://127.0.0.1:{port}"
    marks = (f"PASO_PUBLIC_URL={url}".encode(), f"BENCH_PORT={port}".encode())
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            environ = Path(f"/proc/{entry}/environ").read_bytes().split(b"\0")
        except OSError:
            continue
        if any(mark in environ for mark in marks):
            pids.append(int(entry))
    return pids


def process_kb(pid: int) -> tuple[int, int] | None:
    """(PSS, RSS) of one process in KB (/proc/PID/smaps_rollup), None once it is gone."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    fields = dict(line.split(":", 1) for line in text.splitlines() if line.startswith(("Pss:", "Rss:")))
    return int(fields["Pss"].split()[0]), int(fields["Rss"].split()[0])


def memory_kb(port: int, public_url: str = "") -> tuple[int, int]:
    """(PSS, RSS) in KB summed over the server's processes (``server_pids``)."""
    sizes = [size for pid in server_pids(port, public_url) if (size := process_kb(pid))]
    return sum(pss for pss, _ in sizes), sum(rss for _, rss in sizes)


def role(pid: int, pids: list[int]) -> str:
    """What a server process is: its command, and "worker" when its parent is one of ``pids``."""
    try:
        command = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        parent = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return "gone"
    name = Path(command[0].decode()).name
    if parent in pids:
        return f"{name}: worker"
    return f"{name}: `reflex run`, supervisor" if b"run" in command else name


def processes(port: int) -> list[tuple[str, int, int]]:
    """(role, PSS KB, RSS KB) of each of the server's processes, supervisor first."""
    pids = sorted(server_pids(port))
    rows = [(role(pid, pids), *size) for pid in pids if (size := process_kb(pid))]
    return sorted(rows, key=lambda row: "worker" in row[0])


class Tab:
    """One browser tab on ``path``: a websocket, a token, the hydrate sent on connect."""

    def __init__(self, base: str, path: str) -> None:
        self.base, self.path = base, path
        self.token = str(uuid.uuid4())
        self.sio = socketio.AsyncClient(reconnection=False)
        self.hydrated = asyncio.Event()
        self.sio.on("event", self._on_event, namespace=NAMESPACE)

    async def _on_event(self, _update: Any) -> None:
        self.hydrated.set()

    async def open(self) -> None:
        """Connect as state.js does (hydrate in the CONNECT packet) and wait for the state."""
        boot = {
            "name": HYDRATE,
            "payload": {},
            "router_data": {"pathname": self.path, "asPath": self.path, "query": {}},
        }
        await self.sio.connect(
            f"{self.base}?token={self.token}",
            socketio_path=NAMESPACE,
            namespaces=[NAMESPACE],
            transports=["websocket"],
            auth={"event": boot},
        )
        await asyncio.wait_for(self.hydrated.wait(), timeout=60)

    async def close(self) -> None:
        """Close the tab (the socket goes; the browser would keep nothing on the server)."""
        await self.sio.disconnect()


async def wave(base: str, path: str, clients: int, measure: Callable[[], tuple[int, int]]) -> tuple[int, int]:
    """Open ``clients`` tabs (50 at a time), read the memory, close them all."""
    tabs = [Tab(base, path) for _ in range(clients)]
    for start in range(0, clients, 50):
        await asyncio.gather(*(tab.open() for tab in tabs[start : start + 50]))
    await asyncio.sleep(1)  # let the server settle; this is a measurement, not a synchronisation
    held = measure()
    await asyncio.gather(*(tab.close() for tab in tabs))
    return held


Figures = dict[str, Any]


def measure_app(url: str, port: int, path: str, clients: int, after: float) -> Figures:
    """The figures for one app: its processes idle, KB per connected client, per client left
    ``after`` s after closing, and what a second wave adds on top of the first."""

    def measure() -> tuple[int, int]:
        return memory_kb(port)

    idle = processes(port)
    if not clients:
        return {"idle": idle}
    asyncio.run(wave(url, path, 10, measure))  # warm up: first states, imports, caches
    time.sleep(after)
    base = measure()
    connected = asyncio.run(wave(url, path, clients, measure))
    time.sleep(after)
    left = measure()
    again = asyncio.run(wave(url, path, clients, measure))
    time.sleep(after)
    final = measure()

    def per(a: int, b: int) -> float:
        return (a - b) / clients

    return {
        "idle": idle,
        "base_mb": base[0] / 1024,
        "pss_per_client": per(connected[0], base[0]),
        "rss_per_client": per(connected[1], base[1]),
        "pss_left": per(left[0], base[0]),
        "second_wave": per(again[0], connected[0]),
        "final_left": per(final[0], base[0]),
    }


def paso(clients: int, after: float, path: str) -> Figures:
    """Paso, on a fresh SQLite database with the sample directory."""
    with tempfile.TemporaryDirectory(prefix="paso-mem-") as folder:
        port = free_port()
        env = paso_env(port, Path(folder))
        subprocess.run([sys.executable, "-m", "rxapp.cli", "setup"], cwd=ROOT, env=env, check=True)
        with serve(ROOT, port, env, Path(folder) / "server.log", probe="/es") as url:
            return measure_app(url, port, path, clients, after)


def blank_app(clients: int, after: float) -> Figures:
    """A blank Reflex app with one counter state (same Reflex, same state manager)."""
    folder = DATA / "blank-state"
    blank.write(folder)
    for path, text in (
        (folder / "blank" / "blank.py", STATEFUL_APP),
        (folder / "rxconfig.py", MEMORY_CONFIG),
    ):
        if path.read_text() != text:
            path.write_text(text)
    port = free_port()
    env = dict(base_env(), BENCH_PORT=str(port))
    with serve(folder, port, env, DATA / "blank-state-server.log") as url:
        return measure_app(url, port, "/", clients, after)


def idle_table(rows: list[tuple[str, Figures]]) -> None:
    """Each server's processes idle, and Paso over the blank app."""
    print(f"\nIdle servers, {datetime.date.today()} (started, first page served, no client; MB):")
    print("| app | process | PSS | RSS |")
    print("|---|---|---|---|")
    totals = {}
    for name, figures in rows:
        for what, pss, rss in figures["idle"]:
            print(f"| {name} | {what} | {pss / 1024:.0f} | {rss / 1024:.0f} |")
        pss, rss = (sum(row[i] for row in figures["idle"]) for i in (1, 2))
        totals[name] = pss, rss
        print(f"| {name} | **all** | **{pss / 1024:.0f}** | **{rss / 1024:.0f}** |")
    if len(totals) == 2:
        (paso_pss, paso_rss), (blank_pss, blank_rss) = totals.values()
        print(
            f"\nPaso / blank, idle: PSS x{paso_pss / blank_pss:.2f}, RSS x{paso_rss / blank_rss:.2f} (target <= 2)."
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=500, help="0: the idle servers only")
    parser.add_argument("--after", type=float, default=10.0)
    parser.add_argument("--path", default="/es/register")
    parser.add_argument("--no-blank", action="store_true")
    args = parser.parse_args()
    rows = [(f"Paso, {args.path}", paso(args.clients, args.after, args.path))]
    if not args.no_blank:
        rows.append(("blank Reflex app, one state", blank_app(args.clients, args.after)))
    idle_table(rows)
    if not args.clients:
        return
    print(
        f"\nMemory per websocket client, {args.clients} clients, {datetime.date.today()} "
        f"(PSS of the server's processes; KB per client):"
    )
    print(
        f"| app | server at rest | connected | {args.after:.0f} s after closing | second wave adds | "
        f"{args.after:.0f} s after the second |"
    )
    print("|---|---|---|---|---|---|")
    for name, r in rows:
        print(
            f"| {name} | {r['base_mb']:.0f} MB | {r['pss_per_client']:.0f} KB (RSS {r['rss_per_client']:.0f}) | "
            f"{r['pss_left']:.0f} KB | {r['second_wave']:.0f} KB | {r['final_left']:.0f} KB |"
        )


if __name__ == "__main__":
    main()
