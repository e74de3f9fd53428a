"""Routes: unique, one set per locale, and the public pattern the websocket switch uses."""

from __future__ import annotations

import re

from rxapp import routes
from rxapp.settings import get_settings
from rxapp.taxonomy import NEEDS


def test_every_locale_has_every_page_once() -> None:
    from rxapp.rxapp import app

    registered = list(app._unevaluated_pages)
    assert len(registered) == len(set(registered))
    for locale in get_settings().locales:
        expected = {routes.home(locale), routes.search(locale), routes.service(locale), routes.about(locale)}
        expected |= {routes.news(locale)}
        expected |= {routes.need(locale, need.slug) for need in NEEDS}
        expected |= {routes.desk_translate(locale)}
        assert {r.strip("/") for r in expected} <= {r.strip("/") for r in registered}


def test_public_pattern_matches_reading_pages_only() -> None:
    pattern = re.compile(routes.public_path_pattern(["es", "en"]))
    for path in ("/", "/es", "/es/", "/en/need/food", "/es/search", "/es/service", "/en/about", "/es/news"):
        assert pattern.match(path), path
    for path in ("/es/register", "/desk", "/desk/es", "/fr", "/es/need/food/extra"):
        assert not pattern.match(path), path
