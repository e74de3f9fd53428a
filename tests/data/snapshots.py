"""Snapshots as tests read them: the content of a snapshot, a cache on a folder, a full edit."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from rxapp import models as m
from rxapp.services import editing, snapshot
from rxapp.services.editing_input import ServiceEdit, TranslationEdit
from rxapp.services.editing_sheet import LocationEdit

TZ = "America/Mexico_City"
SINCE = "2026-11-27"


def cache(engine: Engine, folder: Path | None, since: list[str] | None = None) -> snapshot.SnapshotCache:
    """A cache of 8 cards a part; ``since`` holds the day it reads (a test may move it)."""
    day = since or [SINCE]
    return snapshot.SnapshotCache(engine, TZ, 8, lambda: day[0], folder)


def full(engine: Engine, locale: str = "es", since: str = SINCE) -> snapshot.Snapshot:
    """A whole build from the database, as a first start makes it."""
    with Session(engine) as session:
        return snapshot.build(session, locale, timezone=TZ, per_part=8, since=since)


def doc(part: snapshot.Part) -> dict[str, Any]:
    """A part's JSON."""
    found: dict[str, Any] = json.loads(part.body)
    return found


def content(built: snapshot.Snapshot) -> dict[str, Any]:
    """What readers get of a snapshot, whatever its parts' names: cards in order, details by
    slug, the index's sums."""
    index = doc(built.index)
    cards = [c for name in index["cards"] for c in doc(built.parts[name])["cards"]]
    keys = [k for name in index["keys"] for k in doc(built.parts[name])["keys"]]
    details = {s["slug"]: s for name in index["details"] for s in doc(built.parts[name])["services"]}
    for number, name in enumerate(index["details"]):
        for service in doc(built.parts[name])["services"]:
            assert snapshot.bucket(service["slug"], len(index["details"])) == number
    sums = {key: index[key] for key in ("revision", "total", "counts", "times", "updated", "words")}
    return {"cards": cards, "keys": keys, "details": details, **sums}


def changed(before: snapshot.Snapshot, after: snapshot.Snapshot) -> dict[str, int]:
    """How many parts of each kind an update added."""
    counts: dict[str, int] = {}
    for name in set(after.parts) - set(before.parts):
        kind = name.split("-", 1)[0]
        counts[kind] = counts.get(kind, 0) + 1
    return counts


def edit(engine: Engine, slug: str, **changes: Any) -> m.Service:
    """Save a service's whole form with ``changes`` (needs and languages kept)."""
    with Session(engine) as session:
        service = session.exec(select(m.Service).where(m.Service.slug == slug)).one()
        needs = session.exec(
            select(m.ServiceCategory.category_slug).where(m.ServiceCategory.service_id == service.id)
        ).all()
        spoken = session.exec(
            select(m.ServiceLanguage.language).where(m.ServiceLanguage.service_id == service.id)
        ).all()
        fields = {name: getattr(service, name) for name in m.TEXT_FIELDS[m.Service]}
        data = ServiceEdit(
            **fields,
            keywords=service.keywords,
            is_free=service.is_free,
            no_documents_needed=service.no_documents_needed,
            status=service.status.value,
            categories=list(needs),
            languages=list(spoken),
        ).model_copy(update=changes)
        return editing.update_service(session=session, service_id=service.id or 0, data=data)


def slugs(engine: Engine) -> list[str]:
    """Every service's slug, by id."""
    with Session(engine) as session:
        return list(session.exec(select(m.Service.slug).order_by(col(m.Service.id))).all())


def random_edit(engine: Engine, rng: random.Random, step: int) -> None:
    """One save of a random kind on a random service, as the desk makes them."""
    every = slugs(engine)
    slug = rng.choice(every)
    kind = rng.choice(["name", "description", "status", "new", "translation", "place"])
    with Session(engine) as session:
        service = session.exec(select(m.Service).where(m.Service.slug == slug)).one()
        if kind == "new":
            data = ServiceEdit(name=f"Nuevo {step} {rng.random():.3f}", categories=["food"])
            editing.create_service(session=session, organization_id=service.organization_id, data=data)
        elif kind == "translation":
            translation = TranslationEdit(
                record_type=m.RecordType.SERVICE,
                record_id=service.id or 0,
                field="name",
                locale="en" if service.source_locale != "en" else "es",
                text=f"Translated {step}",
            )
            editing.set_translation(session=session, data=translation)
        elif kind == "place":
            place = LocationEdit(name=f"Lugar {step}", address="Calle 1", latitude=15.3, longitude=-92.3)
            editing.set_location(session=session, service_id=service.id or 0, data=place)
    if kind == "name":
        edit(engine, slug, name=f"{rng.choice('ABCMZ')} renombrado {step}")
    elif kind == "description":
        edit(engine, slug, description=f"Descripción {step}")
    elif kind == "status":
        statuses = list(m.ServiceStatus)
        edit(engine, slug, status=rng.choice(statuses))
