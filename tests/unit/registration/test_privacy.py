"""Who sees a registration, said in the centre's words (``PASO_DATA_NOTICE``), issue 14."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from rxapp.components import privacy
from rxapp.components.registration.fields import optional_fields
from rxapp.i18n.catalogs import Translator
from rxapp.i18n.formatting import language_name
from rxapp.settings import Settings

LOCALES = ["es", "en", "fr", "ht", "pt", "ar"]


def _with(monkeypatch: pytest.MonkeyPatch, **values: object) -> None:
    settings = Settings(**values)  # type: ignore[arg-type]
    monkeypatch.setattr(privacy, "get_settings", lambda: settings)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_default_says_staff_only_never_migration_or_police(
    locale: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bug: the form and the about page did not say who sees the data; the commonest fear is
    migration authorities and the police. The default says so in every locale."""
    _with(monkeypatch)
    text = privacy.data_notice(locale)
    assert text == Translator(locale)(privacy.DEFAULT_NOTICE)
    assert locale == "en" or text != privacy.DEFAULT_NOTICE  # translated, not English


def test_the_centre_words_win_and_follow_the_fallback_chain(monkeypatch: pytest.MonkeyPatch) -> None:
    """A centre that shares with a partner says so; a locale without its own text uses its
    fallback chain's (ht -> fr), then any of the centre's texts, never the default."""
    _with(monkeypatch, data_notice={"fr": "Partagé avec le HCR.", "es": "Compartido con ACNUR."})
    assert privacy.data_notice("es") == "Compartido con ACNUR."
    assert privacy.data_notice("ht") == "Partagé avec le HCR."
    _with(monkeypatch, data_notice={"fr": "Partagé avec le HCR."})
    assert privacy.data_notice("ar") == "Partagé avec le HCR."


def test_an_empty_notice_is_refused() -> None:
    with pytest.raises(ValidationError):
        Settings(data_notice={"es": "  "})


@pytest.mark.parametrize("locale", LOCALES)
def test_other_language_is_offered_and_named(locale: str) -> None:
    """Issue 14: "Other language" among the languages spoken, shown by name at the desk."""
    _ = Translator(locale)
    assert '"mis"' in str(optional_fields(locale, _)[1].render())
    assert language_name("mis", locale) == _("Other language")
