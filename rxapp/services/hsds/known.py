"""What the database already holds, read once at the start of an import (not a query per record).

Rows with an HSDS ``uuid`` by their uuid, and every service's own rows by the service's id; the
import keeps both current as it adds and deletes rows, so a directory of 10,000 services is
matched without 100,000 small queries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any, TypeVar

from sqlmodel import Session, SQLModel, select

from rxapp import models as m

WITH_UUID = (m.Organization, m.Service, m.Location, m.ServiceAtLocation, m.Phone, m.ScheduleException)
T = TypeVar("T", m.Organization, m.Service, m.Location, m.ServiceAtLocation, m.Phone, m.ScheduleException)
Slot = tuple[int, dt.time, dt.time]


class Known:
    """The directory's rows as the import found them, kept current by the import."""

    def __init__(self, session: Session) -> None:
        self.rows: dict[type[SQLModel], dict[str, Any]] = {
            model: {getattr(row, "uuid"): row for row in session.exec(select(model)).all()}  # noqa: B009
            for model in WITH_UUID
        }
        self.owned: dict[type[SQLModel], dict[int, list[Any]]] = {}
        for model in (m.ServiceAtLocation, m.Phone, m.ScheduleException):
            grouped: dict[int, list[Any]] = defaultdict(list)
            for row in self.rows[model].values():
                grouped[row.service_id].append(row)
            self.owned[model] = grouped
        self.slots: dict[int, set[Slot]] = defaultdict(set)
        for slot in session.exec(select(m.ScheduleSlot)).all():
            self.slots[slot.service_id].add((slot.weekday, slot.opens_at, slot.closes_at))
        self.languages: dict[int, set[str]] = defaultdict(set)
        for spoken in session.exec(select(m.ServiceLanguage)).all():
            self.languages[spoken.service_id].add(spoken.language)
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
            self.owned[type(row)][getattr(row, "service_id")].append(row)  # noqa: B009

    def of(self, model: type[T], service_id: int) -> list[T]:
        """A service's rows of ``model`` (phones, exceptions, places) still with it."""
        return [row for row in self.owned[model][service_id] if getattr(row, "service_id") == service_id]  # noqa: B009

    def drop(self, row: SQLModel) -> None:
        """A row the import deleted."""
        self.rows[type(row)].pop(getattr(row, "uuid"), None)  # noqa: B009
        rows = self.owned[type(row)][getattr(row, "service_id")]  # noqa: B009
        rows[:] = [other for other in rows if other is not row]
