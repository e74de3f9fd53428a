"""The rows one import writes: organizations, services and locations, matched by HSDS id.

``Records`` remembers what it did in this import (each record once, however many documents
name it) and which services' search keys and snapshot must follow; ``importer.run`` drives it.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from rxapp import models as m
from rxapp.services import content
from rxapp.services.hsds import fields_in, parts_in, places_in, reading
from rxapp.services.hsds.documents import SERVICE_TEXTS
from rxapp.services.hsds.known import Known, Owner
from rxapp.services.hsds.report import Report
from rxapp.services.hsds.texts_in import Slugs, assign, put
from rxapp.settings import get_settings

STATUS = {
    "active": m.ServiceStatus.ACTIVE,
    "inactive": m.ServiceStatus.INACTIVE,
    "defunct": m.ServiceStatus.INACTIVE,  # Paso hides both
    "temporarily closed": m.ServiceStatus.TEMPORARILY_CLOSED,
}


class Records:
    """One import's writes."""

    def __init__(self, session: Session, *, locale: str, source: str, report: Report) -> None:
        self.session, self.locale, self.source, self.report = session, locale, source, report
        self.slugs = Slugs(session)
        self.known = Known(session)
        self.done: dict[tuple[str, str], Any] = {}  # (kind, uuid) -> its row, once per import
        self.touched: set[int] = set()  # services whose search and snapshot must follow
        self.orgs_changed: set[int] = set()
        self.places_changed: set[int] = set()
        self.stamps: dict[int, Any] = {}  # a created service keeps its source's last_modified
        self.country = get_settings().country  # an address in it is kept with no country
        self.spare: frozenset[str] = frozenset()  # phone ids the service being read holds

    def _counted(self, kind: str, created: bool, changed: bool) -> None:
        self.report.counts[(kind, "created" if created else "updated" if changed else "unchanged")] += 1

    def organization(self, doc: reading.Organization, where: str) -> m.Organization:
        if ("organization", doc.id) in self.done:
            return self.done[("organization", doc.id)]  # type: ignore[no-any-return]
        org = self.known.get(m.Organization, doc.id)
        created = org is None
        if org is None:
            slug = self.slugs.new(m.Organization, doc.name)
            org = m.Organization(
                uuid=doc.id, slug=slug, name="", source_locale=self.locale, source=self.source
            )
            self.known.add(org)
        texts = {"name": ("name", doc.name), "description": ("description", doc.description)}
        changed = assign(org, url=doc.website, email=doc.email, is_sample=doc.is_sample)
        self.session.add(org)
        if created:
            self.session.flush()  # its id, for its translations and services
        changed |= put(
            self.session, org, texts, locale=self.locale, created=created, status=doc.translation_status
        )
        if changed and not created:
            org.source = self.source
            self.orgs_changed.add(org.id or 0)
        self._counted("organization", created, changed)
        self.done[("organization", doc.id)] = org
        for index, service in enumerate(doc.services):
            self.service(service, f"{where}.services[{index}]", org)
        for index, place in enumerate(doc.locations):
            self.location(place, f"{where}.locations[{index}]", org)
        return org

    def _owner(self, uuid: str | None) -> m.Organization | None:
        if uuid is None:
            return None
        return self.done.get(("organization", uuid)) or self.known.get(m.Organization, uuid)

    def location(self, doc: reading.Location, where: str, owner: m.Organization | None) -> m.Location | None:
        if ("location", doc.id) in self.done:
            return self.done[("location", doc.id)]  # type: ignore[no-any-return]
        place = self.known.get(m.Location, doc.id)
        org = self._owner(doc.organization_id) or owner
        if org is None and place is None:
            self.report.skipped.append(f"{where}: a location of no organization Paso knows (organization_id)")
            return None
        created = place is None
        if place is None:
            assert org is not None and org.id is not None
            place = m.Location(uuid=doc.id, organization_id=org.id, source_locale=self.locale)
            self.known.add(place)
        changed = assign(
            place,
            organization_id=org.id if org and org.id else place.organization_id,
            latitude=doc.latitude,
            longitude=doc.longitude,
            **fields_in.address(doc, where, self.country, self.report.leftovers),
        )
        self.session.add(place)
        if created:
            self.session.flush()
        texts = {"name": ("name", doc.name), "directions": ("transportation", doc.transportation)}
        changed |= put(
            self.session, place, texts, locale=self.locale, created=created, status=doc.translation_status
        )
        assert place.id is not None
        changed |= self._place_parts(("location_id", place.id), doc.phones, doc.schedules, where)
        spoken, found = places_in.languages(
            self.session, self.known, place, doc.languages, where=f"{where}.languages"
        )
        access, skipped = places_in.accessibility(
            self.session,
            self.known,
            place,
            doc.accessibility,
            locale=self.locale,
            where=f"{where}.accessibility",
        )
        changed |= spoken | access
        self.report.leftovers += found
        self.report.skipped += skipped
        if changed and not created:
            self.places_changed.add(place.id or 0)
        self._counted("location", created, changed)
        self.done[("location", doc.id)] = place
        return place

    def service(self, doc: reading.Service, where: str, owner: m.Organization | None = None) -> None:
        if ("service", doc.id) in self.done:
            return
        self.done[("service", doc.id)] = True
        self.known.reserved |= {phone.id for phone in doc.phones}  # before its organization's places
        if owner is None and doc.organization is not None:
            owner = self.organization(doc.organization, f"{where}.organization")
        owner = owner or self._owner(doc.organization_id)
        if owner is None or owner.id is None:
            self.report.skipped.append(f"{where}: a service of no organization Paso knows (organization_id)")
            return
        service = self.known.get(m.Service, doc.id)
        created = service is None
        if service is None:
            slug = self.slugs.new(m.Service, doc.name)
            service = m.Service(
                uuid=doc.id, slug=slug, organization_id=owner.id, name="", source_locale=self.locale
            )
            self.known.add(service)
        # Documents to bring win over "no documents needed" (docs/hsds.md): the desk never saves both.
        papers = any((paper.document or "").strip() for paper in doc.required_documents)
        if papers and doc.no_documents_needed:
            self.report.leftovers.append((f"{where}.no_documents_needed", "not kept"))
        changed = assign(
            service,
            organization_id=owner.id,
            status=STATUS[doc.status],
            is_free=any(option.amount == 0 for option in doc.cost_options),
            no_documents_needed=doc.no_documents_needed and not papers,
            **fields_in.service(doc, where, self.report.leftovers),
        )
        self.session.add(service)
        if created:
            self.session.flush()
        texts = {paso: (hsds, getattr(doc, hsds)) for paso, hsds in SERVICE_TEXTS.items()}
        changed |= put(
            self.session, service, texts, locale=self.locale, created=created, status=doc.translation_status
        )
        assert service.id is not None
        # The service's own first: a phone id it shares with a place (as the official examples
        # do) stays the service's. A phone that moves between owners of this document is spared.
        self.spare = _every_phone(doc)
        for part, found in (
            self._phones(("service_id", service.id), doc.phones, f"{where}.phones"),
            parts_in.hours(
                self.session,
                self.known,
                service,
                doc.schedules,
                locale=self.locale,
                where=f"{where}.schedules",
            ),
            parts_in.languages(self.session, self.known, service, doc.languages, where=f"{where}.languages"),
            parts_in.needs(self.session, self.known, service, doc.attributes, where=f"{where}.attributes"),
            parts_in.documents(
                self.session,
                self.known,
                service,
                doc.required_documents,
                locale=self.locale,
                where=f"{where}.required_documents",
            ),
        ):
            changed |= part
            self.report.leftovers += found
        changed |= self._links(service, doc, where, owner)
        self.spare = frozenset()
        self.report.leftovers += [
            (f"{where}.cost_options[{i}].amount", "not kept")
            for i, option in enumerate(doc.cost_options)
            if option.amount  # Paso keeps "free" (amount 0), not prices
        ]
        if changed or created:
            service.source, service.needs_review = self.source, True
            assert service.id is not None
            self.touched.add(service.id)
            if created and doc.last_modified:
                self.stamps[service.id] = doc.last_modified
        self._counted("service", created, changed)

    def _links(self, service: m.Service, doc: reading.Service, where: str, owner: m.Organization) -> bool:
        assert service.id is not None
        wanted = {link.id for link in doc.service_at_locations}
        changed = False
        for index, link_doc in enumerate(doc.service_at_locations):
            here = f"{where}.service_at_locations[{index}]"
            place = (
                self.location(link_doc.location, f"{here}.location", owner)
                if link_doc.location
                else self.known.get(m.Location, link_doc.location_id or "")
            )
            if place is None or place.id is None:
                self.report.skipped.append(f"{here}: a location Paso does not know (location_id)")
                continue
            row = self.known.get(m.ServiceAtLocation, link_doc.id)
            if row is None:
                row, changed = (
                    m.ServiceAtLocation(uuid=link_doc.id, service_id=service.id, location_id=place.id),
                    True,
                )
                self.known.add(row)
            changed |= assign(row, service_id=service.id, location_id=place.id)
            self.session.add(row)
            if row.id is None and not (link_doc.phones or link_doc.schedules):
                continue  # a new place of the service with nothing of its own: no flush needed
            if row.id is None:
                self.session.flush()  # its id, for its phones and hours
            assert row.id is not None
            at_place = ("service_at_location_id", row.id)
            changed |= self._place_parts(at_place, link_doc.phones, link_doc.schedules, here)
        # Places gone last: a phone moving from one to a place still there has moved by now.
        for link in self.known.of(m.ServiceAtLocation, service.id):
            if link.uuid not in wanted:
                assert link.id is not None
                self._place_parts(("service_at_location_id", link.id), [], [], where)
                self.session.flush()  # its phones and hours go before it
                self.session.delete(link)
                self.known.drop(link)
                changed = True
        return changed

    def _phones(
        self, owner: Owner, docs: list[reading.Phone], where: str
    ) -> tuple[bool, list[tuple[str, str]]]:
        changed, leftovers, skipped = parts_in.phones(
            self.session, self.known, owner, docs, locale=self.locale, where=where, spare=self.spare
        )
        self.report.skipped += skipped
        return changed, leftovers

    def _place_parts(
        self, owner: Owner, phones: list[reading.Phone], hours: list[reading.Schedule], where: str
    ) -> bool:
        """A place's phones and weekly slots: of one service there, or the place's own."""
        changed, found = self._phones(owner, phones, f"{where}.phones")
        more, left = parts_in.slots(
            self.session, self.known, owner, hours, locale=self.locale, where=f"{where}.schedules"
        )
        self.report.leftovers += found + left
        return changed | more

    def finish(self) -> None:
        """Search keys and revision stamps of every service whose public page changed."""
        at_places = select(m.ServiceAtLocation.service_id).where(
            col(m.ServiceAtLocation.location_id).in_(self.places_changed)
        )
        query = select(m.Service).where(
            col(m.Service.id).in_(self.touched)
            | col(m.Service.organization_id).in_(self.orgs_changed)
            | col(m.Service.id).in_(at_places)
        )
        services = (
            self.session.exec(query).all() if self.touched or self.orgs_changed or self.places_changed else []
        )
        self.session.flush()
        # Every change is flushed: the keys' reads need not flush each service's new keys
        # before the next one's (a flush per service was a third of a second locale's import).
        with self.session.no_autoflush:
            for service in services:
                content.reindex_service(self.session, service)
                if service.id in self.stamps:
                    service.updated_at = self.stamps[service.id]
        if services:
            content.bump_revision(self.session)


def _every_phone(doc: reading.Service) -> frozenset[str]:
    """The ids of every phone a service document holds, its places' too."""
    return frozenset(
        phone.id
        for phones in (
            doc.phones,
            *(link.phones for link in doc.service_at_locations),
            *(link.location.phones for link in doc.service_at_locations if link.location),
        )
        for phone in phones
    )
