"""What a public page downloads: no socket.io client, no desk routes (issue 17).

Three changes to Reflex's build, made by one plugin (``PublicBundle`` in rxconfig.py):

* before compiling, Reflex's ``utils/state.js`` loads socket.io-client on its first connect
  instead of importing it at the top (``reflex_compat.lazy_socket_io``): public reading pages
  never connect (assets/paso/boot.js), so they never fetch it; registration and the desk do;
* the code every page loads (React, React Router, emotion) is one chunk, and the home's lucide
  icons another, not ~20 small files (``reflex_compat.group_chunks``);
* after the build, React Router's route manifest (``assets/manifest-<version>.js``, which
  every page imports and which lists every route of every locale) gets a public copy without
  the desk's routes, and the public pages' HTML imports that copy. Public pages never link to
  the desk (a desk address typed on a phone is a full load, whose HTML has the whole manifest).
  The registration form, which connects, preloads the socket.io chunk instead: it starts
  loading with the page, and the worker, which saves what a saved page's HTML names, keeps it
  for a form opened offline (else it could not connect once the signal is back, until a reload).
  It preloads the QR encoder's chunk too (``rxapp.registration.preload``).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any

import reflex as rx

from rxapp import reflex_compat

STATE_JS = "utils/state.js"  # in .web, copied from Reflex's templates
VITE_CONFIG = "vite.config.js"  # in .web, written by each compile
MANIFEST = re.compile(r"/assets/manifest-[\w-]+\.js")
PREFIX = "window.__reactRouterManifest="
# Where state.js, rewritten, imports socket.io-client (its chunk's name is the build's).
SOCKET_CHUNK = re.compile(r"loadSocketIo=async\(\)=>\{[^}]*?import\(`\./([\w.-]+\.js)`\)")
PRELOAD = '<link rel="modulepreload" '


def desk_paths(locales: Iterable[str]) -> set[str]:
    """React Router's paths of the desk's pages in every locale ("es/desk/staff")."""
    from rxapp import registry  # the pages' table; rxconfig imports this module early

    return {
        page.route.format(locale=tag).strip("/") for page in registry.PAGES if page.desk for tag in locales
    }


def public_manifest(source: str, desk: set[str]) -> dict[str, Any]:
    """React Router's manifest (the module's text) without the routes at the ``desk`` paths."""
    if not source.startswith(PREFIX):
        raise ValueError("React Router's manifest module no longer starts with " + PREFIX)
    manifest = json.loads(source[len(PREFIX) :].rstrip().rstrip(";"))
    routes = {key: route for key, route in manifest["routes"].items() if route.get("path") not in desk}
    return {**manifest, "routes": routes}


def home_icons() -> list[str]:
    """The lucide icons of the home (the same in every locale): one chunk, the rest one each."""
    from rxapp import registry
    from rxapp.settings import get_settings

    home = next(page for page in registry.PAGES if page.name == "home")
    return reflex_compat.icon_names(registry.view(home)(get_settings().locales[0]))


def page_path(html: Path, static_dir: Path) -> str:
    """The route path a prerendered file answers: "es/need/health" for es/need/health/index.html."""
    path = html.relative_to(static_dir).with_suffix("").as_posix()
    return path.removesuffix("/index").removesuffix("index")


def write(path: Path, text: str) -> None:
    """Write a built file and its pre-compressed copy (what the server sends)."""
    path.write_text(text, encoding="utf-8")
    path.with_name(path.name + ".gz").write_bytes(
        gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)
    )


def split_manifest(static_dir: Path, locales: Iterable[str]) -> int:
    """Write the public manifest and point every public page at it; the pages changed."""
    full = [
        p for p in (static_dir / "assets").glob("manifest-*.js") if not p.name.startswith("manifest-public-")
    ]
    if len(full) != 1:
        raise ValueError(f"expected one React Router manifest in {static_dir}/assets, found {len(full)}")
    manifest = public_manifest(full[0].read_text(encoding="utf-8"), desk_paths(locales))
    digest = hashlib.sha256(json.dumps(manifest["routes"], sort_keys=True).encode()).hexdigest()[:8]
    url = f"/assets/manifest-public-{digest}.js"
    manifest["url"] = url
    write(static_dir / url.lstrip("/"), PREFIX + json.dumps(manifest, separators=(",", ":")) + ";")
    public = {route.get("path") for route in manifest["routes"].values()}
    changed = 0
    for html in static_dir.rglob("*.html"):
        if page_path(html, static_dir) not in public:
            continue
        text = html.read_text(encoding="utf-8")
        pointed = MANIFEST.sub(url, text)
        if pointed != text:
            write(html, pointed)
            changed += 1
    return changed


def socket_chunk(assets: Path) -> str:
    """The URL of the chunk that holds socket.io-client."""
    found = {
        m.group(1) for js in assets.glob("*.js") if (m := SOCKET_CHUNK.search(js.read_text(encoding="utf-8")))
    }
    if len(found) != 1:
        raise ValueError(f"expected one chunk importing socket.io-client in {assets}, found {sorted(found)}")
    return f"/assets/{found.pop()}"


def preload(static_dir: Path, form_path: str, url: str) -> int:
    """Preload the module ``url`` (low priority) on the pages at ``form_path`` (a regular
    expression); the pages changed."""
    link = f'<link rel="modulepreload" fetchpriority="low" href="{url}"/>'
    pattern = re.compile(form_path)
    changed = 0
    for html in static_dir.rglob("*.html"):
        text = html.read_text(encoding="utf-8")
        if not pattern.match("/" + page_path(html, static_dir)) or url in text or PRELOAD not in text:
            continue
        write(html, text.replace(PRELOAD, link + PRELOAD, 1))
        changed += 1
    return changed


def preload_socket(static_dir: Path, form_path: str) -> int:
    """Preload the socket.io chunk on the pages at ``form_path``; the pages changed."""
    return preload(static_dir, form_path, socket_chunk(static_dir / "assets"))


class PublicBundle(rx.plugins.Plugin):
    """Reflex plugin: socket.io-client loaded on demand; public pages without the desk's routes."""

    def pre_compile(self, **context: Any) -> None:
        """Rewrite Reflex's state.js and vite.config.js as they are written into .web."""
        context["add_modify_task"](STATE_JS, reflex_compat.lazy_socket_io)
        context["add_modify_task"](VITE_CONFIG, partial(reflex_compat.group_chunks, icons=home_icons()))

    def post_build(self, **context: Any) -> None:
        """Split the route manifest of the production build; the form preloads the socket."""
        from rxapp import routes
        from rxapp.registration.preload import preload_encoder
        from rxapp.settings import get_settings

        locales = get_settings().locales
        static_dir = Path(context["static_dir"])
        split_manifest(static_dir, locales)
        preload_socket(static_dir, routes.form_path_pattern(locales))
        preload_encoder(static_dir, routes.form_path_pattern(locales))
