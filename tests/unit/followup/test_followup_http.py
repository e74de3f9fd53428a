"""``/api/me``, ``/api/me/claim`` and ``/api/display``: secrets in bodies only, one answer for
every wrong key, failures rate limited, ETags for the light poll."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp.http import deps
from rxapp.http.app import PasoFront
from rxapp.models import Registration, utcnow
from rxapp.services import retention
from rxapp.services.audit import Actor
from rxapp.services.followup import access, mypage, turns
from rxapp.settings import Settings
from tests.data import followup, people
from tests.data.http import ORIGIN, Answer, call
from tests.data.people import NAME, NOW

JSON = {"content-type": "application/json", "origin": ORIGIN}
NOT_FOUND = {"ok": False, "error": "not_found"}


async def _never(scope: Any, receive: Any, send: Any) -> None:
    raise AssertionError("the request should not reach Reflex")


@pytest.fixture
def front(monkeypatch: pytest.MonkeyPatch, sample_copy: Engine, tmp_path: Path) -> PasoFront:
    """The front on a private database; two failures per address and hour."""
    monkeypatch.setattr(deps, "engine", lambda: sample_copy)
    return PasoFront(_never, Settings(data_dir=tmp_path, rate_personal_failures_per_hour=2))


def _post(front: PasoFront, path: str, payload: Any, **headers: str) -> Answer:
    body = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    return call(front, path, method="POST", body=body, headers={**JSON, **headers})


def test_a_secret_gets_the_page_never_cached_with_its_etag(front: PasoFront, sample_copy: Engine) -> None:
    _, secret = followup.person(sample_copy, **people.SOMEONE)
    status, headers, body = _post(front, "/api/me", {"secret": secret})
    page = json.loads(body)
    assert status == 200 and page["code"].startswith("MTZ-") and page["turn"]["state"] == "waiting"
    assert headers["cache-control"] == "no-store" and headers["etag"] == f'"{page["version"]}"'
    assert NAME not in body.decode()


def test_the_same_version_is_a_304_without_a_body(front: PasoFront, sample_copy: Engine) -> None:
    _, secret = followup.person(sample_copy)
    etag = _post(front, "/api/me", {"secret": secret})[1]["etag"]
    status, headers, body = _post(front, "/api/me", {"secret": secret}, **{"if-none-match": etag})
    assert (status, body, headers["etag"], headers["cache-control"]) == (304, b"", etag, "no-store")


def test_the_page_comes_in_the_language_asked(front: PasoFront, sample_copy: Engine) -> None:
    person, secret = followup.person(sample_copy)
    people.refer(sample_copy, registration_id=person, author_id=people.staff(sample_copy))
    page = json.loads(_post(front, "/api/me", {"secret": secret, "locale": "ar"})[2])
    assert page["referrals"][0]["service"]["name"] == "الإرشاد والمعلومات"
    assert json.loads(_post(front, "/api/me", {"secret": secret, "locale": "xx"})[2])["locale"] == "es"


def _wrong_keys(db: Engine) -> list[str]:
    """A code alone, a guessed secret, a revoked one, and an erased person's."""
    revoked_person, revoked = followup.person(db, name="Revoked")
    erased_person, erased = followup.person(db, name="Erased")
    actor = followup.volunteer(db)
    with Session(db) as session:
        access.revoke_all(session=session, registration_id=revoked_person, actor=actor, now=NOW)
        retention.erase(session=session, registration_id=erased_person, actor=actor, now=NOW)
        code = session.exec(select(Registration.reference)).first()
    assert code is not None
    return [code, access.new_secret(), revoked, erased]


def test_every_wrong_secret_gets_the_same_404(
    monkeypatch: pytest.MonkeyPatch, sample_copy: Engine, tmp_path: Path
) -> None:
    monkeypatch.setattr(deps, "engine", lambda: sample_copy)
    front = PasoFront(_never, Settings(data_dir=tmp_path, rate_personal_failures_per_hour=50))
    followup.person(sample_copy, name="Someone with a page")
    for wrong in _wrong_keys(sample_copy):
        status, headers, body = _post(front, "/api/me", {"secret": wrong})
        assert (status, json.loads(body), headers["cache-control"]) == (404, NOT_FOUND, "no-store"), wrong


def test_failures_are_limited_per_address_then_even_a_right_secret_waits(
    front: PasoFront, sample_copy: Engine
) -> None:
    _, secret = followup.person(sample_copy)
    assert [_post(front, "/api/me", {"secret": access.new_secret()})[0] for _ in range(2)] == [404, 404]
    status, headers, body = _post(front, "/api/me", {"secret": access.new_secret()})
    assert status == 429 and int(headers["retry-after"]) > 0 and json.loads(body)["error"] == "rate_limited"
    assert _post(front, "/api/me", {"secret": secret})[0] == 429


def test_right_secrets_are_not_counted(front: PasoFront, sample_copy: Engine) -> None:
    _, secret = followup.person(sample_copy)
    assert {_post(front, "/api/me", {"secret": secret})[0] for _ in range(5)} == {200}


@pytest.mark.parametrize(
    ("method", "body", "headers", "expected"),
    [
        ("GET", b"", {}, 405),
        ("POST", b'{"secret": "x"}', {"origin": "https://evil.example"}, 403),
        ("POST", b'{"secret": "x"}', {"content-type": "text/plain"}, 415),
        ("POST", b'{"secret": "' + b"x" * 5000 + b'"}', {}, 413),
        ("POST", b"not json", {}, 400),
        ("POST", b'{"secret": "x", "name": "Ana"}', {}, 400),
        ("POST", b'{"secret": "' + b"x" * 201 + b'"}', {}, 400),
    ],
)
def test_malformed_requests_are_refused(
    front: PasoFront, method: str, body: bytes, headers: dict[str, str], expected: int
) -> None:
    assert call(front, "/api/me", method=method, body=body, headers={**JSON, **headers})[0] == expected


def test_a_token_is_claimed_once_for_a_secret(front: PasoFront, sample_copy: Engine) -> None:
    person = people.register(sample_copy)
    with Session(sample_copy) as session:
        token = access.issue_token(
            session=session, registration_id=person, actor=followup.volunteer(session), now=NOW
        )
    status, _, body = _post(front, "/api/me/claim", {"token": token})
    secret = json.loads(body)["secret"]
    assert status == 200 and _post(front, "/api/me", {"secret": secret})[0] == 200
    status, _, body = _post(front, "/api/me/claim", {"token": token})
    assert (status, json.loads(body)) == (404, NOT_FOUND)


def test_the_display_needs_its_key_and_shows_no_name(front: PasoFront, sample_copy: Engine) -> None:
    actor = followup.volunteer(sample_copy)
    person = people.register(sample_copy, **people.SOMEONE)
    with Session(sample_copy) as session:
        key = turns.new_display_key(session=session, actor=actor, now=NOW)
        turns.call(session=session, registration_id=person, desk=4, actor=actor, now=utcnow())
    assert _post(front, "/api/display", {"key": access.new_secret()})[0] == 404
    status, headers, body = _post(front, "/api/display", {"key": key})
    [shown] = json.loads(body)["calls"]
    assert status == 200 and shown["desk"] == 4 and shown["code"].startswith("MTZ-")
    assert NAME not in body.decode()
    assert _post(front, "/api/display", {"key": key}, **{"if-none-match": headers["etag"]})[0] == 304


def test_a_poll_of_an_unchanged_page_is_answered_without_building_it(
    front: PasoFront, sample_copy: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """bench.mypage: a 304 cost as much as a 200 (~20 queries), the version being a hash of the
    built page. Now the page's inputs are stamped first, and a known stamp answers at once."""
    registration_id, secret = followup.person(sample_copy)
    etag = _post(front, "/api/me", {"secret": secret})[1]["etag"]

    def built(**_: Any) -> dict[str, Any]:
        raise AssertionError("the page was built for an unchanged poll")

    with monkeypatch.context() as patched:
        patched.setattr(mypage, "my_page", built)
        assert _post(front, "/api/me", {"secret": secret}, **{"if-none-match": etag})[0] == 304
    # A change at the desk (a call, a referral, a note, an appointment) moves the stamp.
    with Session(sample_copy) as session:
        turns.call(
            session=session, registration_id=registration_id, desk=3, actor=Actor(None, "t"), now=utcnow()
        )
    status, headers, _ = _post(front, "/api/me", {"secret": secret}, **{"if-none-match": etag})
    assert status == 200 and headers["etag"] != etag
    # Another person's change moves the stamp too, but not the page: 304 after building it.
    people.register(sample_copy, name="Otra Persona", at=NOW.replace(year=2025))
    assert _post(front, "/api/me", {"secret": secret}, **{"if-none-match": headers["etag"]})[0] == 304
