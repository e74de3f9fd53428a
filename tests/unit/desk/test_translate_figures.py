"""The translator's desk figures: reviewed and drafted texts counted apart (issue 14, item 14:
the page said 100 % with a full bar while every text was an unreviewed draft)."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp import models as m
from rxapp.desk.translate import share_words
from rxapp.i18n.catalogs import Translator
from rxapp.services import content
from rxapp.services.content_files import completeness, shares


@pytest.mark.parametrize(
    ("reviewed", "drafted", "total", "expected"),
    [
        (62, 38, 100, (62, 38)),
        (0, 10, 10, (0, 100)),  # every text a draft: nothing reviewed
        (10, 0, 10, (100, 0)),
        (2, 1, 3, (66, 34)),  # rounded down; together the up-to-date share (100)
        (1, 1, 3, (33, 33)),  # together never more than the up-to-date share (66)
        (199, 0, 200, (99, 0)),  # 100 only when every text is reviewed
        (0, 0, 4, (0, 0)),  # all missing or outdated
        (0, 0, 0, (100, 0)),  # nothing to translate
    ],
)
def test_reviewed_and_drafted_shares(
    reviewed: int, drafted: int, total: int, expected: tuple[int, int]
) -> None:
    got = shares(reviewed=reviewed, drafted=drafted, total=total)
    assert (got["reviewed_percent"], got["drafted_percent"]) == expected


def test_the_sample_drafts_are_not_counted_as_reviewed(sample_copy: Engine) -> None:
    """Bug: the sample's translations are all unreviewed drafts, yet the page said 100 %."""
    with Session(sample_copy) as session:
        before = completeness(session=session, locales=["es", "ar"])["ar"]
        assert before["total"] > 0 and before["up_to_date"] == before["total"]
        assert (before["reviewed"], before["drafted"]) == (0, before["up_to_date"])
        assert (before["reviewed_percent"], before["drafted_percent"]) == (0, 100)
        # A native speaker reviews one Arabic text: it moves from drafted to reviewed.
        row = session.exec(
            select(m.Translation).where(m.Translation.locale == "ar", m.Translation.unreviewed)
        ).first()
        assert row is not None
        model = {kind: table for table, kind in m.RECORD_TYPES.items()}[m.RecordType(row.record_type)]
        record = session.get(model, row.record_id)
        assert record is not None
        content.set_translation(
            session=session,
            record=record,
            field=row.field,
            locale="ar",
            text=row.text + " ",
            unreviewed=False,
        )
        session.commit()
        after = completeness(session=session, locales=["ar"])["ar"]
    assert (after["reviewed"], after["drafted"]) == (1, before["drafted"] - 1)
    assert after["reviewed_percent"] + after["drafted_percent"] <= 100


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("es", {"reviewed": "62 %", "drafted": "38 %", "rest": "0 %"}),
        ("ar", {"reviewed": "62%", "drafted": "38%", "rest": "0%"}),  # Babel's Arabic: Latin digits
    ],
)
def test_the_shares_are_words_in_the_desks_language(locale: str, expected: dict[str, str]) -> None:
    _ = Translator(locale)
    words = share_words({"reviewed_percent": 62, "drafted_percent": 38}, _)
    for key, number in expected.items():
        assert number in words[key].replace("\u00a0", " ").replace("\u200f", "").replace("\u061c", "")
    assert words["reviewed"] != words["drafted"]


@pytest.mark.parametrize("locale", ["es", "fr", "ht", "pt", "ar"])
def test_the_shares_are_translated(locale: str) -> None:
    english = share_words({"reviewed_percent": 62, "drafted_percent": 38}, Translator("en"))
    shown = share_words({"reviewed_percent": 62, "drafted_percent": 38}, Translator(locale))
    assert all(shown[key] != english[key] for key in english)
