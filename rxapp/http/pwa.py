"""The installable app: the web app manifest per locale and the service worker, versioned by
the build."""

from __future__ import annotations

import hashlib
import json
from functools import partial
from pathlib import Path

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from rxapp import routes
from rxapp.i18n.catalogs import Translator
from rxapp.i18n.locales import info

ROOT = Path(__file__).resolve().parents[2]
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


class InstallableApp:
    """``/manifest/<locale>.webmanifest`` and ``/sw.js``."""

    def __init__(self, locales: list[str], build_dir: Path) -> None:
        self.locales = locales
        self.build_dir = build_dir
        self._worker: bytes | None = None

    def routes(self) -> list[Route]:
        """One manifest route per served locale: any other falls through to Reflex."""
        manifests = [
            Route(f"/manifest/{locale}.webmanifest", partial(self.manifest, locale))
            for locale in self.locales
        ]
        return [Route("/sw.js", self.worker), *manifests]

    async def manifest(self, locale: str, request: Request) -> Response:
        """The manifest in ``locale``."""
        return Response(
            manifest(locale), 200, {"cache-control": "no-cache"}, media_type="application/manifest+json"
        )

    async def worker(self, request: Request) -> Response:
        """The worker, built once per process (the build does not change under it)."""
        if self._worker is None:
            self._worker = service_worker(self.locales, self.build_dir)
        headers = {
            "cache-control": "no-cache",  # the browser checks for a new version on each visit
            "service-worker-allowed": "/",
        }
        return Response(self._worker, 200, headers, media_type="text/javascript; charset=utf-8")
