"""The alert feeds on the app's real router: JSON Feed 1.1 with every field the spec requires,
Atom 1.0 that parses with every required element, absolute links, ETag, no ended alert."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp.http.app import PasoFront
from rxapp.models import utcnow
from rxapp.services import alerts
from tests.data.alerts import COORDINATOR, SHELTER, directory, message, post
from tests.data.http import call, make_front

A = "{http://www.w3.org/2005/Atom}"
BASE = "http://127.0.0.1:8000"


@pytest.fixture
def front(empty_engine: Engine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> PasoFront:
    """Three alerts posted with the real clock: one showing on the shelter, one withdrawn, one
    that ended in October (time travel); and one scheduled for tomorrow."""
    now = utcnow()
    later, after = ((now + dt.timedelta(days=1, hours=h)).strftime("%Y-%m-%dT%H:%M") for h in (0, 2))
    with Session(empty_engine) as session:
        directory(session)
        post(session, now, **message(title="Albergue lleno", ends_at=later, services=[SHELTER]))
        gone = post(session, now, **message(title="Retirada", ends_at=later))
        alerts.withdraw(session=session, public_id=gone.public_id, actor=COORDINATOR, now=now)
        post(
            session,
            dt.datetime(2026, 10, 1, tzinfo=dt.UTC),
            **message(title="Vieja", ends_at="2026-10-02T10:00"),
        )
        post(session, now, **message(title="Mañana", starts_at=later, ends_at=after))
    return make_front(monkeypatch, empty_engine, tmp_path)


def test_the_json_feed_has_every_field_json_feed_1_1_requires(front: PasoFront) -> None:
    status, headers, body = call(front, "/api/alerts/es/feed.json")
    assert status == 200 and headers["content-type"].startswith("application/feed+json")
    feed: dict[str, Any] = json.loads(body)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["title"] and isinstance(feed["items"], list)
    assert (
        feed["feed_url"] == f"{BASE}/api/alerts/es/feed.json" and feed["home_page_url"] == f"{BASE}/es/news"
    )
    assert [item["title"] for item in feed["items"]] == [
        "Albergue lleno"
    ]  # no ended, withdrawn or future one
    item = feed["items"][0]
    assert isinstance(item["id"], str) and item["content_text"]
    assert item["url"] == f"{BASE}/es/news#alert-{item['id']}"
    assert item["_paso"]["services"] == [SHELTER] and item["_paso"]["urgency"] == "urgent"
    dt.datetime.fromisoformat(item["date_published"])  # RFC 3339


def test_the_atom_feed_parses_and_has_the_required_elements(front: PasoFront) -> None:
    status, headers, body = call(front, "/api/alerts/fr/feed.atom")
    assert status == 200 and headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(body)
    assert feed.tag == f"{A}feed"
    for name in ("id", "title", "updated"):
        assert (feed.findtext(f"{A}{name}") or "").strip(), name
    assert feed.find(f"{A}author/{A}name") is not None
    entries = feed.findall(f"{A}entry")
    assert [e.findtext(f"{A}title") for e in entries] == ["Albergue lleno"]
    entry = entries[0]
    for name in ("id", "title", "updated"):
        assert (entry.findtext(f"{A}{name}") or "").strip(), name
    assert (entry.findtext(f"{A}id") or "").startswith("urn:uuid:")
    links = [link.get("href", "") for link in feed.iter(f"{A}link")]
    assert links and all(href.startswith(BASE + "/") for href in links)
    # shown in Spanish: the entry says so, as the page's notice does
    assert entry.find(f"{A}title").get("{http://www.w3.org/XML/1998/namespace}lang") == "es"  # type: ignore[union-attr]


def test_a_feed_is_revalidated_with_its_etag_and_gzipped(front: PasoFront) -> None:
    _, headers, body = call(front, "/api/alerts/es/feed.json", headers={"accept-encoding": "gzip"})
    assert headers["cache-control"] == "no-cache" and headers["content-encoding"] == "gzip"
    assert json.loads(gzip.decompress(body))["items"]
    again = call(front, "/api/alerts/es/feed.json", headers={"if-none-match": headers["etag"]})
    assert again[0] == 304


def test_an_unknown_locale_has_no_feed(front: PasoFront) -> None:
    assert call(front, "/api/alerts/zz/feed.json")[0] == 404
