"""The registration handler: errors in the person's language, one answer per draft, and
nothing personal kept in Reflex's state or sent back."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from rxapp.models import Registration
from rxapp.registration import page, submission
from rxapp.settings import Settings
from tests.data.db import count

VALID: dict[str, Any] = {
    "draft_id": "pagedraft000000000001",
    "device_id": "pagedevice00000000001",
    "name": "Ana",
    "needs": ["food"],
    "consent": True,
}


@pytest.fixture
def db(empty_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """The handler on a fresh database, with its secret in a temporary folder."""
    settings = Settings(data_dir=tmp_path, rate_device_per_hour=2)
    monkeypatch.setattr(submission, "get_settings", lambda: settings)
    monkeypatch.setattr(submission, "engine", lambda: empty_engine)
    monkeypatch.setattr(page, "engine", lambda: empty_engine)
    yield empty_engine


ERRORS = [
    ("en", "name", "", "Write a name or an alias."),
    ("en", "needs", [], "Choose at least one need."),
    ("en", "phone", "12", "This phone number is not valid. Check it, and start with + and the country code if it is not from Mexico."),
    ("en", "adults", "99", "Write a number from 0 to 20."),
    ("en", "message", "x" * 501, "This is too long: use at most 500 characters."),
    ("en", "consent", False, "Without your agreement we cannot register you. Nothing has been saved."),
    ("es", "name", "", "Escribe un nombre o un apodo."),
    ("es", "needs", [], "Elige al menos una cosa que necesitas."),
    ("es", "phone", "12", "Este número de teléfono no es válido. Revísalo, y si no es de México, empieza con + y el código del país."),
    ("es", "adults", "99", "Escribe un número del 0 al 20."),
    ("es", "message", "x" * 501, "Es demasiado largo: usa 500 caracteres como máximo."),
    ("es", "consent", False, "Sin tu permiso no podemos registrarte. No se guardó nada."),
    ("ar", "name", "", "اكتب اسمًا أو اسمًا مستعارًا."),
]  # fmt: skip


@pytest.mark.parametrize(("locale", "field", "value", "message"), ERRORS)
def test_errors_in_the_persons_language(
    db: Engine, locale: str, field: str, value: Any, message: str
) -> None:
    answer = submission.receive({**VALID, "locale": locale, field: value}, "203.0.113.7")
    assert answer["ok"] is False
    assert answer["errors"][field] == message
    assert answer["errors"]["form"]  # and a summary above the button
    assert count(db, model=Registration) == 0


def test_an_unknown_locale_answers_in_the_default_language(db: Engine) -> None:
    answer = submission.receive({**VALID, "locale": "xx", "name": ""}, "203.0.113.7")
    assert answer["errors"]["name"] == "Escribe un nombre o un apodo."


def test_the_answer_holds_the_code_and_nothing_personal(db: Engine) -> None:
    """The secret to the person's own page is a key, not personal data (issue 19)."""
    answer = submission.receive({**VALID, "locale": "es", "phone": "962 123 4567"}, "203.0.113.7")
    assert set(answer) == {"ok", "draft_id", "code", "secret"}
    assert "Ana" not in str(answer) and "962" not in str(answer)


def test_three_sends_of_one_draft_are_one_row_and_one_code(db: Engine) -> None:
    codes = {submission.receive({**VALID, "locale": "es"}, "203.0.113.7")["code"] for _ in range(3)}
    assert len(codes) == 1
    assert count(db, model=Registration) == 1
    other = submission.receive({**VALID, "locale": "es", "name": "Bea"}, "203.0.113.7")
    assert other["ok"] is False and "Empezar de nuevo" in other["errors"]["form"]
    assert count(db, model=Registration) == 1


def test_too_many_from_one_phone_is_refused_in_its_language(db: Engine) -> None:
    for n in range(2):
        assert submission.receive(
            {**VALID, "locale": "fr", "draft_id": f"pagedraft00000000000{n}a"}, "203.0.113.7"
        )["ok"]
    refused = submission.receive(
        {**VALID, "locale": "fr", "draft_id": "pagedraft000000000009z"}, "203.0.113.7"
    )
    assert refused["ok"] is False
    assert "minute" in refused["errors"]["form"] and "Too many" not in refused["errors"]["form"]
    assert count(db, model=Registration) == 2


def test_a_broken_database_keeps_the_submission_waiting(db: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    def down() -> Engine:
        raise OSError("disk gone")

    monkeypatch.setattr(submission, "engine", down)
    assert submission.receive({**VALID, "locale": "es"}, "203.0.113.7") == {
        "ok": False,
        "retry": True,
        "draft_id": VALID["draft_id"],
    }


def test_the_state_has_no_vars_to_keep_personal_data() -> None:
    """Reflex pickles a state's vars into its store: this state declares none."""
    assert page.RegisterState.base_vars == {}
    assert page.RegisterState.computed_vars == {}


def test_the_submit_handler_answers_the_page(db: Engine) -> None:
    """Bug: a local variable named like the reply helper made every submission fail."""
    from types import SimpleNamespace

    from tests.data.aio import run
    from tests.data.events import event_fn

    client = SimpleNamespace(router=SimpleNamespace(session=SimpleNamespace(client_ip="10.0.0.9")))
    spec = run(event_fn(page.RegisterState.submit)(client, {**VALID, "locale": "es"}))
    script = json.loads(json.loads(str(spec.args[1][1])))
    assert script["call"] == "pasoRegAnswer" and script["arg"]["ok"] is True
    assert count(db, model=Registration) == 1
