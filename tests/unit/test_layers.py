"""Which layer may import which (issue 15: `i18n/` and `services/` imported each other)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The translators' CLI still runs the content .po commands, which need the database; they move
# out of i18n/ with the architecture step. Nothing else in i18n/ may import the domain.
I18N_MAY_IMPORT_SERVICES = {"rxapp/i18n/cli.py", "rxapp/i18n/content_po.py"}


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_i18n_does_not_import_the_domain() -> None:
    """i18n/countries.py imported services.phone and services.text: a cycle with services/."""
    users = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "rxapp" / "i18n").glob("*.py")
        if str(path.relative_to(ROOT)) not in I18N_MAY_IMPORT_SERVICES
        and any(name.startswith("rxapp.services") for name in _imports(path))
    ]
    assert users == []
