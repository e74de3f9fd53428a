"""Services an import left to review (issue 20): counted, listed alone, cleared by "verified
today", and still public, but not shown as verified until then."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp import models as m
from rxapp.services import directory, editing, review
from rxapp.services.editing_views import service_rows
from tests.data.review import imported

NOW = dt.datetime(2026, 12, 4, 15, 0, tzinfo=dt.UTC)
MEXICO = ZoneInfo("America/Mexico_City")


def test_nothing_is_to_review_in_a_directory_typed_at_the_desk(session: Session) -> None:
    assert review.count_unreviewed(session=session) == 0
    assert service_rows(session=session, to_review=True) == []
    assert not any(row.needs_review or row.source for row in service_rows(session=session))


def test_imported_services_are_counted_and_listed_alone_with_their_source(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        services = imported(session)
        services[1].status = m.ServiceStatus.INACTIVE  # not public, still to review
        session.add(services[1])
        session.commit()
        rows = service_rows(session=session, to_review=True)
        assert review.count_unreviewed(session=session) == 2
        assert sorted(row.id for row in rows) == sorted(s.id or 0 for s in services)
        assert {(row.needs_review, row.source) for row in rows} == {(True, "Red Frontera")}
        every = service_rows(session=session)
        assert len(every) > 2 and sum(row.needs_review for row in every) == 2


def test_the_filter_keeps_the_search(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        first = imported(session, 1)[0]
        assert [row.id for row in service_rows(session=session, query=first.name, to_review=True)] == [
            first.id
        ]
        assert service_rows(session=session, query="zzzz nothing", to_review=True) == []


def test_a_service_without_a_source_of_its_own_names_its_organizations(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service = imported(session, 1, source="")[0]
        organization = session.get(m.Organization, service.organization_id)
        assert organization is not None
        organization.source = "ACNUR Tapachula"
        session.add(organization)
        session.commit()
        assert [row.source for row in service_rows(session=session, to_review=True)] == ["ACNUR Tapachula"]


def test_verified_today_clears_it(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        first, second = imported(session)
        editing.mark_verified(session=session, service_id=first.id or 0, now=NOW, tz=MEXICO)
        assert review.count_unreviewed(session=session) == 1
        assert [row.id for row in service_rows(session=session, to_review=True)] == [second.id]


def test_a_public_service_to_review_stays_public_but_not_verified(sample_copy: Engine) -> None:
    """The public card says "not yet verified" while the import's change waits (its date of
    verification is from before the change), and the date once a coordinator checks it."""
    with Session(sample_copy) as session:
        service = imported(session, 1)[0]
        shown = {s.slug: s for s in directory.public_services(session=session, locale="es")}
        assert service.slug in shown and shown[service.slug].verified == ""
        editing.mark_verified(session=session, service_id=service.id or 0, now=NOW, tz=MEXICO)
        shown = {s.slug: s for s in directory.public_services(session=session, locale="es")}
        assert shown[service.slug].verified == "4 de diciembre de 2026"
