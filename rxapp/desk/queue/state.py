"""The desk's queue and the open record: the volunteer's main page on the tablet.

Thin handlers: check the session and role, validate the input (pydantic), call
``rxapp.services.records``, write the audit log, turn the result into strings to show.
Reads are audited: the queue once per view, a search once per record it shows, opening a
record once. A refresh forced by another tablet's change is a new view of the queue.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import reflex as rx
from pydantic import ValidationError
from sqlmodel import Session

from rxapp.desk.queue import display as show
from rxapp.desk.queue.inputs import (
    ERASE_MISMATCH,
    NO_CODE,
    PROBLEMS,
    CodeInput,
    EraseInput,
    FilterInput,
    NoteInput,
    RecordInput,
    ReferInput,
    SearchInput,
)  # fmt: skip
from rxapp.desk.session import DeskState
from rxapp.models import AuditAction, RegistrationStatus, Role, utcnow
from rxapp.services import audit, records, retention
from rxapp.services.audit import Actor
from rxapp.services.auth import Staff
from rxapp.services.db import engine
from rxapp.services.records import DeskError, DeskProblem
from rxapp.settings import get_settings
from rxapp.taxonomy import N_


def _actor(staff: Staff) -> Actor:
    return Actor(staff_id=staff.user_id, username=staff.username)


def _minute(now: dt.datetime) -> int:
    return int(now.timestamp()) // 60


class QueueState(DeskState):
    """The queue and the open record of one tablet (reset on lock and sign-out)."""

    items: list[dict[str, str]] = []
    query: str = ""
    status_filter: str = ""
    loaded: bool = False
    opened: dict[str, Any] = {}
    # The referral list of the open record: services for the person's needs, then the others.
    choices: dict[str, list[dict[str, str]]] = {"matching": [], "other": []}
    desk_error: str = ""
    # Errors of the record's forms, shown next to them; ``refer_field``: "service" | "consent".
    note_error: str = ""
    refer_error: str = ""
    refer_field: str = ""
    # Closing a record without a referral: the volunteer is asked first.
    ask_close: bool = False
    # The note and referral forms keep what was typed until a save succeeds; a new key (the
    # record and how many saves) then gives empty forms, as does opening another record.
    note_key: str = ""
    refer_key: str = ""
    _saves: int = 0
    _version: str = ""
    _choices_for: str = ""  # the record, language and needs the referral list was made for
    _minute: int = 0  # when the queue was read: its waiting times move on each minute
    # The open record's id, kept on the server: actions never take it from client-visible state.
    _opened_id: int = 0
    # What the last logged view showed: a refresh forced by another tablet logs a new view only
    # when it shows other records (else every change on any tablet would log on every tablet).
    _shown: list[int] = []

    def _refresh(self, session: Session, staff: Staff, *, background: bool = False) -> None:
        """Read the queue again and log the view."""
        settings = get_settings()
        now = utcnow()
        status = RegistrationStatus(self.status_filter) if self.status_filter else None
        found = records.queue(session=session, now=now, tz=settings.tz, query=self.query, status=status)
        _ = self._t()
        items = [show.queue_row(item, now, _) for item in found]
        if items != self.items:  # polls refresh each minute: send only what changed
            self.items = items
        self._version, self._minute = records.queue_version(session=session), _minute(now)
        self.loaded = True
        shown = [item.id for item in found]
        if background and shown == self._shown:
            return
        self._shown = shown
        if self.query:
            audit.records(
                session=session,
                actor=_actor(staff),
                action=AuditAction.SEARCH,
                record_ids=[item.id for item in found],
            )
        else:
            audit.record(
                session=session, actor=_actor(staff), action=AuditAction.QUEUE, detail=str(len(found))
            )

    def _reopen(self, session: Session, record_id: int) -> bool:
        view = records.record(session=session, registration_id=record_id)
        if view is None:
            self._forget_record()
            return False
        _ = self._t()
        if record_id != self._opened_id:
            self._clear_forms(record_id)
        self.opened, self._opened_id = show.record(view, _), record_id
        # The referral list depends on the record's needs and the desk's language only: read
        # the services again when those change, not on every save or poll of the same record.
        wanted = f"{record_id}:{_.tag}:{','.join(view.needs)}"
        if wanted != self._choices_for:
            choices = records.referral_choices(session=session, locale=_.tag, needs=view.needs)
            self.choices, self._choices_for = show.referral_options(choices, _), wanted
        return True

    def _form_key(self, record_id: int) -> str:
        """A new key for a record's form: React then draws it empty."""
        self._saves += 1
        return f"{record_id}-{self._saves}"

    def _clear_forms(self, record_id: int) -> None:
        """Empty note and referral forms, no errors, nothing asked (another record, or saved)."""
        self.note_key = self.refer_key = self._form_key(record_id)
        self.note_error = self.refer_error = self.refer_field = ""
        self.ask_close = False

    def _forget_record(self) -> None:
        self.opened, self._opened_id = {}, 0
        self.choices, self._choices_for = {"matching": [], "other": []}, ""
        self._clear_forms(0)

    def _problem(self, error: DeskError) -> None:
        self.desk_error = self._t()(PROBLEMS[error.problem])

    @rx.event
    async def load(self) -> None:
        """On load and after sign-in: the queue."""
        staff = await self._staff()
        if staff is None:
            return
        with Session(engine()) as session:
            self._refresh(session, staff)

    @rx.event
    async def poll(self, active: bool = False) -> None:
        """Every second from desk.js: show other tablets' changes. Counts as activity only if
        someone used the tablet since the last poll (typing a long note sends no event)."""
        if self.phase != "ready":
            return
        staff = await self._staff(touch=active is True)
        if staff is None:
            return
        with Session(engine()) as session:
            if self.loaded and records.queue_version(session=session) == self._version:
                if self._minute != _minute(utcnow()):  # nothing changed but the waiting times
                    self._refresh(session, staff, background=True)
                return
            self._refresh(session, staff, background=True)
            if self._opened_id:
                self._reopen(session, self._opened_id)

    @rx.event
    async def search(self, form: dict[str, Any]) -> None:
        """Search by reference code or name, ignoring case and accents."""
        staff = await self._staff()
        if staff is None:
            return
        try:
            self.query = SearchInput.model_validate(form).query
        except ValidationError:
            self.desk_error = self._t()(N_("The search is too long."))
            return
        self.desk_error = ""
        with Session(engine()) as session:
            self._refresh(session, staff)

    @rx.event
    async def filter(self, status: str) -> None:
        """Show one status, or all."""
        staff = await self._staff()
        if staff is None:
            return
        try:
            chosen = FilterInput.model_validate({"status": status or None}).status
        except ValidationError:
            return
        self.status_filter = chosen.value if chosen else ""
        with Session(engine()) as session:
            self._refresh(session, staff)

    @rx.event
    async def open(self, record_id: int) -> None:
        """Open one record (an audited read)."""
        staff = await self._staff()
        if staff is None:
            return
        try:
            chosen = RecordInput.model_validate({"id": record_id}).id
        except ValidationError:
            return
        self.desk_error = ""
        with Session(engine()) as session:
            if self._reopen(session, chosen):
                audit.record(session=session, actor=_actor(staff), action=AuditAction.OPEN, record_id=chosen)
                # Its possible duplicates show other people's names and codes: a read of each,
                # logged like a search that shows them.
                shown = [int(d["id"]) for d in self.opened["duplicates"]]
                if shown:
                    audit.records(
                        session=session,
                        actor=_actor(staff),
                        action=AuditAction.SEARCH,
                        record_ids=shown,
                        detail=f"duplicate of #{chosen}",
                    )
            else:
                self.desk_error = self._t()(PROBLEMS[DeskProblem.NOT_FOUND])

    @rx.event
    async def open_code(self, form: dict[str, Any]) -> None:
        """Open the record of a typed or scanned reference code."""
        staff = await self._staff()
        if staff is None:
            return
        try:
            code = CodeInput.model_validate(form).code
        except ValidationError:
            self.desk_error = self._t()(NO_CODE)
            return
        with Session(engine()) as session:
            found = records.find_reference(session=session, code=code)
        if found is None:
            self.desk_error = self._t()(NO_CODE)
            return
        await self.open(found)

    @rx.event
    async def close_record(self) -> None:
        """Back to the list."""
        self._forget_record()
        self.desk_error = ""

    async def _change(
        self, action: AuditAction, detail: str, change: Any, refused: Any = None, *, saved: str = ""
    ) -> None:
        """Apply one change to the open record, audit it and show the result.

        ``refused(error)`` shows a refusal next to the form it came from (else at the top);
        ``saved`` ("note" | "refer") is the form to empty once the change is made.
        """
        staff = await self._staff()
        if staff is None or not self._opened_id:
            return
        record_id = self._opened_id
        with Session(engine()) as session:
            try:
                change(session, staff, record_id)
            except DeskError as error:
                (refused or self._problem)(error)
                return
            audit.record(
                session=session, actor=_actor(staff), action=action, record_id=record_id, detail=detail
            )
            self.desk_error, self.ask_close = "", False
            if saved == "note":
                self.note_key, self.note_error = self._form_key(record_id), ""
            elif saved == "refer":
                self.refer_key, self.refer_error, self.refer_field = self._form_key(record_id), "", ""
            self._reopen(session, record_id)
            self._refresh(session, staff)

    @rx.event
    async def add_note(self, form: dict[str, Any]) -> None:
        """Add a note with its author and time."""
        try:
            text = NoteInput.model_validate(form).text
        except ValidationError:
            self.note_error = self._t()(PROBLEMS[DeskProblem.NOTE_TOO_LONG])
            return

        def change(session: Session, staff: Staff, record_id: int) -> None:
            records.add_note(
                session=session, registration_id=record_id, author_id=staff.user_id, text=text, now=utcnow()
            )

        def refused(error: DeskError) -> None:
            self.note_error = self._t()(PROBLEMS[error.problem])

        await self._change(AuditAction.NOTE, "", change, refused, saved="note")

    @rx.event
    async def set_status(self, status: str) -> None:
        """Move the record to another status."""
        try:
            chosen = FilterInput.model_validate({"status": status}).status
        except ValidationError:
            return
        if chosen is None:
            return

        await self._set_status(chosen, warn_unreferred=True)

    @rx.event
    async def close_anyway(self) -> None:
        """Close the record although nobody was referred (after the warning)."""
        await self._set_status(RegistrationStatus.CLOSED, warn_unreferred=False)

    @rx.event
    async def keep_open(self) -> None:
        """The volunteer keeps the record open after the warning."""
        if await self._staff() is not None:
            self.ask_close = False

    async def _set_status(self, chosen: RegistrationStatus, *, warn_unreferred: bool) -> None:
        def change(session: Session, staff: Staff, record_id: int) -> None:
            records.set_status(
                session=session,
                registration_id=record_id,
                author_id=staff.user_id,
                status=chosen,
                now=utcnow(),
                warn_unreferred=warn_unreferred,
            )

        def refused(error: DeskError) -> None:
            if error.problem == DeskProblem.NO_REFERRAL:
                self.ask_close = True
            else:
                self._problem(error)

        await self._change(AuditAction.STATUS, chosen.value, change, refused)

    @rx.event
    async def refer(self, form: dict[str, Any]) -> None:
        """Record a referral to a service the person agreed to."""
        try:
            if not isinstance(form, dict):
                raise TypeError(form)
            data = ReferInput.model_validate(
                {**form, "consented": form.get("consented") in (True, "on", "true")}
            )
        except (TypeError, ValidationError):
            self._refused_referral(DeskError(DeskProblem.UNKNOWN_SERVICE))
            return

        def change(session: Session, staff: Staff, record_id: int) -> None:
            records.refer(
                session=session,
                registration_id=record_id,
                author_id=staff.user_id,
                service_slug=data.service,
                consented=data.consented,
                now=utcnow(),
            )

        await self._change(AuditAction.REFER, data.service, change, self._refused_referral, saved="refer")

    def _refused_referral(self, error: DeskError) -> None:
        """Say why next to the referral form, on the field to fix; what was chosen stays."""
        self.refer_error = self._t()(PROBLEMS[error.problem])
        self.refer_field = {
            DeskProblem.CONSENT_REQUIRED: "consent",
            DeskProblem.UNKNOWN_SERVICE: "service",
        }.get(error.problem, "")

    @rx.event
    async def dismiss(self, other_id: int) -> None:
        """Two records are different people."""
        try:
            other = RecordInput.model_validate({"id": other_id}).id
        except ValidationError:
            return

        def change(session: Session, staff: Staff, record_id: int) -> None:
            records.dismiss_duplicate(session=session, registration_id=record_id, other_id=other)

        await self._change(AuditAction.DISMISS, str(other), change)

    @rx.event
    async def merge(self, other_id: int) -> None:
        """The other record is the same person: move it into the open one."""
        try:
            other = RecordInput.model_validate({"id": other_id}).id
        except ValidationError:
            return

        def change(session: Session, staff: Staff, record_id: int) -> None:
            records.merge(
                session=session,
                keep_id=record_id,
                drop_id=other,
                author_id=staff.user_id,
                now=utcnow(),
                words=show.merge_words(self._t()),
            )

        await self._change(AuditAction.MERGE, str(other), change)

    @rx.event
    async def export_record(self) -> rx.event.EventSpec | None:
        """The person's record as a JSON file, on their request (coordinators; audited)."""
        staff = await self._staff(Role.COORDINATOR)
        if staff is None or not self._opened_id:
            return None
        with Session(engine()) as session:
            data = retention.export(
                session=session, registration_id=self._opened_id, actor=_actor(staff), now=utcnow()
            )
        if data is None:
            return None
        body = json.dumps(data, ensure_ascii=False, indent=2)
        return rx.download(data=body, filename=f"{self.opened['reference']}.json")

    @rx.event
    async def erase_record(self, form: dict[str, Any]) -> None:
        """Erase the person's record everywhere, on their request (coordinators; audited)."""
        staff = await self._staff(Role.COORDINATOR)
        if staff is None or not self._opened_id:
            return
        try:
            typed = EraseInput.model_validate(form).confirm
        except ValidationError:
            typed = ""
        record_id = self._opened_id
        with Session(engine()) as session:
            if not typed or records.find_reference(session=session, code=typed) != record_id:
                self.desk_error = self._t()(ERASE_MISMATCH)
                return
            retention.erase(session=session, registration_id=record_id, actor=_actor(staff), now=utcnow())
            self._forget_record()
            self.desk_error = ""
            self._refresh(session, staff)
