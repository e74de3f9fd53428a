"""The query set's figures on the sample directory, per locale, and the misses.

python -m bench.search_quality
"""

from __future__ import annotations

import tempfile

from sqlmodel import Session, SQLModel

from rxapp.services import db, sample
from tests.search_quality import score, table


def main() -> None:
    """Score the sample directory."""
    with tempfile.TemporaryDirectory() as folder:
        engine = db.make_engine(f"sqlite:///{folder}/sample.db")
        SQLModel.metadata.create_all(engine)
        with Session(engine) as session:
            sample.load(session)
            scores = score(session)
        engine.dispose()
    print(table(scores))
    for s in scores.values():
        for miss in s.misses:
            print("miss:", miss)


if __name__ == "__main__":
    main()
