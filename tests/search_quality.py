"""The query set (tests/fixtures/search_queries.json) against a directory's snapshot: for each
locale, the share of queries with a right service in the first three results. Scored by
tests/unit/search/test_search_queries.py; `python -m bench.search_quality` prints the figures."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlmodel import Session

from rxapp.services import snapshot
from rxapp.services.search.online import OnlineSearch

QUERIES = Path(__file__).resolve().parent / "fixtures" / "search_queries.json"
# A fixed moment (a Tuesday, 11:00 at the centre), so "open now first" ranks alike every run.
NOW = dt.datetime(2026, 12, 1, 11, 0)
TOP = 3


@dataclass
class Score:
    """One locale's result."""

    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        """Right answers in the first three, as a fraction."""
        return self.right / self.total if self.total else 0.0


def queries() -> dict[str, list[tuple[str, list[str]]]]:
    """The query set per locale: (query, needs a right answer serves)."""
    data: dict[str, Any] = json.loads(QUERIES.read_text(encoding="utf-8"))
    return {
        locale: [(q, needs) for q, needs in rows]
        for locale, rows in data.items()
        if not locale.startswith("_")
    }


def online(session: Session, locale: str = "es") -> OnlineSearch:
    """The server's search over one locale's snapshot of the directory in ``session``."""
    built = snapshot.build(session, locale, timezone="America/Mexico_City", per_part=250, since="2026-11-30")
    return OnlineSearch(json.loads(built.index.body), lambda name: built.parts[name].body)


def score(session: Session) -> dict[str, Score]:
    """Each locale's share of queries answered right in the first three, on its own pages."""
    scores: dict[str, Score] = {}
    for locale, rows in queries().items():
        search = online(session, locale)
        result = scores.setdefault(locale, Score())
        for query, needs in rows:
            top = search.search(query, NOW, TOP)["cards"]
            result.total += 1
            if any(set(card["needs"]) & set(needs) for card in top):
                result.right += 1
            else:
                result.misses.append(
                    f"{locale} {query!r} (wants {', '.join(needs)}): {[c['slug'] for c in top]}"
                )
    return scores


def table(scores: dict[str, Score]) -> str:
    """The figures as a Markdown table."""
    lines = ["| locale | queries | right in the first 3 |", "|---|---|---|"]
    lines += [f"| {loc} | {s.total} | {s.right} ({100 * s.share:.0f} %) |" for loc, s in scores.items()]
    return "\n".join(lines)
