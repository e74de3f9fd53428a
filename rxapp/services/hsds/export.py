"""The public directory as HSDS 3.0, one locale at a time, and the files it is written to.

The public directory is what the public pages and their snapshot show: the services whose
status is in ``directory.PUBLIC_STATUSES`` (never an inactive one), their organizations, places,
phones, hours, languages and needs. Nothing else is read.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
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
class Dataset:
    """One locale's HSDS export: each list is one file of the export."""

    services: list[dict[str, Any]]
    organizations: list[dict[str, Any]]
    taxonomies: list[dict[str, Any]]
    taxonomy_terms: list[dict[str, Any]]
    locale: str  # the texts' language


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
    """The public directory as HSDS in ``locale`` (default: the centre's default locale)."""
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
        select(m.Service).where(col(m.Service.status).in_(PUBLIC_STATUSES)).order_by(col(m.Service.id))
    ).all()
    found: list[dict[str, Any]] = []
    for start in range(0, len(public), BATCH):  # bounded IN (...) lists on any database
        found.extend(documents.services(session, public[start : start + BATCH], ctx))
        if progress:
            progress(len(found), len(public))
    return Dataset(
        services=found,
        organizations=org_docs,
        taxonomies=[taxonomy()],
        taxonomy_terms=list(need_terms.values()),
        locale=locale,
    )


def write(dataset: Dataset, folder: Path) -> list[Path]:
    """Write each list as ``folder/<name>.json`` (UTF-8, readable), then ``folder/datapackage/``."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in FILES:
        path = folder / f"{name}.json"
        text = json.dumps(getattr(dataset, name), ensure_ascii=False, indent=1)
        path.write_text(text + "\n", encoding="utf-8")
        written.append(path)
    return written + tabular.write(dataset, folder / tabular.FOLDER)
