"""The query set: how people ask, in six languages, answered right in the first three."""

from __future__ import annotations

from sqlmodel import Session

from tests import search_quality

TARGET = 0.95


def test_every_locale_has_at_least_25_queries() -> None:
    assert {loc: len(rows) >= 25 for loc, rows in search_quality.queries().items()} == dict.fromkeys(
        ("es", "en", "fr", "ht", "pt", "ar"), True
    )


def test_a_right_service_is_in_the_first_three_for_95_percent_in_every_locale(session: Session) -> None:
    scores = search_quality.score(session)
    report = search_quality.table(scores) + "\n" + "\n".join(m for s in scores.values() for m in s.misses)
    assert all(s.share >= TARGET for s in scores.values()), report
