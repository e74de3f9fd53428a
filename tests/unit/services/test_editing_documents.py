"""Documents to bring at the desk: checked, saved in order, kept by id with their
translations, shown on the public page in the reader's language (HSDS required_document)."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from rxapp import models as m
from rxapp.desk import directory_display as show
from rxapp.desk.service.form import input_name, sheet_raw
from rxapp.i18n.catalogs import Translator
from rxapp.services import directory, editing, snapshot, translation
from rxapp.services.editing_input import FORM, EditProblem, TranslationEdit, validate
from rxapp.services.editing_sheet import ServiceSheet
from rxapp.services.editing_views import sheet, text_rows
from rxapp.services.translation import TranslationStatus
from tests.data.directory import service_form

P = EditProblem
ID = {"document": "Identificación de cualquier país"}
FAMILIES = "nueva-esperanza-albergue-familias"  # the sample's shelter with two documents


@pytest.mark.parametrize(
    ("changes", "problems"),
    [
        ({"documents": [{"document": ""}]}, {"documents.0.document": P.REQUIRED}),
        ({"documents": [{"document": "   "}]}, {"documents.0.document": P.REQUIRED}),
        ({"documents": [{"document": "x" * 301}]}, {"documents.0.document": P.TOO_LONG}),
        ({"documents": [ID | {"uri": "gob.mx/curp"}]}, {"documents.0.uri": P.BAD_URL}),
        ({"documents": [ID | {"uri": "javascript:alert(1)"}]}, {"documents.0.uri": P.BAD_URL}),
        ({"documents": [ID | {"uri": "https://" + "a" * 300 + ".mx"}]}, {"documents.0.uri": P.TOO_LONG}),
        # pydantic names a list too long "too_long", a code of its own (as phones.11 is).
        ({"documents": [ID] * 21}, {"documents": P.TOO_LONG}),
        ({"documents": [ID, {"document": ""}]}, {"documents.1.document": P.REQUIRED}),
        # "No documents needed" and documents to bring: the public page could say only one.
        ({"no_documents_needed": True, "documents": [ID]}, {"documents": P.DOCUMENTS_CONTRADICT}),
        # Right, or left empty: no problem.
        ({"no_documents_needed": True, "documents": []}, {}),
        ({"documents": [ID | {"uri": ""}]}, {}),
        ({"documents": [ID | {"uri": " https://www.gob.mx/curp/ "}]}, {}),
        ({"documents": [{"document": "x" * 300}] * 20}, {}),
    ],
)
def test_documents_are_checked(changes: dict[str, Any], problems: dict[str, EditProblem]) -> None:
    assert validate(ServiceSheet, {"name": "Albergue", "status": "active", **changes})[1] == problems


def test_the_contradiction_is_worded_in_the_desk_language_beside_the_documents() -> None:
    for tag, words in (("en", "cannot be"), ("es", "no puede"), ("ar", "لا يمكن")):
        found = show.problem_words({"documents": P.DOCUMENTS_CONTRADICT}, Translator(tag))
        assert words in found["documents"] and found[FORM]


def test_the_form_reads_the_document_rows_in_order_with_the_server_s_ids() -> None:
    rows = {
        "hours": [],
        "exceptions": [],
        "phones": [],
        "documents": [{"key": "r4", "id": "9"}, {"key": "r2"}],
    }
    form = {
        "name": "Albergue",
        "status": "active",
        "documents.r2.document": "CURP",
        "documents.r2.uri": "https://www.gob.mx/curp/",
        "documents.r4.document": "Pasaporte",
        "documents.r4.id": "666",  # ids come from the server's rows, never from the page
    }
    raw = sheet_raw(form, rows)
    assert raw["documents"] == [
        {"id": 9, "document": "Pasaporte", "uri": ""},
        {"id": None, "document": "CURP", "uri": "https://www.gob.mx/curp/"},
    ]
    _, problems = validate(ServiceSheet, sheet_raw({**form, "documents.r4.document": ""}, rows))
    assert {input_name(path, rows) for path in problems} == {"documents.r4.document"}


def _save(session: Session, service: m.Service, documents: list[dict[str, Any]], **changes: Any) -> None:
    data, problems = validate(ServiceSheet, service_form(service, documents=documents, **changes))
    assert problems == {} and data is not None
    editing.save_sheet(session=session, service_id=service.id or 0, data=data)


def _service(session: Session, slug: str) -> m.Service:
    return session.exec(select(m.Service).where(m.Service.slug == slug)).one()


def test_saving_keeps_documents_by_id_with_their_translations_and_drops_the_rest(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service = _service(session, FAMILIES)
        found = sheet(session=session, slug=FAMILIES)
        assert found is not None and len(found.documents) == 2
        note, identity = found.documents
        kinds = select(m.Translation).where(m.Translation.record_type == m.RecordType.DOCUMENT)
        assert {t.record_id for t in session.exec(kinds).all()} >= {note.id, identity.id}
        before = snapshot.revision(session)
        # The identity first, with a changed text and a link; the referral note removed; one new.
        _save(
            session,
            service,
            [
                {"id": identity.id, "document": "Identificación de cualquier país, vencida sirve"},
                {"document": "CURP, si tiene", "uri": "https://www.gob.mx/curp/"},
            ],
        )
        found = sheet(session=session, slug=FAMILIES)
        assert found is not None
        assert [(d.id == identity.id, d.document, d.uri, d.position) for d in found.documents] == [
            (True, "Identificación de cualquier país, vencida sirve", None, 0),
            (False, "CURP, si tiene", "https://www.gob.mx/curp/", 1),
        ]
        assert session.get(m.RequiredDocument, note.id) is None
        left = {t.record_id for t in session.exec(kinds).all()}
        assert note.id not in left and identity.id in left
        statuses = {
            row.record_id: row.cells[0].status
            for row in text_rows(session=session, slug=FAMILIES, locales=["en"]) or []
            if row.record_type is m.RecordType.DOCUMENT
        }
        assert statuses == {
            identity.id: TranslationStatus.OUTDATED,
            found.documents[1].id: TranslationStatus.MISSING,
        }
        assert snapshot.revision(session) == before + 1  # one save, one revision


def test_the_translate_page_lists_the_documents_texts_numbered(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        rows = text_rows(session=session, slug=FAMILIES, locales=["es", "ar"]) or []
        documents = [row for row in rows if row.record_type is m.RecordType.DOCUMENT]
        assert [(row.detail, row.field) for row in documents] == [("1", "document"), ("2", "document")]
        assert documents[0].cells[0].locale == "ar" and documents[0].cells[0].text.startswith("ورقة")
        line = show.text_row(documents[0], Translator("en"))
        assert (line.what, line.field) == ("Document to bring · 1", "Document")
        entries = translation.entries(session=session, locale="fr")
        assert any(e.record_type is m.RecordType.DOCUMENT for e in entries)


def test_a_translation_typed_at_the_desk_reaches_the_public_page(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service = _service(session, FAMILIES)
        _save(session, service, [{"document": "Carta de referencia"}])
        paper = session.exec(
            select(m.RequiredDocument).where(m.RequiredDocument.service_id == service.id)
        ).one()
        view = directory.get_service(session=session, slug=FAMILIES, locale="fr")
        assert view is not None and [d.text for d in view.documents] == ["Carta de referencia"]
        assert "es" in view.other_locales  # the fallback is said
        edit = TranslationEdit(
            record_type=m.RecordType.DOCUMENT,
            record_id=paper.id or 0,
            field="document",
            locale="fr",
            text="Lettre",
        )
        editing.set_translation(session=session, data=edit)
        view = directory.get_service(session=session, slug=FAMILIES, locale="fr")
        assert view is not None and [d.text for d in view.documents] == ["Lettre"]


def test_the_public_page_shows_the_documents_in_order_and_links_only_web_addresses(
    sample_copy: Engine,
) -> None:
    with Session(sample_copy) as session:
        service = _service(session, FAMILIES)
        session.add(
            m.RequiredDocument(
                service_id=service.id or 0, document="Carta", uri="javascript:alert(1)", position=5
            )
        )
        session.commit()
        view = directory.get_service(session=session, slug=FAMILIES, locale="ar")
        assert view is not None and not view.no_documents_needed
        # The Spanish one is isolated left-to-right on the Arabic page (locales.isolated).
        assert [d.text[:4] for d in view.documents] == ["ورقة", "وثيق", "\u2066Car"]
        assert view.documents[-1].link == ""  # an imported link a page must not open
        jobs = directory.get_service(session=session, slug="manos-que-trabajan-bolsa-empleo", locale="es")
        assert jobs is not None and jobs.documents[0].link == "https://www.gob.mx/curp/"
        none = directory.get_service(session=session, slug="paso-consulta-medica", locale="es")
        assert none is not None and none.no_documents_needed and none.documents == []


def test_a_sample_service_with_documents_is_never_no_documents_needed(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        holders = session.exec(
            select(m.Service).where(col(m.Service.id).in_(select(m.RequiredDocument.service_id)))
        ).all()
        assert len(holders) == 4 and not any(s.no_documents_needed for s in holders)
        for paper in session.exec(select(m.RequiredDocument)).all():
            made = session.exec(
                select(m.Translation.locale).where(
                    m.Translation.record_type == m.RecordType.DOCUMENT, m.Translation.record_id == paper.id
                )
            ).all()
            assert sorted(made) == ["ar", "en", "fr", "ht", "pt"]  # the five others of es


def test_a_document_s_words_are_not_search_keys(sample_copy: Engine) -> None:
    """Decision (docs/hsds.md): people search by need, not by what they must bring."""
    with Session(sample_copy) as session:
        _save(session, _service(session, FAMILIES), [{"document": "Constancia zumbadora"}])
        assert directory.list_services(session=session, locale="es", query="zumbadora") == []
        _save(session, _service(session, FAMILIES), [], keywords="zumbadora")
        found = directory.list_services(session=session, locale="es", query="zumbadora")
        assert [s.slug for s in found] == [FAMILIES]
