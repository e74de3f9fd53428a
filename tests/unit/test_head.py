"""The head script: assets/paso/boot.js inlined after its configuration (rxapp/head.py)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from rxapp import head
from rxapp.http.redirects import LANGUAGE_REDIRECTS
from rxapp.settings import get_settings


def test_the_configuration_has_what_boot_js_reads() -> None:
    """tests/js/boot.test.mjs runs boot.js with a configuration of these keys."""
    config = head.config()
    assert set(config) == {"locales", "directions", "defaultLocale", "publicPath", "redirects", "pages"}
    assert config["locales"] == list(get_settings().locales)
    assert set(config["redirects"]) == set(LANGUAGE_REDIRECTS)
    assert all("@" in page for page in config["pages"])


def test_the_script_is_the_file_after_its_configuration() -> None:
    script = head.script()
    assert script.startswith("(function(){var pasoBoot={")
    assert head.BOOT_JS.read_text(encoding="utf-8") in script
    assert "</" not in script.split("\n", 1)[0], "the configuration could close the inline <script>"


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_inlined_script_parses(tmp_path: Path) -> None:
    path = tmp_path / "boot.js"
    path.write_text(head.script(), encoding="utf-8")
    subprocess.run(["node", "--check", str(path)], check=True)


def test_the_page_language_comes_from_the_path() -> None:
    lang, direction = str(head.html_lang()), str(head.html_dir())
    assert "useLocation().pathname" in lang and json.dumps(get_settings().default_locale) in lang
    assert '"rtl"' in direction
