"""A synthetic directory of any size, cloned from the sample (benchmarks and scale tests).

python -m bench.synthetic SERVICES DB_PATH   -> a migrated SQLite file holding that many services
"""

from __future__ import annotations

import copy
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlmodel import Session

from rxapp.services import db, sample

VERSION = 2  # bump when the generated data changes (cached databases are rebuilt)
CACHE = Path(__file__).resolve().parent / ".data"
SHUFFLED = ("description", "eligibility", "application_process")


def _shuffled(text: str | None, rng: random.Random) -> str | None:
    if not text:
        return text
    words = text.split()
    rng.shuffle(words)
    return " ".join(words)


def scaled(services: int) -> dict[str, Any]:
    """The sample file's organisations repeated (with numbered names and slugs) up to ``services``."""
    base = json.loads(sample.SAMPLE_FILE.read_text(encoding="utf-8"))["organizations"]
    organizations: list[dict[str, Any]] = []
    rng = random.Random(services)
    made, copy_no = 0, 0
    while made < services:
        copy_no += 1
        for org in base:
            if made >= services:
                break
            clone = copy.deepcopy(org)
            clone["slug"] = f"{org['slug']}-{copy_no}"
            clone["services"] = clone["services"][: services - made]
            for svc in clone["services"]:
                svc["slug"] = f"{svc['slug']}-{copy_no}"
                svc["name"] = {k: f"{v} {copy_no}" for k, v in svc["name"].items()}
                for field in SHUFFLED:  # copies that differ compress like real texts
                    if svc.get(field):
                        svc[field] = {k: _shuffled(v, rng) for k, v in svc[field].items()}
            made += len(clone["services"])
            organizations.append(clone)
    return {"organizations": organizations}


def build(services: int, path: Path) -> float:
    """Create a migrated SQLite database at ``path`` with ``services`` services; returns seconds."""
    from rxapp.cli import migrate

    started = time.perf_counter()
    bind = db.make_engine(f"sqlite:///{path}")
    migrate(bind)
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as handle:
        json.dump(scaled(services), handle, ensure_ascii=False)
    with Session(bind) as session:
        sample.load(session, Path(handle.name))
    Path(handle.name).unlink()
    bind.dispose()  # closing writes the WAL into the file, which is then renamed without it
    return time.perf_counter() - started


def cached(services: int) -> Path:
    """A migrated database of ``services`` services in bench/.data/, built once and kept."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"synthetic-{services}-{VERSION}.db"
    if not path.exists():
        print(f"building a {services}-service directory once (cached in {path.name}) ...", flush=True)
        partial = path.with_suffix(".partial")
        partial.unlink(missing_ok=True)
        print(f"  built in {build(services, partial):.0f} s", flush=True)
        partial.rename(path)
    else:  # built by older code: brought to the newest schema (a new column, e.g. service.revision)
        from rxapp.cli import migrate

        bind = db.make_engine(f"sqlite:///{path}")
        migrate(bind)
        bind.dispose()
    return path


if __name__ == "__main__":
    count, target = int(sys.argv[1]), Path(sys.argv[2])
    print(f"{count} services in {target}: {build(count, target):.1f} s")
