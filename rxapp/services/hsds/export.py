"""The public directory as HSDS 3.0, one locale at a time, and the files it is written to.

The public directory is what the public pages and their snapshot show: the services whose
status is in ``directory.PUBLIC_STATUSES`` (never an inactive one), their organizations, places,
phones, hours, languages and needs, and the alerts in force on them. Nothing else is read.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO
from zoneinfo import ZoneInfo

from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from rxapp import models as m
from rxapp.i18n import catalogs
from rxapp.services.directory import BATCH, PUBLIC_STATUSES
from rxapp.services.hsds import documents, ids, tabular
from rxapp.settings import get_settings
from rxapp.taxonomy import NEEDS

FILES = ("services", "organizations", "taxonomies", "taxonomy_terms")
Progress = Callable[[int, int], None]  # (services done, services in all)


@dataclass
class _Lists:
    organizations: list[dict[str, Any]]
    taxonomies: list[dict[str, Any]]
    taxonomy_terms: list[dict[str, Any]]
    locale: str  # the texts' language


@dataclass
class Dataset(_Lists):
    """One locale's HSDS export, held: each list is one file of the export."""

    services: list[dict[str, Any]]


@dataclass
class Streamed(_Lists):
    """As ``Dataset``, but the services compiled a batch at a time as they are taken, once
    (10,000 compiled services held at once took ~400 MB)."""

    services: Iterator[dict[str, Any]]


def taxonomy() -> dict[str, Any]:
    """Paso's needs as an HSDS taxonomy (its texts in English: they describe the scheme)."""
    return {
        "id": ids.TAXONOMY,
        "name": "Paso needs",
        "description": "The needs people come to a Paso centre with, shown as tiles on its home page.",
        "version": "1",
    }


def terms(locale: str) -> dict[str, dict[str, Any]]:
    """Each need as a taxonomy term, named in ``locale`` (the needs' names are interface strings)."""
    return {
        need.slug: {
            "id": ids.term(need.slug),
            "code": need.slug,
            "name": catalogs.gettext(locale, need.label),
            "description": "",  # Paso's needs have a name only
            "taxonomy": "Paso needs",
            "taxonomy_id": ids.TAXONOMY,
            "language": locale,
        }
        for need in NEEDS
    }


def public_organization() -> ColumnElement[bool]:
    """Whether an organization is in the public directory: it offers or hosts a public service."""
    public = col(m.Service.status).in_(PUBLIC_STATUSES)
    offering = select(m.Service.organization_id).where(public)
    hosting = (
        select(m.Location.organization_id)
        .join(m.ServiceAtLocation, col(m.ServiceAtLocation.location_id) == m.Location.id)
        .join(m.Service, col(m.Service.id) == m.ServiceAtLocation.service_id)
        .where(public)
    )
    return col(m.Organization.id).in_(offering) | col(m.Organization.id).in_(hosting)


def _public_organizations(session: Session) -> list[m.Organization]:
    query = select(m.Organization).where(public_organization())
    return list(session.exec(query.order_by(col(m.Organization.id))).all())


def build(
    *,
    session: Session,
    locale: str | None = None,
    today: dt.date | None = None,
    tz: ZoneInfo | None = None,
    progress: Progress | None = None,
) -> Dataset:
    """The public directory as HSDS in ``locale`` (default: the centre's default locale), held."""
    streamed = stream(session=session, locale=locale, today=today, tz=tz, progress=progress)
    return Dataset(
        services=list(streamed.services),
        organizations=streamed.organizations,
        taxonomies=streamed.taxonomies,
        taxonomy_terms=streamed.taxonomy_terms,
        locale=streamed.locale,
    )


def stream(
    *,
    session: Session,
    locale: str | None = None,
    today: dt.date | None = None,
    tz: ZoneInfo | None = None,
    progress: Progress | None = None,
) -> Streamed:
    """As ``build``, but the services compiled a batch at a time as ``write`` takes them."""
    settings = get_settings()
    locale = locale or settings.default_locale
    if locale not in settings.locales:
        raise ValueError(f"unknown locale {locale!r}: Paso has {', '.join(settings.locales)}")
    tz = tz or settings.tz
    orgs = _public_organizations(session)
    org_docs = documents.organizations(session, orgs, locale)
    need_terms = terms(locale)
    ctx = documents.Context(
        locale=locale,
        tz=tz,
        today=today or dt.datetime.now(tz).date(),
        organizations={org.id: doc for org, doc in zip(orgs, org_docs, strict=True) if org.id is not None},
        terms=need_terms,
    )
    public = session.exec(
        select(m.Service.id).where(col(m.Service.status).in_(PUBLIC_STATUSES)).order_by(col(m.Service.id))
    ).all()

    def services() -> Iterator[dict[str, Any]]:
        done = 0
        for start in range(0, len(public), BATCH):  # bounded IN (...) lists on any database
            batch = session.exec(
                select(m.Service).where(col(m.Service.id).in_(public[start : start + BATCH]))
            )
            ordered = sorted(batch.all(), key=lambda service: service.id or 0)
            yield from documents.services(session, ordered, ctx)
            done += len(ordered)
            session.expunge_all()  # what the batch loaded: the next one reads its own
            if progress:
                progress(done, len(public))

    return Streamed(
        services=services(),
        organizations=org_docs,
        taxonomies=[taxonomy()],
        taxonomy_terms=list(need_terms.values()),
        locale=locale,
    )


def write(dataset: Dataset | Streamed, folder: Path) -> list[Path]:
    """Write each list as ``folder/<name>.json`` (UTF-8, readable) and ``folder/datapackage/``,
    taking each service once, as it comes (the JSON and the CSVs side by side)."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    with tabular.Package(folder / tabular.FOLDER, dataset.locale) as package:
        tables = {
            "organizations": "organization",
            "taxonomies": "taxonomy",
            "taxonomy_terms": "taxonomy_term",
        }
        for name, table in tables.items():  # first, so the CSVs' rows keep the JSON files' order
            for doc in getattr(dataset, name):
                package.add(table, doc)
        for name in FILES:
            path = folder / f"{name}.json"
            with path.open("w", encoding="utf-8") as out:
                items: Iterable[dict[str, Any]] = getattr(dataset, name)
                if name == "services":
                    items = _added(items, package)
                _json_list(out, items)
            written.append(path)
    return written + package.paths


def _added(docs: Iterable[dict[str, Any]], package: tabular.Package) -> Iterator[dict[str, Any]]:
    for doc in docs:
        package.add("service", doc)
        yield doc


def _json_list(out: TextIO, items: Iterable[dict[str, Any]]) -> None:
    """``items`` as ``json.dumps(list(items), ensure_ascii=False, indent=1)`` writes them, one at a time."""
    out.write("[")
    empty = True
    for item in items:
        out.write("\n " if empty else ",\n ")
        # An indent is the only line break json.dumps writes (one in a text is written \\n).
        out.write(json.dumps(item, ensure_ascii=False, indent=1).replace("\n", "\n "))
        empty = False
    out.write("]\n" if empty else "\n]\n")
