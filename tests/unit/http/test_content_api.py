"""The desk's content files over HTTP: who may download a locale's ``.po``, and how."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from sqlalchemy.engine import Engine

from rxapp.http.app import PasoFront
from rxapp.models import Role, utcnow
from rxapp.services.content_files import MEDIA_TYPE
from tests.data.http import call, first, make_front, token_of


@pytest.fixture
def front(monkeypatch: pytest.MonkeyPatch, sample_copy: Engine, tmp_path: Path) -> PasoFront:
    """The front on a private copy of the sample directory."""
    return make_front(monkeypatch, sample_copy, tmp_path)


def test_no_cookie_is_401(front: PasoFront) -> None:
    status, headers, body = call(front, "/api/desk/content/fr.po")
    assert (status, json.loads(body)["error"]) == (401, "signed_out")
    assert headers["cache-control"] == "no-store"


def test_an_unknown_token_is_401(front: PasoFront) -> None:
    assert call(front, "/api/desk/content/fr.po", token="not-a-session")[0] == 401


def test_an_idle_session_is_locked_401(front: PasoFront, sample_copy: Engine) -> None:
    token = token_of(sample_copy, Role.TRANSLATOR, at=utcnow() - dt.timedelta(hours=2))
    status, _, body = call(front, "/api/desk/content/fr.po", token=token)
    assert (status, json.loads(body)["error"]) == (401, "locked")


def test_a_volunteer_is_403(front: PasoFront, sample_copy: Engine) -> None:
    status, _, body = call(front, "/api/desk/content/fr.po", token=token_of(sample_copy, Role.VOLUNTEER))
    assert (status, json.loads(body)["error"]) == (403, "forbidden")


@pytest.mark.parametrize("role", [Role.TRANSLATOR, Role.COORDINATOR])
def test_translators_and_coordinators_download_the_file(
    front: PasoFront, sample_copy: Engine, role: Role
) -> None:
    status, headers, body = call(front, "/api/desk/content/fr.po", token=token_of(sample_copy, role))
    assert status == 200
    assert headers["content-disposition"] == 'attachment; filename="paso-content-fr.po"'
    assert headers["cache-control"] == "no-store"
    assert headers["content-type"].startswith(MEDIA_TYPE)
    catalog = read_po(io.BytesIO(body))
    assert catalog.locale_identifier == "fr"
    assert first(catalog).context == "organization:1:name"


@pytest.mark.parametrize(
    ("path", "expected"), [("/api/desk/content/de.po", 404), ("/api/desk/content/", 404)]
)
def test_an_unknown_locale_is_404(front: PasoFront, sample_copy: Engine, path: str, expected: int) -> None:
    assert call(front, path, token=token_of(sample_copy, Role.TRANSLATOR))[0] == expected


def test_other_methods_are_405(front: PasoFront) -> None:
    status, headers, _ = call(front, "/api/desk/content/fr.po", method="DELETE")
    assert status == 405 and headers["allow"] == "GET, HEAD, POST"


def test_head_answers_the_headers_only(front: PasoFront, sample_copy: Engine) -> None:
    status, headers, body = call(
        front, "/api/desk/content/ar.po", token=token_of(sample_copy, Role.TRANSLATOR), method="HEAD"
    )
    assert (status, body) == (200, b"") and "attachment" in headers["content-disposition"]
