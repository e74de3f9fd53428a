"""The desk's session cookie: read from a request's ``Cookie`` header, written by the server only.

The cookie holds the token of a desk session (``rxapp.services.auth``); it is ``HttpOnly`` (no
script of the page can read it), ``SameSite=Strict`` and ``Path=/``, ``Secure`` over HTTPS, and
has no expiry (it ends with the browser; the server ends the session after
``PASO_DESK_SESSION_HOURS`` anyway). Only HTTP responses set it: ``POST /api/desk/session``
after a sign-in, ``DELETE`` at sign-out (``rxapp/http/desk_session.py``). The websocket's
handshake carries it, and every desk event reads it from there (``rxapp/desk/session.py``).
"""

from __future__ import annotations

import hashlib
import re
from http.cookies import CookieError, SimpleCookie

from rxapp.services.auth import DESK_COOKIE

# What ``secrets.token_urlsafe(32)`` makes: anything else in the cookie is not a token of ours.
TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")


def token_in(raw: str) -> str:
    """The desk token in a ``Cookie`` header, or "" if it has none that is well formed."""
    if DESK_COOKIE not in raw:
        return ""
    jar: SimpleCookie = SimpleCookie()
    try:
        jar.load(raw)
    except CookieError:
        return ""
    morsel = jar.get(DESK_COOKIE)
    value = morsel.value if morsel is not None else ""
    return value if TOKEN.fullmatch(value) else ""


def fingerprint(token: str) -> str:
    """What a desk state remembers of the cookie it was made under ("" for none)."""
    return hashlib.sha256(b"paso-desk-state\0" + token.encode()).hexdigest() if token else ""


def set_cookie(token: str, *, secure: bool) -> str:
    """The ``Set-Cookie`` value that gives the browser its desk session."""
    return _cookie(token, secure=secure)


def clear_cookie(*, secure: bool) -> str:
    """The ``Set-Cookie`` value that removes the desk cookie from the browser."""
    return _cookie("", secure=secure, extra="; Max-Age=0")


def _cookie(value: str, *, secure: bool, extra: str = "") -> str:
    return (
        f"{DESK_COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict" + ("; Secure" if secure else "") + extra
    )
