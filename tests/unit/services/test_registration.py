"""Registration: validation, one row per draft whatever happens, references, consent."""

from __future__ import annotations

import re
import threading
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp.models import ContactMethod, RateCounter, Registration
from rxapp.services import ratelimit
from rxapp.services import registration as reg
from rxapp.services.phone import parse_phone
from tests.data.db import count

VALID: dict[str, Any] = {
    "draft_id": "draft0000000000000001",
    "device_id": "device000000000000001",
    "locale": "es",
    "name": "Ana",
    "needs": ["food", "health"],
    "consent": True,
}


def _data(**changes: Any) -> reg.RegistrationCreate:
    data, problems = reg.validate({**VALID, **changes})
    assert data is not None, problems
    return data


def test_minimum_is_a_name_a_need_and_consent() -> None:
    data = _data()
    assert (data.name, data.needs, data.phone, data.nationality) == ("Ana", ["food", "health"], None, None)


def test_other_language_can_be_ticked() -> None:
    """Issue 14: a person whose language is not in the list had nothing to tick; "Other
    language" is ISO 639-2 "mis" (a language without a code in the list)."""
    assert _data(languages=["es", "mis"]).languages == ["es", "mis"]


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("name", "", reg.RegistrationProblem.REQUIRED),
        ("name", "   ", reg.RegistrationProblem.REQUIRED),
        ("name", "x" * 101, reg.RegistrationProblem.TOO_LONG),
        ("name", "x" * 5000, reg.RegistrationProblem.TOO_LONG),
        ("needs", [], reg.RegistrationProblem.NEED_REQUIRED),
        ("needs", ["spaceship"], reg.RegistrationProblem.INVALID_CHOICE),
        ("needs", "food", reg.RegistrationProblem.BAD_REQUEST),
        ("nationality", "XX", reg.RegistrationProblem.INVALID_CHOICE),
        ("languages", ["tlh"], reg.RegistrationProblem.INVALID_CHOICE),
        ("adults", "-1", reg.RegistrationProblem.COUNT_RANGE),
        ("adults", "21", reg.RegistrationProblem.COUNT_RANGE),
        ("children", "two", reg.RegistrationProblem.COUNT_RANGE),
        ("phone", "123", reg.RegistrationProblem.PHONE_INVALID),
        ("phone", "not a number", reg.RegistrationProblem.PHONE_INVALID),
        ("has_whatsapp", True, reg.RegistrationProblem.WHATSAPP_NEEDS_PHONE),
        ("preferred_contact", "call", reg.RegistrationProblem.CONTACT_NEEDS_PHONE),
        ("preferred_contact", "pigeon", reg.RegistrationProblem.BAD_REQUEST),
        ("message", "x" * 501, reg.RegistrationProblem.TOO_LONG),
        ("consent", False, reg.RegistrationProblem.CONSENT_REQUIRED),
    ],
)
def test_each_problem_is_reported_on_its_field(
    field: str, value: Any, problem: reg.RegistrationProblem
) -> None:
    data, problems = reg.validate({**VALID, field: value})
    assert data is None
    assert problems == {field: problem}


@pytest.mark.parametrize(
    "raw",
    [
        None,
        "text",
        [],
        {**VALID, "draft_id": "short"},
        {**VALID, "locale": "<script>"},
        {**VALID, "admin": True},
    ],
)
def test_a_malformed_request_is_a_form_problem(raw: Any) -> None:
    assert reg.validate(raw) == (None, {reg.FORM: reg.RegistrationProblem.BAD_REQUEST})


def test_every_problem_at_once_and_nothing_typed_is_dropped() -> None:
    _, problems = reg.validate({**VALID, "name": "", "needs": [], "phone": "1", "consent": False})
    assert set(problems) == {"name", "needs", "phone", "consent"}


@pytest.mark.parametrize(
    ("typed", "nationality", "stored", "shown"),
    [
        ("962 123 4567", None, "+529621234567", "+52 962 123 4567"),  # no nationality: Mexico
        ("9999 8888", "HN", "+50499998888", "+504 9999-8888"),  # the nationality's country
        ("962 123 4567", "HN", "+529621234567", "+52 962 123 4567"),  # a Mexican SIM
        ("+509 3412 3456", "MX", "+50934123456", "+509 34 12 3456"),  # + wins
        ("5512 3456", "GT", "+50255123456", "+502 5512 3456"),
    ],
)
def test_phone_region_from_nationality_stored_e164(
    typed: str, nationality: str | None, stored: str, shown: str
) -> None:
    assert parse_phone(typed, nationality=nationality).e164 == stored
    data = _data(phone=typed, nationality=nationality or "", has_whatsapp=True, preferred_contact="whatsapp")
    assert (data.phone, data.phone_display, data.preferred_contact) == (stored, shown, ContactMethod.WHATSAPP)


def test_reference_codes_have_no_ambiguous_characters() -> None:
    codes = {reg.new_reference("MTZ") for _ in range(500)}
    assert all(re.fullmatch(r"MTZ-[2-9A-HJKMNP-Z]{4}", code) for code in codes)
    assert not any(set(code[4:]) & set("01OIL") for code in codes)


def test_consent_version_and_time_are_stored(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        reference = reg.create_registration(session=session, data=_data(), prefix="MTZ")
        row = session.exec(select(Registration).where(Registration.reference == reference)).one()
        assert row.consent_version == reg.CONSENT_VERSION
        assert row.consent_at is not None and row.created_at is not None


def test_same_draft_three_times_is_one_row(empty_engine: Engine) -> None:
    references = set()
    for _ in range(3):
        with Session(empty_engine) as session:
            references.add(reg.submit(session=session, data=_data(), limits=[], prefix="MTZ"))
    assert len(references) == 1
    assert count(empty_engine, model=Registration) == 1


def test_same_draft_with_other_answers_is_refused(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        reg.submit(session=session, data=_data(), limits=[], prefix="MTZ")
    with Session(empty_engine) as session, pytest.raises(reg.DraftConflictError):
        reg.submit(session=session, data=_data(name="Somebody else"), limits=[], prefix="MTZ")
    assert count(empty_engine, model=Registration) == 1


def test_the_page_language_is_not_other_answers(empty_engine: Engine) -> None:
    """A draft sent again from the English page after a language switch is the same answers."""
    with Session(empty_engine) as session:
        first = reg.submit(session=session, data=_data(), limits=[], prefix="MTZ")
        again = reg.submit(session=session, data=_data(locale="en"), limits=[], prefix="MTZ")
    assert first == again


def test_a_double_tap_racing_in_two_threads_is_one_row(empty_engine: Engine) -> None:
    barrier = threading.Barrier(4)
    references: list[str] = []

    def tap() -> None:
        with Session(empty_engine) as session:
            barrier.wait()
            references.append(reg.create_registration(session=session, data=_data(), prefix="MTZ"))

    threads = [threading.Thread(target=tap) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(references)) == 1 and len(references) == 4
    assert count(empty_engine, model=Registration) == 1


def test_a_new_registration_is_two_statements_and_a_commit(
    empty_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On PostgreSQL each statement is a round trip (and a wait for the GIL): a registration sent
    five (a look for the draft, one upsert per limit, the row, the commit); p95 364 ms at 50
    clients (issue 17). The look is only needed when the draft is there already. The counters
    come last: the centre's one counter stays locked from its upsert to the commit.

    Bug: it failed one run in fifty, when the counters' random sweep of ended windows (a third
    statement, by design) fell on it; the sweep is switched off here and tested on its own."""
    monkeypatch.setattr(ratelimit, "SWEEP_CHANCE", 0.0)
    sent: list[str] = []
    sa.event.listen(
        empty_engine, "before_cursor_execute", lambda *args: sent.append(" ".join(args[2].split()[:3]))
    )
    limits = [ratelimit.Limit("device:a", 5), ratelimit.Limit("address:b", 300)]
    with Session(empty_engine) as session:
        first = reg.submit(session=session, data=_data(), limits=limits, prefix="MTZ")
        assert sent == ["INSERT INTO registration", "INSERT INTO ratecounter"]
        assert reg.submit(session=session, data=_data(), limits=limits, prefix="MTZ") == first
    assert count(empty_engine, model=Registration) == 1


def test_a_resend_over_the_limit_still_gets_its_code(empty_engine: Engine) -> None:
    """The phone's outbox sends a stored draft again when the answer was lost: it gets the code
    it was given, not "too many registrations", even once the limit is used up."""
    limit = [ratelimit.Limit("device:a", 1)]
    with Session(empty_engine) as session:
        first = reg.submit(session=session, data=_data(), limits=limit, prefix="MTZ")
        assert reg.submit(session=session, data=_data(), limits=limit, prefix="MTZ") == first
        with pytest.raises(ratelimit.RateLimitedError):
            reg.submit(
                session=session, data=_data(draft_id="draft0000000000000002"), limits=limit, prefix="MTZ"
            )
    assert count(empty_engine, model=Registration) == 1
    with Session(empty_engine) as session:  # the refused attempt was counted
        assert session.exec(select(RateCounter.count)).one() == 2


def test_a_taken_reference_draws_another(empty_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    drawn = iter(["MTZ-AAAA", "MTZ-AAAA", "MTZ-BBBB"])
    monkeypatch.setattr(reg, "new_reference", lambda prefix: next(drawn))
    with Session(empty_engine) as session:
        first = reg.create_registration(session=session, data=_data(), prefix="MTZ")
    with Session(empty_engine) as session:
        second = reg.create_registration(
            session=session, data=_data(draft_id="draft0000000000000002"), prefix="MTZ"
        )
        assert (first, second) == ("MTZ-AAAA", "MTZ-BBBB")


@pytest.mark.parametrize(
    "name",
    ["\u200b\u200b\u200b", "\u202e\u202c", "\u2066\u2069 ", "\ufeff", "\x00"],
    ids=["zero-width spaces", "bidi override", "isolates", "bom", "nul"],
)
def test_a_name_of_invisible_characters_is_no_name(name: str) -> None:
    """Issue 16: a name of zero-width spaces or bidi overrides was accepted as filled in."""
    assert reg.validate({**VALID, "name": name})[1] == {"name": reg.RegistrationProblem.REQUIRED}


def test_invisible_characters_leave_every_text_and_lines_stay() -> None:
    """Issue 16: a NUL reached PostgreSQL, which refuses it: the phone was told to retry forever.
    Bidi overrides would reorder what the desk reads. Zero-width joiners stay (Arabic script)."""
    data = _data(name="Ana\x00 \u202eMaría\u202c", message="línea 1\nlínea 2\x00\u200b", phone="")
    assert data.name == "Ana María"
    assert data.message == "línea 1\nlínea 2"
    assert _data(name="می\u200cخواهم").name == "می\u200cخواهم"


@pytest.mark.parametrize("value", ["true", "yes", "on", 1, "1"])
def test_only_a_ticked_box_is_consent(value: Any) -> None:
    """Issue 16: the string "true" counted as consent."""
    assert reg.validate({**VALID, "consent": value})[1] == {
        "consent": reg.RegistrationProblem.CONSENT_REQUIRED
    }


def test_a_submission_without_a_device_id_still_counts_against_a_device_limit() -> None:
    """Issue 16: an empty device id skipped the per-device limit."""
    common: dict[str, Any] = {
        "secret": "s", "address": "203.0.113.7", "centre_networks": [], "per_device": 5,
        "per_address": 50, "per_centre": 500,
    }  # fmt: skip
    without = reg.limits_for(device_id="", **common)
    assert [limit.allowed for limit in without] == [5, 50]
    other_address = reg.limits_for(device_id="", **{**common, "address": "203.0.113.8"})
    assert without[0].key != other_address[0].key  # one "device" per address, not one for all
