"""Each save stamps the services it changed with the new revision: a snapshot asks "changed
since R" in one query."""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.pofile import read_po, write_po
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from rxapp import models as m
from rxapp.services import content, editing
from rxapp.services.editing_sheet import LocationEdit, ServiceSheet
from rxapp.services.translation import export_po, import_po
from tests.data.snapshots import cache, edit, slugs
from tests.data.snapshots import content as content_of


def _changed_since(engine: Engine, revision: int) -> set[str]:
    with Session(engine) as session:
        return set(session.exec(select(m.Service.slug).where(col(m.Service.revision) > revision)).all())


def test_a_save_stamps_the_services_it_changed(sample_copy: Engine) -> None:
    slug = slugs(sample_copy)[0]
    with Session(sample_copy) as session:
        before = content.bump_revision(session)
        session.commit()
    edit(sample_copy, slug, description="Nueva")
    assert _changed_since(sample_copy, before) == {slug}


def _sharing_a_place(engine: Engine) -> tuple[m.Service, set[str]]:
    """A service of the sample whose first place other services share, and all their slugs."""
    with Session(engine) as session:
        for link in session.exec(select(m.ServiceAtLocation).order_by(col(m.ServiceAtLocation.id))).all():
            there = session.exec(
                select(m.Service.slug)
                .join(m.ServiceAtLocation, col(m.ServiceAtLocation.service_id) == m.Service.id)
                .where(m.ServiceAtLocation.location_id == link.location_id)
            ).all()
            service = session.get(m.Service, link.service_id)
            if len(there) > 1 and service is not None:
                session.expunge(service)
                return service, set(there)
    raise AssertionError("the sample has no shared place")


def test_a_shared_place_edited_in_place_touches_every_service_there(
    sample_copy: Engine, tmp_path: Path
) -> None:
    """Bug: set_location and save_sheet edit a place shared by several services in place but
    marked only the one service touched, so the others' search keys and snapshot kept the old
    place."""
    first, there = _sharing_a_place(sample_copy)
    snapshots = cache(sample_copy, tmp_path)
    snapshots.get("es")
    with Session(sample_copy) as session:
        since = content.bump_revision(session)
        session.commit()
        place = LocationEdit(name="Parroquia Guadalupana", address="Calle 5")
        editing.set_location(session=session, service_id=first.id or 0, data=place)
    assert _changed_since(sample_copy, since) == there
    other = sorted(there - {first.slug})[0]
    with Session(sample_copy) as session:
        stored = session.exec(select(m.Service).where(m.Service.slug == other)).one()
        assert "guadalupan" in stored.search_text
        other_id = stored.id or 0
    assert (
        content_of(snapshots.update("es"))["details"][other]["locations"][0]["name"]
        == "Parroquia Guadalupana"
    )
    with Session(sample_copy) as session:
        since = content.bump_revision(session)
        session.commit()
        sheet = ServiceSheet(name="Ropa", location=LocationEdit(name="Casa del Migrante"))
        editing.save_sheet(session=session, service_id=other_id, data=sheet)
    assert _changed_since(sample_copy, since) == there


def test_an_imported_translation_of_a_place_or_phone_reaches_the_snapshot(
    sample_copy: Engine, tmp_path: Path
) -> None:
    """Bug: importing a .po reindexed (and so stamped) only the services of translated services
    and organisations: a place's or a phone's new translation never reached an incremental
    snapshot (nor, for a place's name, the search keys)."""
    with Session(sample_copy) as session:
        phone = session.exec(select(m.Phone).order_by(col(m.Phone.id))).first()
        link = session.exec(select(m.ServiceAtLocation).order_by(col(m.ServiceAtLocation.id))).first()
        assert phone is not None and link is not None
        phone_of = session.exec(select(m.Service.slug).where(m.Service.id == phone.service_id)).one()
        place_of = session.exec(select(m.Service.slug).where(m.Service.id == link.service_id)).one()
        at_place = select(m.ServiceAtLocation.service_id).where(
            m.ServiceAtLocation.location_id == link.location_id
        )
        showing = set(session.exec(select(m.Service.slug).where(col(m.Service.id).in_(at_place))).all())
        exported = export_po(session=session, locale="en")
    snapshots = cache(sample_copy, tmp_path)
    revision = snapshots.get("en").revision
    edited = _translated(
        exported,
        {f"phone:{phone.id}:description": "Night line", f"location:{link.location_id}:name": "Blue house"},
    )
    with Session(sample_copy) as session:
        assert import_po(session=session, locale="en", data=edited).updated == 2
    assert _changed_since(sample_copy, revision) == {phone_of} | showing  # only they: no whole rebuild
    details = content_of(snapshots.update("en"))["details"]
    assert details[phone_of]["phones"][0]["description"] == "Night line"
    assert details[place_of]["locations"][0]["name"] == "Blue house"


def _translated(data: bytes, texts: dict[str, str]) -> bytes:
    """The exported file with these entries translated (a file of the whole directory)."""
    catalog = read_po(io.BytesIO(data))
    for message in catalog:
        if message.context in texts:
            message.string = texts[message.context]
            message.flags.discard("fuzzy")
    out = io.BytesIO()
    write_po(out, catalog, width=0)
    return out.getvalue()
