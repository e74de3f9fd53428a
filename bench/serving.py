"""Requests per second the app serves for reading, beside Caddy serving the same bytes as static
files on the same machine, in the same run (issue 17: reading >= 0.8x Caddy's static rate).

    python -m bench.serving [--runs N] [--seconds S] [--connections C]     (make bench-serving)

It serves Paso in production on the sample directory (one Granian worker, as `make run`), and
Caddy on another port with `file_server` over the same files: the snapshot folder the app writes
(`<PASO_DATA_DIR>/snapshots`, as `make tls` serves the parts) and, for the index and the home
page, copies of what the app answered. wrk (Debian's package; `make load-tools`) loads each URL
for S seconds with C connections asking for gzip, the app and Caddy alternating, N rounds; the
figure is the median requests/s, and the ratio is the app's to Caddy's for the same body.

On 2 cores wrk takes one of them, so both servers have the other; a busy machine moves both.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from tests.serve import ROOT, answers, free_port, paso_env, serve

INDEX = "/api/directory/es/index.json"
HOME = "/es/"


def fetch(url: str) -> bytes:
    """The body at ``url``, uncompressed (Caddy's gzip and the app's differ by their headers)."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return bytes(response.read())


def caddyfile(port: int, root: Path) -> str:
    return f"""{{
	admin off
	auto_https off
}}

http://127.0.0.1:{port} {{
	root * {root}
	file_server {{
		precompressed gzip
	}}
}}
"""


def wrk(url: str, seconds: int, connections: int) -> float:
    """Requests per second wrk reaches on ``url``; any non-2xx answer is an error."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-H", "Accept-Encoding: gzip", url]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in out or "Socket errors" in out:
        raise RuntimeError(f"wrk saw errors on {url}:\n{out}")
    match = re.search(r"Requests/sec:\s+([0-9.]+)", out)
    if match is None:
        raise RuntimeError(f"no rate in wrk's output:\n{out}")
    return float(match.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    if shutil.which("wrk") is None or shutil.which("caddy") is None:
        sys.exit("wrk and caddy are needed: make load-tools tls-tools")
    out_dir = ROOT / "bench" / "out"
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="paso-serving-") as tmp:
        data = Path(tmp)
        port = free_port()
        env = paso_env(port, data)
        subprocess.run([sys.executable, "-m", "rxapp.cli", "setup"], cwd=ROOT, env=env, check=True)
        with serve(ROOT, port, env, out_dir / "serving-app.log", probe="/es") as app:
            index = json.loads(fetch(app + INDEX))
            part = f"/api/directory/es/{index['cards'][0]}.json"
            fetch(app + part)  # the app writes the part's files on its first request
            static = data / "static"
            (static / "api" / "directory").mkdir(parents=True)
            (static / "api" / "directory" / "es").symlink_to(data / "snapshots" / "es")
            (static / "index.json").write_bytes(fetch(app + INDEX))
            (static / "home.html").write_bytes(fetch(app + HOME))
            subprocess.run(["gzip", "-k9", str(static / "index.json"), str(static / "home.html")], check=True)
            caddy_port = free_port()
            (data / "Caddyfile").write_text(caddyfile(caddy_port, static))
            caddy = subprocess.Popen(
                ["caddy", "run", "--adapter", "caddyfile", "--config", str(data / "Caddyfile")],
                env={"PATH": "/usr/bin:/bin", "HOME": tmp, "XDG_DATA_HOME": tmp, "XDG_CONFIG_HOME": tmp},
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                caddy_url = f"http://127.0.0.1:{caddy_port}"
                deadline = time.monotonic() + 30
                while not answers(caddy_url + "/index.json"):
                    if time.monotonic() > deadline:
                        raise RuntimeError("Caddy did not start")
                    time.sleep(0.2)
                pairs = {
                    "index.json (revalidated each visit)": (app + INDEX, caddy_url + "/index.json"),
                    "a card part (immutable)": (app + part, caddy_url + part),
                    "the home page (prerendered HTML)": (app + HOME, caddy_url + "/home.html"),
                }
                for name, (ours, theirs) in pairs.items():
                    if fetch(ours) != fetch(theirs):
                        raise RuntimeError(f"{name}: the app and Caddy serve different bodies")
                rates: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name in pairs}
                for run in range(args.runs):
                    for name, (ours, theirs) in pairs.items():
                        rates[name][0].append(wrk(ours, args.seconds, args.connections))
                        rates[name][1].append(wrk(theirs, args.seconds, args.connections))
                    print(f"run {run + 1} of {args.runs} done", file=sys.stderr)
            finally:
                caddy.terminate()
                caddy.wait(timeout=10)
    print(
        f"\nRequests/s, median of {args.runs} runs of {args.seconds} s, {args.connections} connections, gzip"
    )
    print(f"{'what':<38} {'the app':>10} {'Caddy, static':>14} {'ratio':>7}   every run (app / Caddy)")
    for name, (ours_rates, theirs_rates) in rates.items():
        ours_median, theirs_median = statistics.median(ours_rates), statistics.median(theirs_rates)
        runs = ", ".join(f"{a:.0f}/{b:.0f}" for a, b in zip(ours_rates, theirs_rates, strict=True))
        print(
            f"{name:<38} {ours_median:>10.0f} {theirs_median:>14.0f} {ours_median / theirs_median:>7.2f}   {runs}"
        )


if __name__ == "__main__":
    main()
