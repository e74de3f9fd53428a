"""Calling the desk's content endpoints as the browser does: sessions, requests, files."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from babel.messages.pofile import read_po, write_po
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from rxapp.http import deps
from rxapp.http.app import PasoFront
from rxapp.models import Role, StaffUser, Translation, utcnow
from rxapp.services import auth
from rxapp.services.content_files import MEDIA_TYPE
from rxapp.settings import Settings
from tests.data import aio, people

ORIGIN = "http://127.0.0.1:8000"
Answer = tuple[int, dict[str, str], bytes]


async def _never(scope: Any, receive: Any, send: Any) -> None:
    raise AssertionError("the request should not reach Reflex")


def make_front(monkeypatch: pytest.MonkeyPatch, engine: Engine, data_dir: Path) -> PasoFront:
    """The front on ``engine``, answering nothing through Reflex."""
    monkeypatch.setattr(deps, "engine", lambda: engine)
    return PasoFront(_never, Settings(data_dir=data_dir))


def token_of(engine: Engine, role: Role, *, at: dt.datetime | None = None) -> str:
    """A desk session of a new account with ``role``."""
    with Session(engine) as session:
        user = session.get(StaffUser, people.staff(session, name=role.value, username=role.value, role=role))
        assert user is not None
        return auth.open_session(session=session, user=user, now=at or utcnow())


def call(
    front: PasoFront,
    path: str,
    *,
    token: str | None = None,
    method: str = "GET",
    body: bytes = b"",
    headers: dict[str, str] | None = None,
) -> Answer:
    """One request through the front: its status, headers and body."""
    sent: list[MutableMapping[str, Any]] = []
    chunks = [body[: len(body) // 2], body[len(body) // 2 :]]  # in two messages, as servers do

    async def send(message: MutableMapping[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": chunks.pop(0), "more_body": bool(chunks)}

    given = dict(headers or {})
    if token:
        given["cookie"] = f"paso_locale=es; {auth.DESK_COOKIE}={token}"
    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "headers": [(k.encode(), v.encode()) for k, v in given.items()],
    }
    aio.run(front(scope, receive, send))
    return sent[0]["status"], {k.decode(): v.decode() for k, v in sent[0]["headers"]}, sent[1]["body"]


def upload(front: PasoFront, token: str, body: bytes, locale: str = "fr", **headers: str) -> Answer:
    """A .po file posted to the content endpoint as the desk's page does."""
    given = {"content-type": MEDIA_TYPE, "origin": ORIGIN, **headers}
    return call(front, f"/api/desk/content/{locale}.po", token=token, method="POST", body=body, headers=given)


def translations(engine: Engine) -> list[tuple[str, int, str, str, str]]:
    """Every content translation, sorted (columns, not rows as objects: thousands of them)."""
    t = Translation
    columns = (col(t.record_type), col(t.record_id), col(t.field), col(t.locale), col(t.text))
    with engine.connect() as connection:
        rows = connection.execute(sa.select(*columns)).all()
    return sorted((str(kind), int(id_), field, locale, text) for kind, id_, field, locale, text in rows)


def edited(po: bytes, change: Any) -> bytes:
    """The file with ``change(catalog)`` applied, written back as a translator's tool would."""
    catalog = read_po(io.BytesIO(po))
    change(catalog)
    out = io.BytesIO()
    write_po(out, catalog, width=0)
    return out.getvalue()


def first(catalog: Any) -> Any:
    """The first entry after the header."""
    return next(message for message in catalog if message.id)
