"""The security headers (issue 16, item 7): a page's Content-Security-Policy names its own
inline scripts and allows no inline script besides, no eval; HSTS only when asked for."""

from __future__ import annotations

import base64
import gzip
import hashlib
from pathlib import Path
from typing import Any

import pytest

from rxapp.http import headers
from rxapp.http.app import PasoFront
from rxapp.settings import Settings
from tests.data import aio

BOOT = "(function(){var pasoBoot={};})();"
PAGE = f'<html><head><script>{BOOT}</script><script src="/assets/a.js"></script></head><body>'
PAGE += '<script type="module" async="">import "/assets/m.js";</script></body></html>'


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _serve(
    settings: Settings, body: bytes, content_type: bytes, *extra: tuple[bytes, bytes], status: int = 200
) -> dict[str, str]:
    async def app(scope: Any, receive: Any, send: Any) -> None:
        start = [(b"content-type", content_type), *extra]
        await send({"type": "http.response.start", "status": status, "headers": start})
        await send({"type": "http.response.body", "body": body[:10], "more_body": True})
        await send({"type": "http.response.body", "body": body[10:]})

    sent: list[Any] = []

    async def send(message: Any) -> None:
        sent.append(message)

    async def receive() -> Any:
        return {"type": "http.request"}

    scope = {"type": "http", "method": "GET", "path": "/es", "headers": []}
    aio.run(PasoFront(app, settings, Path("/no-build"))(scope, receive, send))
    assert b"".join(m.get("body", b"") for m in sent[1:]) == body
    return {k.decode(): v.decode() for k, v in sent[0]["headers"]}


def _directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


@pytest.mark.parametrize("gzipped", [False, True])
def test_a_page_allows_exactly_its_own_inline_scripts(gzipped: bool) -> None:
    """Issue 16, item 7: the CSP set only frame-ancestors."""
    body = gzip.compress(PAGE.encode()) if gzipped else PAGE.encode()
    extra = [(b"content-encoding", b"gzip")] if gzipped else []
    policy = _directives(
        _serve(Settings(), body, b"text/html; charset=utf-8", *extra)["content-security-policy"]
    )
    assert policy["script-src"] == ["'self'", _sha(BOOT), _sha('import "/assets/m.js";')]
    assert policy["default-src"] == ["'self'"] and policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"] and policy["worker-src"] == ["'self'"]
    assert policy["connect-src"] == ["'self'", "http://127.0.0.1:8000", "ws://127.0.0.1:8000"]
    assert policy["img-src"] == ["'self'", "data:"]


def test_a_page_sent_as_a_file_gets_its_policy_too(tmp_path: Path) -> None:
    """Starlette sends a static file as ``http.response.pathsend`` (no body messages)."""
    page = tmp_path / "es.html"
    page.write_text(PAGE)

    async def app(scope: Any, receive: Any, send: Any) -> None:
        await send(
            {"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/html")]}
        )
        await send({"type": "http.response.pathsend", "path": str(page)})

    sent: list[Any] = []

    async def send(message: Any) -> None:
        sent.append(message)

    async def receive() -> Any:
        return {"type": "http.request"}

    aio.run(
        PasoFront(app, Settings(), Path("/no-build"))(
            {"type": "http", "method": "GET", "path": "/es", "headers": []}, receive, send
        )
    )
    assert [m["type"] for m in sent] == ["http.response.start", "http.response.pathsend"]
    policy = _directives(dict(sent[0]["headers"])[b"content-security-policy"].decode())
    assert policy["script-src"] == ["'self'", _sha(BOOT), _sha('import "/assets/m.js";')]


def test_a_not_modified_page_keeps_the_policy_the_browser_has() -> None:
    """Bug (issue 16, item 7): a reload's 304 carried the policy without the page's hashes, which
    replaced the cached page's, and every inline script of the page was blocked."""
    sent = _serve(Settings(), b"", b"text/html", status=304)
    assert "content-security-policy" not in sent and sent["x-frame-options"] == "DENY"


def test_other_responses_allow_no_inline_script() -> None:
    policy = _directives(_serve(Settings(), b'{"a": 1}' * 3, b"application/json")["content-security-policy"])
    assert policy["script-src"] == ["'self'"]


def test_no_inline_script_or_eval_is_allowed_wholesale() -> None:
    policy = headers.policy(Settings(public_url="https://10.0.0.2:8443"), ["abc="])
    assert "unsafe-eval" not in policy and "'unsafe-inline'" not in _directives(policy)["script-src"]
    assert "wss://10.0.0.2:8443" in _directives(policy)["connect-src"]


@pytest.mark.parametrize(
    ("url", "seconds", "expected"),
    [
        ("http://127.0.0.1:8000", 0, None),
        ("https://10.0.0.2:8443", 0, None),
        ("http://127.0.0.1:8000", 300, None),  # HSTS over plain HTTP means nothing
        ("https://paso.centre.example", 300, "max-age=300"),
    ],
)
def test_hsts_only_when_set_and_https(url: str, seconds: int, expected: str | None) -> None:
    """Issue 16, item 7: no HSTS; it is sent only when the operator sets PASO_HSTS_SECONDS."""
    sent = _serve(Settings(public_url=url, hsts_seconds=seconds), b"{}" * 8, b"application/json")
    assert sent.get("strict-transport-security") == expected
