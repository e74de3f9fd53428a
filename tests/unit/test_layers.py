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


PACKAGES = (
    "rxapp.desk.queue",
    "rxapp.desk.service",
    "rxapp.desk.numbers",
)  # a page split over a package is one page


def _page(module: str) -> str:
    """The page a module belongs to: its package for a page split over one, else itself."""
    return next((package for package in PACKAGES if module.startswith(package + ".")), module)


def test_no_page_imports_another_page() -> None:
    """desk_new imported the public registration page and service.py the centre page: a page's
    shared pieces belong in components/ (or the area's own modules), not in another page."""
    from rxapp import registry

    pages = {_page(page.view.split(":")[0]) for page in registry.PAGES}
    pages |= {_page(page.load.split(":")[0]) for page in registry.PAGES if page.load}
    crossing = []
    for page in sorted(pages):
        base = ROOT / page.replace(".", "/")
        files = sorted(base.glob("*.py")) if base.is_dir() else [base.with_suffix(".py")]
        for file in files:
            for name in _imports(file):
                if _page(name) in pages and _page(name) != page:
                    crossing.append(f"{file.relative_to(ROOT)} imports {name}")
    assert len(pages) >= 15, pages
    assert crossing == []
