"""The volunteer desk: records that may be the same person, dismissing them, merging them."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp.models import DuplicateDismissal, Registration, RegistrationStatus
from rxapp.services import records
from tests.data import people
from tests.data.desk import queue_ids, record_of, reference_of
from tests.data.people import HOUR, NOW, SERVICE

PHONE = "+50499887766"  # Honduras
OTHER_PHONE = "+50370123456"  # El Salvador


def _duplicates(engine: Engine, registration_id: int) -> list[tuple[int, str]]:
    with Session(engine) as session:
        found = records.duplicates(session=session, registration_id=registration_id)
    return [(view.id, view.reason) for view in found]


@pytest.mark.parametrize(
    ("first", "second", "similar"),
    [
        ("José Pérez", "jose perez", True),  # the same once normalised
        ("José", "José Luis Pérez", True),  # one inside the other, as whole words
        ("Marisol", "Marysol", True),  # one typo
        ("Fernanda", "Frenanda", True),  # two typos
        ("Ana", "Mariana", False),  # inside, but not a whole word
        ("Luis", "Lupe", False),  # too short for typos
        ("Fernanda", "Fernando Ruiz", False),
        ("", "Ana", False),
    ],
)
def test_similar_names(first: str, second: str, similar: bool) -> None:
    assert records.similar_names(first, second) is similar
    assert records.similar_names(second, first) is similar


def test_distance_counts_insertions_deletions_and_replacements() -> None:
    assert [
        records.distance("kitten", "sitting"),
        records.distance("", "abc"),
        records.distance("abc", "abc"),
    ] == [
        3,
        3,
        0,
    ]


def test_a_similar_name_with_the_same_phone_is_a_duplicate(empty_engine: Engine) -> None:
    first = people.register(empty_engine, name="José Pérez", phone=PHONE, nationality="HN")
    second = people.register(empty_engine, name="Jose Perez", phone=PHONE, nationality="HN")
    assert _duplicates(empty_engine, first) == [(second, "phone")]  # the phone wins over nationality
    assert _duplicates(empty_engine, second) == [(first, "phone")]


def test_a_similar_name_with_the_same_nationality_is_a_duplicate(empty_engine: Engine) -> None:
    first = people.register(empty_engine, name="Marisol López", nationality="SV")
    second = people.register(empty_engine, name="Marysol Lopez", phone=OTHER_PHONE, nationality="SV")
    assert _duplicates(empty_engine, first) == [(second, "nationality")]


def test_a_similar_name_with_nothing_else_in_common_is_no_duplicate(empty_engine: Engine) -> None:
    first = people.register(empty_engine, name="Marisol", nationality="SV")
    people.register(empty_engine, name="Marisol", nationality="HN", phone=PHONE)
    people.register(empty_engine, name="Marisol")
    assert _duplicates(empty_engine, first) == []


def test_a_different_name_with_the_same_phone_is_no_duplicate(empty_engine: Engine) -> None:
    """Families share a phone: a phone alone does not make two people one."""
    first = people.register(empty_engine, name="Ana", phone=PHONE)
    people.register(empty_engine, name="Carlos", phone=PHONE)
    assert _duplicates(empty_engine, first) == []


def test_a_dismissed_pair_is_not_offered_again(empty_engine: Engine) -> None:
    first = people.register(empty_engine, name="Ana", nationality="HN")
    second = people.register(empty_engine, name="Ana", nationality="HN")
    third = people.register(empty_engine, name="Ana", nationality="HN")
    with Session(empty_engine) as session:
        records.dismiss_duplicate(session=session, registration_id=second, other_id=first, now=NOW)
        with pytest.raises(records.DeskError) as again:  # no longer offered, so no longer dismissable
            records.dismiss_duplicate(session=session, registration_id=first, other_id=second, now=NOW)
        assert again.value.problem == records.DeskProblem.NOT_A_DUPLICATE
        pairs = session.exec(select(DuplicateDismissal.first_id, DuplicateDismissal.second_id)).all()
    assert pairs == [(first, second)]
    assert _duplicates(empty_engine, first) == [(third, "nationality")]
    assert _duplicates(empty_engine, second) == [(third, "nationality")]


def test_the_record_shows_its_duplicates(empty_engine: Engine) -> None:
    first = people.register(empty_engine, name="Ana", phone=PHONE)
    second = people.register(empty_engine, name="Ana María", phone=PHONE)
    (view,) = record_of(empty_engine, registration_id=first).duplicates
    assert (view.id, view.reference, view.name, view.reason) == (
        second,
        reference_of(empty_engine, registration_id=second),
        "Ana María",
        "phone",
    )


def test_a_record_is_no_duplicate_of_itself(empty_engine: Engine) -> None:
    first = people.register(empty_engine)
    with Session(empty_engine) as session, pytest.raises(records.DeskError) as refused:
        records.dismiss_duplicate(session=session, registration_id=first, other_id=first)
    assert refused.value.problem == records.DeskProblem.SAME_RECORD


def test_merge_moves_notes_history_and_referrals_and_deletes_the_other(sample_copy: Engine) -> None:
    staff = people.staff(sample_copy)
    keep = people.register(sample_copy, name="José", nationality="HN", at=NOW - 2 * HOUR)
    drop = people.register(sample_copy, name="José Pérez", nationality="HN", at=NOW - HOUR)
    dropped_reference = reference_of(sample_copy, registration_id=drop)
    with Session(sample_copy) as session:
        records.add_note(
            session=session, registration_id=keep, author_id=staff, text="kept", now=NOW - 2 * HOUR
        )
        records.add_note(session=session, registration_id=drop, author_id=staff, text="moved", now=NOW - HOUR)
        people.refer(session, registration_id=drop, author_id=staff, now=NOW - HOUR)
        records.merge(session=session, keep_id=keep, drop_id=drop, author_id=staff, now=NOW)
        assert session.get(Registration, drop) is None
    view = record_of(sample_copy, registration_id=keep)
    assert [note.text.splitlines()[0] for note in view.notes] == [
        "kept",
        "moved",
        f"Merged {dropped_reference} into this record",
    ]
    assert "name: José Pérez" in view.notes[-1].text  # the other name is not lost
    assert [referral.service_slug for referral in view.referrals] == [SERVICE]
    assert [(step.from_status, step.to_status) for step in view.history] == [
        (RegistrationStatus.NEW, RegistrationStatus.REFERRED)
    ]
    assert view.updated_at == NOW
    assert queue_ids(sample_copy) == [keep]


def test_merge_fills_the_empty_fields_and_joins_needs_and_languages(empty_engine: Engine) -> None:
    staff = people.staff(empty_engine)
    keep = people.register(
        empty_engine, name="Ana", needs=["food"], languages=["es"], adults="1", nationality="HN"
    )
    drop = people.register(
        empty_engine, name="Ana", needs=["health", "food"], languages=["en"], adults="2", children="3"
    )
    people.update(empty_engine, registration_id=drop, phone=PHONE, has_whatsapp=True, nationality="HN")
    with Session(empty_engine) as session:
        records.merge(session=session, keep_id=keep, drop_id=drop, author_id=staff, now=NOW)
    view = record_of(empty_engine, registration_id=keep)
    assert (view.needs, view.languages) == (["food", "health"], ["es", "en"])
    assert (view.adults, view.children, view.phone, view.has_whatsapp, view.nationality) == (
        1,
        3,
        PHONE,
        True,
        "HN",
    )


def test_a_record_cannot_be_merged_into_itself(empty_engine: Engine) -> None:
    staff, first = people.staff(empty_engine), people.register(empty_engine)
    with Session(empty_engine) as session, pytest.raises(records.DeskError) as refused:
        records.merge(session=session, keep_id=first, drop_id=first, author_id=staff, now=NOW)
    assert refused.value.problem == records.DeskProblem.SAME_RECORD
    assert queue_ids(empty_engine) == [first]


def test_only_a_suggested_duplicate_can_be_merged_or_dismissed(empty_engine: Engine) -> None:
    """Bug: any record id could be merged (so deleted) by a volunteer, not only a duplicate."""
    staff = people.staff(empty_engine)
    ana, pedro = (
        people.register(empty_engine, name="Ana García", nationality="HN"),
        people.register(empty_engine, name="Pedro López", nationality="HN"),
    )
    with Session(empty_engine) as session:
        acts: list[Callable[[], object]] = [
            lambda: records.merge(session=session, keep_id=ana, drop_id=pedro, author_id=staff, now=NOW),
            lambda: records.dismiss_duplicate(session=session, registration_id=ana, other_id=pedro, now=NOW),
        ]
        for act in acts:
            with pytest.raises(records.DeskError) as refused:
                act()
            assert refused.value.problem == records.DeskProblem.NOT_A_DUPLICATE
    assert sorted(queue_ids(empty_engine)) == sorted([ana, pedro])
