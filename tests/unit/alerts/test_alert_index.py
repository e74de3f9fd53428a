"""Alerts in each locale's index.json: the contract the public pages read, its weight, and how
fast a posted alert gets there (through ``SnapshotCache``, without a full rebuild)."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp.services import alerts, snapshot
from rxapp.services.snapshot import contents
from tests.data.alerts import COORDINATOR, DINER, NOW, SHELTER, directory, message, post
from tests.data.snapshots import cache, changed, doc

KEYS = ["id", "urgency", "kind", "title", "text", "lang", "starts", "ends", "services", "posted"]
TODAY = ["2026-12-01"]  # the cache's day: yesterday's date at the centre (NOW is 2 December)


@pytest.fixture
def db(empty_engine: Engine) -> Engine:
    with Session(empty_engine) as session:
        directory(session)
    return empty_engine


def _alerts(engine: Engine, locale: str = "es", since: list[str] | None = None) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = doc(cache(engine, None, since or list(TODAY)).update(locale).index)[
        "alerts"
    ]
    return found


def test_the_index_holds_alerts_as_the_contract_says(db: Engine) -> None:
    with Session(db) as session:
        first = post(session, **message(services=[DINER, SHELTER])).public_id
        second = post(
            session, NOW + dt.timedelta(minutes=2), kind="full_tonight", services=[SHELTER]
        ).public_id
    found = _alerts(db)
    assert [a["id"] for a in found] == [second, first]  # newest first
    assert [list(a) for a in found] == [KEYS, KEYS]
    assert found[1] == {
        "id": first,
        "urgency": "urgent",
        "kind": "message",
        "title": "Cierre del albergue",
        "text": "El albergue cierra a las 18:00 por fumigación.",
        "lang": "es",
        "starts": "2026-12-02T20:00:00Z",
        "ends": "2026-12-04T02:00:00Z",
        "services": [SHELTER, DINER],
        "posted": "2026-12-02T20:00:00Z",
    }
    assert found[0]["title"].startswith("Albergue nocturno") and found[0]["text"] == ""
    assert found[0]["services"] == [SHELTER] and found[0]["kind"] == "full_tonight"


def test_no_alerts_cost_an_empty_list(db: Engine) -> None:
    index = doc(cache(db, None, list(TODAY)).update("es").index)
    assert index["alerts"] == [] and index["format"] == snapshot.FORMAT


def test_a_whole_centre_alert_names_no_service(db: Engine) -> None:
    with Session(db) as session:
        post(session, **message())
    assert _alerts(db)[0]["services"] == []


def test_a_withdrawn_alert_ends_when_it_was_withdrawn(db: Engine) -> None:
    with Session(db) as session:
        alert = post(session, **message())
        at = NOW + dt.timedelta(hours=1)
        alerts.withdraw(session=session, public_id=alert.public_id, actor=COORDINATOR, now=at)
    assert _alerts(db)[0]["ends"] == "2026-12-02T21:00:00Z"


def test_an_alert_withdrawn_before_it_started_is_not_news(db: Engine) -> None:
    with Session(db) as session:
        alert = post(session, **message(starts_at="2026-12-03T08:00"))
        alerts.withdraw(session=session, public_id=alert.public_id, actor=COORDINATOR, now=NOW)
    assert _alerts(db) == []


TEN = [
    message(),
    message(title="Sin agua potable", text="Hoy no hay agua en el comedor; traigan botella.", urgency="info"),
    {"kind": "full_tonight", "services": [SHELTER]},
    {"kind": "closed_today", "services": [DINER]},
    {"kind": "office_closed", "office": "COMAR", "date": "2026-12-07"},
    {"kind": "vaccination", "date": "2026-12-05", "place": "la parroquia de San Pedro"},
    {"kind": "scam", "text": "personas que cobran por citas de COMAR, que son gratis"},
    {"kind": "road_danger", "place": "Tapachula", "text": "deslave en el kilómetro 40"},
    message(
        title="Jornada de ropa", text="El sábado se reparte ropa de invierno de 9 a 13 h.", urgency="info"
    ),
    message(title="Cambio de horario", text="La oficina abre a las 10:00 esta semana.", services=[DINER]),
]


def test_ten_alerts_weigh_at_most_2_kb_gzipped_in_the_index(db: Engine) -> None:
    empty = cache(db, None, list(TODAY)).update("es").index.body
    with Session(db) as session:
        for number, fields in enumerate(TEN):
            post(session, NOW + dt.timedelta(minutes=number), **fields)
    full = cache(db, None, list(TODAY)).update("es").index.body
    assert len(json.loads(full)["alerts"]) == 10
    weight = len(gzip.compress(full, 9)) - len(gzip.compress(empty, 9))
    print(f"ten alerts add {weight} bytes gzipped to the index")
    assert weight <= 2048


def test_a_posted_alert_is_in_the_index_at_once_without_a_rebuild(db: Engine, tmp_path: Path) -> None:
    """What a reader's next request gets: the cache updates only the index (no part changes)."""
    snapshots = cache(db, tmp_path, list(TODAY))
    before = snapshots.get("es")
    with Session(db) as session:
        started = time.perf_counter()
        alert = post(session, **message()).public_id
    stale = snapshots.get("es")  # the previous index, while a thread updates
    after = snapshots.update("es")
    took = time.perf_counter() - started
    print(f"posted to index.json in {took * 1000:.0f} ms")
    assert stale.revision == before.revision
    assert [a["id"] for a in doc(after.index)["alerts"]] == [alert]
    assert changed(before, after) == {}  # cards, keys, details: not one part made again
    assert snapshots.get("es").index.etag == after.index.etag
    assert took < 5


def test_the_day_change_drops_alerts_ended_over_30_days_ago_without_a_full_build(
    db: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    day = list(TODAY)
    snapshots = cache(db, tmp_path, day)
    with Session(db) as session:
        alert = post(session, **message(ends_at="2026-12-03T20:00")).public_id
    assert [a["id"] for a in doc(snapshots.update("es").index)["alerts"]] == [alert]

    def no_full_build(*args: object) -> None:
        raise AssertionError("a full build")

    monkeypatch.setattr(contents, "full", no_full_build)
    day[0] = "2027-01-01"  # today 2 January: it ended 30 days ago, on 3 December
    assert [a["id"] for a in doc(snapshots.update("es").index)["alerts"]] == [alert]
    day[0] = "2027-01-02"  # 3 January: over 30 days
    assert doc(snapshots.update("es").index)["alerts"] == []
