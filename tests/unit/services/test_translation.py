"""Content translations: computed status and the .po export/import round trip."""

from __future__ import annotations

import io

import pytest
from babel.messages.pofile import read_po, write_po
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp import models as m
from rxapp.services import content, snapshot
from rxapp.services.search import stored
from rxapp.services.translation import TranslationStatus, entries, export_po, import_po, stats
from tests.data.directory import first_service

S = TranslationStatus


def test_sample_is_translated_into_every_locale(session: Session) -> None:
    counts = stats(session=session, locales=["en", "fr", "ht", "pt", "ar"])
    for locale, by_status in counts.items():
        assert by_status[S.UP_TO_DATE] > 250, locale
        assert by_status[S.MISSING] == by_status[S.OUTDATED] == 0, locale


def test_a_locale_without_translations_is_all_missing(session: Session) -> None:
    assert {e.status for e in entries(session=session, locale="de")} == {S.MISSING}


def test_changing_the_source_makes_translations_outdated(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service = first_service(session)
        content.set_source_texts(service, {"description": "Texto nuevo"})
        session.commit()
        mine = [e for e in entries(session=session, locale="fr") if e.record_id == service.id]
    by_field = {e.field: e.status for e in mine if e.record_type is m.RecordType.SERVICE}
    assert by_field["description"] is S.OUTDATED
    assert by_field["name"] is S.UP_TO_DATE


def test_export_marks_outdated_fuzzy_with_the_previous_source(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service = first_service(session)
        old = service.description
        content.set_source_texts(service, {"description": "Texto nuevo"})
        session.commit()
        exported = export_po(session=session, locale="fr")
    catalog = read_po(io.BytesIO(exported))
    message = catalog.get("Texto nuevo", context=f"service:{service.id}:description")
    assert message is not None and message.fuzzy
    # Babel does not read "#|" lines back: look at the text Poedit and gettext read.
    block = f'#| msgid "{old}"\nmsgctxt "service:{service.id}:description"\nmsgid "Texto nuevo"'
    assert block in exported.decode()
    name = catalog.get(service.name, context=f"service:{service.id}:name")
    assert name is not None and not name.fuzzy


def _edit(data: bytes, context: str, text: str) -> bytes:
    catalog = read_po(io.BytesIO(data))
    for message in catalog:
        if message.context == context:
            message.string = text
            message.flags.discard("fuzzy")

    out = io.BytesIO()
    write_po(out, catalog, width=0)
    return out.getvalue()


def test_round_trip_updates_the_translation_and_the_directory(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service = first_service(session)
        before = snapshot.revision(session)
        exported = export_po(session=session, locale="pt")
        edited = _edit(exported, f"service:{service.id}:name", "Nome revisado")
        report = import_po(session=session, locale="pt", data=edited)
        assert report.errors == [] and report.updated == 1 and report.unchanged > 250
        assert snapshot.revision(session) == before + 1
        again = import_po(session=session, locale="pt", data=edited)
        assert again.updated == 0
        found = [
            e
            for e in entries(session=session, locale="pt")
            if e.record_id == service.id and e.field == "name" and e.record_type is m.RecordType.SERVICE
        ]
        assert found[0].translation == "Nome revisado" and found[0].status is S.UP_TO_DATE
        session.refresh(service)
        assert "revisado" in stored.tiers(service.search_text)[0].split()  # search finds the new name


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d + b'\nmsgid "broken\n', "not a valid .po file"),
        (lambda d: d.replace(b'msgctxt "service:', b'msgctxt "servicio:', 1), "unknown record type"),
        (lambda d: d.replace(b'msgctxt "service:', b'msgctxt "service:99999', 1), "no longer exists"),
        (lambda d: d.replace(b"Language: fr", b"Language: pt"), "the file is for 'pt'"),
        # Issue 16: a 1.5 MB msgstr was taken (as on the command line, so at the desk).
        (
            lambda d: d.replace(b'msgstr "Nom modifi\xc3\xa9"', b'msgstr "' + b"x" * 1_500_000 + b'"'),
            "longer than",
        ),
    ],
)
def test_a_bad_file_changes_nothing_and_says_why(sample_copy: Engine, change: object, expected: str) -> None:
    with Session(sample_copy) as session:
        service = first_service(session)
        exported = export_po(session=session, locale="fr")
        edited = _edit(exported, f"service:{service.id}:name", "Nom modifié")
        revision = snapshot.revision(session)
        report = import_po(session=session, locale="fr", data=change(edited), name="fr.po")  # type: ignore[operator]
        assert report.updated == 0
        assert any(expected in error and error.startswith("fr.po:") for error in report.errors), report.errors
        assert snapshot.revision(session) == revision
        names = [e.translation for e in entries(session=session, locale="fr") if e.record_id == service.id]
        assert "Nom modifié" not in names


def test_an_entry_whose_source_changed_since_export_is_not_applied(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service = first_service(session)
        edited = _edit(export_po(session=session, locale="ar"), f"service:{service.id}:name", "اسم جديد")
        content.set_source_texts(service, {"name": "Nombre cambiado"})
        session.commit()
        report = import_po(session=session, locale="ar", data=edited)
    assert report.errors == [] and report.updated == 0 and len(report.stale) == 1


def test_drafts_stay_flagged_until_a_reviewer_removes_the_comment(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        assert stats(session=session, locales=["ht"])["ht"]["unreviewed"] > 250  # the sample is drafts
        service = first_service(session)
        context = f"service:{service.id}:name"
        catalog = read_po(io.BytesIO(export_po(session=session, locale="ht")))
        message = catalog.get(service.name, context=context)
        assert message is not None and "unreviewed" in message.user_comments
        message.user_comments = []  # the reviewer's only change
        out = io.BytesIO()
        write_po(out, catalog, width=0)
        report = import_po(session=session, locale="ht", data=out.getvalue())
        assert report.errors == [] and report.updated == 1
        mine = [e for e in entries(session=session, locale="ht") if e.context == context]
        assert mine[0].unreviewed is False
