"""Alerts on the public pages (components/alerts.py): the words and clock patterns the browser
writes dates with, and the typed view naming what assets/paso/alerts.mjs really computes."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from rxapp import registry, routes
from rxapp.components import alerts
from rxapp.head import config
from rxapp.settings import get_settings

ASSETS = Path(__file__).resolve().parents[3] / "assets" / "paso"


def _fields(model: type) -> set[str]:
    return {f.name for f in dataclasses.fields(model)}


def _returned_keys(source: str, function: str) -> set[str]:
    """The top-level keys (one level of indentation in) of the object a function returns."""
    body = source[source.index(f"export function {function}(") :]
    body = body[body.index("return {") + len("return {") :]
    depth = 1
    for end, char in enumerate(body):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return set(re.findall(r"^ {4}(\w+)[:,]", body[:end], re.MULTILINE))
    raise AssertionError(f"no object returned by {function}")


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("d 'de' MMMM", "{d} de {MMMM}"),
        ("MMMM d", "{MMMM} {d}"),
        ("h:mm a", "{h}:{mm} {a}"),
        ("HH:mm", "{HH}:{mm}"),
        ("H 'h' mm", "{H} h {mm}"),
        ("d MMMM ''yy", "{d} {MMMM} 'yy"),  # '' is a quote; a token it does not know stays
    ],
)
def test_an_ldml_pattern_becomes_a_template(pattern: str, expected: str) -> None:
    assert alerts.template(pattern) == expected


def test_each_locale_writes_day_and_time_its_own_way() -> None:
    assert alerts.words("es")["day"] == "{d} de {MMMM}"
    assert alerts.words("es")["months"][11] == "diciembre"
    assert alerts.words("en")["time"] == "{h}:{mm}\u202f{a}"  # as Babel: a narrow no-break space
    assert alerts.words("ar")["time"] == "{H}:{mm}"  # the app's own choice for Arabic (locales.py)
    assert alerts.words("ht")["months"][11] == "desanm"  # Babel's ht is a stub: Kreyòl names


def test_words_are_translated_and_plural_aware() -> None:
    es = alerts.words("es")
    assert es["badges"]["full_tonight"] == "Lleno esta noche"
    assert es["range"] == "Del {start} al {end}"
    assert len(alerts.words("ar")["more"]["forms"]) == 6
    assert es["languages"]["ht"]  # the language notice names every locale in the page's words


def test_the_view_has_what_alerts_mjs_computes() -> None:
    source = (ASSETS / "alerts.mjs").read_text()
    assert _returned_keys(source, "alertsView") == _fields(alerts.AlertsView)
    assert _returned_keys(source, "entry") == _fields(alerts.AlertEntry)
    assert set(re.findall(r"(\w+):", source[source.index("function badgeOf(") :].split("}")[0])) >= _fields(
        alerts.AlertBadge
    )


def test_the_empty_view_is_the_same_on_both_sides() -> None:
    source = (ASSETS / "alerts.js").read_text()
    literal = source[source.index("const EMPTY = ") + len("const EMPTY = ") :].split(";")[0]
    as_json = re.sub(r"(\w+):", r'"\1":', literal)
    assert json.loads(as_json) == alerts.EMPTY


def test_the_news_page_is_public_saved_offline_and_registered_once() -> None:
    assert [p.route for p in registry.PUBLIC if p.name == "news"] == [routes.NEWS]
    assert re.match(routes.public_path_pattern(["es"]), routes.news("es"))  # no websocket
    assert routes.news("@") in config()["pages"]  # the worker saves it per locale


def test_the_start_call_carries_the_page_s_words_and_clock() -> None:
    code = str(alerts.start("ar"))
    assert "pasoAlertsStart" in code
    assert '"news": "/ar/news"' in code
    assert get_settings().timezone in code
