"""Importing HSDS 3.0: services, organizations and locations matched by their HSDS ids.

All of it is one transaction: an invalid document imports nothing, and a dry run does the whole
import, counts it, then rolls it back (so it reports exactly what the real run would do).
What Paso creates or changes keeps the import's ``source`` and, for a service, ``needs_review``
until a coordinator verifies it at the desk; a new service has no ``assured_date``.
docs/hsds.md has the mapping.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from sqlmodel import Session, select

from rxapp import models as m
from rxapp.services import content
from rxapp.services.hsds import files_in, reading
from rxapp.services.hsds.records_in import Records
from rxapp.services.hsds.report import Report
from rxapp.taxonomy import NEEDS

Progress = Callable[[int, int], None]  # (documents done, documents in all)


def run(
    *,
    session: Session,
    documents: files_in.Source | Sequence[tuple[str, reading.Document]],
    locale: str,
    source: str,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> Report:
    """Import parsed documents (each with its JSON path) in one transaction; commit unless dry.
    A ``files_in.Source`` hands them over one at a time, in order, with their leftovers found."""
    report = Report(dry_run=dry_run)
    if isinstance(documents, files_in.Source):
        report.leftovers += documents.leftovers
        ordered: Iterable[tuple[str, reading.Document]] = documents
    else:
        for where, doc in documents:
            report.leftovers += reading.leftovers(where, doc)
        order = {doc_type: index for index, doc_type in enumerate(files_in.ORDER)}
        ordered = sorted(documents, key=lambda item: order[type(item[1])])
    known = set(session.exec(select(m.Category.slug)).all())
    if {need.slug for need in NEEDS} - known:  # an empty database: the needs' rows first
        content.sync_categories(session, ((n.slug, n.icon, i) for i, n in enumerate(NEEDS)))
    work = Records(session, locale=locale, source=source, report=report)
    total = len(documents)
    try:
        for done, (where, doc) in enumerate(ordered, 1):
            if isinstance(doc, reading.Organization):
                work.organization(doc, where)
            elif isinstance(doc, reading.Service):
                work.service(doc, where)
            else:
                work.location(doc, where, None)
            if progress and (done % 100 == 0 or done == total):
                progress(done, total)
        work.finish()
    except BaseException:
        session.rollback()
        raise
    if dry_run:
        session.rollback()
    else:
        session.commit()
    return report
