"""Choosing the reader's language."""

from __future__ import annotations

import pytest

from rxapp.i18n.locales import chain
from rxapp.i18n.negotiate import negotiate, parse_accept_language

AVAILABLE = ("es", "en")


@pytest.mark.parametrize(
    ("saved", "header", "expected"),
    [
        (None, "es-MX,es;q=0.9,en;q=0.8", "es"),
        (None, "en-US,en;q=0.9", "en"),
        (None, "fr-FR,en;q=0.5", "en"),
        (None, "de,fr", "es"),
        (None, "", "es"),
        (None, None, "es"),
        (None, "en;q=0.2,es;q=0.8", "es"),
        (None, "es;q=0,en", "en"),
        (None, "en;q=abc,es", "es"),
        ("en", "es-MX", "en"),
        ("xx", "en", "en"),
        ("EN-gb", None, "en"),
    ],
)
def test_negotiate(saved: str | None, header: str | None, expected: str) -> None:
    assert negotiate(saved=saved, accept_language=header, available=AVAILABLE, default="es") == (expected)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("pt-BR,pt;q=0.9", "pt"),
        ("ht-HT", "ht"),
        ("ar-SA,ar;q=0.9,en;q=0.5", "ar"),
        ("fr-CA", "fr"),
        ("de-DE", "es"),
    ],
)
def test_negotiate_six_locales(header: str, expected: str) -> None:
    six = ("es", "en", "fr", "ht", "pt", "ar")
    assert negotiate(saved=None, accept_language=header, available=six, default="es") == expected


def test_q_values_order_and_ties_keep_header_order() -> None:
    assert parse_accept_language("fr;q=0.5, pt-BR, es;q=0.5, *;q=0.1") == ["pt-br", "fr", "es", "*"]


def test_fallback_chain_starts_with_the_locale() -> None:
    assert chain("ht") == ("ht", "fr", "es", "en")
    assert chain("es")[0] == "es"
