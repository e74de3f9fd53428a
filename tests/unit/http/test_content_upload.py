"""Uploading a locale's ``.po`` from the desk: checked in full, so a bad file writes nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session
from starlette.types import Message

from rxapp.http.app import PasoFront
from rxapp.models import Organization, Role
from rxapp.services import auth, content
from rxapp.services.content_files import MAX_BYTES, MEDIA_TYPE
from tests.data import aio
from tests.data.http import call, edited, first, make_front, token_of, translations, upload


@pytest.fixture
def front(monkeypatch: pytest.MonkeyPatch, sample_copy: Engine, tmp_path: Path) -> PasoFront:
    """The front on a private copy of the sample directory."""
    return make_front(monkeypatch, sample_copy, tmp_path)


def test_a_good_file_is_imported_and_counted(front: PasoFront, sample_copy: Engine) -> None:
    token = token_of(sample_copy, Role.TRANSLATOR)
    po = call(front, "/api/desk/content/fr.po", token=token)[2]

    def retranslate(catalog: Any) -> None:
        first(catalog).string = "Centre Paso d'aide aux migrants — Motozintla"

    status, headers, body = upload(front, token, edited(po, retranslate))
    answer = json.loads(body)
    assert status == 200 and headers["cache-control"] == "no-store"
    assert answer == {**answer, "ok": True, "updated": 1, "skipped": 0, "stale": 0}
    assert answer["unchanged"] > 300
    assert ("organization", 1, "name", "fr", "Centre Paso d'aide aux migrants — Motozintla") in translations(
        sample_copy
    )


def _not_po(po: bytes) -> bytes:
    return b"hello, this is not a catalog"


def _empty(po: bytes) -> bytes:
    return b""


def _binary(po: bytes) -> bytes:
    return b"\xde\x12\x04\x95\x00\x00\x00\x00"  # a compiled .mo


def _portuguese(po: bytes) -> bytes:
    return po.replace(b'"Language: fr\\n"', b'"Language: pt\\n"')


def _no_language(po: bytes) -> bytes:
    return po.replace(b'"Language: fr\\n"\n', b"")


def _mismatch(po: bytes) -> bytes:
    """A good new translation, and a context a translator's tool changed: nothing is kept."""

    def damage(catalog: Any) -> None:
        first(catalog).string = "Un texte qui ne doit pas arriver"
        message = list(catalog)[3]
        catalog.delete(message.id, message.context)
        catalog.add(message.id, message.string, context="service:9999:name")

    return edited(po, damage)


def _nonsense_plurals(po: bytes) -> bytes:
    """Issue 16: a Plural-Forms header no gettext can evaluate was accepted."""
    start = po.index(b'"Plural-Forms:')
    end = po.index(b"\n", start)
    return po[:start] + b'"Plural-Forms: nplurals=2; plural=(n !!= 1);\\n"' + po[end:]


def _too_long(po: bytes) -> bytes:
    """Issue 16: a 1.5 MB msgstr was accepted, and every French reader then downloaded it."""

    def damage(catalog: Any) -> None:
        first(catalog).string = "x" * 1_500_000

    return edited(po, damage)


@pytest.mark.parametrize(
    ("damage", "error", "extra"),
    [
        (_nonsense_plurals, "not_po", {}),
        (_too_long, "too_long", {}),
        (_not_po, "not_po", {}),
        (_empty, "not_po", {}),
        (_binary, "not_po", {}),
        (_portuguese, "wrong_language", {"language": "pt"}),
        (_no_language, "no_language", {}),
        (_mismatch, "mismatch", {}),
    ],
)
def test_a_bad_file_changes_nothing(
    front: PasoFront, sample_copy: Engine, damage: Any, error: str, extra: dict[str, str]
) -> None:
    token = token_of(sample_copy, Role.TRANSLATOR)
    po = call(front, "/api/desk/content/fr.po", token=token)[2]
    before = translations(sample_copy)
    status, _, body = upload(front, token, damage(po))
    answer = json.loads(body)
    assert (status, answer["ok"], answer["error"]) == (422, False, error)
    assert answer == {**answer, **extra}
    assert translations(sample_copy) == before


def test_a_too_long_translation_is_named_by_its_line(front: PasoFront, sample_copy: Engine) -> None:
    token = token_of(sample_copy, Role.TRANSLATOR)
    po = call(front, "/api/desk/content/fr.po", token=token)[2]
    damaged = _too_long(po)
    lines = json.loads(upload(front, token, damaged)[2])["lines"]
    assert len(lines) == 1
    assert damaged.decode().splitlines()[lines[0] - 1].startswith("msgid ")


def test_a_mismatch_names_the_lines(front: PasoFront, sample_copy: Engine) -> None:
    token = token_of(sample_copy, Role.TRANSLATOR)
    po = call(front, "/api/desk/content/fr.po", token=token)[2]
    lines = json.loads(upload(front, token, _mismatch(po))[2])["lines"]
    context = _mismatch(po).decode().splitlines().index('msgctxt "service:9999:name"') + 1
    assert lines == [context + 1]  # Babel numbers an entry by its msgid line


def test_a_text_changed_since_the_download_is_counted_not_imported(
    front: PasoFront, sample_copy: Engine
) -> None:
    token = token_of(sample_copy, Role.TRANSLATOR)
    po = call(front, "/api/desk/content/fr.po", token=token)[2]
    with Session(sample_copy) as session:
        organization = session.get(Organization, 1)
        assert organization is not None
        content.set_source_texts(organization, {"name": "Centro Paso"})
        session.commit()

    def retranslate(catalog: Any) -> None:
        first(catalog).string = "Centre Paso"

    answer = json.loads(upload(front, token, edited(po, retranslate))[2])
    assert (answer["ok"], answer["updated"], answer["stale"]) == (True, 0, 1)
    assert ("organization", 1, "name", "fr", "Centre Paso") not in translations(sample_copy)


def test_a_file_for_another_locale_page_is_refused(front: PasoFront, sample_copy: Engine) -> None:
    """The French file sent to the Arabic form: the path decides the locale, not the file."""
    token = token_of(sample_copy, Role.TRANSLATOR)
    po = call(front, "/api/desk/content/fr.po", token=token)[2]
    answer = json.loads(upload(front, token, po, locale="ar")[2])
    assert (answer["error"], answer["language"]) == ("wrong_language", "fr")


@pytest.mark.parametrize("declared", [True, False])
def test_a_big_file_is_413_whatever_it_declares(
    front: PasoFront, sample_copy: Engine, declared: bool
) -> None:
    big = b"#" * (MAX_BYTES + 1)
    extra = {"content-length": str(len(big))} if declared else {}
    status, _, body = upload(front, token_of(sample_copy, Role.TRANSLATOR), big, **extra)
    assert (status, json.loads(body)["error"]) == (413, "too_large")


def test_a_volunteer_cannotupload(front: PasoFront, sample_copy: Engine) -> None:
    before = translations(sample_copy)
    status, _, _ = upload(front, token_of(sample_copy, Role.VOLUNTEER), b"anything")
    assert status == 403 and translations(sample_copy) == before


def test_another_site_cannotupload(front: PasoFront, sample_copy: Engine) -> None:
    token = token_of(sample_copy, Role.TRANSLATOR)
    status, _, body = upload(front, token, b"anything", origin="https://evil.example")
    assert (status, json.loads(body)["error"]) == (403, "forbidden_origin")


@pytest.mark.parametrize("kind", ["text/plain", "multipart/form-data; boundary=x", ""])
def test_what_a_form_can_send_is_refused(front: PasoFront, sample_copy: Engine, kind: str) -> None:
    """A cross-site HTML form posts these without a preflight: only a .po media type is read."""
    status, _, _ = upload(
        front, token_of(sample_copy, Role.TRANSLATOR), b"anything", **{"content-type": kind}
    )
    assert status == 415


def test_a_cut_off_upload_imports_nothing(front: PasoFront, sample_copy: Engine) -> None:
    """The client goes away halfway through the file: the half already read is never imported."""
    token = token_of(sample_copy, Role.TRANSLATOR)
    po = call(front, "/api/desk/content/fr.po", token=token)[2]

    def retranslate(catalog: Any) -> None:
        first(catalog).string = "Centre Paso"

    body = edited(po, retranslate)
    before = translations(sample_copy)
    messages: list[Message] = [
        {"type": "http.request", "body": body[: len(body) // 2], "more_body": True},
        {"type": "http.disconnect"},
    ]
    sent: list[Message] = []

    async def receive() -> Message:
        return messages.pop(0)

    async def send(message: Message) -> None:
        sent.append(message)

    headers = {"content-type": MEDIA_TYPE, "cookie": f"{auth.DESK_COOKIE}={token}"}
    scope = {
        "type": "http",
        "method": "POST",
        "path": "/api/desk/content/fr.po",
        "headers": [(k.encode(), v.encode()) for k, v in headers.items()],
    }
    aio.run(front(scope, receive, send))
    assert translations(sample_copy) == before
    assert sent[0]["status"] == 413
