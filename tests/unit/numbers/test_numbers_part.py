"""The numbers part of the snapshot: in every locale, with a fallback that names its language,
named in the index, and rebuilt alone (with the index) when a number changes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp import models as m
from rxapp.services import editing, numbers
from rxapp.services.editing_input import TranslationEdit
from rxapp.services.numbers_public import part
from rxapp.services.snapshot import Snapshot
from tests.data.snapshots import cache, changed, doc, full


def _numbers(built: Snapshot) -> dict[str, Any]:
    found: dict[str, Any] = doc(built.parts[doc(built.index)["numbers"]])
    return found


def test_the_index_names_the_numbers_part_and_emergencies_come_first(sample_engine: Engine) -> None:
    built = _numbers(full(sample_engine, "ar"))
    first = built["numbers"][0]
    assert (first["group"], first["phones"], first["sample"]) == (
        "emergency",
        [{"number": "911", "tel": "tel:911"}],
        False,
    )
    assert first["name"] == "الطوارئ: الشرطة، الإسعاف، الإطفاء"
    assert built["centre"].startswith("مركز Paso")
    assert all(n["sample"] for n in built["numbers"][1:])  # every other sample entry is marked


def test_links_are_ready_to_tap(sample_engine: Engine) -> None:
    by_slug = {n["slug"]: n for n in _numbers(full(sample_engine, "es"))["numbers"]}
    cndh = by_slug["cndh-derechos-humanos"]
    assert cndh["phones"] == [{"number": "+52 962 555 0202", "tel": "tel:+529625550202"}]
    assert (cndh["whatsapp"], cndh["whatsapp_number"]) == ("https://wa.me/529625550203", "+52 962 555 0203")
    assert by_slug["linea-contra-la-trata"]["always"] is True
    assert by_slug["comar-oficina"]["whatsapp"] is None


def test_a_missing_translation_falls_back_and_says_in_which_language(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        data = numbers.NumberInput(name="Casa del Migrante", purpose="Orientación", phone="+52 962 555 0399")
        numbers.create(session=session, data=data, source_locale="es")
        session.commit()
        shown = {n["slug"]: n for n in part(session=session, locale="en")["numbers"]}
    added = shown["casa-del-migrante"]
    assert added["name"] == "Casa del Migrante"
    assert added["note"] == "Some of this text is not translated yet and is shown in Spanish."
    assert shown["comar-oficina"]["note"] == ""


def test_a_fallback_along_the_chain_names_that_language(sample_copy: Engine) -> None:
    """Kreyòl without its own text falls back to French, and says French (ht -> fr -> es)."""
    with Session(sample_copy) as session:
        comar = session.exec(select(m.ImportantNumber).where(m.ImportantNumber.slug == "comar-oficina")).one()
        for row in session.exec(select(m.Translation).where(m.Translation.record_id == comar.id)).all():
            if row.record_type is m.RecordType.NUMBER and row.locale == "ht":
                session.delete(row)
        session.commit()
        shown = {n["slug"]: n for n in part(session=session, locale="ht")["numbers"]}
    assert shown["comar-oficina"]["name"] == "COMAR : Commission mexicaine d'aide aux réfugiés"
    assert shown["comar-oficina"]["note"] == "Yon pati nan tèks sa a poko tradui, li parèt an franse."


def test_editing_a_number_rebuilds_only_its_part_and_the_index(sample_copy: Engine, tmp_path: Path) -> None:
    snapshots = cache(sample_copy, tmp_path)
    before = snapshots.get("es")
    with Session(sample_copy) as session:
        comar = session.exec(select(m.ImportantNumber).where(m.ImportantNumber.slug == "comar-oficina")).one()
        values = numbers.edit_values(comar) | {"hours": "Lunes a jueves, 9:00 a 14:00"}
        values.pop("id")
        numbers.update(
            session=session, number_id=comar.id or 0, data=numbers.NumberInput.model_validate(values)
        )
        session.commit()
    after = snapshots.update("es")
    assert after.revision == before.revision + 1
    assert changed(before, after) == {"numbers": 1}
    assert after.index.etag != before.index.etag
    hours = {n["slug"]: n["hours"] for n in _numbers(after)["numbers"]}
    assert hours["comar-oficina"] == "Lunes a jueves, 9:00 a 14:00"
    assert json.loads(after.index.body)["numbers"] in after.parts


def test_a_translation_typed_at_the_desk_reaches_the_part(sample_copy: Engine, tmp_path: Path) -> None:
    snapshots = cache(sample_copy, tmp_path)
    before = snapshots.get("en")
    with Session(sample_copy) as session:
        comar = session.exec(select(m.ImportantNumber).where(m.ImportantNumber.slug == "comar-oficina")).one()
        edit = TranslationEdit(
            record_type=m.RecordType.NUMBER,
            record_id=comar.id or 0,
            field="name",
            locale="en",
            text="COMAR office",
        )
        editing.set_translation(session=session, data=edit)
    after = snapshots.update("en")
    assert changed(before, after) == {"numbers": 1}
    names = {n["slug"]: n["name"] for n in _numbers(after)["numbers"]}
    assert names["comar-oficina"] == "COMAR office"
