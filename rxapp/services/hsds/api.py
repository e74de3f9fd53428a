"""The public read API's queries (issue 20): one page of the public directory as HSDS.

Never the whole export per request: a page's services are selected and counted in SQL, then
compiled by ``documents.services`` as one batch. The selection is the export's (public
statuses only, ``export.public_organization``). ``search`` is Paso's own server-side search
(``rxapp.services.search.catalog``: the desk's index, every language's keys, typos forgiven),
restricted to the public services the other filters leave. No Reflex import.
"""

from __future__ import annotations

import datetime as dt
import math
import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col, select

from rxapp import models as m
from rxapp.services.directory import PUBLIC_STATUSES
from rxapp.services.hsds import documents, export, ids
from rxapp.services.search import catalog
from rxapp.taxonomy import NEEDS

HSDS_VERSION = "3.0"
PROFILE = "https://docs.openreferral.org/en/v3.0/"
OPENAPI_URL = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"
TERM_SLUGS = {ids.term(need.slug): need.slug for need in NEEDS}


@dataclass(frozen=True)
class Filters:
    """What a list of services (or of their places) is narrowed by; empty: not asked."""

    search: str = ""
    taxonomy_term_id: str = ""
    taxonomy_id: str = ""
    organization_id: str = ""
    modified_after: dt.datetime | None = None  # aware; on or after


@dataclass(frozen=True)
class Paging:
    """A page (from 1) of ``per_page`` items."""

    page: int = 1
    per_page: int = 50

    @property
    def offset(self) -> int:
        """How many items come before this page."""
        return (self.page - 1) * self.per_page


@dataclass(frozen=True)
class Where:
    """The locale and day documents are compiled for."""

    locale: str
    tz: ZoneInfo
    today: dt.date
    now: dt.datetime = field(default_factory=m.utcnow)  # which alerts are in force


def page_document(items: list[dict[str, Any]], total: int, paging: Paging) -> dict[str, Any]:
    """The OpenAPI's ``Page`` with its ``contents`` (page 1 exists, empty, when nothing matches)."""
    pages = max(1, math.ceil(total / paging.per_page))
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": paging.page,
        "size": len(items),
        "first_page": paging.page == 1,
        "last_page": paging.page >= pages,
        "empty": not items,
        "contents": items,
    }


def root() -> dict[str, Any]:
    """The API's information (the OpenAPI's ``/``)."""
    return {"version": HSDS_VERSION, "profile": PROFILE, "openapi_url": OPENAPI_URL}


def _service_clauses(filters: Filters) -> list[ColumnElement[bool]] | None:
    """The SQL conditions of the filters, or None when an asked id names nothing Paso has."""
    clauses: list[ColumnElement[bool]] = [col(m.Service.status).in_(PUBLIC_STATUSES)]
    needs = select(m.ServiceCategory.service_id)
    if filters.taxonomy_id:
        if filters.taxonomy_id != ids.TAXONOMY:
            return None
        clauses.append(col(m.Service.id).in_(needs))
    if filters.taxonomy_term_id:
        slug = TERM_SLUGS.get(filters.taxonomy_term_id)
        if slug is None:
            return None
        clauses.append(col(m.Service.id).in_(needs.where(m.ServiceCategory.category_slug == slug)))
    if filters.organization_id:
        owner = select(m.Organization.id).where(m.Organization.uuid == filters.organization_id)
        clauses.append(col(m.Service.organization_id).in_(owner))
    if filters.modified_after is not None:
        clauses.append(col(m.Service.updated_at) >= filters.modified_after)
    return clauses


# Kept while the search catalog (one per directory revision) is the same, a few per worker:
# the ids each set of filters leaves (reading 10,000 ids took ~8 ms of a search's ~40), and each
# search's ranked answer (a partner paging through "comida" ranks it once, not once a page).
_allowed: dict[tuple[str, Filters], tuple[catalog.Catalog, frozenset[int]]] = {}
_ranked: dict[tuple[str, Filters], tuple[catalog.Catalog, list[int]]] = {}
_kept_lock = threading.Lock()
KEPT = 64  # of each; past it, the kept ones are dropped together


def _keep(kept: dict[tuple[str, Filters], Any], key: tuple[str, Filters], value: Any) -> None:
    with _kept_lock:
        if len(kept) >= KEPT:
            kept.clear()
        kept[key] = value


def _searched(session: Session, filters: Filters, clauses: list[ColumnElement[bool]]) -> list[int]:
    """The ids of the filtered services matching ``filters.search``, best first."""
    made = catalog.catalog(session)
    where = str(getattr(session.get_bind(), "url", ""))
    with _kept_lock:
        ranked, allowed = _ranked.get((where, filters)), _allowed.get((where, replace(filters, search="")))
    if ranked is not None and ranked[0] is made:
        return ranked[1]
    if allowed is None or allowed[0] is not made:
        among = frozenset(session.connection().execute(select(m.Service.id).where(*clauses)).scalars())
        allowed = (made, among)
        _keep(_allowed, (where, replace(filters, search="")), allowed)
    order = catalog.find(session, filters.search, allowed[1])
    _keep(_ranked, (where, filters), (made, order))
    return order


def _context(session: Session, batch: Sequence[m.Service], where: Where) -> documents.Context:
    """What the batch's documents share: only the organizations they name."""
    sids = [s.id for s in batch]
    hosts = (
        select(m.Location.organization_id)
        .join(m.ServiceAtLocation, col(m.ServiceAtLocation.location_id) == m.Location.id)
        .where(col(m.ServiceAtLocation.service_id).in_(sids))
    )
    owners = {s.organization_id for s in batch}
    orgs = session.exec(
        select(m.Organization)
        .where(col(m.Organization.id).in_(owners) | col(m.Organization.id).in_(hosts))
        .order_by(col(m.Organization.id))
    ).all()
    docs = documents.organizations(session, orgs, where.locale)
    return documents.Context(
        locale=where.locale,
        tz=where.tz,
        today=where.today,
        now=where.now,
        organizations={org.id: doc for org, doc in zip(orgs, docs, strict=True) if org.id is not None},
        terms=export.terms(where.locale),
    )


def _compiled(session: Session, service_ids: Sequence[int], where: Where) -> list[dict[str, Any]]:
    """The compiled documents of these services, in this order."""
    if not service_ids:
        return []
    rows = session.exec(select(m.Service).where(col(m.Service.id).in_(service_ids))).all()
    by_id = {row.id: row for row in rows}
    batch = [by_id[i] for i in service_ids if i in by_id]
    return documents.services(session, batch, _context(session, batch, where))


def services(session: Session, *, filters: Filters, paging: Paging, where: Where) -> dict[str, Any]:
    """A page of public services (in id order, or best first with ``search``)."""
    clauses = _service_clauses(filters)
    if clauses is None:
        return page_document([], 0, paging)
    if filters.search:
        order = _searched(session, filters, clauses)
        total, chosen = len(order), order[paging.offset : paging.offset + paging.per_page]
    else:
        total = session.exec(select(func.count()).select_from(m.Service).where(*clauses)).one()
        query = select(m.Service.id).where(*clauses).order_by(col(m.Service.id))
        found = session.exec(query.offset(paging.offset).limit(paging.per_page)).all()
        chosen = [i for i in found if i is not None]
    return page_document(_compiled(session, chosen, where), total, paging)


def service(session: Session, uuid: str, where: Where) -> dict[str, Any] | None:
    """One public service's compiled document, by its HSDS id."""
    found = session.exec(
        select(m.Service.id).where(m.Service.uuid == uuid, col(m.Service.status).in_(PUBLIC_STATUSES))
    ).first()
    return _compiled(session, [found], where)[0] if found is not None else None


def service_at_locations(
    session: Session, *, filters: Filters, paging: Paging, where: Where
) -> dict[str, Any]:
    """A page of the public services' places (``service_at_location`` with its location)."""
    clauses = _service_clauses(filters)
    if clauses is None:
        return page_document([], 0, paging)
    link = m.ServiceAtLocation
    joined = select(link.id, link.service_id).join(m.Service, col(m.Service.id) == link.service_id)
    if filters.search:
        grouped: dict[int, list[int]] = defaultdict(list)
        for link_id, service_id in session.exec(joined.where(*clauses).order_by(col(link.id))).all():
            grouped[service_id].append(link_id or 0)
        order = [(lid, sid) for sid in _searched(session, filters, clauses) for lid in grouped[sid]]
        total, rows = len(order), order[paging.offset : paging.offset + paging.per_page]
    else:
        counted = select(func.count()).select_from(link).join(m.Service, col(m.Service.id) == link.service_id)
        total = session.exec(counted.where(*clauses)).one()
        page = joined.where(*clauses).order_by(col(link.id)).offset(paging.offset).limit(paging.per_page)
        rows = [(lid or 0, sid) for lid, sid in session.exec(page).all()]
    wanted = {m_id for m_id, _ in rows}
    places = {
        place["id"]: place
        for doc in _compiled(session, list(dict.fromkeys(sid for _, sid in rows)), where)
        for place in doc["service_at_locations"]
    }
    uuids = dict(session.exec(select(link.id, link.uuid).where(col(link.id).in_(wanted))).all())
    return page_document([places[uuids[lid]] for lid, _ in rows], total, paging)


def organizations(session: Session, *, paging: Paging, locale: str) -> dict[str, Any]:
    """A page of the public directory's organizations, in id order."""
    public = export.public_organization()
    total = session.exec(select(func.count()).select_from(m.Organization).where(public)).one()
    query = select(m.Organization).where(public).order_by(col(m.Organization.id))
    orgs = session.exec(query.offset(paging.offset).limit(paging.per_page)).all()
    return page_document(documents.organizations(session, orgs, locale), total, paging)


def organization(session: Session, uuid: str, locale: str) -> dict[str, Any] | None:
    """One public organization, by its HSDS id."""
    query = select(m.Organization).where(m.Organization.uuid == uuid, export.public_organization())
    found = session.exec(query).first()
    return documents.organizations(session, [found], locale)[0] if found is not None else None


def _paged(items: list[dict[str, Any]], paging: Paging) -> dict[str, Any]:
    return page_document(items[paging.offset : paging.offset + paging.per_page], len(items), paging)


def taxonomies(*, paging: Paging) -> dict[str, Any]:
    """Paso's one taxonomy, its needs, as a page."""
    return _paged([export.taxonomy()], paging)


def taxonomy_terms(*, paging: Paging, locale: str, taxonomy_id: str = "") -> dict[str, Any]:
    """The needs as taxonomy terms named in ``locale``, as a page."""
    terms = [t for t in export.terms(locale).values() if taxonomy_id in ("", t["taxonomy_id"])]
    return _paged(terms, paging)


def by_id(items: list[dict[str, Any]], uuid: str) -> dict[str, Any] | None:
    """The item with this id, if any."""
    return next((item for item in items if item["id"] == uuid), None)
