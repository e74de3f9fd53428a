"""HSDS 3.0 in and out at 10,000 services (issue 20): export, import, their memory, and the read API.

python -m bench.hsds [--services N] [--organizations N] [--requests N]     (or `make bench-hsds`)

Budgets (issue 20), on this machine's 2 cores: 10,000 services across 2,000 organizations with
six locales of text: import < 60 s, export < 30 s, peak memory < 500 MB, API p95 < 50 ms for a
filtered page of 20.

1. **The directory**: N services (default 10,000) across M organizations (default 2,000), each
   organization a numbered copy of one of the sample's with its place, each service a numbered
   copy of one of the sample's 36 (texts in es, en, fr, ht, pt and ar, shuffled so copies differ),
   built once through ``sample.load`` and cached in bench/.data/.
2. **Export**: ``python -m rxapp.cli hsds-export DIR --locale es`` in its own process on a copy of
   that database: wall time and the process's peak resident memory (``wait4``'s ru_maxrss), the
   files' sizes, then the same for ``--locale ar``.
3. **Import**: ``python -m rxapp.cli hsds-import DIR --locale es`` of that export into an empty
   migrated database (every record created), in its own process: wall time, peak memory; then
   the Arabic export imported on top (the texts as translations into ar); then the Spanish one
   again (all matched, nothing written: the re-import's cost). Each import's counts.
4. **The read API** on Paso served in production (``tests/serve.py``: ``reflex run --env prod``,
   one worker) over the synthetic database, warmed by six pages of 1 after its start (the search
   catalog, compiled statements, each locale: their times shown, not counted): filtered pages
   of 20 from a client with a keep-alive connection on loopback, each URL asked once (the worker's answer cache cold: what a partner's
   first poll costs) - by need (``taxonomy_term_id``, pages 1-5, es and ar), by need and
   ``modified_after``, by ``search`` - then the same URLs again (answers kept: a repeat or a
   partner polling) and with ``If-None-Match`` (304). p50 / p95 / max beside the budget.
"""

from __future__ import annotations

import argparse
import copy
import http.client
import itertools
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from sqlmodel import Session

from bench.synthetic import CACHE, SHUFFLED, _shuffled
from rxapp.services import db, sample
from rxapp.services.hsds import ids
from tests.serve import ROOT, base_env, serve_paso

VERSION = 2  # bump when the generated data changes (cached databases are rebuilt)
BUDGET = {"import": 60.0, "export": 30.0, "memory": 500.0, "p95": 50.0}


def grouped(services: int, organizations: int) -> dict[str, Any]:
    """The sample's organizations and services copied to ``services`` across ``organizations``."""
    base = json.loads(sample.SAMPLE_FILE.read_text(encoding="utf-8"))["organizations"]
    pool = [svc for org in base for svc in org["services"]]
    rng = random.Random(services * 7 + organizations)
    made: list[dict[str, Any]] = []
    per, extra = divmod(services, organizations)
    taken = 0
    for number in range(organizations):
        org = copy.deepcopy(base[number % len(base)])
        org["slug"] = f"{org['slug'][:60]}-{number}"
        org["name"] = {k: f"{v} {number}" for k, v in org["name"].items()}
        count = per + (1 if number < extra else 0)
        org["services"] = []
        for _ in range(count):
            svc = copy.deepcopy(pool[taken % len(pool)])
            svc["slug"] = f"{svc['slug'][:60]}-{taken}"
            svc["name"] = {k: f"{v} {taken}" for k, v in svc["name"].items()}
            for field in SHUFFLED:
                if svc.get(field):
                    svc[field] = {k: _shuffled(v, rng) for k, v in svc[field].items()}
            org["services"].append(svc)
            taken += 1
        made.append(org)
    return {"organizations": made}


def directory(services: int, organizations: int) -> Path:
    """A migrated SQLite database with that directory, built once and kept in bench/.data/."""
    from rxapp.cli import migrate

    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"hsds-{services}-{organizations}-{VERSION}.db"
    if path.exists():
        bind = db.make_engine(f"sqlite:///{path}")
        migrate(bind)  # built by older code: brought to the newest schema
        bind.dispose()
        return path
    print(f"building {services:,} services across {organizations:,} organizations once ({path.name}) ...")
    started = time.perf_counter()
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    bind = db.make_engine(f"sqlite:///{partial}")
    migrate(bind)
    source = partial.with_suffix(".json")
    source.write_text(json.dumps(grouped(services, organizations), ensure_ascii=False), encoding="utf-8")
    with Session(bind) as session:
        sample.load(session, source)
    source.unlink()
    bind.dispose()
    partial.rename(path)
    print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)
    return path


def _cli(database: Path, *argv: str) -> tuple[float, float, str]:
    """Run ``python -m rxapp.cli ARGV`` on ``database``: seconds, peak MB, its stdout."""
    env = dict(base_env(), REFLEX_DB_URL=f"sqlite:///{database}", PASO_DATA_DIR=str(database.parent))
    env.pop("PASO_DEFAULT_LOCALE", None)
    env.pop("PASO_LOCALES", None)
    with tempfile.TemporaryFile("w+") as out:
        started = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-m", "rxapp.cli", *argv],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.DEVNULL,
        )
        _, status, usage = os.wait4(child.pid, 0)
        took = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        printed = out.read()
    if child.returncode:
        raise RuntimeError(f"rxapp.cli {' '.join(argv)} failed ({child.returncode}):\n{printed}")
    return took, usage.ru_maxrss / 1024, printed  # ru_maxrss is in KiB on Linux


def _size(folder: Path) -> str:
    return ", ".join(f"{p.name} {p.stat().st_size / 1e6:.1f} MB" for p in sorted(folder.glob("*.json")))


def _verdict(value: float, budget: float) -> str:
    return f"(budget < {budget:g}: {'ok' if value < budget else 'OVER'})"


def _export_import(database: Path, work: Path) -> None:
    source = work / "source.db"
    shutil.copyfile(database, source)
    exported: dict[str, Path] = {}
    print("\nexport (python -m rxapp.cli hsds-export DIR --locale L, its own process)")
    for locale in ("es", "ar"):
        folder = work / f"export-{locale}"
        took, peak, _ = _cli(source, "hsds-export", str(folder), "--locale", locale)
        exported[locale] = folder
        print(
            f"  {locale}: {took:6.1f} s {_verdict(took, BUDGET['export'])}   peak {peak:4.0f} MB "
            f"{_verdict(peak, BUDGET['memory'])}   {_size(folder)}"
        )
    empty = work / "empty.db"
    bind = db.make_engine(f"sqlite:///{empty}")
    from rxapp.cli import migrate

    migrate(bind)
    bind.dispose()
    print("\nimport (python -m rxapp.cli hsds-import DIR --locale L into an empty database, its own process)")
    steps = [
        ("es, into the empty database", "es", True),
        ("ar on top (texts as translations)", "ar", True),
        ("es again (all matched, nothing to write)", "es", False),
    ]
    for label, locale, budgeted in steps:
        took, peak, printed = _cli(empty, "hsds-import", str(exported[locale]), "--locale", locale)
        counts = [line.strip() for line in printed.splitlines() if line.strip()][:3]
        verdict = f"{_verdict(took, BUDGET['import'])}" if budgeted else "(no budget)"
        print(f"  {label}: {took:6.1f} s {verdict}   peak {peak:4.0f} MB {_verdict(peak, BUDGET['memory'])}")
        print("      " + "; ".join(counts))


def _urls(requests: int) -> list[list[str]]:
    """Distinct filtered pages of 20, a third of each kind: by need (pages 1-5), need +
    modified_after, search (as many as there are: 10 words x 2 locales x 2 pages)."""
    from rxapp.taxonomy import NEEDS

    rng = random.Random(20)
    words = [
        "comida",
        "albergue",
        "médico",
        "abogado",
        "refugio",
        "ropa",
        "hospital",
        "asilo",
        "طعام",
        "niños",
    ]
    base = {"per_page": 20}
    kinds: list[list[dict[str, Any]]] = [
        [base | {"locale": lo, "taxonomy_term_id": ids.term(n.slug), "page": p}
         for n in NEEDS for lo in ("es", "ar") for p in range(1, 6)],
        [base | {"locale": lo, "taxonomy_term_id": ids.term(n.slug), "modified_after": f"2020-01-{d:02d}T00:00:00Z"}
         for n in NEEDS for lo in ("es", "ar") for d in range(1, 29)],
        [base | {"locale": lo, "search": w, "page": p} for w in words for lo in ("es", "ar") for p in (1, 2)],
    ]  # fmt: skip
    chosen = []
    for queries in kinds:
        rng.shuffle(queries)
        chosen.append(["/api/hsds/services?" + urlencode(q) for q in queries[: requests // 3]])
    return chosen


def _timed(
    base: str, urls: list[str], etags: dict[str, str] | None = None
) -> tuple[list[float], dict[str, str]]:
    parts = urlsplit(base)
    connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=30)
    times: list[float] = []
    seen: dict[str, str] = {}
    for url in urls:
        headers = {"If-None-Match": etags[url]} if etags else {}
        started = time.perf_counter()
        connection.request("GET", url, headers=headers)
        response = connection.getresponse()
        body = response.read()
        times.append((time.perf_counter() - started) * 1000)
        expected = 304 if etags else 200
        if response.status != expected:
            raise RuntimeError(f"{url}: {response.status} (expected {expected}) {body[:300]!r}")
        if not etags:
            answer = json.loads(body)
            if answer["size"] > 20:
                raise RuntimeError(f"{url}: {answer['size']} items on a page of 20")
        seen[url] = response.getheader("ETag") or ""
    connection.close()
    return times, seen


def _line(label: str, times: list[float], budget: float | None) -> str:
    ordered = sorted(times)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    verdict = _verdict(p95, budget) if budget else ""
    return (
        f"  {label:<44} n={len(times):4d}  p50 {statistics.median(ordered):6.1f} ms  "
        f"p95 {p95:6.1f} ms {verdict}  max {ordered[-1]:6.1f} ms"
    )


def _api(database: Path, requests: int, work: Path) -> None:
    print(
        "\nread API (Paso in production, one worker; a keep-alive client on loopback; filtered pages of 20)"
    )
    print("  building and starting the server ...", flush=True)
    kinds = _urls(requests)
    urls = [url for asked in itertools.zip_longest(*kinds) for url in asked if url]  # the kinds in turn
    # A worker's first requests load what it keeps for all the others (the search catalog,
    # SQLAlchemy's compiled statements, each locale's texts): asked first and shown apart, so the
    # 240 are what a partner meets on a server that has been up.
    term = ids.term("food")
    warm = [
        f"/api/hsds/services?{urlencode({'per_page': 1, 'locale': locale, **extra})}"
        for locale in ("es", "ar")
        for extra in (
            {},
            {"search": "pan"},
            {"taxonomy_term_id": term, "modified_after": "2019-01-01T00:00:00Z"},
        )
    ]
    with serve_paso(work / "server.log", database) as base:
        warming, _ = _timed(base, warm)
        first, etags = _timed(base, urls)
        again, _ = _timed(base, urls)
        revalidated, _ = _timed(base, urls, etags)
    print(
        f"  warming the worker after its start (pages of 1, not counted): {', '.join(f'{t:.0f}' for t in warming)} ms"
    )
    print(_line("first ask of each URL (answer cache cold)", first, BUDGET["p95"]))
    took = dict(zip(urls, first, strict=True))
    labels = ("  of which by need, page 1-5", "  of which need + modified_after", "  of which search")
    for asked, label in zip(kinds, labels, strict=True):
        print(_line(label, [took[url] for url in asked], None))
    # A worker keeps a search's ranking (api._ranked): a word's other page or locale reuses it.
    words: dict[str, float] = {}
    for url in urls:
        word = parse_qs(urlsplit(url).query).get("search", [""])[0]
        if word and word not in words:
            words[word] = took[url]
    print(_line("    search, each word's first ask", list(words.values()), None))
    print(_line("the same URLs again (answers kept)", again, None))
    print(_line("If-None-Match (304)", revalidated, None))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.hsds")
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--organizations", type=int, default=2_000)
    parser.add_argument("--requests", type=int, default=300, help="distinct API URLs asked")
    parser.add_argument("--skip-api", action="store_true", help="export and import only")
    parser.add_argument("--skip-files", action="store_true", help="the API only")
    args = parser.parse_args()
    print(
        f"bench.hsds {time.strftime('%Y-%m-%d')}: {args.services:,} services across "
        f"{args.organizations:,} organizations, texts in six locales; {os.cpu_count()} cores"
    )
    database = directory(args.services, args.organizations)
    with tempfile.TemporaryDirectory(prefix="paso-hsds-") as tmp:
        if not args.skip_files:
            _export_import(database, Path(tmp))
        if not args.skip_api:
            _api(database, args.requests, Path(tmp))


if __name__ == "__main__":
    main()
