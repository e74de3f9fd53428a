"""The checker behind the desk's "no text outside the catalog" test (issue 14, item 7) must
reject English and raw values, and accept translations, data, dates and their compositions."""

from __future__ import annotations

import pytest

from rxapp.i18n.catalogs import Translator
from tests.catalog_text import CatalogText


@pytest.mark.parametrize(
    "text",
    [
        "Saved. The public pages show the change now.",
        "Service created. Now add its place, hours and phones.",
        "closed",
        "in_progress",
        "0 deleted",
        "Account created.",
        "Cerrado · closed",
    ],
)
def test_english_and_raw_values_are_refused(text: str) -> None:
    assert not CatalogText("es", ["Carla Coordinadora"]).accepts(text)


@pytest.mark.parametrize("locale", ["es", "ar"])
def test_translations_data_dates_and_compositions_pass(locale: str) -> None:
    _ = Translator(locale)
    check = CatalogText(locale, ["Carla Coordinadora", "Comedor San Lucas"])
    texts = [
        _("Account created."),
        _("Closed"),
        f"{_('New')} → {_('Closed')}",
        "Carla Coordinadora",
        f"{_('Needs')}: Comedor San Lucas",
        _("Too many wrong attempts. Wait {seconds} seconds and try again.").replace("{seconds}", "30"),
        "MTZ-7K4Q",
        "#12",
    ]
    assert check.foreign(texts) == []


def test_a_placeholder_does_not_let_english_through() -> None:
    _ = Translator("es")
    wrapped = _("Too many wrong attempts. Wait {seconds} seconds and try again.").replace(
        "{seconds}", "lots of"
    )
    assert not CatalogText("es").accepts(wrapped)


def test_data_inside_a_longer_text_is_taken_out_whole() -> None:
    _ = Translator("es")
    check = CatalogText("es", ["Av. Central Sur 60, Barrio San Juan", "Motozintla", "Chis."])
    assert check.accepts(f"{_('Place')} · Av. Central Sur 60, Barrio San Juan, Motozintla, Chis.")
    assert not check.accepts(f"{_('Place')} · Av. Central Sur 60, Barrio San Juan, closed")


@pytest.mark.parametrize(
    ("locale", "names"), [("es", "francés y criollo haitiano"), ("ar", "الفرنسية والكريولية الهايتية")]
)
def test_a_list_of_language_names_is_data(locale: str, names: str) -> None:
    """The queue cards' languages ("francés y criollo haitiano") were taken for text outside the catalog."""
    assert CatalogText(locale).accepts(names)
    assert not CatalogText(locale).accepts(names.split(" ")[0] + " y banana split")
