"""`make audit` (scripts/audit.py): what fails the run and what is only said (issue 16, audit)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit.py"
# What audit_python and audit_frontend return: (fixable, unfixed, why nothing could be asked).
Findings = tuple[list[str], list[str], str | None]


def _audit() -> ModuleType:
    spec = importlib.util.spec_from_file_location("paso_audit", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("python", "frontend", "code", "said"),
    [
        ((["pkg 1.0: GHSA-x fixed in 1.1"], [], None), ([], [], None), 1, "VULNERABLE, fix available"),
        (([], ["pkg 1.0: GHSA-y"], None), ([], [], None), 0, "no fix yet"),
        (([], [], "PyPI does not answer"), ([], [], "405"), 0, "!!! AUDIT NOT DONE for Python packages"),
        (([], [], None), (["left-pad 1.0: high"], [], None), 1, "fix available: left-pad"),
    ],
)
def test_only_a_fixable_vulnerability_fails(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    python: Findings,
    frontend: Findings,
    code: int,
    said: str,
) -> None:
    audit = _audit()
    monkeypatch.setattr(audit, "audit_python", lambda: python)
    monkeypatch.setattr(audit, "audit_frontend", lambda: frontend)
    assert audit.main() == code
    assert said in capsys.readouterr().out


def test_pypi_findings_split_by_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    audit = _audit()
    monkeypatch.setattr(audit, "installed", lambda: {"a": "1.0", "b": "2.0"})
    answers = {
        "a": [{"id": "PYSEC-1", "aliases": ["CVE-1"], "fixed_in": ["1.1"]}],
        "b": [{"id": "GHSA-2", "aliases": [], "fixed_in": []}],
    }
    monkeypatch.setattr(audit, "pypi_advisories", lambda name, version: answers[name])
    assert audit.audit_python() == (["a 1.0: PYSEC-1 (CVE-1) fixed in 1.1"], ["b 2.0: GHSA-2 ()"], None)
