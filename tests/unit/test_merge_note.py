"""The note a merge leaves is in the desk's language (issue 14, item 7: it was written in
English, "Merged MTZ-... into this record" and "name: ...", on every desk)."""

from __future__ import annotations

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp.desk.queue.display import merge_words
from rxapp.i18n.catalogs import Translator
from rxapp.services import records
from tests.desk_data import HOUR, NOW, add, record_of, reference_of, set_fields, volunteer


@pytest.mark.parametrize(("locale", "country"), [("es", "Honduras"), ("fr", "Honduras"), ("ar", "هندوراس")])
def test_the_merge_note_speaks_the_desks_language(empty_engine: Engine, locale: str, country: str) -> None:
    _ = Translator(locale)
    staff = volunteer(empty_engine)
    keep = add(empty_engine, "José", nationality="SV", now=NOW - 2 * HOUR)
    drop = add(empty_engine, "José Pérez", now=NOW - HOUR)
    set_fields(empty_engine, drop, phone="+50499887766", nationality="HN")
    set_fields(empty_engine, keep, phone="+50499887766")
    code = reference_of(empty_engine, drop)
    with Session(empty_engine) as session:
        records.merge(
            session=session, keep_id=keep, drop_id=drop, author_id=staff, now=NOW, words=merge_words(_)
        )
    lines = record_of(empty_engine, keep).notes[-1].text.splitlines()
    assert lines[0] == _("Merged {code} into this record").replace("{code}", code)
    assert f"{_('Name')}: José Pérez" in lines
    assert f"{_('Nationality')}: {country}" in lines
    assert not any(line.startswith(("Merged", "name:", "nationality:")) for line in lines)
