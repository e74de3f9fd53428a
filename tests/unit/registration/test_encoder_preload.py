"""The registration page preloads the QR encoder's chunk (rxapp/registration/preload.py), so the
worker keeps it, now that the home imports it only when a code is saved (issue 17)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from rxapp import routes
from rxapp.registration.preload import MARK, preload_encoder

HEAD = '<link rel="modulepreload" href="/assets/entry.client-x.js"/><p>page</p>'
PAGES = ("es.html", "es/register/index.html", "es/desk.html")


def _build(tmp_path: Path, *chunks: tuple[str, str]) -> Path:
    (tmp_path / "assets").mkdir()
    for name, text in chunks:
        (tmp_path / "assets" / name).write_text(text)
    for page in PAGES:
        (tmp_path / page).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / page).write_text(HEAD)
    return tmp_path


ENCODER = ("code-Q1.js", f"const s=`<svg {MARK}>`;")
OTHER = ("register-Z.js", 'const c=()=>import("./code-Q1.js");')


def test_the_form_preloads_the_encoder_and_reading_pages_do_not(tmp_path: Path) -> None:
    static = _build(tmp_path, ENCODER, OTHER)
    assert preload_encoder(static, routes.form_path_pattern(["es"])) == 1
    html = (static / "es/register/index.html").read_text()
    assert html.startswith('<link rel="modulepreload" fetchpriority="low" href="/assets/code-Q1.js"/>')
    assert gzip.decompress((static / "es/register/index.html.gz").read_bytes()).decode() == html
    assert "code-Q1" not in (static / "es.html").read_text() + (static / "es/desk.html").read_text()
    assert preload_encoder(static, routes.form_path_pattern(["es"])) == 0  # once


@pytest.mark.parametrize("chunks", [(OTHER,), (ENCODER, ("copy-Q2.js", ENCODER[1]))])
def test_a_build_without_one_encoder_chunk_stops(tmp_path: Path, chunks: tuple[tuple[str, str], ...]) -> None:
    """Else the form would silently stop naming it, and a code shown offline draw no QR."""
    static = _build(tmp_path, *chunks)
    with pytest.raises(ValueError, match="QR encoder"):
        preload_encoder(static, routes.form_path_pattern(["es"]))
