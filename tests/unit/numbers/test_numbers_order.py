"""The list's order (emergencies first, then each group in its own order), moving and removing
numbers, and that each change moves the directory revision."""

from __future__ import annotations

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp import models as m
from rxapp.services import content, numbers
from rxapp.services.numbers import NumberInput
from rxapp.services.snapshot import revision


def _add(session: Session, name: str, group: str, phone: str = "+52 962 555 0300") -> m.ImportantNumber:
    data = NumberInput(name=name, phone=phone, group=m.NumberGroup(group))
    return numbers.create(session=session, data=data, source_locale="es")


def test_emergencies_come_first_whatever_the_order_they_were_added_in(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        _add(session, "Desk", "centre")
        _add(session, "Consulate", "consulate")
        _add(session, "911", "emergency", "911")
        _add(session, "COMAR", "protection")
        assert [n.name for n in numbers.ordered(session=session)] == ["911", "COMAR", "Consulate", "Desk"]


def test_a_number_moves_within_its_group_only(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        first = _add(session, "Honduras", "consulate")
        second = _add(session, "Guatemala", "consulate")
        _add(session, "911", "emergency", "911")
        numbers.move(session=session, number_id=second.id or 0, step=-1)
        assert [n.name for n in numbers.ordered(session=session)] == ["911", "Guatemala", "Honduras"]
        numbers.move(session=session, number_id=second.id or 0, step=-1)  # already first: stays
        numbers.move(session=session, number_id=first.id or 0, step=1)  # already last: stays
        assert [n.name for n in numbers.ordered(session=session)] == ["911", "Guatemala", "Honduras"]


def test_every_change_moves_the_revision_and_removal_takes_the_translations(empty_engine: Engine) -> None:
    with Session(empty_engine) as session:
        before = revision(session)
        added = _add(session, "COMAR", "protection")
        assert revision(session) == before + 1
        number_id = added.id or 0
        content.set_translation(session=session, record=added, field="name", locale="en", text="COMAR")
        session.commit()
        slug = numbers.remove(session=session, number_id=number_id)
        session.commit()
        assert slug == "comar"
        assert revision(session) == before + 2
        left = session.exec(select(m.Translation).where(m.Translation.record_id == number_id)).all()
        assert [row for row in left if row.record_type is m.RecordType.NUMBER] == []


def test_a_sample_directory_from_before_the_numbers_gets_them_at_setup(sample_copy: Engine) -> None:
    from rxapp.cli import load_sample

    with Session(sample_copy) as session:
        for number in session.exec(select(m.ImportantNumber)).all():
            numbers.remove(session=session, number_id=number.id or 0)
        session.commit()
    assert load_sample(sample_copy) == "the sample directory was there: loaded 9 important numbers"
    assert load_sample(sample_copy) == "the directory already has data: sample not loaded"
    with Session(sample_copy) as session:
        assert numbers.ordered(session=session)[0].phones == ["911"]
