"""Several backend workers on PostgreSQL + Redis behind one Caddy (`make scale WORKERS=2`).

    python scripts/scale.py run --workers 2     # migrate, build once, the workers and Caddy, until Ctrl-C
    python scripts/scale.py prepare             # only: refuse SQLite, migrate, the secret, the build
    python scripts/scale.py worker --port P     # one worker: the built app on 127.0.0.1:P
    python scripts/scale.py proxy --ports P,Q   # Caddy in front of these workers (scripts/tls.py)

Each worker is a process of its own serving the built pages and the backend on one port (one
Granian worker), so one can stop, or be killed, without the others, as on separate machines;
the pages are built once for all of them. Caddy answers at ``PASO_PUBLIC_URL`` (https), spreads
phones over the workers, checks their ``/ping`` and tries another worker when one is gone.
Any worker serves any phone: state lives in Redis, data in PostgreSQL (docs/operators.md,
"Several workers"). ``deployment()`` starts the whole of it for tests and benchmarks.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import ssl
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rxapp.settings import ROOT, get_settings
from scripts import tls

SCRIPT = Path(__file__).resolve()
START_SECONDS = 600  # the first build of a fresh checkout takes minutes on two cores
# `reflex` through `python -c`: a developer's `pkill -f "reflex run"` does not match it.
REFLEX = [sys.executable, "-c", "from reflex.reflex import cli; cli()"]


def refusal(env: Mapping[str, str]) -> str | None:
    """Why these settings cannot run several workers, or None when they can."""
    database = env.get("REFLEX_DB_URL", "")
    if not database.startswith("postgresql"):
        return (
            "Several workers need PostgreSQL: set REFLEX_DB_URL=postgresql+psycopg://user@host/paso "
            "(SQLite is one file with one writer at a time, on one machine; `make run` serves it)."
        )
    if not env.get("REFLEX_REDIS_URL"):
        return "Several workers need Redis for Reflex's state: set REFLEX_REDIS_URL=redis://host:6379/0."
    if not env.get("PASO_PUBLIC_URL", "").startswith("https://"):
        return "Set PASO_PUBLIC_URL to the https:// address Caddy answers at, e.g. https://192.168.1.10:8443."
    return None


def prepare() -> None:
    """Refuse SQLite, migrate, make the secret key once, and build the pages once."""
    if (reason := refusal(os.environ)) is not None:
        raise SystemExit(reason)
    # Migrations first: a worker of the new code never meets the old schema.
    subprocess.run([sys.executable, "-m", "rxapp.cli", "setup"], cwd=ROOT, check=True)
    # Made here, not by the workers at once (two of them could each write their own).
    get_settings().secret_key()
    subprocess.run([*REFLEX, "export", "--frontend-only", "--no-zip"], cwd=ROOT, check=True)


def worker(port: int) -> None:
    """Serve the built app on 127.0.0.1:``port`` in this process (one worker)."""
    from rxapp import reflex_compat

    os.chdir(ROOT)
    reflex_compat.serve_built_app("127.0.0.1", port)


def proxy(ports: Sequence[int]) -> None:
    """Run Caddy in the foreground in front of the workers on these ports."""
    command, env = tls.caddy_command(tls.write_caddyfile(ports))
    os.execvpe(command[0], command, env)


@dataclass
class Worker:
    """One worker process, on its own port."""

    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        """The worker itself, bypassing Caddy."""
        return f"http://127.0.0.1:{self.port}"

    def kill(self) -> None:
        """SIGKILL the worker (and its Granian child): a crash, not a shutdown."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()


@dataclass
class Deployment:
    """The workers behind Caddy; ``url`` is Caddy's (PASO_PUBLIC_URL)."""

    url: str
    workers: list[Worker]
    caddy: subprocess.Popen[bytes]
    root_certificate: Path


@contextmanager
def deployment(env: Mapping[str, str], ports: Sequence[int], logs: Path) -> Iterator[Deployment]:
    """Prepare, then start one worker per port and Caddy in front; yield, then stop them all.

    ``env`` is the whole environment (PASO_PUBLIC_URL https, REFLEX_DB_URL on PostgreSQL,
    REFLEX_REDIS_URL, PASO_DATA_DIR); each worker gets it behind the proxy (scripts/tls.py).
    """
    if (reason := refusal(env)) is not None:
        raise RuntimeError(reason)
    logs.mkdir(parents=True, exist_ok=True)
    _run([sys.executable, str(SCRIPT), "prepare"], env, logs / "prepare.log")
    workers: list[Worker] = []
    caddy: subprocess.Popen[bytes] | None = None
    try:
        for port in ports:
            log = logs / f"worker-{port}.log"
            workers.append(Worker(port, _start(_worker_command(port), tls.behind_proxy(env, port), log), log))
        command = [sys.executable, str(SCRIPT), "proxy", "--ports", ",".join(map(str, ports))]
        caddy = _start(command, env, logs / "caddy.log")
        url = env["PASO_PUBLIC_URL"]
        for each in workers:
            _wait(partial(_answers, each.url + "/ping"), each.process, each.log)
        _wait(partial(_answers, url + "/ping"), caddy, logs / "caddy.log")
        data = Path(env.get("PASO_DATA_DIR") or ROOT / "data")
        root = data / "caddy" / "pki" / "authorities" / "local" / "root.crt"
        yield Deployment(url, workers, caddy, root)
    finally:
        for process in [each.process for each in workers] + ([caddy] if caddy else []):
            tls.stop(process)


def run(workers: int) -> None:
    """`make scale`: the deployment on PORT, PORT+1, ... until Ctrl-C."""
    if (reason := refusal(os.environ)) is not None:
        raise SystemExit(reason)
    tls.install_caddy()
    first = tls.app_port()
    ports = list(range(first, first + workers))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    logs = get_settings().data_dir / "logs"
    with contextlib.suppress(KeyboardInterrupt), deployment(os.environ, ports, logs) as running:
        print(f"{workers} workers on 127.0.0.1:{first}-{ports[-1]} (logs in {logs})", flush=True)
        tls.print_howto()
        while running.caddy.poll() is None:
            for each in running.workers:
                if each.process.poll() is not None:  # a crashed worker comes back; Caddy waits for it
                    print(f"worker on port {each.port} stopped; starting it again", flush=True)
                    each.process = _start(
                        _worker_command(each.port), tls.behind_proxy(os.environ, each.port), each.log
                    )
            time.sleep(1)  # watching the processes, nothing to synchronise with


def _worker_command(port: int) -> list[str]:
    return [sys.executable, str(SCRIPT), "worker", "--port", str(port)]


def _run(command: list[str], env: Mapping[str, str], log: Path) -> None:
    with log.open("w") as out:
        done = subprocess.run(command, cwd=ROOT, env=dict(env), stdout=out, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(command[1:3])} failed:\n{log.read_text()[-3000:]}")


def _start(command: list[str], env: Mapping[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("a") as out:
        return subprocess.Popen(
            command, cwd=ROOT, env=dict(env), stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def _answers(url: str) -> bool:
    # Readiness only: Caddy's certificate authority may be brand new, not yet trusted here.
    context = ssl.create_default_context()
    context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    try:
        with urllib.request.urlopen(url, timeout=2, context=context) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def _wait(ready: Callable[[], bool], process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while not ready():
        if process.poll() is not None:
            raise RuntimeError(f"{log.name}: the process exited:\n{log.read_text()[-3000:]}")
        if time.monotonic() > deadline:
            raise RuntimeError(f"{log.name}: not ready in {START_SECONDS} s")
        time.sleep(0.5)  # polling a server's readiness


def main() -> None:
    """Parse the command line and run one command."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("command", choices=["run", "prepare", "worker", "proxy"])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int)
    parser.add_argument("--ports", default="")
    args = parser.parse_args()
    if args.command == "run":
        run(args.workers)
    elif args.command == "prepare":
        prepare()
    elif args.command == "worker":
        worker(args.port)
    else:
        proxy([int(port) for port in args.ports.split(",")])


if __name__ == "__main__":
    main()
