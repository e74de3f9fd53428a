"""The volunteer desk: queue, search, reference codes, notes, statuses and referrals."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from rxapp.models import (
    Registration,
    RegistrationStatus,
    Service,
    ServiceCategory,
    ServiceStatus,
    StaffUser,
)
from rxapp.services import records
from rxapp.services.text import normalize
from tests.data import people
from tests.data.desk import queue_ids, record_of, reference_of
from tests.data.people import HOUR, NOW, SERVICE, TZ

S = RegistrationStatus


def test_queue_has_open_and_todays_closed_but_not_yesterdays(empty_engine: Engine) -> None:
    waiting = people.register(empty_engine, at=NOW - 48 * HOUR)
    today = people.register(empty_engine, at=NOW - 48 * HOUR)
    people.update(
        empty_engine, registration_id=today, status=S.CLOSED, updated_at=NOW - 11 * HOUR
    )  # 01:00 today, local
    yesterday = people.register(empty_engine, at=NOW - 48 * HOUR)
    people.update(
        empty_engine, registration_id=yesterday, status=S.CLOSED, updated_at=NOW - 13 * HOUR
    )  # 23:00 yesterday, local
    assert queue_ids(empty_engine) == [waiting, today]


def test_queue_puts_the_longest_waiting_first_and_closed_last(empty_engine: Engine) -> None:
    closed = people.register(empty_engine, at=NOW - 5 * HOUR)
    people.update(empty_engine, registration_id=closed, status=S.CLOSED)
    newer = people.register(empty_engine, at=NOW - 1 * HOUR)
    older = people.register(empty_engine, at=NOW - 3 * HOUR)
    assert queue_ids(empty_engine) == [older, newer, closed]


def test_queue_filters_by_status(empty_engine: Engine) -> None:
    people.register(empty_engine)
    waiting = people.register(empty_engine)
    people.update(empty_engine, registration_id=waiting, status=S.WAITING)
    assert queue_ids(empty_engine, status=S.WAITING) == [waiting]


def test_queue_items_are_plain_data_in_utc(empty_engine: Engine) -> None:
    people.register(empty_engine, name="Ana", at=NOW - HOUR)
    with Session(empty_engine) as session:
        (item,) = records.queue(session=session, now=NOW, tz=TZ)
    assert (item.name, item.needs, item.status, item.assisted) == ("Ana", ["food"], S.NEW, False)
    assert item.created_at == NOW - HOUR
    assert item.created_at.tzinfo is dt.UTC


@pytest.mark.parametrize(
    ("name", "query"), [("José Pérez", "jose"), ("Ana Muñoz", "MUÑOZ"), ("Ana Muñoz", "munoz")]
)
def test_search_ignores_case_and_accents(empty_engine: Engine, name: str, query: str) -> None:
    found = people.register(empty_engine, name=name)
    people.register(empty_engine, name="Carlos")
    assert queue_ids(empty_engine, query=query) == [found]


@pytest.mark.parametrize("variant", ["{code}", "{lower}", "mtz{lower}", "MTZ-{code}", " mtz {lower} "])
def test_search_finds_a_reference_code_however_typed(empty_engine: Engine, variant: str) -> None:
    found = people.register(empty_engine)
    people.register(empty_engine)
    code = reference_of(empty_engine, registration_id=found).removeprefix("MTZ-")
    assert queue_ids(empty_engine, query=variant.format(code=code, lower=code.lower())) == [found]


def test_search_finds_a_record_closed_last_week(empty_engine: Engine) -> None:
    """A person coming back must be found, whatever happened to their record."""
    found = people.register(empty_engine, name="María", at=NOW - 8 * 24 * HOUR)
    people.update(empty_engine, registration_id=found, status=S.CLOSED, updated_at=NOW - 7 * 24 * HOUR)
    assert queue_ids(empty_engine) == []
    assert queue_ids(empty_engine, query="maria") == [found]


def test_queue_version_changes_with_every_change(empty_engine: Engine) -> None:
    """Creating, noting, changing the status of and deleting a registration: each moves the version."""
    staff, seen = people.staff(empty_engine), []
    with Session(empty_engine) as session:
        seen.append(records.queue_version(session=session))
        first = people.register(empty_engine, at=NOW)
        second = people.register(empty_engine, at=NOW + HOUR)
        seen.append(records.queue_version(session=session))
        records.add_note(
            session=session, registration_id=first, author_id=staff, text="x", now=NOW + 2 * HOUR
        )
        seen.append(records.queue_version(session=session))
        records.set_status(
            session=session, registration_id=second, author_id=staff, status=S.WAITING, now=NOW + 3 * HOUR
        )
        seen.append(records.queue_version(session=session))
        session.delete(session.get(Registration, first))
        session.commit()
        seen.append(records.queue_version(session=session))
    assert len(set(seen)) == 5


@pytest.mark.parametrize("variant", ["MTZ-{code}", "mtz-{lower}", "mtz{lower}", "{lower}", "MTZ {code}"])
def test_find_reference_accepts_typed_and_scanned_codes(empty_engine: Engine, variant: str) -> None:
    found = people.register(empty_engine)
    code = reference_of(empty_engine, registration_id=found).removeprefix("MTZ-")
    with Session(empty_engine) as session:
        assert (
            records.find_reference(session=session, code=variant.format(code=code, lower=code.lower()))
            == found
        )


@pytest.mark.parametrize("code", ["", "  ", "MTZ-ZZZZ", "MTZ", "XYZ-"])
def test_find_reference_of_an_unknown_code_is_none(empty_engine: Engine, code: str) -> None:
    people.register(empty_engine)
    with Session(empty_engine) as session:
        assert records.find_reference(session=session, code=code) is None


def test_record_has_notes_oldest_first_with_their_authors(empty_engine: Engine) -> None:
    lucia, pedro = people.staff(empty_engine, name="Lucía"), people.staff(empty_engine, name="Pedro")
    found = people.register(empty_engine)
    with Session(empty_engine) as session:
        records.add_note(
            session=session, registration_id=found, author_id=pedro, text=" second ", now=NOW + HOUR
        )
        records.add_note(session=session, registration_id=found, author_id=lucia, text="first", now=NOW)
    notes = record_of(empty_engine, registration_id=found).notes
    assert [(n.text, n.author, n.created_at) for n in notes] == [
        ("first", "Lucía", NOW),
        ("second", "Pedro", NOW + HOUR),
    ]


def test_a_note_of_a_deleted_account_has_no_author(empty_engine: Engine) -> None:
    staff, found = people.staff(empty_engine), people.register(empty_engine)
    with Session(empty_engine) as session:
        records.add_note(session=session, registration_id=found, author_id=staff, text="hola", now=NOW)
        session.delete(session.get(StaffUser, staff))
        session.commit()
    assert [n.author for n in record_of(empty_engine, registration_id=found).notes] == [""]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", records.DeskProblem.NOTE_EMPTY),
        ("  \n ", records.DeskProblem.NOTE_EMPTY),
        ("x" * 1001, records.DeskProblem.NOTE_TOO_LONG),
    ],
)
def test_a_note_must_have_1_to_1000_characters(
    empty_engine: Engine, text: str, problem: records.DeskProblem
) -> None:
    staff, found = people.staff(empty_engine), people.register(empty_engine)
    with Session(empty_engine) as session, pytest.raises(records.DeskError) as refused:
        records.add_note(session=session, registration_id=found, author_id=staff, text=text, now=NOW)
    assert refused.value.problem == problem


def test_actions_on_a_missing_record_are_refused(empty_engine: Engine) -> None:
    staff = people.staff(empty_engine)
    with Session(empty_engine) as session, pytest.raises(records.DeskError) as refused:
        records.set_status(session=session, registration_id=99, author_id=staff, status=S.CLOSED, now=NOW)
    assert refused.value.problem == records.DeskProblem.NOT_FOUND


def test_status_changes_are_kept_in_the_history_once_each(empty_engine: Engine) -> None:
    staff, found = people.staff(empty_engine), people.register(empty_engine)
    with Session(empty_engine) as session:
        for hours, status in [(1, S.IN_PROGRESS), (2, S.IN_PROGRESS), (3, S.CLOSED)]:
            records.set_status(
                session=session, registration_id=found, author_id=staff, status=status, now=NOW + hours * HOUR
            )
    view = record_of(empty_engine, registration_id=found)
    assert [(s.from_status, s.to_status, s.author) for s in view.history] == [
        (S.NEW, S.IN_PROGRESS, "Lucía"),
        (S.IN_PROGRESS, S.CLOSED, "Lucía"),
    ]
    assert (view.status, view.updated_at) == (S.CLOSED, NOW + 3 * HOUR)


@pytest.mark.parametrize(
    ("slug", "consented", "problem"),
    [
        (SERVICE, False, records.DeskProblem.CONSENT_REQUIRED),
        ("no-such-service", True, records.DeskProblem.UNKNOWN_SERVICE),
    ],
)
def test_a_referral_needs_consent_and_a_known_service(
    sample_copy: Engine, slug: str, consented: bool, problem: records.DeskProblem
) -> None:
    staff, found = people.staff(sample_copy), people.register(sample_copy)
    with pytest.raises(records.DeskError) as refused:
        people.refer(
            sample_copy, registration_id=found, author_id=staff, service_slug=slug, consented=consented
        )
    assert refused.value.problem == problem
    assert record_of(sample_copy, registration_id=found).referrals == []


def test_a_referral_marks_the_record_referred(sample_copy: Engine) -> None:
    staff, found = people.staff(sample_copy), people.register(sample_copy)
    people.refer(sample_copy, registration_id=found, author_id=staff)
    view = record_of(sample_copy, registration_id=found)
    assert [(r.service_slug, r.service_name, r.author, r.consented) for r in view.referrals] == [
        (SERVICE, "Orientación e información", "Lucía", True)
    ]
    assert view.status == S.REFERRED
    assert [(s.from_status, s.to_status) for s in view.history] == [(S.NEW, S.REFERRED)]


def test_a_referral_leaves_a_closed_record_closed(sample_copy: Engine) -> None:
    staff, found = people.staff(sample_copy), people.register(sample_copy)
    people.update(sample_copy, registration_id=found, status=S.CLOSED)
    people.refer(sample_copy, registration_id=found, author_id=staff)
    assert record_of(sample_copy, registration_id=found).status == S.CLOSED


def test_referral_choices_are_the_open_services_by_name(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        choices = records.referral_choices(session=session, locale="es")
        inactive = session.exec(select(Service.slug).where(Service.status == ServiceStatus.INACTIVE)).all()
    slugs = [choice.slug for choice in choices]
    assert SERVICE in slugs and "manos-que-trabajan-taller-oficios" in slugs  # temporarily closed
    assert inactive and not set(inactive) & set(slugs)
    names = [normalize(choice.name) for choice in choices]
    assert names == sorted(names)
    closed = {choice.slug for choice in choices if choice.temporarily_closed}
    assert "manos-que-trabajan-taller-oficios" in closed and SERVICE not in closed


def _answering(session: Session, need: str) -> set[str]:
    rows = session.exec(
        select(Service.slug)
        .join(ServiceCategory, col(ServiceCategory.service_id) == col(Service.id))
        .where(ServiceCategory.category_slug == need, Service.status != ServiceStatus.INACTIVE)
    )
    return set(rows)


def test_referral_choices_put_services_for_the_persons_needs_first(session: Session) -> None:
    """Issue 14: the desk's referral list was every service by name; it starts with those
    answering the person's needs (most needs first), then the others, each part by name."""
    food, health = _answering(session, "food"), _answering(session, "health")
    assert food and health and food - health and health - food
    choices = records.referral_choices(session=session, locale="es", needs=["food", "health"])
    matches = [choice.matches for choice in choices]
    assert matches == sorted(matches, reverse=True)
    assert {c.slug for c in choices if c.matches} == food | health
    assert {c.slug for c in choices if c.matches == 2} == food & health
    for count in set(matches):
        part = [normalize(c.name) for c in choices if c.matches == count]
        assert part == sorted(part)
    assert all(c.organization for c in choices)


def test_referral_choices_are_named_in_the_desks_language(session: Session) -> None:
    """Issue 14: the referral list showed Spanish names on every records."""
    spanish = {c.slug: c.name for c in records.referral_choices(session=session, locale="es")}
    arabic = {
        c.slug: (c.name, c.organization) for c in records.referral_choices(session=session, locale="ar")
    }
    assert spanish[SERVICE] == "Orientación e información"
    name, organization = arabic[SERVICE]
    assert name != spanish[SERVICE] and any("\u0600" <= ch <= "\u06ff" for ch in name + organization)


def test_closing_a_record_nobody_was_referred_from_asks_first(sample_copy: Engine) -> None:
    """Issue 14: closing a record with no referral gave no warning. With ``warn_unreferred``
    the close is refused (the desk asks); without it, or once referred, it closes."""
    staff, found = people.staff(sample_copy), people.register(sample_copy)
    with Session(sample_copy) as session:
        with pytest.raises(records.DeskError) as refused:
            records.set_status(
                session=session,
                registration_id=found,
                author_id=staff,
                status=S.CLOSED,
                now=NOW,
                warn_unreferred=True,
            )
        assert refused.value.problem == records.DeskProblem.NO_REFERRAL
        assert record_of(sample_copy, registration_id=found).status == S.NEW
        records.set_status(
            session=session, registration_id=found, author_id=staff, status=S.CLOSED, now=NOW + HOUR
        )
    assert record_of(sample_copy, registration_id=found).status == S.CLOSED


def test_closing_a_referred_record_needs_no_confirmation(sample_copy: Engine) -> None:
    staff, found = people.staff(sample_copy), people.register(sample_copy)
    people.refer(sample_copy, registration_id=found, author_id=staff)
    with Session(sample_copy) as session:
        records.set_status(
            session=session,
            registration_id=found,
            author_id=staff,
            status=S.CLOSED,
            now=NOW + HOUR,
            warn_unreferred=True,
        )
    assert record_of(sample_copy, registration_id=found).status == S.CLOSED
