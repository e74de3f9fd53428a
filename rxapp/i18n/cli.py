"""The translator's entry point for the interface's catalogs.

python -m rxapp.i18n.cli extract | update | compile | stats | check | init LOCALE

The directory content's catalogs need the database: python -m rxapp.content_cli.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po

from rxapp.i18n.catalogs import DOMAIN, TRANSLATIONS_DIR
from rxapp.settings import get_settings

ROOT = TRANSLATIONS_DIR.parent
POT = TRANSLATIONS_DIR / f"{DOMAIN}.pot"
UNREVIEWED = (
    "unreviewed"  # `# unreviewed` translator comment: a draft no native speaker checked (kept by `update`)
)
PLACEHOLDER = re.compile(r"\{(\w*)\}")
PYBABEL = [sys.executable, "-m", "babel.messages.frontend"]


def _run(*args: str, quiet: bool = False) -> None:
    subprocess.run([*PYBABEL, *args], check=True, cwd=ROOT, capture_output=quiet)


def extract(output: Path = POT, *, quiet: bool = False) -> None:
    """All marked strings of rxapp/ into the template, with source references and comments."""
    _run(
        "extract",
        "-F",
        "babel.cfg",
        "-k",
        "_",
        "-k",
        "N_",
        "-k",
        "n:1,2",
        "-k",
        "plural:1,2",
        "--add-comments=TRANSLATORS:",
        "--sort-by-file",
        "--no-wrap",
        "--project=Paso",
        "--copyright-holder=Paso",
        "-o",
        str(output),
        "rxapp",
    )


def update() -> None:
    """Merge the template into every catalog (changed entries become fuzzy)."""
    _run("update", "-i", str(POT), "-d", str(TRANSLATIONS_DIR), "-D", DOMAIN, "--no-wrap")


def compile_all() -> None:
    """Compile every catalog to .mo (production builds do this)."""
    _run("compile", "-d", str(TRANSLATIONS_DIR), "-D", DOMAIN, "--statistics")


def init(locale: str) -> None:
    """Start a catalog for a new locale."""
    _run("init", "-i", str(POT), "-d", str(TRANSLATIONS_DIR), "-D", DOMAIN, "-l", locale, "--no-wrap")


def _catalog(path: Path, locale: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=locale, abort_invalid=True)


def catalogs(folder: Path = TRANSLATIONS_DIR) -> dict[str, Path]:
    """Every locale's .po file."""
    return {p.parent.parent.name: p for p in sorted(folder.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))}


def stats() -> list[tuple[str, int, int, int, int, int]]:
    """Per locale: total, translated, fuzzy, missing, unreviewed."""
    rows = []
    for locale, path in catalogs().items():
        catalog = _catalog(path, locale)
        messages = [m for m in catalog if m.id]
        # English is the msgid language: an empty msgstr there means "as written".
        translated = [m for m in messages if (_filled(m.string) or locale == "en") and not m.fuzzy]
        fuzzy = [m for m in messages if m.fuzzy]
        unreviewed = [m for m in messages if UNREVIEWED in m.user_comments]
        rows.append(
            (
                locale,
                len(messages),
                len(translated),
                len(fuzzy),
                len(messages) - len(translated) - len(fuzzy),
                len(unreviewed),
            )
        )
    return rows


def _filled(string: object) -> bool:
    return all(string) if isinstance(string, tuple | list) else bool(string)


def check(folder: Path = TRANSLATIONS_DIR) -> list[str]:
    """Problems that must fail CI, each naming file and line (``folder``: the catalogs)."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh.pot"
        extract(fresh, quiet=True)
        code_ids = {m.id for m in _catalog(fresh) if m.id}
    template_ids = {m.id for m in _catalog(folder / POT.name) if m.id}
    if code_ids != template_ids:
        problems.append(f"{folder / POT.name}: out of sync with the code; run `make i18n-update`")
    complete = set(get_settings().locales)
    for locale, path in catalogs(folder).items():
        where = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        try:
            catalog = _catalog(path, locale)
        except PoFileError as error:
            problems.append(f"{where}:{error.lineno}: invalid .po syntax: {error}")
            continue
        ids = {m.id for m in catalog if m.id}
        if ids != code_ids:
            problems.append(
                f"{where}: out of sync with the code ({len(code_ids - ids)} missing, {len(ids - code_ids)} stale)"
            )
        for message in catalog:
            if not message.id:
                continue
            line = message.lineno
            ids_ = message.id if isinstance(message.id, tuple) else (message.id,)
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            wanted = set(PLACEHOLDER.findall(str(ids_[0])))
            for string in strings:
                found = set(PLACEHOLDER.findall(str(string)))
                # A plural form may leave the number out ("one service", Arabic's dual);
                # it may never bring a name the code does not fill.
                broken = found - wanted if len(strings) > 1 else found ^ wanted
                if string and broken:
                    problems.append(f"{where}:{line}: placeholders {sorted(wanted)} differ in {string!r}")
            if locale in complete and message.fuzzy:
                problems.append(f"{where}:{line}: fuzzy entry in a complete locale")
            elif locale in complete and not _filled(message.string) and locale != "en":
                problems.append(f"{where}:{line}: empty translation in a complete locale")
    return problems


def main(argv: list[str]) -> int:
    """Command-line entry point."""
    command = argv[0] if argv else "stats"
    if command == "extract":
        extract()
    elif command == "update":
        extract()
        update()
    elif command == "compile":
        compile_all()
    elif command == "init":
        init(argv[1])
    elif command == "stats":
        print(f"interface {'locale':8}{'total':>7}{'done':>7}{'fuzzy':>7}{'missing':>9}{'unreviewed':>12}")
        for locale, total, done, fuzzy, missing, unreviewed in stats():
            print(f"          {locale:8}{total:>7}{done:>7}{fuzzy:>7}{missing:>9}{unreviewed:>12}")
    elif command == "check":
        problems = check()
        for problem in problems:
            print(problem)
        print("i18n check: " + ("FAILED" if problems else "ok"))
        return 1 if problems else 0
    else:
        print(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
