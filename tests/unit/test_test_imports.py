"""The tests stand on their own: no module under tests/ imports bench/ (bench imports tests' helpers)."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def bench_imports(source: str) -> list[str]:
    """The ``bench`` modules an import statement of ``source`` names, as written."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names if alias.name.split(".")[0] == "bench"]
        elif (
            isinstance(node, ast.ImportFrom)
            and node.level == 0
            and (node.module or "").split(".")[0] == "bench"
        ):
            found.append(str(node.module))
    return found


def test_the_check_sees_every_way_of_importing_bench() -> None:
    source = "import bench\nimport bench.server as s\nfrom bench import search\nfrom bench.x import y\n"
    assert bench_imports(source) == ["bench", "bench.server", "bench", "bench.x"]
    assert bench_imports("import benchmark\nfrom tests import bench_data\nfrom . import bench\n") == []


def test_no_test_module_imports_bench() -> None:
    offenders = {
        str(path.relative_to(TESTS)): names
        for path in sorted(TESTS.rglob("*.py"))
        if "bench" in (source := path.read_text(encoding="utf-8")) and (names := bench_imports(source))
    }
    assert offenders == {}


def test_no_two_test_files_share_a_name() -> None:
    """Bug: tests/unit/desk/test_desk_cookie.py beside tests/e2e/test_desk_cookie.py stopped the
    whole suite at collection ("import file mismatch"): pytest imports test files by base name."""
    names: dict[str, list[str]] = {}
    for path in TESTS.rglob("test_*.py"):
        names.setdefault(path.name, []).append(str(path.relative_to(TESTS)))
    assert {name: paths for name, paths in names.items() if len(paths) > 1} == {}


def test_every_e2e_module_imports() -> None:
    """Bug: test_offline_phone, test_qr_on_demand and test_service_early still imported the
    ``phone`` fixture from test_offline after it moved to tests/e2e/conftest.py, an ImportError
    that stopped ``make e2e`` at collection while ``make unit`` stayed green."""
    for path in sorted((TESTS / "e2e").glob("test_*.py")):
        importlib.import_module(f"tests.e2e.{path.stem}")
