"""The registering phone gets a secret to its own page; a walk-in at the shared tablet never does."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine

from rxapp.models import PersonalKey, Registration
from rxapp.registration import submission
from rxapp.settings import Settings
from tests.data import followup
from tests.data.db import count

FORM: dict[str, Any] = {
    "draft_id": "followdraft0000000001",
    "device_id": "followdevice000000001",
    "locale": "es",
    "name": "Ana",
    "needs": ["food"],
    "consent": True,
}
PHONE_ADDRESS = "203.0.113.7"


@pytest.fixture
def db(empty_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    """The handler on a fresh database, two registrations per device and hour."""
    settings = Settings(data_dir=tmp_path, rate_device_per_hour=2)
    monkeypatch.setattr(submission, "get_settings", lambda: settings)
    monkeypatch.setattr(submission, "engine", lambda: empty_engine)
    yield empty_engine


def test_a_phone_registering_itself_gets_a_secret_to_its_record(db: Engine) -> None:
    answer = submission.receive(FORM, PHONE_ADDRESS)
    assert answer["ok"] and len(answer["secret"]) == 43
    assert followup.opens(db, answer["secret"]) is not None


def test_a_walk_in_registered_at_the_desk_gets_no_secret(db: Engine) -> None:
    answer = submission.receive(FORM, "", staff_id="7")
    assert answer["ok"] and "secret" not in answer
    assert count(db, model=PersonalKey) == 0


def test_a_resent_draft_answers_a_working_secret_for_the_same_record(db: Engine) -> None:
    first = submission.receive(FORM, PHONE_ADDRESS)
    again = submission.receive(FORM, PHONE_ADDRESS)
    assert again["code"] == first["code"] and again["secret"] != first["secret"]
    assert count(db, model=Registration) == 1
    assert followup.opens(db, again["secret"]) == followup.opens(db, first["secret"]) is not None


def test_a_refused_registration_stores_no_key(db: Engine) -> None:
    for n in range(3):  # the third is over the device's limit
        answer = submission.receive({**FORM, "draft_id": f"followdraft000000000{n}x"}, PHONE_ADDRESS)
    assert answer["ok"] is False and "secret" not in answer
    assert count(db, model=Registration) == count(db, model=PersonalKey) == 2
