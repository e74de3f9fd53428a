"""The public page's view of a service's ages, interpretation, website and email (issue 20's
new fields), in the reader's language."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp import models as m
from rxapp.services import ages
from rxapp.services.views import ServicePublic, build_views


@pytest.mark.parametrize(
    ("minimum", "maximum", "locale", "words"),
    [
        (None, None, "es", ""),
        (0, None, "en", ""),  # 0 is no minimum
        (18, None, "en", "Ages 18 and over"),
        (None, 17, "en", "Under 18"),
        (0, 17, "en", "Under 18"),
        (12, 17, "en", "Ages 12 to 17"),
        (5, 5, "en", "Age 5 only"),
        (18, None, "es", "De 18 años en adelante"),
        (None, 17, "es", "Menores de 18 años"),
        (12, 17, "ar", "الأعمار من 12 إلى 17 سنة"),
    ],
)
def test_age_limits_in_words(minimum: int | None, maximum: int | None, locale: str, words: str) -> None:
    assert ages.in_words(minimum, maximum, locale) == words


def _view(engine: Engine, locale: str, **fields: object) -> ServicePublic:
    with Session(engine) as session:
        service = session.exec(select(m.Service).where(m.Service.slug == "san-francisco-comedor")).one()
        for name, value in fields.items():
            setattr(service, name, value)
        session.add(service)
        session.commit()
        return build_views(session, [service], locale)[0]


def test_the_view_carries_the_new_fields_in_the_locale(sample_copy: Engine) -> None:
    assert "es" not in _view(sample_copy, "ar").other_locales  # all its texts are in Arabic
    shown = _view(
        sample_copy,
        "es",
        url="https://comedor.example.org/horarios",
        email="comedor@example.org",
        minimum_age=18,
        interpretation_services="Intérprete de kreyòl los martes",
    )
    assert (shown.ages, shown.url, shown.email) == (
        "De 18 años en adelante",
        "https://comedor.example.org/horarios",
        "comedor@example.org",
    )
    assert shown.interpretation == "Intérprete de kreyòl los martes"
    # Not translated into Arabic yet: shown in Spanish, and the page says so.
    arabic = _view(sample_copy, "ar")
    # ... isolated left to right, as every text written the other way from the page (locales.isolated).
    assert arabic.interpretation == "\u2066Intérprete de kreyòl los martes\u2069"
    assert "es" in arabic.other_locales


@pytest.mark.parametrize(
    ("url", "email"),
    [("javascript:alert(1)", "a@b"), ("ftp://files.example.org", "x@y.org?subject=spam"), (None, None)],
)
def test_a_link_the_page_may_not_open_is_left_out(
    sample_copy: Engine, url: str | None, email: str | None
) -> None:
    """An imported service's url is not checked as the desk's is: only http(s) and a plain
    address become links."""
    shown = _view(sample_copy, "es", url=url, email=email)
    assert (shown.url, shown.email) == ("", "")
