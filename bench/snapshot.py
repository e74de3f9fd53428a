"""What the browser downloads to read the directory, at the sample size, 1,000 and 10,000 services.

python -m bench.snapshot [SIZES...]     (default: sample 1000 10000)

The Slow 4G columns add up bytes and one round trip per request, one after another: not what a
phone waits for (parts come several at once, the page hydrates, the CPU is slow): `make
bench-cards` (bench/cards.py) measures that in Chromium.

Synthetic directories are clones of the sample with shuffled texts (so they compress like
real ones), cached in bench/.data/ (the 10,000 one takes a few minutes to build once).
"""

from __future__ import annotations

import atexit
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from bench.snapshot_server import migrated_copy
from rxapp.services import db, sample, snapshot
from rxapp.settings import get_settings

DATA = Path(__file__).resolve().parent / ".data"
# Lighthouse's "Slow 4G": what a first visit on a bad network costs.
LATENCY_S, DOWN_BPS = 0.5625, 188_744


def _engine(size: str) -> Engine:
    DATA.mkdir(exist_ok=True)
    if size == "sample":
        path = DATA / "sample.db"
        if not path.exists():
            bind = db.make_engine(f"sqlite:///{path}")
            SQLModel.metadata.create_all(bind)
            with Session(bind) as session:
                sample.load(session)
        return db.make_engine(f"sqlite:///{path}")
    # A migrated copy: the cache was built by an older schema (no service.revision).
    folder = Path(tempfile.mkdtemp(prefix="paso-snapshot-"))
    atexit.register(shutil.rmtree, folder, True)
    return db.make_engine(f"sqlite:///{migrated_copy(int(size), folder)}")


def _kb(size: int) -> str:
    return f"{size / 1024:,.1f} KB"


def _slow4g(*sizes: int) -> float:
    return sum(LATENCY_S + size / DOWN_BPS for size in sizes)


def report(size: str, locale: str, per_part: int) -> None:
    """Print one directory's snapshot figures."""
    with Session(_engine(size)) as session:
        started = time.perf_counter()
        built = snapshot.build(
            session, locale, timezone="America/Mexico_City", per_part=per_part, since="2026-11-27"
        )
        seconds = time.perf_counter() - started
    cards = [p for n, p in built.parts.items() if n.startswith("cards-")]
    details = [p for n, p in built.parts.items() if n.startswith("detail-")]
    index = len(built.index.gzipped)
    first = len(cards[0].gzipped) if cards else 0
    detail = statistics.median(len(p.gzipped) for p in details)
    everything = index + sum(len(p.gzipped) for p in built.parts.values())
    print(
        f"| {size} | {locale} | {seconds:.1f} s | {_kb(index)} | {len(cards)} x ~{_kb(first)} | "
        f"{_kb(int(detail))} | {_kb(everything)} | {_slow4g(index, first):.1f} s | "
        f"{_slow4g(index, *(len(p.gzipped) for p in cards)):.1f} s | {_slow4g(index, int(detail)):.1f} s |"
    )


def main(sizes: list[str]) -> None:
    """Print the table for each size, in Spanish and Arabic."""
    per_part = get_settings().snapshot_part_size
    print(
        f"snapshot parts of {per_part} cards (PASO_SNAPSHOT_PART_SIZE); gzip bytes; Slow 4G = 562.5 ms + 188,744 B/s"
    )
    print(
        "| services | locale | build | index | card parts | detail part | all (offline) "
        "| list: first cards | list: all cards, one part after another | detail page |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for size in sizes:
        for locale in ("es", "ar"):
            report(size, locale, per_part)


if __name__ == "__main__":
    main(sys.argv[1:] or ["sample", "1000", "10000"])
