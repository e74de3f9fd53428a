"""The ASGI layer in front of Reflex: snapshot parts, caching headers, a missing database,
and the reports of wrong directory information."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select
from starlette.types import Message

from rxapp.http import deps
from rxapp.http.app import PasoFront
from rxapp.http.redirects import LANGUAGE_REDIRECTS
from rxapp.http.report import client_address
from rxapp.models import DirectoryReport
from rxapp.settings import Settings
from tests.data import aio


async def _never(scope: Any, receive: Any, send: Any) -> None:
    raise AssertionError("the request should not reach Reflex")


def _get(
    front: PasoFront, path: str, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request"}

    path, _, query = path.partition("?")
    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "query_string": query.encode(),
        "headers": [(k.encode(), v.encode()) for k, v in (headers or {}).items()],
    }
    aio.run(front(scope, receive, send))
    start = sent[0]
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, sent[1]["body"]


def _front(monkeypatch: pytest.MonkeyPatch, engine: Engine, data: Path) -> PasoFront:
    monkeypatch.setattr(deps, "engine", lambda: engine)
    return PasoFront(_never, Settings(snapshot_part_size=8, data_dir=data))


def test_index_then_parts_then_304(
    monkeypatch: pytest.MonkeyPatch, sample_engine: Engine, tmp_path: Path
) -> None:
    front = _front(monkeypatch, sample_engine, tmp_path)
    status, headers, body = _get(front, "/api/directory/es/index.json")
    assert status == 200 and headers["cache-control"] == "no-cache"
    index = json.loads(body)
    status, headers, _ = _get(front, f"/api/directory/es/{index['details'][0]}.json")
    assert status == 200 and "immutable" in headers["cache-control"]
    assert (
        _get(front, f"/api/directory/es/{index['details'][0]}.json", {"if-none-match": headers["etag"]})[0]
        == 304
    )
    assert _get(front, "/api/directory/es/cards-9-abc.json")[0] == 404
    assert _get(front, "/api/directory/zz/index.json")[0] == 404


def test_gzip_when_asked(monkeypatch: pytest.MonkeyPatch, sample_engine: Engine, tmp_path: Path) -> None:
    front = _front(monkeypatch, sample_engine, tmp_path)
    _, headers, body = _get(front, "/api/directory/en/index.json", {"accept-encoding": "gzip, br"})
    assert headers["content-encoding"] == "gzip" and body[:2] == b"\x1f\x8b"


def test_missing_database_names_the_command(
    monkeypatch: pytest.MonkeyPatch, empty_file_engine: Engine, tmp_path: Path
) -> None:
    front = _front(monkeypatch, empty_file_engine, tmp_path)
    status, _, body = _get(front, "/api/directory/es/index.json")
    assert status == 503
    assert "make migrate" in json.loads(body)["error"]


@pytest.mark.parametrize(
    ("path", "headers", "expected"),
    [
        ("/", {"accept-language": "ar,es;q=0.5"}, "/ar"),
        ("/desk", {"accept-language": "ar,es;q=0.5"}, "/ar/desk"),
        ("/desk/", {"accept-language": "fr-CA"}, "/fr/desk"),
        ("/desk", {"accept-language": "de"}, "/es/desk"),
        ("/desk", {}, "/es/desk"),
        ("/desk", {"accept-language": "ar", "cookie": "paso_locale=ht"}, "/ht/desk"),
        ("/desk", {"accept-language": "ar", "cookie": "paso_locale=xx"}, "/ar/desk"),
    ],
)
def test_desk_without_a_language_redirects_like_the_root(
    path: str, headers: dict[str, str], expected: str
) -> None:
    """Bug (issue 14 item 4): ``/desk`` was a "page not found"; it leads to the desk in the
    tablet's language, negotiated as ``/`` is (saved choice, then Accept-Language)."""
    front = PasoFront(_never, Settings())
    status, answer, _ = _get(front, path, headers)
    assert status == 302
    assert answer["location"] == expected
    assert answer["cache-control"] == "no-store"
    assert "Accept-Language" in answer["vary"] and "Cookie" in answer["vary"]


def test_the_browser_fallback_knows_the_same_paths() -> None:
    """Where the server wrapper does not run (dev), the head script redirects the same paths."""
    from rxapp.rxapp import BOOT

    assert all(json.dumps(path) in BOOT for path in LANGUAGE_REDIRECTS)
    assert '"/desk":"/desk"' in BOOT


def test_qr_codes_are_svg_and_never_cached() -> None:
    front = PasoFront(_never, Settings())
    status, headers, body = _get(front, "/api/qr/MTZ-7K4Q.svg")
    assert status == 200
    assert headers["content-type"] == "image/svg+xml" and headers["cache-control"] == "no-store"
    assert body.startswith(b"<svg") and b"MTZ-7K4Q" in body


@pytest.mark.parametrize("path", ["/api/qr/MTZ.svg", "/api/qr/mtz-7k4q.svg", "/api/qr/MTZ-7K4Q-EXTRA1.svg"])
def test_qr_of_anything_but_a_code_is_refused(path: str) -> None:
    status, _, _ = _get(PasoFront(_never, Settings()), path)
    assert status == 404


REPORT = {"service": "paso-orientacion-inicial", "problem": "hours", "comment": "Closes at 3", "locale": "es"}
JSON = {"content-type": "application/json", "origin": "http://127.0.0.1:8000"}


def _post(
    front: PasoFront, body: bytes, headers: dict[str, str] | None = None, method: str = "POST"
) -> tuple[int, dict[str, str], dict[str, Any]]:
    sent: list[Message] = []
    chunks = [body[:10], body[10:]]  # in two messages, as a server may deliver it

    async def send(message: Message) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": chunks.pop(0), "more_body": bool(chunks)}

    scope = {
        "type": "http",
        "method": method,
        "path": "/api/report",
        "client": ("203.0.113.7", 50000),
        "headers": [(k.encode(), v.encode()) for k, v in (JSON if headers is None else headers).items()],
    }
    aio.run(front(scope, receive, send))
    start = sent[0]
    return start["status"], {k.decode(): v.decode() for k, v in start["headers"]}, json.loads(sent[1]["body"])


@pytest.fixture
def reports(monkeypatch: pytest.MonkeyPatch, sample_copy: Engine, tmp_path: Path) -> PasoFront:
    """The front on a private database, two reports per address and hour."""
    monkeypatch.setattr(deps, "engine", lambda: sample_copy)
    return PasoFront(_never, Settings(data_dir=tmp_path, rate_reports_per_hour=2))


def _stored(engine: Engine) -> list[DirectoryReport]:
    with Session(engine) as session:
        return list(session.exec(select(DirectoryReport)).all())


def test_a_report_is_stored_and_never_cached(reports: PasoFront, sample_copy: Engine) -> None:
    status, headers, body = _post(reports, json.dumps(REPORT).encode())
    assert (status, body) == (201, {"ok": True})
    assert headers["cache-control"] == "no-store"
    [report] = _stored(sample_copy)
    assert (report.problem, report.comment, report.locale) == ("hours", "Closes at 3", "es")


def test_a_report_without_an_origin_header_is_taken(reports: PasoFront) -> None:
    assert _post(reports, json.dumps(REPORT).encode(), {"content-type": "application/json"})[0] == 201


@pytest.mark.parametrize(
    "body",
    [
        json.dumps({**REPORT, "problem": "spaceship"}).encode(),
        json.dumps({**REPORT, "phone": "+52 962 123 4567"}).encode(),  # an extra field
        json.dumps({**REPORT, "locale": "de"}).encode(),
        b"{not json",
        b"[]",
    ],
)
def test_bad_input_is_400(reports: PasoFront, sample_copy: Engine, body: bytes) -> None:
    status, headers, answer = _post(reports, body)
    assert (status, answer) == (400, {"ok": False, "error": "invalid"})
    assert headers["cache-control"] == "no-store"
    assert _stored(sample_copy) == []


def test_an_unknown_service_is_404(reports: PasoFront) -> None:
    status, _, answer = _post(reports, json.dumps({**REPORT, "service": "no-such-service"}).encode())
    assert (status, answer["error"]) == (404, "unknown_service")


def test_a_big_body_is_413_whatever_it_declares(reports: PasoFront) -> None:
    big = json.dumps({**REPORT, "comment": "x" * 5000}).encode()
    assert _post(reports, big)[0] == 413
    assert _post(reports, big, {**JSON, "content-length": str(len(big))})[0] == 413


def test_the_address_limit_answers_429_with_retry_after(reports: PasoFront) -> None:
    body = json.dumps(REPORT).encode()
    assert [_post(reports, body)[0] for _ in range(2)] == [201, 201]
    status, headers, answer = _post(reports, body)
    assert (status, answer["error"]) == (429, "rate_limited")
    assert 0 < int(headers["retry-after"]) <= 3601


@pytest.mark.parametrize("origin", ["https://evil.example", "null", "http://127.0.0.1:3000"])
def test_another_origin_is_refused(reports: PasoFront, sample_copy: Engine, origin: str) -> None:
    status, _, answer = _post(reports, json.dumps(REPORT).encode(), {**JSON, "origin": origin})
    assert (status, answer["error"]) == (403, "forbidden_origin")
    assert _stored(sample_copy) == []


def test_a_form_post_is_refused(reports: PasoFront) -> None:
    """A cross-site HTML form can send text/plain without a preflight: only JSON is read."""
    status, _, _ = _post(reports, json.dumps(REPORT).encode(), {**JSON, "content-type": "text/plain"})
    assert status == 415


def test_only_post(reports: PasoFront) -> None:
    status, headers, _ = _post(reports, b"", method="GET")
    assert status == 405 and headers["allow"] == "POST"


def test_no_database_is_503_and_the_page_keeps_the_report(
    monkeypatch: pytest.MonkeyPatch, empty_file_engine: Engine, tmp_path: Path
) -> None:
    monkeypatch.setattr(deps, "engine", lambda: empty_file_engine)
    front = PasoFront(_never, Settings(data_dir=tmp_path))
    status, _, answer = _post(front, json.dumps(REPORT).encode())
    assert (status, answer["error"]) == (503, "unavailable")


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (0, "198.51.100.1", "203.0.113.7"),
        (1, "198.51.100.1, 192.0.2.9", "192.0.2.9"),
        (2, "198.51.100.1", "203.0.113.7"),
    ],
)
def test_the_address_follows_only_trusted_proxies(hops: int, forwarded: str, expected: str) -> None:
    scope = {"client": ("203.0.113.7", 1)}
    assert client_address(scope, {"x-forwarded-for": forwarded}, hops) == expected


def test_no_page_can_be_framed_by_another_site() -> None:
    """The desk's one-tap buttons must not be clickable through another site's frame."""

    async def page(scope: Any, receive: Any, send: Any) -> None:
        await send(
            {"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/html")]}
        )
        await send({"type": "http.response.body", "body": b"<html></html>"})

    front = PasoFront(page, Settings())
    for path in ("/es/desk", "/api/qr/MTZ-7K4Q.svg"):
        _status, headers, _body = _get(front, path)
        assert headers["x-frame-options"] == "DENY", path
        assert "frame-ancestors 'none'" in headers["content-security-policy"], path
        # Issue 16: no nosniff and no Referrer-Policy on pages.
        assert headers["x-content-type-options"] == "nosniff", path
        assert headers["referrer-policy"] == "same-origin", path


def test_online_search_ranks_as_the_browser_and_keeps_nothing(
    monkeypatch: pytest.MonkeyPatch, sample_engine: Engine, tmp_path: Path
) -> None:
    """What a phone asks while its directory is still arriving: ranked, filtered, never cached."""
    front = _front(monkeypatch, sample_engine, tmp_path)
    status, headers, body = _get(front, "/api/directory/ht/search.json?q=avoka&n=2")
    found = json.loads(body)
    assert status == 200 and headers["cache-control"] == "no-store"
    assert found["count"] == 4 and not found["partial"] and len(found["cards"]) == 2
    assert all("legal" in card["needs"] and "k" not in card for card in found["cards"])
    free = json.loads(_get(front, "/api/directory/es/search.json?q=medico&free=1")[2])
    everything = json.loads(_get(front, "/api/directory/es/search.json?q=medico")[2])
    assert all(card["is_free"] for card in free["cards"]) and free["count"] < everything["count"]
    _, headers, body = _get(front, "/api/directory/es/search.json?q=x", {"accept-encoding": "gzip"})
    assert headers["content-encoding"] == "gzip" and body[:2] == b"\x1f\x8b"
    assert _get(front, "/api/directory/zz/search.json?q=x")[0] == 404
    for wrong in ("n=lots&q=x", "n=0&q=x", "n=301&q=x", "q=" + "a" * 501, "q=x&page=2", "q=x&free=maybe"):
        status, _headers, body = _get(front, "/api/directory/es/search.json?" + wrong)
        assert (status, json.loads(body)["error"]) == (400, "invalid search"), wrong


def test_a_part_removed_from_disk_meanwhile_is_not_found(
    monkeypatch: pytest.MonkeyPatch, sample_engine: Engine, tmp_path: Path
) -> None:
    """Parts are read from the data folder, where old ones are removed: a phone asking for one
    just removed gets the 404 that makes it reload the index, not a server error."""
    front = _front(monkeypatch, sample_engine, tmp_path)
    index = json.loads(_get(front, "/api/directory/es/index.json")[2])
    name = index["details"][0]
    (tmp_path / "snapshots" / "es" / f"{name}.json").unlink()
    (tmp_path / "snapshots" / "es" / f"{name}.json.gz").unlink()
    assert _get(front, f"/api/directory/es/{name}.json")[0] == 404
    assert _get(front, f"/api/directory/es/{name}.json", {"accept-encoding": "gzip"})[0] == 404
