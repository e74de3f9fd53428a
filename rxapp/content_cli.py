"""Directory content for translators: export to and import from ``.po``, and its stats.

python -m rxapp.content_cli export LOCALE [FILE] | import LOCALE [FILE] | stats

The interface's catalogs are rxapp.i18n.cli's; these commands read the database, so they live
outside i18n/ (which imports no services). Files default to ``<data folder>/content/<locale>.po``:
they mirror this installation's database, so they live with its data rather than in the
repository.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sqlmodel import Session

from rxapp.services.db import DatabaseNotReadyError, check_schema, engine
from rxapp.services.translation import TranslationStatus, import_po, stats
from rxapp.services.translation import export_po as build_po
from rxapp.settings import get_settings


def default_path(locale: str) -> Path:
    """Where a locale's content catalog goes unless a file is named."""
    return get_settings().data_dir / "content" / f"{locale}.po"


def export(locale: str, path: Path | None = None) -> Path:
    """Write the content catalog of a locale; returns its path."""
    target = path or default_path(locale)
    check_schema(engine())
    with Session(engine()) as session:
        data = build_po(session=session, locale=locale)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target


def import_(locale: str, path: Path | None = None) -> int:
    """Read a translated content catalog back; prints what happened, returns an exit code."""
    source = path or default_path(locale)
    if not source.is_file():
        print(f"{source}: no such file (export it first: python -m rxapp.content_cli export {locale})")
        return 1
    check_schema(engine())
    with Session(engine()) as session:
        report = import_po(session=session, locale=locale, data=source.read_bytes(), name=str(source))
    for line in report.errors:
        print(line)
    if report.errors:
        print(f"nothing imported: {len(report.errors)} problem(s); fix them and import again")
        return 1
    for line in report.stale:
        print(line)
    print(
        f"imported {source}: {report.updated} updated, {report.unchanged} unchanged, "
        f"{report.skipped} not translated yet (empty or fuzzy), {len(report.stale)} stale"
    )
    return 0


def print_stats() -> None:
    """The content table of ``stats``: per locale, texts up to date, outdated, missing."""
    settings = get_settings()
    try:
        check_schema(engine())
    except Exception as error:  # the interface table is still useful without a database
        print(f"content: no database ({error})")
        return
    with Session(engine()) as session:
        table = stats(session=session, locales=settings.locales)
    print(f"\ncontent   {'locale':8}{'total':>7}{'done':>7}{'fuzzy':>7}{'missing':>9}{'unreviewed':>12}")
    print("          (done = up to date; fuzzy = outdated: the source changed since)")
    for locale, counts in table.items():
        done, outdated = counts[TranslationStatus.UP_TO_DATE], counts[TranslationStatus.OUTDATED]
        missing = counts[TranslationStatus.MISSING]
        total = done + outdated + missing
        print(f"          {locale:8}{total:>7}{done:>7}{outdated:>7}{missing:>9}{counts['unreviewed']:>12}")


def main(argv: list[str]) -> int:
    """Command-line entry point."""
    command = argv[0] if argv else ""
    path = Path(argv[2]) if len(argv) > 2 else None
    try:
        if command == "stats":
            print_stats()
        elif command == "export" and len(argv) > 1:
            print(f"wrote {export(argv[1], path)}")
        elif command == "import" and len(argv) > 1:
            return import_(argv[1], path)
        else:
            print(__doc__)
            return 2
    except DatabaseNotReadyError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
