"""Directory content for translators: export to and import from ``.po``, and its stats.

python -m rxapp.i18n.cli content-export LOCALE [FILE] | content-import LOCALE FILE
Files default to ``<data folder>/content/<locale>.po``: they mirror this installation's
database, so they live with its data rather than in the repository.
"""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session

from rxapp.services.db import check_schema, engine
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
        print(f"{source}: no such file (export it first: content-export {locale})")
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
