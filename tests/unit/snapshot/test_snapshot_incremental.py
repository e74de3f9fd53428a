"""An edit rebuilds only what it changed: the services stamped with a newer revision, the
parts holding them and the index, never the whole locale (issue 17: 42-46 s at 10,000)."""

from __future__ import annotations

import datetime as dt
import random
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp import models as m
from rxapp.services import editing
from rxapp.services.editing_input import ServiceEdit
from rxapp.services.snapshot import contents
from rxapp.services.snapshot.documents import chunks
from tests.data.snapshots import cache, changed, content, edit, full, random_edit, slugs


def _no_full_build(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: Any, **__: Any) -> None:
        raise AssertionError("a full build")

    monkeypatch.setattr(contents, "full", refuse)


def test_an_edit_changes_only_the_parts_holding_it(
    sample_copy: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    snapshots = cache(sample_copy, tmp_path)
    before = snapshots.get("es")
    _no_full_build(monkeypatch)
    edit(sample_copy, slugs(sample_copy)[0], description="Otra descripción")
    after = snapshots.update("es")
    assert after.revision == before.revision + 1
    assert changed(before, after) == {"detail": 1, "keys": 1}  # a description is searched
    assert after.index.etag != before.index.etag


def test_a_rename_and_an_insertion_change_few_parts(
    sample_copy: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    snapshots = cache(sample_copy, tmp_path)
    before = snapshots.get("es")
    _no_full_build(monkeypatch)
    edit(sample_copy, slugs(sample_copy)[3], name="Zzz último de la lista")
    renamed = snapshots.update("es")
    moved = changed(before, renamed)
    # The part it leaves, the one it joins, and the next when it leaves the fixed first part.
    assert moved["detail"] == 1 and moved["cards"] <= 3 and moved["keys"] == moved["cards"]
    with Session(sample_copy) as session:
        org = session.exec(select(m.Organization.id)).first()
        editing.create_service(
            session=session, organization_id=org or 0, data=ServiceEdit(name="Aaa primero")
        )
    inserted = snapshots.update("es")
    added = changed(renamed, inserted)
    assert added["detail"] == 1 and added["cards"] <= 3 and added["keys"] == added["cards"]
    assert content(inserted)["cards"][0]["name"] == "Aaa primero"


def test_an_inactive_service_disappears(sample_copy: Engine, tmp_path: Path) -> None:
    snapshots = cache(sample_copy, tmp_path)
    before = content(snapshots.get("es"))
    slug = before["cards"][0]["slug"]
    edit(sample_copy, slug, status=m.ServiceStatus.INACTIVE)
    after = content(snapshots.update("es"))
    assert slug not in after["details"] and slug not in [c["slug"] for c in after["cards"]]
    assert after["total"] == before["total"] - 1


def test_a_new_day_drops_past_exceptions_without_a_full_build(
    sample_copy: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    day = ["2020-01-01"]
    snapshots = cache(sample_copy, tmp_path, day)
    first = content(snapshots.get("es"))
    assert any(c["exceptions"] for c in first["cards"])
    _no_full_build(monkeypatch)
    day[0] = "2099-01-01"
    later = content(snapshots.update("es"))
    assert not any(c["exceptions"] for c in later["cards"])
    assert later == content(full(sample_copy, since="2099-01-01")) | {"revision": later["revision"]}


@pytest.mark.parametrize("locale", ["es", "en"])
def test_random_edits_give_what_a_full_build_gives(sample_copy: Engine, tmp_path: Path, locale: str) -> None:
    rng = random.Random(17)
    snapshots = cache(sample_copy, tmp_path)
    snapshots.get(locale)
    for step in range(12):
        for _ in range(rng.randint(1, 3)):  # several saves between two reads, as on a busy desk
            random_edit(sample_copy, rng, step)
        incremental = snapshots.update(locale)
        whole = full(sample_copy, locale)
        assert content(incremental) == content(whole)
        # The cards are cut by their content: the same parts as a whole build, names and all.
        assert contents_names(incremental, "cards") == contents_names(whole, "cards")


def contents_names(built: Any, kind: str) -> list[str]:
    """The names of one kind of part, in the index's order."""
    from tests.data.snapshots import doc

    names: list[str] = doc(built.index)[kind]
    return names


def test_after_an_edit_the_previous_search_answers_while_the_new_one_is_indexed(
    sample_copy: Engine, tmp_path: Path
) -> None:
    """Indexing 10,000 cards for the online search took seconds of the only worker's time
    after every edit, and index.json waited behind it (p95 418 ms in bench.snapshot_edit)."""
    snapshots = cache(sample_copy, tmp_path)
    before = snapshots.online("es")
    edit(sample_copy, slugs(sample_copy)[0], name="Aaa buscado")
    current = snapshots.update("es")
    assert snapshots.online("es") is before  # at once, one revision behind
    for _ in range(200):  # the background indexing, bounded
        found = snapshots.online("es")
        if found is not before:
            break
        threading.Event().wait(0.05)
    assert found.revision == current.revision
    assert found.search("buscado", dt.datetime(2026, 12, 1, 11, 0))["cards"][0]["name"] == "Aaa buscado"


def test_an_insertion_in_a_long_list_moves_no_later_part_boundary() -> None:
    """Parts of a fixed count shifted every later part on an insertion (all renamed)."""
    slugs = sorted(f"servicio-{n:05d}" for n in range(0, 4000, 2))
    before = chunks(slugs, 50)
    after = chunks(sorted([*slugs, "servicio-02001"]), 50)
    assert 30 <= len(before) <= 60 and len(before[0]) == 50
    assert len(set(after) - set(before)) <= 2  # the part it joins (maybe cut in two)
    removed = chunks([s for s in slugs if s != "servicio-00010"], 50)
    assert len(set(removed) - set(before)) <= 2  # the fixed first part and the next
