"""The head script: assets/paso/boot.js inlined after its configuration (rxapp/head.py)."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import rjsmin

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
    assert rjsmin.jsmin(head.BOOT_JS.read_text(encoding="utf-8")) in script
    assert "</" not in script.split("\n", 1)[0], "the configuration could close the inline <script>"


def test_the_script_goes_out_minified() -> None:
    """Every page inlines it: issue 17's home budget counts its bytes."""
    source = head.BOOT_JS.read_text(encoding="utf-8")
    assert len(gzip.compress(head.script().encode(), 9)) < 0.7 * len(gzip.compress(source.encode(), 9))


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_minified_script_passes_the_scripts_own_tests(tmp_path: Path) -> None:
    """tests/js/boot.test.mjs again, on the text as pages inline it (a minifier's slip fails here)."""
    minified = tmp_path / "boot.min.js"
    minified.write_text(rjsmin.jsmin(head.BOOT_JS.read_text(encoding="utf-8")), encoding="utf-8")
    test_file = Path(__file__).resolve().parents[1] / "js" / "boot.test.mjs"
    env = {"PATH": os.environ.get("PATH", ""), "BOOT_TEST_SOURCE": str(minified)}
    result = subprocess.run(["node", "--test", str(test_file)], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_the_inlined_script_parses(tmp_path: Path) -> None:
    path = tmp_path / "boot.js"
    path.write_text(head.script(), encoding="utf-8")
    subprocess.run(["node", "--check", str(path)], check=True)


def test_the_page_language_comes_from_the_path() -> None:
    lang, direction = str(head.html_lang()), str(head.html_dir())
    assert "useLocation().pathname" in lang and json.dumps(get_settings().default_locale) in lang
    assert '"rtl"' in direction
