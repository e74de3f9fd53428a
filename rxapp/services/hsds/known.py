"""What the database already holds, read once at the start of an import (not a query per record).

Rows with an HSDS ``uuid`` by their uuid, and every service's own rows by the service's id; the
import keeps both current as it adds and deletes rows, so a directory of 10,000 services is
matched without 100,000 small queries.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, TypeVar

from sqlmodel import Session, SQLModel, select

from rxapp import models as m
from rxapp.services.hsds.schedules_in import Slot

OWNED = (m.ServiceAtLocation, m.Phone, m.ScheduleException, m.RequiredDocument, m.Accessibility)
WITH_UUID = (m.Organization, m.Service, m.Location, *OWNED)
T = TypeVar(
    "T",
    m.Organization,
    m.Service,
    m.Location,
    m.ServiceAtLocation,
    m.Phone,
    m.ScheduleException,
    m.RequiredDocument,
    m.Accessibility,
)
Owner = tuple[str, int]  # ("service_id", 3): a phone's or slot's owner column and id (m.owners)


def _key(row: Any) -> Any:
    """What a row is grouped by: its service, for a phone its owner, for accessibility its place."""
    if isinstance(row, m.Accessibility):
        return row.location_id
    return m.owners(row) if isinstance(row, m.Phone) else row.service_id


class Known:
    """The directory's rows as the import found them, kept current by the import."""

    def __init__(self, session: Session) -> None:
        self.rows: dict[type[SQLModel], dict[str, Any]] = {
            model: {getattr(row, "uuid"): row for row in session.exec(select(model)).all()}  # noqa: B009
            for model in WITH_UUID
        }
        self.owned: dict[type[SQLModel], dict[Any, list[Any]]] = {}
        self.claimed: dict[str, Owner] = {}  # phone uuid -> the owner this import gave it
        self.reserved: set[str] = set()  # phone uuids a service document gives the service itself
        for model in OWNED:
            grouped: dict[int, list[Any]] = defaultdict(list)
            for row in self.rows[model].values():
                grouped[_key(row)].append(row)
            self.owned[model] = grouped
        self.slots: dict[Owner, set[Slot]] = defaultdict(set)
        for slot in session.exec(select(m.ScheduleSlot)).all():
            self.slots[m.owners(slot)].add(
                (
                    slot.weekday,
                    slot.opens_at,
                    slot.closes_at,
                    slot.valid_from,
                    slot.valid_to,
                    slot.description,
                )
            )
        self.languages: dict[int, set[str]] = defaultdict(set)
        for spoken in session.exec(select(m.ServiceLanguage)).all():
            self.languages[spoken.service_id].add(spoken.language)
        self.place_languages: dict[int, set[str]] = defaultdict(set)  # location id -> its tags
        for spoken_at in session.exec(select(m.LocationLanguage)).all():
            self.place_languages[spoken_at.location_id].add(spoken_at.language)
        self.needs: dict[int, set[str]] = defaultdict(set)
        for need in session.exec(select(m.ServiceCategory)).all():
            self.needs[need.service_id].add(need.category_slug)

    def get(self, model: type[T], uuid: str | None) -> T | None:
        """The row of ``model`` with this HSDS id, if there is one."""
        found: T | None = self.rows[model].get(uuid or "")
        return found

    def add(self, row: SQLModel) -> None:
        """A row the import created."""
        self.rows[type(row)][getattr(row, "uuid")] = row  # noqa: B009 - tables share no base
        if type(row) in self.owned:
            self.owned[type(row)][_key(row)].append(row)

    def of(self, model: type[T], owner: int | Owner) -> list[T]:
        """A service's rows of ``model`` (exceptions, places) still with it; a phone's owner's
        phones; a place's accessibility."""
        return [row for row in self.owned[model][owner] if _key(row) == owner]

    def drop(self, row: SQLModel) -> None:
        """A row the import deleted."""
        self.rows[type(row)].pop(getattr(row, "uuid"), None)  # noqa: B009
        rows = self.owned[type(row)][_key(row)]
        rows[:] = [other for other in rows if other is not row]
