"""The cyclic collector's full passes over the search catalog, and what freezing it changes.

python -m bench.gc_pauses [--services N] [--organizations N]

In one process on bench.hsds's synthetic directory (10,000 services by default, built once and
cached): build the search catalog as a worker does, then compile the API's pages by need (each
need, pages 1-5, es and ar, three times: 360 pages) while ``gc.callbacks`` times every
generation-2 collection; once as the collector left it, once with the catalog frozen as
``catalog._settle`` does. Prints each way's page times (p50 / p95 / max) and its full passes
(how many, p50 and max). The served figure is bench.hsds's (the by-need pages' tail).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import statistics
import time
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bench.hsds import directory
from rxapp.services import db
from rxapp.services.hsds import api, ids
from rxapp.services.search import catalog
from rxapp.taxonomy import NEEDS


def _run(session: Session, *, frozen: bool) -> tuple[list[float], list[float]]:
    pauses: list[float] = []
    started: dict[str, float] = {}

    def timed(phase: str, info: dict[str, Any]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            started["at"] = time.perf_counter()
        else:
            pauses.append((time.perf_counter() - started["at"]) * 1000)

    gc.unfreeze()
    gc.collect()
    catalog._built.clear()
    saved, catalog.SETTLE_FROM = catalog.SETTLE_FROM, (0 if frozen else 10**9)
    try:
        catalog.catalog(session)
    finally:
        catalog.SETTLE_FROM = saved
    gc.callbacks.append(timed)
    times = []
    try:
        for _ in range(3):
            for locale in ("es", "ar"):
                where = api.Where(locale, ZoneInfo("America/Mexico_City"), dt.date(2026, 12, 4))
                for need in NEEDS:
                    for page in range(1, 6):
                        begun = time.perf_counter()
                        filters = api.Filters(taxonomy_term_id=ids.term(need.slug))
                        api.services(session, filters=filters, paging=api.Paging(page, 20), where=where)
                        times.append((time.perf_counter() - begun) * 1000)
                        session.expire_all()
    finally:
        gc.callbacks.remove(timed)
        gc.unfreeze()
    return times, pauses


def _figures(values: list[float]) -> str:
    if not values:
        return "none"
    ordered = sorted(values)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return f"p50 {statistics.median(ordered):5.1f} ms  p95 {p95:5.1f} ms  max {ordered[-1]:5.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.gc_pauses")
    parser.add_argument("--services", type=int, default=10_000)
    parser.add_argument("--organizations", type=int, default=2_000)
    args = parser.parse_args()
    print(f"bench.gc_pauses {time.strftime('%Y-%m-%d %H:%M')}: {args.services:,} services, 360 pages by need")
    bind = db.make_engine(f"sqlite:///{directory(args.services, args.organizations)}")
    with Session(bind) as session:
        for frozen in (False, True):
            times, pauses = _run(session, frozen=frozen)
            label = "catalog frozen (catalog._settle)" if frozen else "as the collector leaves it"
            print(f"  {label}")
            print(f"    pages        n={len(times):3d}  {_figures(times)}")
            print(f"    full passes  n={len(pauses):3d}  {_figures(pauses)}")
    bind.dispose()


if __name__ == "__main__":
    main()
