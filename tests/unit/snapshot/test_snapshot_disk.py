"""Snapshots on disk: a restarted server serves at once, workers share one folder, and old
parts stay as long as a phone may still fetch them (issue 17: 12-27 s after a restart)."""

from __future__ import annotations

import os
import random
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from rxapp.services.snapshot import cache as cache_module
from rxapp.services.snapshot import contents, store
from tests.data.snapshots import cache, changed, content, doc, edit, full, random_edit, slugs


def _no_build(monkeypatch: pytest.MonkeyPatch, *names: str) -> None:
    def refuse(*_: Any, **__: Any) -> None:
        raise AssertionError("built")

    for name in names:
        monkeypatch.setattr(contents, name, refuse)


def test_a_restart_serves_the_same_index_without_building(
    sample_copy: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = cache(sample_copy, tmp_path).get("es")
    _no_build(monkeypatch, "full", "catch_up", "from_parts")
    restarted = cache(sample_copy, tmp_path)
    again = restarted.get("es")
    assert again.index.body == before.index.body and again.index.etag == before.index.etag
    assert content(again) == content(before)
    assert (tmp_path / "es" / f"{next(iter(again.parts))}.json.gz").exists()


def test_a_restart_after_an_edit_serves_at_once_then_catches_up(
    sample_copy: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = cache(sample_copy, tmp_path).get("es")
    edit(sample_copy, slugs(sample_copy)[0], description="Editado mientras el servidor dormía")
    _no_build(monkeypatch, "full")
    restarted = cache(sample_copy, tmp_path)
    monkeypatch.setattr(restarted, "_update_then_done", lambda locale: None)  # no background thread
    assert restarted.get("es").index.body == before.index.body  # at once, the revision before
    caught_up = restarted.update("es")  # from the parts on disk and the one service stamped since
    assert caught_up.revision == before.revision + 1
    assert changed(before, caught_up) == {"detail": 1, "keys": 1}


def test_two_workers_on_one_folder_agree(
    sample_copy: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = cache(sample_copy, tmp_path), cache(sample_copy, tmp_path)
    first.get("es")
    _no_build(monkeypatch, "full")
    assert second.get("es").index.body == first.get("es").index.body  # read, not built
    edit(sample_copy, slugs(sample_copy)[1], name="Renombrado por el primero")
    updated = first.update("es")
    _no_build(monkeypatch, "catch_up", "from_parts")
    assert second.get("es").index.body == updated.index.body  # what the first wrote
    edit(sample_copy, slugs(sample_copy)[2], description="Ahora el segundo")
    monkeypatch.undo()
    _no_build(monkeypatch, "full")
    by_second = second.update("es")  # from the files the first wrote, and the one stamped service
    assert first.get("es").index.body == by_second.index.body
    assert content(by_second) == content(full(sample_copy))


def test_old_parts_go_after_the_grace_period_and_the_previous_revision_stays(
    sample_copy: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    snapshots = cache(sample_copy, tmp_path)
    oldest = snapshots.get("es")
    edit(sample_copy, slugs(sample_copy)[0], description="Uno")
    previous = snapshots.update("es")
    monkeypatch.setattr(store, "GRACE_S", -1)  # every unnamed part is old enough
    edit(sample_copy, slugs(sample_copy)[0], description="Dos")
    current = snapshots.update("es")
    files = {path.name.split(".")[0] for path in (tmp_path / "es").glob("*.json")}
    assert set(current.parts) | set(previous.parts) <= files
    gone = set(oldest.parts) - set(previous.parts) - set(current.parts)
    assert gone and not gone & files


def test_no_temporary_file_is_left(sample_copy: Engine, tmp_path: Path) -> None:
    cache(sample_copy, tmp_path).get("es")
    assert not [name for name in os.listdir(tmp_path / "es") if name.startswith(".") and name != ".lock"]


def test_after_a_restart_an_edit_reads_only_the_parts_it_rebuilds(
    sample_copy: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading every part back to update one service took 3-15 s at 10,000 services."""
    cache(sample_copy, tmp_path).get("es")
    edit(sample_copy, slugs(sample_copy)[0], description="Después del reinicio")
    read: list[str] = []
    real = store.Store.read

    def counted(self: store.Store, name: str) -> bytes:
        read.append(name.split("-", 1)[0])
        return real(self, name)

    monkeypatch.setattr(store.Store, "read", counted)
    restarted = cache(sample_copy, tmp_path)
    restarted.update("es")
    assert read.count("detail") == 1 and read.count("keys") == 1  # the parts holding it
    assert read.count("cards") == len(doc(restarted.get("es").index)["cards"])  # names, needs: small


@pytest.mark.parametrize("seed", [1, 2])
def test_after_a_restart_edits_give_what_a_full_build_gives(
    sample_copy: Engine, tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    cache(sample_copy, tmp_path).get("es")
    restarted = cache(sample_copy, tmp_path)
    for step in range(6):
        random_edit(sample_copy, rng, step)
        incremental, whole = content(restarted.update("es")), content(full(sample_copy))
        # A removed service's hour labels may stay in the index (its detail is not read back).
        assert incremental.pop("times").items() >= whole.pop("times").items()
        assert incremental == whole


def test_after_an_upgrade_the_old_files_are_served_while_the_new_ones_are_built(
    sample_copy: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """New code or catalogs (another fingerprint): readers get the old files at once, and a
    build that failed is tried again on the next request, not never."""
    before = cache(sample_copy, tmp_path).get("es")
    monkeypatch.setattr(cache_module, "LAYOUT", cache_module.LAYOUT + 1)
    cache_module.fingerprint.cache_clear()
    upgraded = cache(sample_copy, tmp_path)
    attempts: list[str] = []

    def failed(locale: str) -> None:  # an update thread that failed: its mark goes, nothing else
        attempts.append(locale)
        upgraded._building.discard(locale)

    monkeypatch.setattr(upgraded, "_update_then_done", failed)
    assert upgraded.get("es").index.body == before.index.body
    assert upgraded.get("es").index.body == before.index.body
    assert attempts == ["es", "es"]  # tried again
    rebuilt = upgraded.update("es")
    assert upgraded.get("es") is rebuilt and content(rebuilt) == content(before)
    cache_module.fingerprint.cache_clear()
