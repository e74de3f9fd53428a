"""Catalog rules: `check` on broken copies of the real catalogs, plural forms, formatting."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from rxapp.i18n import cli, formatting
from rxapp.i18n.catalogs import TRANSLATIONS_DIR, Translator


@pytest.fixture(scope="module")
def clean_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("translations") / "translations"
    shutil.copytree(TRANSLATIONS_DIR, folder, ignore=shutil.ignore_patterns("*.mo"))
    return folder


def _po(folder: Path, locale: str) -> Path:
    return folder / locale / "LC_MESSAGES" / "messages.po"


def _break_placeholder(folder: Path) -> None:
    path = _po(folder, "fr")
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'(msgstr "[^"\n]*)\{time\}', r"\1{heure}", text, count=1), encoding="utf-8")


def _stale(folder: Path) -> None:
    with _po(folder, "es").open("a", encoding="utf-8") as handle:
        handle.write('\nmsgid "A string the code no longer has"\nmsgstr "Una frase que ya no existe"\n')


def _invalid(folder: Path) -> None:
    with _po(folder, "pt").open("a", encoding="utf-8") as handle:
        handle.write('\nmsgid "unterminated\n')


def _fuzzy(folder: Path) -> None:
    path = _po(folder, "ar")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('\nmsgid "Free"', '\n#, fuzzy\nmsgid "Free"', 1), encoding="utf-8")


def _empty(folder: Path) -> None:
    path = _po(folder, "ht")
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r'(msgid "Free"\nmsgstr )"[^"]*"', r'\1""', text, count=1), encoding="utf-8")


def test_the_real_catalogs_pass() -> None:
    assert cli.check() == []


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (_break_placeholder, r"fr/LC_MESSAGES/messages\.po:\d+: placeholders \['time'\] differ"),
        (_stale, r"es/LC_MESSAGES/messages\.po: out of sync with the code \(0 missing, 1 stale\)"),
        (_invalid, r"pt/LC_MESSAGES/messages\.po:\d+: invalid \.po syntax"),
        (_fuzzy, r"ar/LC_MESSAGES/messages\.po:\d+: fuzzy entry in a complete locale"),
        (_empty, r"ht/LC_MESSAGES/messages\.po:\d+: empty translation in a complete locale"),
    ],
)
def test_check_names_file_and_line(
    clean_copy: Path, tmp_path: Path, damage: Callable[[Path], None], expected: str
) -> None:
    folder = tmp_path / "translations"
    shutil.copytree(clean_copy, folder)
    damage(folder)
    problems = cli.check(folder)
    assert any(re.search(expected, p) for p in problems), problems


@pytest.mark.parametrize(
    ("locale", "counts"),
    [
        ("ar", [0, 1, 2, 3, 11, 100]),  # six CLDR forms
        ("es", [1, 1_000_000, 3]),  # one, many, other
        ("fr", [1, 1_000_000, 3]),
        ("pt", [1, 1_000_000, 3]),
    ],
)
def test_each_cldr_category_gets_its_own_form(locale: str, counts: list[int]) -> None:
    """counts[i] must pick the catalog's msgstr[i] (Arabic "many" and "other" may read alike)."""
    _ = Translator(locale)
    forms = [_.n("{count} service found", "{count} services found", n) for n in counts]
    spec = _.plural("{count} service found", "{count} services found")
    assert forms == spec["forms"]


def test_plural_spec_for_the_browser_carries_the_catalog_rule() -> None:
    spec = Translator("ar").plural("{count} service found", "{count} services found")
    assert len(spec["forms"]) == 6  # type: ignore[arg-type]
    assert "n % 100" in str(spec["rule"])


def test_kreyol_dates_use_kreyol_names() -> None:
    assert formatting.date_long(dt.date(2026, 12, 25), "ht") == "25 desanm 2026"
    assert formatting.weekday_names("ht")[0] == "Lendi"
    assert formatting.join(["panyòl", "anglè"], "ht") == "panyòl ak anglè"


@pytest.mark.parametrize(("locale", "expected"), [("en", "2:30 PM"), ("es", "14:30"), ("ar", "2:30 م")])
def test_times_follow_the_locale(locale: str, expected: str) -> None:
    assert (
        formatting.time_short(dt.time(14, 30), locale).replace("\u202f", " ").replace("\u00a0", " ")
        == expected
    )


def test_no_message_hides_inside_an_f_string() -> None:
    """Bug: f"Paso · {_('Services for migrants')}" was never extracted, so every title was English."""
    import re as regex

    from rxapp.i18n.catalogs import TRANSLATIONS_DIR as FOLDER

    source = FOLDER.parent / "rxapp"
    hidden = [
        f"{path.relative_to(FOLDER.parent)}:{number}"
        for path in source.rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if regex.search(r"""\{_\(["']""", line)  # a literal message inside an f-string
    ]
    assert hidden == []
