"""One service's edit form, and the form for a new service (coordinators).

The inputs are uncontrolled: what a coordinator types stays in the page until a save
succeeds, and a refused save only shows each problem next to its field. Rows of hours,
dates and phones carry a stable key, so adding or removing one leaves the others' typing
alone. Every handler asks ``_staff(Role.COORDINATOR)`` first.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import reflex as rx
from sqlmodel import Session

from rxapp import models as m
from rxapp import routes
from rxapp.desk.session import DeskState
from rxapp.models import Role, utcnow
from rxapp.pages import desk_edit_display as show
from rxapp.services import editing, editing_views
from rxapp.services.db import engine
from rxapp.services.editing import EditError
from rxapp.services.editing_input import FORM, EditProblem, NewService, validate
from rxapp.services.editing_sheet import ServiceSheet
from rxapp.settings import get_settings
from rxapp.taxonomy import N_

ROWS = ("hours", "exceptions", "phones")
NEW_ROW = {
    "hours": {"weekday": "0", "opens": "09:00", "closes": "17:00"},
    "exceptions": {"id": "", "date": "", "closed": "1", "opens": "", "closes": "", "note": ""},
    "phones": {"id": "", "number": "", "is_whatsapp": "", "description": ""},
}


def _text(form: Mapping[str, Any], name: str) -> str:
    value = form.get(name, "")
    return value if isinstance(value, str) else ""


def _ticked(form: Mapping[str, Any], prefix: str) -> list[str]:
    """Checkboxes named ``prefix.<value>``: the values ticked (the model checks them)."""
    return [name.split(".", 1)[1] for name, value in form.items() if name.startswith(f"{prefix}.") and value]


def _group(form: Mapping[str, Any], prefix: str, names: tuple[str, ...]) -> dict[str, str] | None:
    """Inputs named ``prefix.<name>``; None when the form has no such section."""
    if not any(f"{prefix}.{name}" in form for name in names):
        return None
    return {name: _text(form, f"{prefix}.{name}") for name in names}


def service_raw(form: Mapping[str, Any]) -> dict[str, Any]:
    """The texts, flags, status, needs and languages of either form."""
    return {
        **{name: _text(form, name) for name in m.TEXT_FIELDS[m.Service]},
        "status": _text(form, "status"),
        "keywords": _text(form, "keywords"),
        "is_free": bool(form.get("is_free")),
        "no_documents_needed": bool(form.get("no_documents_needed")),
        "categories": _ticked(form, "categories"),
        "languages": _ticked(form, "languages"),
    }


def sheet_raw(form: Mapping[str, Any], rows: Mapping[str, list[dict[str, str]]]) -> dict[str, Any]:
    """What the edit form sent, shaped for ``ServiceSheet``; rows in the order shown."""

    def cell(kind: str, row: dict[str, str], name: str) -> str:
        return _text(form, f"{kind}.{row['key']}.{name}")

    return {
        **service_raw(form),
        "organization": _group(form, "organization", ("name", "description", "url", "email")),
        "location": _group(form, "location", ("name", "address", "directions", "latitude", "longitude"))
        or {},
        "hours": [{n: cell("hours", r, n) for n in ("weekday", "opens", "closes")} for r in rows["hours"]],
        "exceptions": [
            {
                "id": int(r["id"]) if r.get("id") else None,  # from the server's rows, not the client
                **{n: cell("exceptions", r, n) for n in ("date", "opens", "closes", "note")},
                "closed": cell("exceptions", r, "closed") != "0",
            }
            for r in rows["exceptions"]
        ],
        "phones": [
            {
                "id": int(r["id"]) if r.get("id") else None,
                "number": cell("phones", r, "number"),
                "is_whatsapp": bool(form.get(f"phones.{r['key']}.is_whatsapp")),
                "description": cell("phones", r, "description"),
            }
            for r in rows["phones"]
        ],
    }


def input_name(path: str, rows: Mapping[str, list[dict[str, str]]]) -> str:
    """The input a problem's path points at: a row's index becomes the row's key."""
    parts = path.split(".")
    if len(parts) > 1 and parts[0] in rows and parts[1].isdigit() and int(parts[1]) < len(rows[parts[0]]):
        parts[1] = rows[parts[0]][int(parts[1])]["key"]
    return ".".join(parts)


class EditState(DeskState):
    """The service being edited (or a new one): starting values, rows and problems."""

    mode: str = ""  # "edit" | "new" | "missing"; "" until loaded
    values: dict[str, str] = {}
    needs: list[str] = []
    spoken: list[str] = []
    language_choices: list[list[str]] = []
    organizations: list[list[str]] = []
    hours: list[dict[str, str]] = []
    exceptions: list[dict[str, str]] = []
    phones: list[dict[str, str]] = []
    errors: dict[str, str] = {}
    edit_message: str = ""
    form_version: int = 0  # a new value remounts the form with the saved values
    _next_key: int = 0
    _created: str = ""

    def _key(self) -> str:
        self._next_key += 1
        return f"r{self._next_key}"

    def _rows(self) -> dict[str, list[dict[str, str]]]:
        return {"hours": self.hours, "exceptions": self.exceptions, "phones": self.phones}

    def _fill(self, session: Session, slug: str) -> bool:
        found = editing_views.sheet(session=session, slug=slug)
        if found is None:
            return False
        _ = self._t()
        self.values = show.sheet_values(found, _)
        self.needs, self.spoken = found.categories, found.languages
        self.language_choices = [
            list(p) for p in show.language_choices(get_settings().locales, found.languages)
        ]
        self.hours = [{"key": self._key(), **r} for r in show.slot_rows(found)]
        self.exceptions = [{"key": self._key(), **r} for r in show.exception_rows(found)]
        self.phones = [{"key": self._key(), **r} for r in show.phone_rows(found)]
        self.form_version += 1
        return True

    def _problems(self, problems: Mapping[str, EditProblem]) -> None:
        rows = self._rows()
        self.errors = show.problem_words(
            {input_name(p, rows): code for p, code in problems.items()}, self._t()
        )
        self.edit_message = ""

    @rx.event
    async def load(self) -> None:
        """On load: the service named by ``?id=``, or an empty form for a new one."""
        if await self._staff(Role.COORDINATOR) is None:
            self.mode = ""
            return
        slug = self.router.url.query_parameters.get("id", "")
        self.errors = {}
        if slug != self._created:
            self.edit_message = ""
        self._created = ""
        settings = get_settings()
        with Session(engine()) as session:
            if slug:
                self.mode = "edit" if self._fill(session, slug) else "missing"
                return
            choices = editing_views.organization_choices(session=session)
        self.mode = "new"
        self.values = {
            "status": m.ServiceStatus.ACTIVE.value,
            "is_free": "1",
            "source_locale": settings.default_locale,
            "source_dir": "auto",  # the language chosen in the form is not known yet
        }
        self.needs, self.spoken = [], []
        self.language_choices = [list(p) for p in show.language_choices(settings.locales, [])]
        self.organizations = [[str(i), name] for i, name in choices]
        self.form_version += 1

    @rx.event
    async def add_row(self, kind: str) -> None:
        """One more empty row of hours, dates or phones."""
        if await self._staff(Role.COORDINATOR) is None or kind not in ROWS:
            return
        rows = self._rows()[kind]
        row = {**NEW_ROW[kind], "key": self._key()}
        if kind == "hours" and rows:  # typing a week: the next day, the same times
            last = rows[-1]
            row |= {
                "weekday": str((int(last["weekday"]) + 1) % 7),
                "opens": last["opens"],
                "closes": last["closes"],
            }
        setattr(self, kind, [*rows, row])

    @rx.event
    async def remove_row(self, kind: str, key: str) -> None:
        """Take a row out of the form (saved only with the form)."""
        if await self._staff(Role.COORDINATOR) is None or kind not in ROWS:
            return
        setattr(self, kind, [row for row in self._rows()[kind] if row["key"] != key])

    @rx.event
    async def save(self, form: dict[str, Any]) -> None:
        """Save the whole form as one change; or show what to correct, keeping every input."""
        if await self._staff(Role.COORDINATOR) is None or self.mode != "edit":
            return
        data, problems = validate(ServiceSheet, sheet_raw(form, self._rows()))
        if data is None:
            self._problems(problems)
            return
        try:
            with Session(engine()) as session:
                service = editing.save_sheet(session=session, service_id=int(self.values["id"]), data=data)
                self._fill(session, service.slug)
        except EditError as error:
            self._problems({error.field: error.problem})
            return
        self.errors = {}
        self.edit_message = self._t()(N_("Saved. The public pages show the change now."))

    @rx.event
    async def create(self, form: dict[str, Any]) -> rx.event.EventSpec | None:
        """Create the service (and its organization if new), then open its full form."""
        if await self._staff(Role.COORDINATOR) is None or self.mode != "new":
            return None
        raw = {
            **service_raw(form),
            **{n: _text(form, n) for n in ("organization_id", "new_organization", "source_locale")},
        }
        data, problems = validate(NewService, raw)
        if data is None:
            self._problems(problems)
            return None
        try:
            with Session(engine()) as session:
                slug = editing.create_from_form(session=session, data=data).slug
        except EditError as error:
            self._problems({error.field: error.problem})
            return None
        # The new form goes away at once: a second press cannot create the service twice.
        self.errors, self._created, self.mode = {}, slug, ""
        self.edit_message = self._t()(N_("Service created. Now add its place, hours and phones."))
        return rx.redirect(routes.desk_service(self._locale(), slug))

    @rx.event
    async def verify(self) -> None:
        """Someone checked this service's information today."""
        if await self._staff(Role.COORDINATOR) is None or self.mode != "edit":
            return
        _ = self._t()
        try:
            with Session(engine()) as session:
                day = editing.mark_verified(
                    session=session, service_id=int(self.values["id"]), now=utcnow(), tz=get_settings().tz
                )
        except EditError as error:
            self._problems({FORM: error.problem})
            return
        self.values = {**self.values, "verified": show.verified(day, _)}
        self.edit_message = _("Marked as verified today.")
