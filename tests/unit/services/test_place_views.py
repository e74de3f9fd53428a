"""The public page's view of a place's own: accessibility in the reader's language, the languages
spoken there when they are not the service's, and an online place with no map link."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp import models as m
from rxapp.services.views import LocationPublic, ServicePublic, build_views


def _view(bind: Engine, slug: str, locale: str) -> ServicePublic:
    with Session(bind) as session:
        service = session.exec(select(m.Service).where(m.Service.slug == slug)).one()
        return build_views(session, [service], locale)[0]


def _place(bind: Engine, slug: str, locale: str) -> LocationPublic:
    return _view(bind, slug, locale).locations[0]


def _centre(session: Session) -> m.Location:
    """The centre's own place (the sample's first organization's)."""
    org = session.exec(select(m.Organization).where(m.Organization.slug == "centro-paso-motozintla")).one()
    return session.exec(select(m.Location).where(m.Location.organization_id == org.id)).one()


def test_a_place_s_accessibility_is_in_the_reader_s_language(session: Session) -> None:
    bind = session.get_bind()
    assert isinstance(bind, Engine)
    place = _place(bind, "paso-orientacion-inicial", "ar")
    assert place.accessibility == "مدخل على مستوى الشارع بلا درجات. دورة مياه مهيّأة في الطابق الأرضي."
    assert place.accessibility_details == "يوجد كرسي متحرك للإعارة؛ اطلبه من الاستقبال."
    spanish = _place(bind, "paso-orientacion-inicial", "es")
    assert spanish.accessibility.startswith("Entrada a nivel de la calle")
    # A place with none says nothing.
    assert _place(bind, "san-francisco-comedor", "es").accessibility == ""


def test_the_place_s_languages_show_only_when_they_are_not_the_service_s(session: Session) -> None:
    bind = session.get_bind()
    assert isinstance(bind, Engine)
    # The dining hall's place speaks Spanish and Mam; its clothes bank speaks Spanish only.
    assert _place(bind, "san-francisco-ropero", "en").languages_text.startswith("At this place: Spanish and ")
    assert _place(bind, "san-francisco-ropero", "es").languages_text == "En este lugar: español y mam"
    # The centre's place speaks what its charging and wifi service speaks: nothing more to say.
    assert _place(bind, "paso-carga-y-wifi", "es").languages_text == ""
    assert _place(bind, "paso-orientacion-inicial", "es").languages_text.startswith("En este lugar:")


def test_an_untranslated_accessibility_falls_back_and_the_page_says_so(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        place = _centre(session)
        access = session.exec(select(m.Accessibility).where(m.Accessibility.location_id == place.id)).one()
        for row in session.exec(
            select(m.Translation).where(
                m.Translation.record_type == m.RecordType.ACCESS,
                m.Translation.record_id == access.id,
                m.Translation.locale.in_(["ht", "fr"]),  # type: ignore[attr-defined]
            )
        ):
            session.delete(row)
        session.commit()
    view = _view(sample_copy, "paso-orientacion-inicial", "ht")
    assert view.locations[0].accessibility.startswith("Entrada a nivel de la calle")  # ht -> fr -> es
    assert "es" in view.other_locales


def test_an_online_place_has_no_map_link_and_says_it_is_online(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        place = _centre(session)
        assert place.latitude is not None
        before = _place(sample_copy, "paso-orientacion-inicial", "es")
        assert before.geo and before.online == ""
        place.location_type = m.LocationType.VIRTUAL
        session.add(place)
        session.commit()
    after = _place(sample_copy, "paso-orientacion-inicial", "fr")
    assert (after.geo, after.online) == (None, "En ligne")
