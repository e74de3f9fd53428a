"""Search on the server: a coordinator's search words, the desk's directory list, stored keys."""

from __future__ import annotations

import gc

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from rxapp import models as m
from rxapp.services import content
from rxapp.services.editing_views import service_rows
from rxapp.services.search import catalog, stored
from tests.data.directory import edit_service


def test_a_coordinators_search_words_find_that_one_service(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service = session.exec(select(m.Service).where(m.Service.slug == "san-francisco-ropero")).one()
        assert catalog.find(session, "chanclas") == []
        edit_service(session, service=service, keywords="chanclas, sandalias, pacas de ropa")
        assert service.keywords == "chanclas, sandalias, pacas de ropa"
        assert catalog.find(session, "chanclas") == [service.id]  # the directory's revision moved
        assert service.id in catalog.find(session, "pacas")  # each of its words
        keys = stored.tiers(service.search_text)
        assert "chanclas" in keys[1].split() and "chanclas" not in keys[2].split()  # keyword tier


def test_the_desk_lists_the_best_match_first_in_any_status(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        legal = {
            s.id
            for s in session.exec(
                select(m.Service).join(m.ServiceCategory).where(m.ServiceCategory.category_slug == "legal")
            )
        }
        rows = service_rows(session=session, query="abogada")
        assert {row.id for row in rows[: len(legal)]} == legal
        inactive = session.exec(select(m.Service).where(m.Service.status == m.ServiceStatus.INACTIVE)).first()
        assert inactive is not None
        assert inactive.id in {row.id for row in service_rows(session=session, query=inactive.name)}
        assert service_rows(session=session, query="zzqqxx") == []
        everything = service_rows(session=session)
        assert len(everything) == len(session.exec(select(m.Service)).all())


def test_keys_made_by_older_rules_are_made_again(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        services = session.exec(select(m.Service).order_by(col(m.Service.id))).all()
        services[0].search_text = "albergue nocturno"  # the format before keys
        session.add(services[0])
        session.commit()
        assert content.reindex_outdated(session) == 1
        assert content.reindex_outdated(session) == 0
        session.refresh(services[0])
        assert stored.is_current(services[0].search_text)


def test_a_large_catalog_is_kept_out_of_the_collectors_full_passes(
    sample_copy: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each full pass of the cyclic collector walked a 10,000-service catalog (~60 ms: the API's
    5 % tail, issue 20); from SETTLE_FROM services the new catalog is frozen, after a thaw and a
    collection (the previous catalog's garbage goes first)."""
    monkeypatch.setattr(catalog, "SETTLE_FROM", 1)  # the sample's 36 count as large
    gc.unfreeze()
    try:
        with Session(sample_copy) as session:
            made = catalog.catalog(session)
            assert gc.get_freeze_count() > 0
            frozen = gc.get_freeze_count()
            assert catalog.catalog(session) is made and gc.get_freeze_count() == frozen  # kept: no new pass
        monkeypatch.setattr(catalog, "SETTLE_FROM", 10_000)
        with Session(sample_copy) as session:
            gc.unfreeze()
            content.bump_revision(session)
            session.commit()
            catalog.catalog(session)  # a small one: left to the collector
            assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()
