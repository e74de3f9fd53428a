"""The note a merge leaves is in the desk's language (issue 14, item 7: it was written in
English, "Merged MTZ-... into this record" and "name: ...", on every desk)."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp.desk.queue.display import merge_words
from rxapp.i18n.catalogs import Translator
from rxapp.services import records
from tests.data import people
from tests.data.desk import record_of, reference_of
from tests.data.people import HOUR, NOW


@pytest.mark.parametrize(("locale", "country"), [("es", "Honduras"), ("fr", "Honduras"), ("ar", "هندوراس")])
def test_the_merge_note_speaks_the_desks_language(empty_engine: Engine, locale: str, country: str) -> None:
    _ = Translator(locale)
    staff = people.staff(empty_engine)
    keep = people.register(empty_engine, name="José", nationality="SV", at=NOW - 2 * HOUR)
    drop = people.register(empty_engine, name="José Pérez", at=NOW - HOUR)
    people.update(empty_engine, registration_id=drop, phone="+50499887766", nationality="HN")
    people.update(empty_engine, registration_id=keep, phone="+50499887766")
    code = reference_of(empty_engine, registration_id=drop)
    with Session(empty_engine) as session:
        records.merge(
            session=session, keep_id=keep, drop_id=drop, author_id=staff, now=NOW, words=merge_words(_)
        )
    lines = record_of(empty_engine, registration_id=keep).notes[-1].text.splitlines()
    assert lines[0] == _("Merged {code} into this record").replace("{code}", code)
    assert f"{_('Name')}: José Pérez" in lines
    assert f"{_('Nationality')}: {country}" in lines
    assert not any(line.startswith(("Merged", "name:", "nationality:")) for line in lines)
