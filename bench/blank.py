"""The floor: a blank Reflex app of plain ``rx.el`` elements, same Reflex and plugins as Paso."""

from __future__ import annotations

from pathlib import Path

BLANK_CONFIG = """import reflex as rx

config = rx.Config(
    app_name="blank",
    telemetry_enabled=False,
    show_built_with_reflex=False,
    plugins=[rx.plugins.TailwindV4Plugin()],
    disable_plugins=[rx.plugins.sitemap.SitemapPlugin],
)
"""
BLANK_APP = '''"""One page of plain elements, no state: what any Reflex page costs at least."""

import reflex as rx


def index() -> rx.Component:
    return rx.el.main(
        rx.el.h1("Blank", class_name="text-2xl font-bold"),
        rx.el.p("Plain elements only.", class_name="mt-2"),
        class_name="p-4",
    )


# An empty icon: without one the browser asks for /favicon.ico and counts a 404 page.
app = rx.App(toaster=None, head_components=[rx.el.link(rel="icon", href="data:,")])
app.add_page(index, route="/")
'''


def write(folder: Path) -> None:
    """Write the blank app into ``folder`` (files already there and equal are left alone)."""
    (folder / "blank").mkdir(parents=True, exist_ok=True)
    for path, text in (
        (folder / "rxconfig.py", BLANK_CONFIG),
        (folder / "blank" / "__init__.py", ""),
        (folder / "blank" / "blank.py", BLANK_APP),
    ):
        if not path.exists() or path.read_text() != text:
            path.write_text(text)
