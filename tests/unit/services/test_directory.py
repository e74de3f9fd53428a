"""Directory queries on the sample data: search, filters, counts, fallback."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from rxapp import models as m
from rxapp.services import content, directory
from rxapp.services.text import normalize


@pytest.mark.parametrize("query", ["medico", "médico", "MÉDICO", "Medico", "  médico  "])
def test_search_ignores_accents_and_case(session: Session, query: str) -> None:
    found = directory.list_services(session=session, locale="es", query=query)
    health = [s for s in found if "health" in s.needs]
    assert len(health) >= 4
    assert found[: len(health)] == health  # typo matches ("mexico") come after


@pytest.mark.parametrize(("locale", "query"), [("es", "comida"), ("en", "food"), ("es", "food")])
def test_search_matches_in_any_language(session: Session, locale: str, query: str) -> None:
    found = directory.list_services(session=session, locale=locale, query=query)
    assert any("food" in s.needs for s in found)


def test_search_all_words_must_match(session: Session) -> None:
    both = directory.list_services(session=session, locale="es", query="consulta medica")
    one = directory.list_services(session=session, locale="es", query="consulta")
    assert both
    assert {s.slug for s in both} <= {s.slug for s in one}


@pytest.mark.parametrize("query", ["zzzzqqq", "☃☃", "'; DROP TABLE service; --", "%", "_", "\x00"])
def test_odd_queries_never_fail(session: Session, query: str) -> None:
    found = directory.list_services(session=session, locale="es", query=query)
    assert isinstance(found, list)


def test_percent_is_not_a_wildcard(session: Session) -> None:
    assert directory.list_services(session=session, locale="es", query="zz%") == []


def test_need_filter_and_counts_agree(session: Session) -> None:
    counts = directory.need_counts(session=session)
    for slug, count in counts.items():
        assert len(directory.list_services(session=session, locale="en", need=slug)) == count


def test_free_and_no_documents_filters(session: Session) -> None:
    free = directory.list_services(session=session, locale="es", free=True)
    nodocs = directory.list_services(session=session, locale="es", no_documents=True)
    everything = directory.list_services(session=session, locale="es")
    assert all(s.is_free for s in free) and len(free) < len(everything)
    assert all(s.no_documents_needed for s in nodocs) and len(nodocs) < len(everything)


def test_inactive_services_are_hidden(session: Session) -> None:
    inactive = session.exec(select(m.Service).where(m.Service.status == m.ServiceStatus.INACTIVE)).first()
    assert inactive is not None
    assert directory.get_service(session=session, slug=inactive.slug, locale="es") is None
    assert inactive.slug not in {s.slug for s in directory.list_services(session=session, locale="es")}


def test_unknown_slug_is_none(session: Session) -> None:
    assert directory.get_service(session=session, slug="no-such-service", locale="es") is None


def test_texts_come_in_the_page_locale(session: Session) -> None:
    es = directory.list_services(session=session, locale="es", need="health")
    en = directory.list_services(session=session, locale="en", need="health")
    assert {s.slug for s in es} == {s.slug for s in en}
    assert {s.name for s in es} != {s.name for s in en}
    assert all(not s.other_locales for s in es + en)


def _one_service(session: Session, names: dict[str, str]) -> None:
    """A Spanish service "Desayunos" whose name is translated into ``names``' locales."""
    org = m.Organization(slug="o", name="", source_locale="es")
    content.set_source_texts(org, {"name": "Comedor", "description": ""})
    session.add(org)
    session.flush()
    assert org.id is not None
    svc = m.Service(slug="s", organization_id=org.id, name="", source_locale="es")
    content.set_source_texts(svc, {"name": "Desayunos", "description": "Pan y café"})
    session.add(svc)
    session.flush()
    for locale, text in names.items():
        content.set_translation(session=session, record=svc, field="name", locale=locale, text=text)
    content.reindex_service(session, svc)
    session.commit()


def test_missing_translation_falls_back_and_says_so(empty_engine: object) -> None:
    with Session(empty_engine) as session:  # type: ignore[arg-type]
        _one_service(session, {"en": "Breakfast"})
        view = directory.get_service(session=session, slug="s", locale="en")
        assert view is not None
        assert (view.name, view.description) == ("Breakfast", "Pan y café")
        assert view.other_locales == ["es"]
        assert view.fallback_note == "Some of this text is not translated yet and is shown in Spanish."
        assert directory.list_services(session=session, locale="en", query="breakfast")
        arabic = directory.get_service(session=session, slug="s", locale="ar")
        assert arabic is not None and "الإسبانية" in arabic.fallback_note  # says which, in Arabic


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("ht", ("ht", "fr", "es", "en")), ("pt", ("pt", "es", "en")), ("ar", ("ar", "en", "es"))],
)
def test_fallback_chains(locale: str, expected: tuple[str, ...]) -> None:
    from rxapp.i18n.locales import chain

    assert chain(locale) == expected


def test_a_haitian_reader_gets_french_before_spanish(empty_engine: object) -> None:
    with Session(empty_engine) as session:  # type: ignore[arg-type]
        _one_service(session, {"fr": "Petit-déjeuner", "en": "Breakfast"})
        view = directory.get_service(session=session, slug="s", locale="ht")
        assert view is not None and view.name == "Petit-déjeuner"
        assert set(view.other_locales) == {"fr", "es"}


def test_source_change_bumps_only_that_fields_version() -> None:
    svc = m.Service(slug="s", organization_id=1, name="")
    content.set_source_texts(svc, {"name": "A", "description": "B"})
    content.set_source_texts(svc, {"name": "A", "description": "C"})
    assert svc.text_versions == {"name": 1, "description": 2}


def test_normalize() -> None:
    assert normalize("  Atención MÉDICA, ¡gratis!  ") == "atencion medica gratis"
    assert normalize("Ça") == "ca"
    assert normalize("العربية") == "العربيه"  # ta marbuta folds to ha, as people type it
