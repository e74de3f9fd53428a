"""The security headers on every response: the Content-Security-Policy, no framing, no sniffing,
no Referer to other sites, and HSTS where the operator asks for it (issue 16, item 7).

The policy is the strictest Reflex's pages run under, measured in Chromium
(``tests/e2e/test_csp.py`` fails on any violation on the public pages, registration, the desk
and the service worker):

* ``script-src 'self'`` plus the SHA-256 of each inline ``<script>`` of the page being served.
  A prerendered page has ten: ``assets/paso/boot.js`` (``rxapp/head.py``), Reflex's colour-mode
  and scroll-restoration scripts, React Router's context and module loader, React's streaming
  helpers. Hashes, not ``'unsafe-inline'``: an injected script matches none. They are computed
  from the HTML as it leaves the server (a page differs from the next by its route's module),
  so each page's policy names its own scripts only. No ``'unsafe-eval'``: Paso's one ``new
  Function`` (plural rules) is now a parser, and the server calls the page's code through
  Reflex's ``_set_value`` instead of ``rx.call_script``, which is ``eval``
  (``rxapp/components/client.py``).
* ``style-src 'self' 'unsafe-inline'``: measured, ``'self'`` alone makes Chromium refuse
  inline styles on public pages and the desk ("Applying inline style violates ...": React's
  ``style`` attributes, styles Reflex inserts at run time), which no hash can allow. Styles
  run no code.
* ``img-src 'self' data:``: the registration's QR code is a ``data:`` SVG drawn on the phone.
* ``connect-src 'self'`` and the websocket's ``ws:``/``wss:`` origin (older Chromium does not
  count ``ws:`` as ``'self'``), plus the backend's origin when it is another (``make dev``).
* ``worker-src``, ``manifest-src``, ``font-src`` and everything else: ``'self'``; no plugins,
  no ``<base>``, forms post only here, and no other site may frame a page.

HSTS only when ``PASO_HSTS_SECONDS`` is set and the public URL is HTTPS: docs/operators.md
says why it is off by default (Caddy's own certificate authority).
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from starlette.types import Message, Send

from rxapp.settings import Settings

CSP = b"content-security-policy"
# The text between <script> and </script> of scripts without src, as the browser hashes it.
INLINE_SCRIPT = re.compile(rb"<script(?![^>]*\ssrc=)[^>]*>(.*?)</script>", re.S | re.I)


def _websocket_origins(url: str) -> list[str]:
    parts = urlsplit(url)
    origin = f"{parts.scheme}://{parts.netloc}"
    socket = ("wss" if parts.scheme == "https" else "ws") + f"://{parts.netloc}"
    return [origin, socket]


def policy(settings: Settings, script_hashes: Iterable[str] = ()) -> str:
    """The Content-Security-Policy of a response whose inline scripts have these hashes."""
    connect = dict.fromkeys(["'self'", *_websocket_origins(settings.public_url)])
    connect |= dict.fromkeys(_websocket_origins(settings.backend_url))
    scripts = " ".join(["'self'", *(f"'sha256-{digest}'" for digest in script_hashes)])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            f"connect-src {' '.join(connect)}",
            "worker-src 'self'",
            "manifest-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def common(settings: Settings) -> list[tuple[bytes, bytes]]:
    """The headers every response carries besides its policy."""
    # Never inside another site's frame; a file is what its type says (no sniffing a .po or
    # JSON into a page); a link followed out of Paso does not carry the page's address (a desk
    # URL, a service's slug) to another site. Same-origin requests keep their Referer.
    found = [
        (b"x-frame-options", b"DENY"),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
    ]
    if settings.hsts_seconds and settings.public_url.startswith("https://"):
        found.append((b"strict-transport-security", f"max-age={settings.hsts_seconds}".encode()))
    return found


@lru_cache(maxsize=512)
def inline_hashes(html: bytes) -> tuple[str, ...]:
    """The base64 SHA-256 of each inline script of a page, in order, without repeats."""
    digests = (
        base64.b64encode(hashlib.sha256(body).digest()).decode() for body in INLINE_SCRIPT.findall(html)
    )
    return tuple(dict.fromkeys(digests))


def secured(send: Send, settings: Settings) -> Send:
    """``send`` with the security headers added; an HTML page's policy names its own scripts,
    so its body is held until complete (pages are small and prerendered)."""
    base = common(settings)
    plain = (b"content-security-policy", policy(settings).encode())
    start: Message | None = None
    chunks: list[bytes] = []

    async def wrapped(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            headers = dict(message.get("headers", []))
            if CSP in headers:  # a page that carries its own (rxapp.http.static, from memory)
                message["headers"] = [*message.get("headers", []), *base]
                await send(message)
                return
            if message.get("status") == 304:
                # The browser keeps the policy of the page it has: a 304's headers replace the
                # cached ones, and a policy without the page's hashes would block its scripts.
                message["headers"] = [*message.get("headers", []), *base]
                await send(message)
                return
            if not headers.get(b"content-type", b"").startswith(b"text/html"):
                message["headers"] = [*message.get("headers", []), *base, plain]
                await send(message)
                return
            start = message
            return
        if start is None:
            await send(message)
            return
        if message["type"] == "http.response.pathsend":  # a file the server sends itself
            await send(_with_policy(start, Path(message["path"]).read_bytes()))
            await send(message)
            return
        chunks.append(message.get("body", b""))
        if message.get("more_body", False):
            return
        body = b"".join(chunks)
        await send(_with_policy(start, body))
        await send({"type": "http.response.body", "body": body, "more_body": False})

    def _with_policy(start: Message, body: bytes) -> Message:
        html = body
        if body and dict(start.get("headers", [])).get(b"content-encoding") == b"gzip":
            html = gzip.decompress(body)
        csp = policy(settings, inline_hashes(html)).encode()
        start["headers"] = [*start.get("headers", []), *base, (b"content-security-policy", csp)]
        return start

    return wrapped
