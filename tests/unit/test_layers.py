"""Which layer may import which (issue 15: `i18n/` and `services/` imported each other)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_i18n_does_not_import_the_domain() -> None:
    """i18n/countries.py imported services.phone and services.text: a cycle with services/; the
    content .po commands (which read the database) live in rxapp/content_cli.py."""
    users = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "rxapp" / "i18n").rglob("*.py")
        if any(name.startswith("rxapp.services") for name in _imports(path))
    ]
    assert users == []
