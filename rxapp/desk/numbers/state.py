"""Important numbers at the desk (coordinators): add, edit, order and remove the numbers the
public ``/<locale>/numbers`` page lists. Each change is audited and moves the directory revision,
so phones get the new list on their next visit. Translators translate the texts like services'
(the content ``.po`` files). The page itself is ``view.py``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import reflex as rx
from pydantic import BaseModel, Field
from sqlmodel import Session

from rxapp.access import Desk, desk_event, words
from rxapp.desk.session import DeskState
from rxapp.i18n.locales import info as locale_info
from rxapp.models import AuditAction, NumberGroup
from rxapp.services import numbers
from rxapp.services.numbers import NumberInput, NumberProblem
from rxapp.taxonomy import N_

PROBLEMS = words(
    {
        NumberProblem.NO_NAME: N_("Write the name of the number."),
        NumberProblem.NO_PHONE: N_("Write the phone number."),
        NumberProblem.BAD_PHONE: N_(
            "This is not a phone number. Write it with its country code, e.g. +52 962 555 0100."
        ),
        NumberProblem.BAD_WHATSAPP: N_(
            "WhatsApp needs a full number with its country code, e.g. +52 962 555 0100."
        ),
        NumberProblem.NOT_FOUND: N_("This number is no longer in the list."),
    }
)
INVALID = N_("Check the form: a text is too long.")
EMPTY: dict[str, Any] = {
    "name": "", "purpose": "", "hours": "", "always_open": False, "phone": "", "other_phone": "",
    "whatsapp": False, "whatsapp_number": "", "group": NumberGroup.PROTECTION.value,
}  # fmt: skip


class Pick(BaseModel):
    """A number of the list."""

    number_id: int = Field(gt=0)


class Move(BaseModel):
    """Up or down within its group."""

    number_id: int = Field(gt=0)
    step: Literal[-1, 1]


@dataclass(frozen=True)
class NumberRow:
    """A number as the desk's list shows it."""

    id: int
    name: str
    group: str  # in the desk's language
    phones: str
    sample: bool
    language: str  # the language its texts are written in


class NumbersState(DeskState):
    """The list, the form (a new number, or the one being edited) and the last outcome."""

    rows: rx.Field[list[NumberRow]] = rx.field(default_factory=list)
    form: rx.Field[dict[str, Any]] = rx.field(default_factory=lambda: dict(EMPTY))
    form_key: rx.Field[int] = rx.field(0)  # a new key remounts the form with its new values
    editing: rx.Field[str] = rx.field("")  # the name of the number being edited ("" for a new one)
    number_error: rx.Field[str] = rx.field("")
    number_message: rx.Field[str] = rx.field("")
    removing: rx.Field[int] = rx.field(0)  # the number whose removal waits for "Yes, remove"
    _editing_id: int = 0

    def _list(self, session: Session) -> None:
        _ = self._t()
        self.rows = [
            NumberRow(
                id=n.id or 0,
                name=n.name,
                group=_(numbers.GROUP_LABELS[n.group]),
                phones=", ".join(numbers.display(p) for p in n.phones),
                sample=n.is_sample,
                language=locale_info(n.source_locale).native_name,
            )
            for n in numbers.ordered(session=session)
        ]

    def _fill(self, values: dict[str, Any], editing: str, number_id: int) -> None:
        self.form, self.editing, self._editing_id = values, editing, number_id
        self.form_key += 1

    def _refuse(self, message: str, *, form: str = "", error: Exception | None = None) -> None:
        self.number_error, self.number_message = message, ""

    def _done(self, desk: Desk, message: str) -> None:
        self.number_error, self.number_message = "", desk._(message)
        self._list(desk.session)

    @rx.event
    @desk_event()
    async def load(self, desk: Desk) -> None:
        """On load: the list and an empty form."""
        self.number_error = self.number_message = ""
        self._fill(dict(EMPTY), "", 0)
        self._list(desk.session)

    @rx.event
    @desk_event(Pick, args=("number_id",))
    async def edit(self, desk: Desk, data: Pick) -> None:
        """Fill the form with a number's texts (in the language they are written in)."""
        found = numbers.get(session=desk.session, number_id=data.number_id)
        self.number_error = self.number_message = ""
        self._fill(numbers.edit_values(found), found.name, data.number_id)

    @rx.event
    @desk_event()
    async def new(self, desk: Desk) -> None:
        """An empty form, for a new number."""
        self.number_error = self.number_message = ""
        self._fill(dict(EMPTY), "", 0)

    @rx.event
    @desk_event(NumberInput, invalid=INVALID)
    async def save(self, desk: Desk, data: NumberInput) -> None:
        """Add the number, or save the one being edited; the form keeps what was typed on a refusal."""
        self.form = data.model_dump(mode="json")
        if self._editing_id:
            saved = numbers.update(session=desk.session, number_id=self._editing_id, data=data)
            desk.audit(AuditAction.NUMBER, detail=f"edit:{saved.slug}")
            self._done(desk, N_("Number saved."))
        else:
            saved = numbers.create(session=desk.session, data=data, source_locale=self._locale())
            desk.audit(AuditAction.NUMBER, detail=f"add:{saved.slug}")
            self._done(desk, N_("Number added."))
        self._fill(numbers.edit_values(saved), saved.name, saved.id or 0)

    @rx.event
    @desk_event(Move, args=("number_id", "step"))
    async def move(self, desk: Desk, data: Move) -> None:
        """Move a number up or down within its group."""
        moved = numbers.move(session=desk.session, number_id=data.number_id, step=data.step)
        desk.audit(AuditAction.NUMBER, detail=f"move:{moved.slug}")
        self._done(desk, N_("Order saved."))

    @rx.event
    @desk_event(Pick, args=("number_id",))
    async def ask_remove(self, desk: Desk, data: Pick) -> None:
        """Ask before removing: the row shows "Yes, remove" and "Keep it"."""
        self.removing, self.number_error, self.number_message = data.number_id, "", ""

    @rx.event
    @desk_event()
    async def keep(self, desk: Desk) -> None:
        """Not removed after all."""
        self.removing = 0

    @rx.event
    @desk_event(Pick, args=("number_id",))
    async def remove(self, desk: Desk, data: Pick) -> None:
        """Remove a number (and its translations) from the list, once asked (``ask_remove``)."""
        if self.removing != data.number_id:
            return
        self.removing = 0
        slug = numbers.remove(session=desk.session, number_id=data.number_id)
        desk.audit(AuditAction.NUMBER, detail=f"remove:{slug}")
        if self._editing_id == data.number_id:
            self._fill(dict(EMPTY), "", 0)
        self._done(desk, N_("Number removed."))
