"""The head script and the ``<html lang dir>`` of every page.

The script's code is ``assets/paso/boot.js``; this module gives it its configuration (one
line of JSON) and inlines both in ``<head>``, so it runs before any Reflex script and costs
no request of its own.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import reflex as rx
import rjsmin

from rxapp import routes
from rxapp.components import client
from rxapp.components.style import either
from rxapp.http.redirects import LANGUAGE_REDIRECTS
from rxapp.i18n.locales import info as locale_info
from rxapp.settings import get_settings
from rxapp.taxonomy import NEEDS

BOOT_JS = Path(__file__).resolve().parent.parent / "assets" / "paso" / "boot.js"


def config() -> dict[str, Any]:
    """What boot.js reads as ``pasoBoot``."""
    settings = get_settings()
    return {
        "locales": list(settings.locales),
        "directions": _directions(),
        "defaultLocale": settings.default_locale,
        # Pages whose cookie says the backend is off (no websocket): the public reading pages.
        "publicPath": routes.public_path_pattern(settings.locales),
        # Paths without a language, and where they lead once one is chosen ("/desk" -> "/es/desk").
        "redirects": {path: route.replace("/{locale}", "") for path, route in LANGUAGE_REDIRECTS.items()},
        # What the worker saves for offline reading in each locale ("@" stands for the locale).
        "pages": [
            routes.home("@"),
            *(routes.need("@", need.slug) for need in NEEDS),
            routes.search("@"),
            routes.service("@"),
            routes.about("@"),
            routes.numbers("@"),
            routes.news("@"),
            routes.register("@"),
        ],
    }


def script() -> str:
    """boot.js after its configuration, wrapped so that nothing it declares leaks to ``window``.

    Every page inlines it, so it goes out without comments and spaces (rjsmin: 4.0 -> 2.2 KB
    gzip; issue 17's home budget). Only whitespace and comments go, no name is changed, so the
    file stays the one that tests/js runs. The Content-Security-Policy hashes the page's scripts
    as they are served (rxapp/http/headers.py), so it follows.
    """
    # "</" could close the inline <script> early: JSON allows it escaped.
    data = json.dumps(config(), ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    code = rjsmin.jsmin(BOOT_JS.read_text(encoding="utf-8"))
    return f"(function(){{var pasoBoot={data};\n{code}}})();"


def _directions() -> dict[str, str]:
    return {tag: locale_info(tag).direction for tag in get_settings().locales}


def html_lang() -> rx.Var[str]:
    """The page's language, from its path (the default locale where the path has none)."""
    tag = client.pathname().split("/")[1]
    return either(rx.Var.create(_directions()).contains(tag), tag, get_settings().default_locale)


def html_dir() -> rx.Var[str]:
    """The page's text direction, from its path."""
    return rx.Var.create(_directions())[html_lang()].to(str)
