"""``python -m rxapp.cli hsds-export DIR [--locale L]``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from rxapp import cli


def test_the_command_writes_the_files_in_the_locale(
    sample_copy: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.hsds_export(sample_copy, [str(tmp_path / "out"), "--locale", "en"]) == 0
    out = capsys.readouterr()
    names = sorted(path.name for path in (tmp_path / "out").iterdir())
    assert names == [
        "datapackage",
        "organizations.json",
        "services.json",
        "taxonomies.json",
        "taxonomy_terms.json",
    ]
    package = json.loads((tmp_path / "out" / "datapackage" / "datapackage.json").read_text(encoding="utf-8"))
    assert str(tmp_path / "out" / "datapackage" / "datapackage.json") in out.out.splitlines()
    assert all(str(tmp_path / "out" / "datapackage" / r["path"]) in out.out for r in package["resources"])
    services = json.loads((tmp_path / "out" / "services.json").read_text(encoding="utf-8"))
    assert f"{len(services)}/{len(services)} services" in out.err
    assert {
        term["language"] for term in json.loads((tmp_path / "out" / "taxonomy_terms.json").read_text())
    } == {"en"}


def test_an_unknown_locale_is_an_error(
    sample_copy: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.hsds_export(sample_copy, [str(tmp_path), "--locale", "xx"]) == 1
    assert "unknown locale" in capsys.readouterr().err
