"""One service's edit form, and the form for a new service (coordinators).

The inputs are uncontrolled: what a coordinator types stays in the page until a save
succeeds, and a refused save only shows each problem next to its field. Rows of hours,
dates and phones carry a stable key, so adding or removing one leaves the others' typing
alone. Every handler is a coordinator's (rxapp/access.py RULES).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any, Literal, cast

import reflex as rx
from pydantic import BaseModel, Field
from reflex.event import EventSpec
from reflex.vars import ObjectVar

from rxapp import models as m
from rxapp import routes
from rxapp.access import Desk, desk_event
from rxapp.desk import directory_display as show
from rxapp.desk.service import place_rows
from rxapp.desk.service.form import input_name, service_raw, sheet_raw, text
from rxapp.desk.session import DeskState
from rxapp.models import utcnow
from rxapp.services import editing, editing_views
from rxapp.services.editing import EditError
from rxapp.services.editing_input import FORM, EditProblem, NewService, validate
from rxapp.services.editing_sheet import ServiceSheet
from rxapp.settings import get_settings
from rxapp.taxonomy import N_

NEW_ROW = {
    "hours": {"weekday": "0", "opens": "09:00", "closes": "17:00"},
    "exceptions": {"id": "", "date": "", "closed": "1", "opens": "", "closes": "", "note": ""},
    "place_hours": {"place": "", "weekday": "0", "opens": "09:00", "closes": "17:00"},
    "place_own": {"place": "", "weekday": "0", "opens": "09:00", "closes": "17:00"},
    "phones": {
        "id": "",
        "number": "",
        "type": "voice",
        "extension": "",
        "is_whatsapp": "",
        "description": "",
        "place": "",
    },
    "documents": {"id": "", "document": "", "uri": ""},
}


class Mode(StrEnum):
    """What the page shows: nothing until loaded, a service's form, the new-service form, or
    that the service is not in the directory."""

    LOADING = ""
    EDIT = "edit"
    NEW = "new"
    MISSING = "missing"


class RowKind(StrEnum):
    """The rows of the form that can be added and removed."""

    HOURS = "hours"
    EXCEPTIONS = "exceptions"
    PHONES = "phones"
    DOCUMENTS = "documents"
    PLACE_HOURS = "place_hours"  # the service's hours at one of its places (place_hours.py)
    PLACE_OWN = "place_own"  # a place's own opening hours, every service there shares them


class NewRow(BaseModel):
    """One more row of a kind."""

    kind: RowKind


class NewPlaceRow(BaseModel):
    """One more row of hours at one of the service's places (its service_at_location id): the
    service's there, or the place's own."""

    place: str = Field(max_length=20)
    kind: Literal[RowKind.PLACE_HOURS, RowKind.PLACE_OWN] = RowKind.PLACE_HOURS


class RowRemoval(BaseModel):
    """A row taken out of the form, by its key."""

    kind: RowKind
    key: str = Field(max_length=20)


class EditState(DeskState):
    """The service being edited (or a new one): starting values, rows and problems."""

    mode: rx.Field[Mode] = rx.field(Mode.LOADING)
    values: rx.Field[dict[str, str]] = rx.field(default_factory=dict)
    needs: rx.Field[list[str]] = rx.field(default_factory=list)
    spoken: rx.Field[list[str]] = rx.field(default_factory=list)
    place_spoken: rx.Field[list[str]] = rx.field(default_factory=list)  # at its place, any service
    language_choices: rx.Field[list[list[str]]] = rx.field(default_factory=list)
    organizations: rx.Field[list[list[str]]] = rx.field(default_factory=list)
    # [service_at_location id, name] (place_rows.place_choices)
    places: rx.Field[list[list[str]]] = rx.field(default_factory=list)
    place_hours: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)
    place_own: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)
    hours: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)
    exceptions: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)
    phones: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)
    documents: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)  # to bring
    errors: rx.Field[dict[str, str]] = rx.field(default_factory=dict)
    edit_message: rx.Field[str] = rx.field("")
    form_version: rx.Field[int] = rx.field(0)  # a new value remounts the form with the saved values
    _next_key: int = 0
    _created: str = ""

    def _key(self) -> str:
        self._next_key += 1
        return f"r{self._next_key}"

    def _rows(self) -> dict[str, list[dict[str, str]]]:
        return {
            "hours": self.hours,
            "exceptions": self.exceptions,
            "phones": self.phones,
            "documents": self.documents,
            "place_hours": self.place_hours,
            "place_own": self.place_own,
        }

    def _fill(self, desk: Desk, slug: str) -> bool:
        found = editing_views.sheet(session=desk.session, slug=slug)
        if found is None:
            return False
        self.values = show.sheet_values(found, desk._) | place_rows.shown(found)
        self.needs, self.spoken, self.place_spoken = found.categories, found.languages, found.place_languages
        chosen = [*found.languages, *found.place_languages]
        self.language_choices = [list(p) for p in show.language_choices(get_settings().locales, chosen)]
        self.hours = [{"key": self._key(), **r} for r in show.slot_rows(found)]
        self.exceptions = [{"key": self._key(), **r} for r in show.exception_rows(found)]
        self.phones = [{"key": self._key(), **r} for r in show.phone_rows(found)]
        self.documents = [{"key": self._key(), **r} for r in show.document_rows(found)]
        self.places = place_rows.place_choices(found)
        self.place_hours = [{"key": self._key(), **r} for r in place_rows.place_slot_rows(found)]
        self.place_own = [{"key": self._key(), **r} for r in place_rows.place_own_rows(found)]
        self.form_version += 1
        return True

    def _problems(self, problems: Mapping[str, EditProblem]) -> None:
        rows = self._rows()
        self.errors = show.problem_words(
            {input_name(p, rows): code for p, code in problems.items()}, self._t()
        )
        self.edit_message = ""

    def _refuse(self, message: str, *, form: str = "", error: Exception | None = None) -> None:
        """A refused save or creation shows each problem beside its field; "verified" on top."""
        if isinstance(error, EditError):
            self._problems({FORM if form == "verify" else error.field: error.problem})
        else:
            self.errors, self.edit_message = {FORM: message}, ""

    @rx.event
    @desk_event()
    async def load(self, desk: Desk) -> None:
        """On load: the service named by ``?id=``, or an empty form for a new one."""
        slug = self.router.url.query_parameters.get("id", "")
        self.errors = {}
        if slug != self._created:
            self.edit_message = ""
        self._created = ""
        settings = get_settings()
        if slug:
            self.mode = Mode.EDIT if self._fill(desk, slug) else Mode.MISSING
            return
        choices = editing_views.organization_choices(session=desk.session)
        self.mode = Mode.NEW
        self.values = {
            "status": m.ServiceStatus.ACTIVE.value,
            "is_free": "1",
            "source_locale": settings.default_locale,
            "source_dir": "auto",  # the language chosen in the form is not known yet
        }
        self.needs, self.spoken, self.place_spoken = [], [], []
        self.language_choices = [list(p) for p in show.language_choices(settings.locales, [])]
        self.organizations = [[str(i), name] for i, name in choices]
        self.places = []
        self.form_version += 1

    @rx.event
    @desk_event(NewRow, args=("kind",))
    async def add_row(self, desk: Desk, data: NewRow) -> None:
        """One more empty row of hours, dates, phones or documents."""
        rows = self._rows()[data.kind]
        row = {**NEW_ROW[data.kind], "key": self._key()}
        if data.kind == RowKind.HOURS and rows:  # typing a week: the next day, the same times
            last = rows[-1]
            row |= {
                "weekday": str((int(last["weekday"]) + 1) % 7),
                "opens": last["opens"],
                "closes": last["closes"],
            }
        setattr(self, data.kind, [*rows, row])

    @rx.event
    @desk_event(NewPlaceRow, args=("place", "kind"))
    async def add_place_hours(self, desk: Desk, data: NewPlaceRow) -> None:
        """One more row of hours at one of the service's places (the service's there, or the
        place's own): the next day, the same times."""
        if data.place not in {place[0] for place in self.places}:
            return
        every = self._rows()[data.kind]
        rows = [row for row in every if row["place"] == data.place]
        row = {**NEW_ROW[data.kind], "place": data.place, "key": self._key()}
        if rows:
            last = rows[-1]
            row |= {
                "weekday": str((int(last["weekday"]) + 1) % 7),
                "opens": last["opens"],
                "closes": last["closes"],
            }
        setattr(self, data.kind, [*every, row])

    @rx.event
    @desk_event(RowRemoval, args=("kind", "key"))
    async def remove_row(self, desk: Desk, data: RowRemoval) -> None:
        """Take a row out of the form (saved only with the form)."""
        setattr(self, data.kind, [row for row in self._rows()[data.kind] if row["key"] != data.key])

    @rx.event
    @desk_event()
    async def save(self, desk: Desk, form: dict[str, Any]) -> None:
        """Save the whole form as one change; or show what to correct, keeping every input."""
        if self.mode != Mode.EDIT:
            return
        data, problems = validate(ServiceSheet, sheet_raw(form, self._rows()))
        if data is None:
            self._problems(problems)
            return
        service = editing.save_sheet(session=desk.session, service_id=int(self.values["id"]), data=data)
        self._fill(desk, service.slug)
        self.errors = {}
        self.edit_message = desk._(N_("Saved. The public pages show the change now."))

    @rx.event
    @desk_event()
    async def create(self, desk: Desk, form: dict[str, Any]) -> EventSpec | None:
        """Create the service (and its organization if new), then open its full form."""
        if self.mode != Mode.NEW:
            return None
        raw = {
            **service_raw(form),
            **{n: text(form, n) for n in ("organization_id", "new_organization", "source_locale")},
        }
        data, problems = validate(NewService, raw)
        if data is None:
            self._problems(problems)
            return None
        slug = editing.create_from_form(session=desk.session, data=data).slug
        # The new form goes away at once: a second press cannot create the service twice.
        self.errors, self._created, self.mode = {}, slug, Mode.LOADING
        self.edit_message = desk._(N_("Service created. Now add its place, hours and phones."))
        return rx.redirect(routes.desk_service(self._locale(), slug))

    @rx.event
    @desk_event(form="verify")
    async def verify(self, desk: Desk) -> None:
        """Someone checked this service's information today."""
        if self.mode != Mode.EDIT:
            return
        day = editing.mark_verified(
            session=desk.session, service_id=int(self.values["id"]), now=utcnow(), tz=get_settings().tz
        )
        self.values = {**self.values, "verified": show.verified(day, desk._), "needs_review": ""}
        self.edit_message = desk._(N_("Marked as verified today."))


# mypy reads a dict field's class access as an ArrayVar (Reflex 0.10's ``Field.__get__``
# overloads): the views read these, typed as the ObjectVars they are.
VALUES = cast("ObjectVar[dict[str, str]]", EditState.values)
ERRORS = cast("ObjectVar[dict[str, str]]", EditState.errors)
