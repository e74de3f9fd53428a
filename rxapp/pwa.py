"""The installable app: the web app manifest per locale and the service worker's source."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from rxapp import routes
from rxapp.i18n.catalogs import Translator
from rxapp.i18n.locales import info

ROOT = Path(__file__).resolve().parent.parent
WORKER = ROOT / "assets" / "paso" / "sw.js"
THEME = "#134e4a"


def manifest(locale: str) -> bytes:
    """The web app manifest in one locale: its name, and a start page in that language."""
    _ = Translator(locale)
    services = _("Services for migrants")
    document = {
        "id": "/",
        "name": f"Paso · {services}",
        "short_name": "Paso",
        "description": _(
            "Paso is the directory of the migrant aid centre: food, shelter, health, legal help and more, near you."
        ),
        "lang": locale,
        "dir": info(locale).direction,
        "start_url": routes.home(locale),
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME,
        "icons": [
            {"src": "/icons/icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any"},
            {"src": "/icons/icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any"},
            {
                "src": "/icons/maskable-512.png",
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return json.dumps(document, ensure_ascii=False).encode()


def service_worker(locales: list[str], build_dir: Path) -> bytes:
    """The worker's source, versioned by the build: a new deploy is a new worker (and new caches)."""
    source = WORKER.read_text(encoding="utf-8")
    assets = sorted(p.name for p in (build_dir / "assets").glob("*")) if build_dir.is_dir() else []
    version = hashlib.sha256("\n".join([source, *assets]).encode()).hexdigest()[:12]
    pattern = json.dumps(routes.public_path_pattern(locales))
    forms = json.dumps(routes.form_path_pattern(locales))
    return (
        source.replace("__VERSION__", version)
        .replace("__PUBLIC__", pattern)
        .replace("__FORMS__", forms)
        .encode()
    )
