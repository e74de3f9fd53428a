"""The registration page preloads the QR encoder's chunk, so a phone keeps it for offline use.

``assets/paso/code.js`` imports the encoder (``code.mjs`` and ``vendor/qr.js``) only when a code
is shown: the home, which every visitor opens, does not download it when the phone has no
saved code (issue 17). But the QR is drawn on the phone, offline too, and the worker saves
only what a saved page's HTML names (``savePages`` in ``assets/paso/sw.js``); a chunk that
only a dynamic ``import()`` names is never saved. The empty registration form is one of the
pages the worker saves, and the page where a code first appears: its HTML preloads the chunk
(low priority), like the socket.io chunk (``rxapp.public_bundle.preload_socket``).
"""

from __future__ import annotations

from pathlib import Path

from rxapp.public_bundle import preload

# Text only code.mjs has (its SVG), which the minifier keeps: it finds the encoder's chunk.
MARK = 'shape-rendering="crispEdges"'


def encoder_chunk(assets: Path) -> str:
    """The URL of the chunk that holds the QR encoder."""
    found = sorted(js.name for js in assets.glob("*.js") if MARK in js.read_text(encoding="utf-8"))
    if len(found) != 1:
        raise ValueError(f"expected one chunk with the QR encoder in {assets}, found {found}")
    return f"/assets/{found[0]}"


def preload_encoder(static_dir: Path, form_path: str) -> int:
    """Preload the encoder's chunk on the pages at ``form_path`` (a regular expression); the
    pages changed."""
    return preload(static_dir, form_path, encoder_chunk(static_dir / "assets"))
