"""Access to a person's page: by a secret only, one-time tokens, revocation."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp.models import PersonalKey, Registration
from rxapp.services.followup import access
from rxapp.services.followup.inputs import FollowUpError, FollowUpProblem
from tests.data import followup, people
from tests.data.db import dump
from tests.data.people import NOW


def test_a_secret_opens_its_record(empty_engine: Engine) -> None:
    person, secret = followup.person(empty_engine)
    assert len(secret) == 43  # 256 bits, URL-safe
    assert followup.opens(empty_engine, secret) == person


def test_only_the_digest_is_stored(empty_engine: Engine) -> None:
    _, secret = followup.person(empty_engine)
    everything = "".join(dump(empty_engine).values())
    assert secret not in everything
    assert access.digest(secret) in everything


def test_the_code_alone_opens_nothing(empty_engine: Engine) -> None:
    person, _ = followup.person(empty_engine)
    with Session(empty_engine) as session:
        row = session.get(Registration, person)
        assert row is not None
        code = row.reference
    assert followup.opens(empty_engine, code) is None
    assert followup.opens(empty_engine, code.split("-")[1]) is None


def test_a_guessed_secret_opens_nothing(empty_engine: Engine) -> None:
    followup.person(empty_engine)
    assert followup.opens(empty_engine, access.new_secret()) is None
    assert followup.opens(empty_engine, "") is None


def test_each_secret_opens_only_its_own_record(empty_engine: Engine) -> None:
    mine, my_secret = followup.person(empty_engine, name="Ana")
    theirs, their_secret = followup.person(empty_engine, name="Bea")
    assert followup.opens(empty_engine, my_secret) == mine
    assert followup.opens(empty_engine, their_secret) == theirs != mine


def test_revoking_ends_every_secret_and_token_and_is_audited(empty_engine: Engine) -> None:
    person, secret = followup.person(empty_engine)
    actor = followup.volunteer(empty_engine)
    with Session(empty_engine) as session:
        token = access.issue_token(session=session, registration_id=person, actor=actor, now=NOW)
        assert access.revoke_all(session=session, registration_id=person, actor=actor, now=NOW) == 2
        assert access.resolve(session=session, secret=secret) is None
        with pytest.raises(access.AccessDeniedError):
            access.claim(session=session, token=token, now=NOW)
    assert followup.actions(empty_engine)[-1] == ("revoke", person, "2")


def test_revoking_leaves_other_people_alone(empty_engine: Engine) -> None:
    mine, _ = followup.person(empty_engine, name="Ana")
    _theirs, their_secret = followup.person(empty_engine, name="Bea")
    actor = followup.volunteer(empty_engine)
    with Session(empty_engine) as session:
        access.revoke_all(session=session, registration_id=mine, actor=actor, now=NOW)
    assert followup.opens(empty_engine, their_secret) is not None


def test_a_claimed_token_gives_a_new_secret_for_the_record(empty_engine: Engine) -> None:
    person = people.register(empty_engine)
    actor = followup.volunteer(empty_engine)
    with Session(empty_engine) as session:
        token = access.issue_token(session=session, registration_id=person, actor=actor, now=NOW)
        secret = access.claim(session=session, token=token, now=NOW + dt.timedelta(hours=1))
    assert secret != token
    assert followup.opens(empty_engine, secret) == person
    assert followup.opens(empty_engine, token) is None  # a token is not a secret


def test_a_token_is_spent_by_its_first_claim(empty_engine: Engine) -> None:
    person = people.register(empty_engine)
    with Session(empty_engine) as session:
        token = access.issue_token(
            session=session, registration_id=person, actor=followup.volunteer(session), now=NOW
        )
        access.claim(session=session, token=token, now=NOW)
        with pytest.raises(access.AccessDeniedError):
            access.claim(session=session, token=token, now=NOW)


@pytest.mark.parametrize(
    ("after", "works"), [(dt.timedelta(days=7, seconds=-60), True), (dt.timedelta(days=7), False)]
)
def test_a_token_expires_after_seven_days(empty_engine: Engine, after: dt.timedelta, works: bool) -> None:
    person = people.register(empty_engine)
    with Session(empty_engine) as session:
        token = access.issue_token(
            session=session, registration_id=person, actor=followup.volunteer(session), now=NOW
        )
        if works:
            assert access.claim(session=session, token=token, now=NOW + after)
        else:
            with pytest.raises(access.AccessDeniedError):
                access.claim(session=session, token=token, now=NOW + after)


def test_an_unknown_token_and_a_secret_as_token_are_refused_alike(empty_engine: Engine) -> None:
    _, secret = followup.person(empty_engine)
    with Session(empty_engine) as session:
        for wrong in (access.new_secret(), secret, ""):
            with pytest.raises(access.AccessDeniedError):
                access.claim(session=session, token=wrong, now=NOW)


def test_issuing_a_token_is_audited_and_needs_the_record(empty_engine: Engine) -> None:
    person = people.register(empty_engine)
    actor = followup.volunteer(empty_engine)
    with Session(empty_engine) as session:
        access.issue_token(session=session, registration_id=person, actor=actor, now=NOW)
        with pytest.raises(FollowUpError) as refused:
            access.issue_token(session=session, registration_id=person + 99, actor=actor, now=NOW)
    assert refused.value.problem == FollowUpProblem.NOT_FOUND
    assert followup.actions(empty_engine) == [("token", person, "")]


def test_a_record_keeps_at_most_five_live_secrets(empty_engine: Engine) -> None:
    person, first = followup.person(empty_engine)
    with Session(empty_engine) as session:
        later = [
            access.issue_secret(session=session, registration_id=person, now=NOW + dt.timedelta(minutes=n))
            for n in range(1, access.LIVE_SECRETS_MAX + 1)
        ]
        stored = len(session.exec(select(PersonalKey)).all())
    assert followup.opens(empty_engine, first) is None  # the oldest ended
    assert all(followup.opens(empty_engine, secret) == person for secret in later)
    assert stored == access.LIVE_SECRETS_MAX + 1
