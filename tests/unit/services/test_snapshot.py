"""The directory snapshot: a small index and parts, so no page waits for the whole directory."""

from __future__ import annotations

import json
import threading
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from rxapp import models as m
from rxapp.services import content, directory, snapshot, text

SINCE = "2026-11-27"


def _build(session: Session, locale: str = "es", per_part: int = 8) -> snapshot.Snapshot:
    return snapshot.build(session, locale, timezone="America/Mexico_City", per_part=per_part, since=SINCE)


def _doc(part: snapshot.Part) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(part.body)
    return doc


def test_cards_come_in_parts_in_name_order(session: Session) -> None:
    built = _build(session)
    index = _doc(built.index)
    assert index["total"] == 35  # 35 public of 36
    sizes = [len(_doc(built.parts[name])["cards"]) for name in index["cards"]]
    assert sizes[0] == 8  # what a list shows at once
    assert all(2 <= size <= 16 for size in sizes[1:-1])  # then about 8 a part, cut by content
    cards = [c for name in index["cards"] for c in _doc(built.parts[name])["cards"]]
    expected = [s.slug for s in directory.public_services(session=session, locale="es")]
    assert sorted(c["slug"] for c in cards) == sorted(expected)
    names = [text.normalize(c["name"]) for c in cards]
    assert names == sorted(names)


def test_every_service_is_in_the_detail_part_its_slug_names(session: Session) -> None:
    built = _build(session)
    index = _doc(built.index)
    for service in directory.public_services(session=session, locale="es"):
        name = index["details"][snapshot.bucket(service.slug, len(index["details"]))]
        slugs = [s["slug"] for s in _doc(built.parts[name])["services"]]
        assert service.slug in slugs


def test_index_counts_match_the_database(session: Session) -> None:
    assert _doc(_build(session).index)["counts"] == directory.need_counts(session=session)


def test_cards_are_light_and_carry_what_a_list_needs(session: Session) -> None:
    built = _build(session, per_part=100)
    index = _doc(built.index)
    card = _doc(built.parts[index["cards"][0]])["cards"][0]
    assert {"slug", "name", "needs", "geo", "slots", "exceptions", "status"} <= set(card)
    assert "description" not in card and "week" not in card and "search" not in card and "k" not in card
    # The search keys are beside the cards, part for part and card for card (the search page's).
    assert len(index["keys"]) == len(index["cards"])
    for cards_name, keys_name in zip(index["cards"], index["keys"], strict=True):
        assert len(_doc(built.parts[keys_name])["keys"]) == len(_doc(built.parts[cards_name])["cards"])
    keys = " ".join(_doc(built.parts[index["keys"][0]])["keys"][0]).split()
    assert keys and len(keys) == len(set(keys))  # each key once, in its best tier
    assert all(row[0] >= SINCE for row in card["exceptions"])  # past exceptions are dropped


def test_an_edit_renames_only_the_parts_it_changes(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        before = _build(session)
        service = session.exec(select(m.Service).order_by(col(m.Service.id))).first()
        assert service is not None
        content.set_source_texts(service, {"description": "Otra descripción"})
        content.bump_revision(session)
        session.commit()
        after = _build(session)
    assert after.revision == before.revision + 1
    changed = set(after.parts) - set(before.parts)
    assert len(changed) == 1 and next(iter(changed)).startswith("detail-")
    assert after.index.etag != before.index.etag


def test_same_data_same_names(session: Session) -> None:
    assert set(_build(session).parts) == set(_build(session).parts)


def test_parts_follow_the_locale(session: Session) -> None:
    spanish, arabic = _build(session, "es"), _build(session, "ar")
    first = _doc(arabic.parts[_doc(arabic.index)["cards"][0]])["cards"][0]
    assert _doc(arabic.index)["locale"] == "ar"
    assert set(spanish.parts).isdisjoint(arabic.parts)
    local = _doc(arabic.parts[_doc(arabic.index)["words"]])["local"]
    assert "محامي" in local["legal"].split()  # the reader's own words for a need
    assert any("\u0600" <= ch <= "\u06ff" for ch in first["name"] + first["organization"])


def test_readers_get_the_previous_snapshot_while_a_new_one_is_built(sample_copy: Engine) -> None:
    cache = snapshot.SnapshotCache(sample_copy, "America/Mexico_City", 8, lambda: SINCE)
    first = cache.get("es")
    assert cache.get("es") is first  # same revision: no rebuild
    started, release = _held_updates(cache)
    _edit(sample_copy)
    assert cache.get("es") is first  # served at once while the rebuild runs
    assert started.wait(10)
    release.set()
    for _ in range(100):
        if cache.get("es").revision == first.revision + 1:
            break
        threading.Event().wait(0.05)  # polling the background thread, bounded
    assert cache.get("es").revision == first.revision + 1


def test_a_reader_waits_briefly_for_the_update_an_edit_starts(sample_copy: Engine) -> None:
    """The first reader after an edit gets the new snapshot when its update ends within the
    wait (an alert posted is on the very next page load), and the previous one after it."""
    cache = snapshot.SnapshotCache(sample_copy, "America/Mexico_City", 8, lambda: SINCE, wait=5.0)
    first = cache.get("es")
    _edit(sample_copy)
    assert cache.get("es").revision == first.revision + 1  # waited: no stale answer
    short = snapshot.SnapshotCache(sample_copy, "America/Mexico_City", 8, lambda: SINCE, wait=0.05)
    second = short.get("es")
    _, release = _held_updates(short)
    _edit(sample_copy)
    assert short.get("es") is second  # the update outlasts the wait: the previous one
    release.set()


def _edit(engine: Engine) -> None:
    with Session(engine) as session:
        content.bump_revision(session)
        session.commit()


def _held_updates(cache: snapshot.SnapshotCache) -> tuple[threading.Event, threading.Event]:
    """Make the cache's updates wait for the second event; the first is set when one starts."""
    started, release = threading.Event(), threading.Event()
    real_update = cache.update

    def held(locale: str) -> snapshot.Snapshot:
        started.set()
        release.wait(10)
        return real_update(locale)

    cache.update = held  # type: ignore[method-assign]
    return started, release
