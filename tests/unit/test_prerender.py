"""The post-build rewrite that lets the stylesheet load before the scripts."""

from __future__ import annotations

import gzip
from pathlib import Path

from rxapp.prerender import rewrite

PAGE = (
    '<head><link rel="modulepreload" href="/assets/a.js"/>'
    '<link rel="modulepreload" href="/assets/b.js"/><link href="/assets/s.css" rel="stylesheet"/></head>'
)


def test_module_preloads_become_low_priority_in_the_page_and_its_gzip_copy(tmp_path: Path) -> None:
    page = tmp_path / "es" / "index.html"
    page.parent.mkdir()
    page.write_text(PAGE, encoding="utf-8")
    page.with_name("index.html.gz").write_bytes(gzip.compress(PAGE.encode()))
    assert rewrite(tmp_path) == 1
    html = page.read_text(encoding="utf-8")
    assert html.count('rel="modulepreload" fetchpriority="low" href="/assets/') == 2
    assert '<link href="/assets/s.css" rel="stylesheet"/>' in html  # the stylesheet keeps its priority
    assert gzip.decompress(page.with_name("index.html.gz").read_bytes()).decode() == html


def test_a_second_run_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    rewrite(tmp_path)
    assert rewrite(tmp_path) == 0
