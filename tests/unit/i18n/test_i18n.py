"""Catalog rules: `check` on broken copies of the real catalogs, plural forms, formatting."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from rxapp.i18n import cli, formatting, kreyol
from rxapp.i18n.catalogs import TRANSLATIONS_DIR, Translator
from rxapp.i18n.countries import countries, country_name
from rxapp.services.sample import SAMPLE_FILE


@pytest.fixture(scope="module")
def clean_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("translations") / "translations"
    shutil.copytree(TRANSLATIONS_DIR, folder, ignore=shutil.ignore_patterns("*.mo"))
    return folder


_PARSED: dict[tuple[bytes, str | None], Catalog] = {}


@pytest.fixture
def checked_once(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """``check`` on the damaged copies: the code's strings extracted once (a subprocess each time,
    ~0.2 s) and each file's bytes parsed once (the four undamaged catalogs are alike in every
    copy); test_the_real_catalogs_pass runs both for real."""
    fresh = tmp_path_factory.getbasetemp() / "extracted.pot"
    if not fresh.exists():
        cli.extract(fresh, quiet=True)
    monkeypatch.setattr(cli, "extract", lambda output, *, quiet=False: shutil.copyfile(fresh, output))
    parse = cli._catalog

    def parsed_once(path: Path, locale: str | None = None) -> Catalog:
        key = (path.read_bytes(), locale)
        if key not in _PARSED:
            _PARSED[key] = parse(path, locale)
        return _PARSED[key]

    monkeypatch.setattr(cli, "_catalog", parsed_once)


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
@pytest.mark.usefixtures("checked_once")
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


@pytest.mark.parametrize(("locale", "expected"), [("en", "2:30 PM"), ("es", "14:30"), ("ar", "14:30")])
def test_times_follow_the_locale(locale: str, expected: str) -> None:
    """Arabic hours tables said "6:00 م" while the texts beside them said "19:00": one clock."""
    assert (
        formatting.time_short(dt.time(14, 30), locale).replace("\u202f", " ").replace("\u00a0", " ")
        == expected
    )


def test_the_desk_writes_moments_with_the_locales_clock() -> None:
    """The Arabic desk wrote "9:35 م" beside hours tables in 24 hours."""
    moment = dt.datetime(2026, 12, 2, 21, 35)
    assert formatting.datetime_short(moment, "ar").endswith("21:35")
    assert formatting.datetime_short(moment, "es") == "2/12/26, 21:35"
    assert "PM" in formatting.datetime_short(moment, "en")


_TIME = re.compile(r"\b(\d{1,2}):(\d\d)\b(\s*(?:AM|PM|a\.m\.|p\.m\.|ص|م)(?!\w))?")


@pytest.mark.parametrize("locale", ["es", "en", "fr", "ht", "pt", "ar"])
def test_the_sample_texts_use_the_clock_of_the_hours_tables(locale: str) -> None:
    """One clock per locale: a time in a service's texts is written as its hours table writes it."""
    twelve = formatting.uses_12_hours(locale)
    texts: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == locale and isinstance(value, str):
                    texts.append(value)
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(json.loads(SAMPLE_FILE.read_text("utf-8")))
    times = [(m.group(0), m.group(3)) for text in texts for m in _TIME.finditer(text)]
    assert times, "the sample texts mention times"
    wrong = [time for time, marker in times if bool(marker) != twelve]
    assert not wrong, f"{locale} writes times {'with' if twelve else 'without'} AM/PM: {wrong}"


def test_kreyol_names_the_frequent_nationalities_in_kreyol() -> None:
    """Kreyòl pages listed every nationality in French."""
    names = dict(countries("ht"))
    assert len(kreyol.COUNTRIES) >= 30
    assert [names[code] for code in ("HT", "HN", "DO", "US")] == [
        "Ayiti",
        "Ondiras",
        "Repiblik Dominikèn",
        "Etazini",
    ]
    assert names["ZA"] == "Afrique du Sud"  # beyond the frequent ones: French, which Haitians read
    assert country_name("CU", "ht") == "Kiba"
    assert country_name("CU", "es") == "Cuba"


def test_only_kreyol_dates_need_month_names_in_the_browser() -> None:
    """The offline banner said "2 décembre 2026" on Kreyòl pages (Chromium has no Kreyòl data)."""
    assert formatting.browser_months("ht") == list(kreyol.MONTHS)
    assert all(formatting.browser_months(tag) is None for tag in ("es", "en", "fr", "pt", "ar"))


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


def test_arabic_isolates_latin_file_names() -> None:
    """The Arabic translations page showed ".po" as "po." (the dot took the Arabic direction)."""
    with (TRANSLATIONS_DIR / "ar" / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    texts = [m.string for m in catalog if m.id and isinstance(m.string, str) and ".po" in m.string]
    assert texts
    assert all(text.count(".po") == text.count("\u2066.po\u2069") for text in texts), texts
