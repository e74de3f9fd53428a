"""A locale's directory content as the desk sends and receives it: a ``.po`` file, checked
in full before anything is imported. Directory texts only, never a person's data."""

from __future__ import annotations

import gettext
import io
import re
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from babel.messages.pofile import PoFileError, read_po
from sqlmodel import Session

from rxapp.services.translation import TranslationStatus, export_po, import_po, stats, too_long

MAX_BYTES = 2 * 1024 * 1024  # the sample's largest catalog is ~100 KB; a big centre's ~1 MB
MEDIA_TYPE = "text/x-gettext-translation"  # what Poedit and Weblate call a .po file
_NAME = "upload"  # names the file in import_po's messages, so their line numbers can be read
_LINE = re.compile(rf"^{_NAME}:(\d+):")
MAX_LINES = 10  # lines named in a refusal; the translator fixes those and tries again


class FileProblem(StrEnum):
    """Why an uploaded file was refused (nothing of it was imported)."""

    TOO_LARGE = "too_large"
    NOT_PO = "not_po"  # not readable as a gettext catalog
    NO_LANGUAGE = "no_language"  # its header names no language
    WRONG_LANGUAGE = "wrong_language"
    MISMATCH = "mismatch"  # texts that are not this directory's (edited context, deleted record)
    TOO_LONG = "too_long"  # translations longer than their field allows


@dataclass(frozen=True)
class Outcome:
    """What an upload did (the counts), or why it did nothing (``problem``)."""

    problem: FileProblem | None = None
    language: str = ""  # the file's language, when it is another one
    lines: tuple[int, ...] = ()  # the entries at fault, for MISMATCH
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0  # empty or fuzzy: not translated yet
    stale: int = 0  # the source changed after the download: not imported

    def as_json(self) -> dict[str, Any]:
        """The fields an answer carries (the problem goes in ``error``)."""
        fields = asdict(self)
        del fields["problem"]
        fields["lines"] = list(self.lines)
        return fields


def filename(locale: str) -> str:
    """The name a downloaded catalog is saved under."""
    return f"paso-content-{locale}.po"


def download(*, session: Session, locale: str) -> bytes:
    """The content catalog of a locale, as the command line exports it."""
    return export_po(session=session, locale=locale)


def completeness(*, session: Session, locales: list[str]) -> dict[str, dict[str, int]]:
    """Per locale: texts up to date, outdated, missing, unreviewed, and the total; of the up to
    date ones, ``reviewed`` and ``drafted`` (a draft no native speaker checked), and the shares
    of the total both make (``reviewed_percent``, ``drafted_percent``)."""
    table: dict[str, dict[str, int]] = {}
    for locale, counts in stats(session=session, locales=locales).items():
        row = {status.value: counts[status.value] for status in TranslationStatus}
        drafted = counts["drafted"]
        reviewed = row[TranslationStatus.UP_TO_DATE] - drafted
        total = sum(row.values())
        table[locale] = {
            **row,
            "unreviewed": counts["unreviewed"],
            "total": total,
            "reviewed": reviewed,
            "drafted": drafted,
            **shares(reviewed=reviewed, drafted=drafted, total=total),
        }
    return table


def shares(*, reviewed: int, drafted: int, total: int) -> dict[str, int]:
    """Whole percents of the total that are reviewed and drafted, rounded down: 100 reviewed
    only when every text is reviewed, and the two add up to the up-to-date share, rounded down.
    Nothing to translate counts as all reviewed."""
    if total <= 0:
        return {"reviewed_percent": 100, "drafted_percent": 0}
    first = reviewed * 100 // total
    return {"reviewed_percent": first, "drafted_percent": (reviewed + drafted) * 100 // total - first}


def check(data: bytes, locale: str) -> Outcome | None:
    """A refusal for a file that is too large, unreadable or for another language; else None."""
    if len(data) > MAX_BYTES:
        return Outcome(FileProblem.TOO_LARGE)
    try:
        catalog = read_po(io.BytesIO(data), abort_invalid=True)
    except (PoFileError, UnicodeDecodeError, ValueError):
        return Outcome(FileProblem.NOT_PO)
    language = catalog.locale_identifier
    if not language:
        # Babel reads any text without keywords (an empty file) as an empty catalog.
        empty = not any(message.id for message in catalog)
        return Outcome(FileProblem.NOT_PO if empty else FileProblem.NO_LANGUAGE)
    if str(language) != locale:
        return Outcome(FileProblem.WRONG_LANGUAGE, language=str(language))
    if not _plural_forms_read(_header(data, "Plural-Forms")):
        return Outcome(FileProblem.NOT_PO)
    if lines := too_long(catalog):
        return Outcome(FileProblem.TOO_LONG, lines=tuple(lines[:MAX_LINES]))
    return None


def _header(data: bytes, name: str) -> str | None:
    """A header's value as the file wrote it (Babel replaces a Plural-Forms it cannot read)."""
    found = re.search(rb'^"' + name.encode() + rb':\s*(.*?)(?:\\n)?"\s*$', data, re.M)
    return found.group(1).decode("utf-8", "replace") if found else None


def _plural_forms_read(value: str | None) -> bool:
    """Whether a Plural-Forms header (absent is fine) is one gettext can evaluate."""
    if value is None:
        return True
    found = re.fullmatch(r"\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?);?\s*", value)
    if found is None or not 1 <= int(found.group(1)) <= 6:
        return False
    try:
        gettext.c2py(found.group(2))
    except (ValueError, SyntaxError):
        return False
    return True


def upload(*, session: Session, locale: str, data: bytes) -> Outcome:
    """Import a translated catalog; a file with any problem changes nothing."""
    refused = check(data, locale)
    if refused is not None:
        return refused
    report = import_po(session=session, locale=locale, data=data, name=_NAME)
    if report.errors:
        lines = sorted({int(m.group(1)) for line in report.errors if (m := _LINE.match(line))})
        return Outcome(FileProblem.MISMATCH, lines=tuple(lines[:MAX_LINES]))
    return Outcome(
        updated=report.updated,
        unchanged=report.unchanged,
        skipped=report.skipped,
        stale=len(report.stale),
    )
