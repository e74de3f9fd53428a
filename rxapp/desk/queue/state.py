"""The desk's queue and the open record: the volunteer's main page on the tablet.

Thin handlers: ``desk_event`` checks the session and role (``rxapp/access.py`` RULES),
validates the input and opens the database session; the body calls ``rxapp.services.records``,
writes the audit log and sets the typed rows the views show. Reads are audited: the queue once
per view, a search once per record it shows, opening a record once. A refresh forced by another
tablet's change is a new view of the queue.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from rxapp import access, routes
from rxapp.access import Desk, desk_event
from rxapp.desk.followup import display as plan
from rxapp.desk.queue import display as show
from rxapp.desk.queue.inputs import (
    ERASE_MISMATCH,
    NO_CODE,
    PROBLEMS,
    CallInput,
    CodeInput,
    EraseInput,
    FilterInput,
    NoteInput,
    OtherRecordInput,
    RecordInput,
    ReferInput,
    SearchInput,
    SendInput,
    StatusInput,
)  # fmt: skip
from rxapp.desk.queue.rows import OpenRecord, QueueRow, ReferField, ReferralOptions, Sending
from rxapp.desk.session import DeskState, Phase
from rxapp.models import AuditAction, Registration, RegistrationStatus, utcnow
from rxapp.services import records, retention
from rxapp.services.followup import access as keys
from rxapp.services.followup import appointments, turns
from rxapp.services.followup import sending as send
from rxapp.services.records import DeskError, DeskProblem
from rxapp.settings import get_settings
from rxapp.taxonomy import N_

# Where a refusal shows: beside the note form, the referral form, the status buttons (where
# closing unreferred asks first), else at the top of the page.
NOTE, REFER, STATUS = "note", "refer", "status"
FIELDS = {DeskProblem.CONSENT_REQUIRED: ReferField.CONSENT, DeskProblem.UNKNOWN_SERVICE: ReferField.SERVICE}


def _minute(now: dt.datetime) -> int:
    return int(now.timestamp()) // 60


def _ready(state: QueueState) -> bool:
    """The poll runs only on a desk that shows its pages (not while signing in or locked)."""
    return state.phase == Phase.READY


class QueueState(DeskState):
    """The queue and the open record of one tablet (reset on lock and sign-out)."""

    items: rx.Field[list[QueueRow]] = rx.field(default_factory=list)
    query: rx.Field[str] = rx.field("")
    status_filter: rx.Field[str] = rx.field("")  # a RegistrationStatus value; "" every status
    loaded: rx.Field[bool] = rx.field(False)
    opened: rx.Field[OpenRecord] = rx.field(default_factory=OpenRecord)
    # The referral list of the open record: services for the person's needs, then the others.
    choices: rx.Field[ReferralOptions] = rx.field(default_factory=ReferralOptions)
    desk_error: rx.Field[str] = rx.field("")
    # Errors of the record's forms, shown next to them, and the referral field to fix.
    note_error: rx.Field[str] = rx.field("")
    refer_error: rx.Field[str] = rx.field("")
    refer_field: rx.Field[ReferField] = rx.field(ReferField.NONE)
    # Closing a record without a referral: the volunteer is asked first.
    ask_close: rx.Field[bool] = rx.field(False)
    # The note and referral forms keep what was typed until a save succeeds; a new key (the
    # record and how many saves) then gives empty forms, as does opening another record.
    note_key: rx.Field[str] = rx.field("")
    refer_key: rx.Field[str] = rx.field("")
    _saves: int = 0
    _version: str = ""
    _choices_for: str = ""  # the record, language and needs the referral list was made for
    _minute: int = 0  # when the queue was read: its waiting times move on each minute
    # The open record's id, kept on the server: actions never take it from client-visible state.
    _opened_id: int = 0
    # What the last logged view showed: a refresh forced by another tablet logs a new view only
    # when it shows other records (else every change on any tablet would log on every tablet).
    _shown: list[int] = []
    # Issue 19, for the open record only (cleared with it): a referral ready to send from the
    # volunteer's own app, and a one-time link to the person's page shown as a QR.
    sending: rx.Field[Sending] = rx.field(default_factory=Sending)
    page_link: rx.Field[str] = rx.field("")
    # The follow-up and appointment forms (rxapp/desk/followup/record.py): their errors, keyed
    # "fu." and "ap." + the field, and a key that empties them once saved.
    plan_errors: rx.Field[dict[str, str]] = rx.field(default_factory=dict)
    plan_key: rx.Field[str] = rx.field("")

    def _refuse(self, message: str, *, form: str = "", error: Exception | None = None) -> None:
        """Show a refusal beside the form it came from (``form``), else at the top."""
        problem: Any = getattr(error, "problem", None)
        if form == NOTE:
            self.note_error = message
        elif form == REFER:  # on the field to fix (invalid input: the service); what was chosen stays
            self.refer_error = message
            self.refer_field = ReferField.SERVICE if error is None else FIELDS.get(problem, ReferField.NONE)
        elif form == STATUS and problem == DeskProblem.NO_REFERRAL:
            self.ask_close = True
        else:
            self.desk_error = message

    def _refresh(self, desk: Desk, *, background: bool = False) -> None:
        """Read the queue again and log the view."""
        now = utcnow()
        status = RegistrationStatus(self.status_filter) if self.status_filter else None
        found = records.queue(
            session=desk.session, now=now, tz=get_settings().tz, query=self.query, status=status
        )
        items = [show.queue_row(item, now, desk._) for item in found]
        if items != self.items:  # polls refresh each minute: send only what changed
            self.items = items
        self._version, self._minute = records.queue_version(session=desk.session), _minute(now)
        self.loaded = True
        shown = [item.id for item in found]
        if background and shown == self._shown:
            return
        self._shown = shown
        if self.query:
            desk.audit_each(AuditAction.SEARCH, shown)
        else:
            desk.audit(AuditAction.QUEUE, detail=str(len(found)))

    def _reopen(self, desk: Desk, record_id: int) -> bool:
        view = records.record(session=desk.session, registration_id=record_id)
        if view is None:
            self._forget_record()
            return False
        if record_id != self._opened_id:
            self._clear_forms(record_id)
        booked = appointments.appointments_of(
            session=desk.session, registration_id=record_id, locale=desk._.tag
        )
        now = utcnow()
        rows = [plan.appointment(a, now, desk._) for a in booked]
        self.opened, self._opened_id = show.record(view, desk._, rows), record_id
        # The referral list depends on the record's needs and the desk's language only: read
        # the services again when those change, not on every save or poll of the same record.
        wanted = f"{record_id}:{desk._.tag}:{','.join(view.needs)}"
        if wanted != self._choices_for:
            choices = records.referral_choices(session=desk.session, locale=desk._.tag, needs=view.needs)
            self.choices, self._choices_for = show.referral_options(choices, desk._), wanted
        return True

    def _form_key(self, record_id: int) -> str:
        """A new key for a record's form: React then draws it empty."""
        self._saves += 1
        return f"{record_id}-{self._saves}"

    def _clear_forms(self, record_id: int) -> None:
        """Empty note and referral forms, no errors, nothing asked (another record, or saved)."""
        self.sending, self.page_link, self.plan_errors = Sending(), "", {}
        self.note_key = self.refer_key = self.plan_key = self._form_key(record_id)
        self.note_error = self.refer_error = ""
        self.refer_field, self.ask_close = ReferField.NONE, False

    def _forget_record(self) -> None:
        self.opened, self._opened_id = OpenRecord(), 0
        self.choices, self._choices_for = ReferralOptions(), ""
        self._clear_forms(0)

    def _open(self, desk: Desk, record_id: int) -> None:
        """Open one record (an audited read)."""
        self.desk_error = ""
        if not self._reopen(desk, record_id):
            raise DeskError(DeskProblem.NOT_FOUND)
        desk.audit(AuditAction.OPEN, record_id=record_id)
        # Its possible duplicates show other people's names and codes: a read of each, logged
        # like a search that shows them.
        shown = [d.id for d in self.opened.duplicates]
        if shown:
            desk.audit_each(AuditAction.SEARCH, shown, detail=f"duplicate of #{record_id}")

    def _change(self, desk: Desk, action: AuditAction, detail: str, change: Callable[[int], Any]) -> bool:
        """Apply one change to the open record, audit it and show the result; False if no
        record is open. A refusal (DeskError) is raised to ``desk_event``, shown by ``_refuse``."""
        record_id = self._opened_id
        if not record_id:
            return False
        change(record_id)
        desk.audit(action, record_id=record_id, detail=detail)
        self.desk_error, self.ask_close = "", False
        self._reopen(desk, record_id)
        self._refresh(desk)
        return True

    @rx.event
    @desk_event()
    async def load(self, desk: Desk) -> None:
        """On load and after sign-in: the queue; and the record another page asked to open."""
        self._refresh(desk)
        session = await self.get_state(DeskState)
        wanted, session._open_next = session._open_next, 0
        if wanted:
            self._open(desk, wanted)

    @rx.event
    @desk_event(touch="active", when=_ready)
    async def poll(self, desk: Desk, active: bool = False) -> None:
        """Every second from desk.js: show other tablets' changes. Counts as activity only if
        someone used the tablet since the last poll (typing a long note sends no event)."""
        if self.loaded and records.queue_version(session=desk.session) == self._version:
            if self._minute != _minute(utcnow()):  # nothing changed but the waiting times
                self._refresh(desk, background=True)
            return
        self._refresh(desk, background=True)
        if self._opened_id:
            self._reopen(desk, self._opened_id)

    @rx.event
    @desk_event(SearchInput, invalid=N_("The search is too long."))
    async def search(self, desk: Desk, data: SearchInput) -> None:
        """Search by reference code or name, ignoring case and accents."""
        self.query, self.desk_error = data.query, ""
        self._refresh(desk)

    @rx.event
    @desk_event(FilterInput, args=("status",))
    async def filter(self, desk: Desk, data: FilterInput) -> None:
        """Show one status, or all."""
        self.status_filter = data.status.value if data.status else ""
        self._refresh(desk)

    @rx.event
    @desk_event(RecordInput, args=("record_id",))
    async def open(self, desk: Desk, data: RecordInput) -> None:
        """Open one record (an audited read)."""
        self._open(desk, data.record_id)

    @rx.event
    @desk_event(CodeInput, invalid=NO_CODE)
    async def open_code(self, desk: Desk, data: CodeInput) -> None:
        """Open the record of a typed or scanned reference code."""
        found = records.find_reference(session=desk.session, code=data.code)
        if found is None:
            self._refuse(desk._(NO_CODE))
            return
        self._open(desk, found)

    @rx.event
    @access.open_event
    async def close_record(self) -> None:
        """Back to the list."""
        self._forget_record()
        self.desk_error = ""

    @rx.event
    @desk_event(NoteInput, invalid=PROBLEMS[DeskProblem.NOTE_TOO_LONG], form=NOTE)
    async def add_note(self, desk: Desk, data: NoteInput) -> None:
        """Add a note with its author and time."""

        def change(record_id: int) -> None:
            records.add_note(
                session=desk.session,
                registration_id=record_id,
                author_id=desk.staff.user_id,
                text=data.text,
                now=utcnow(),
            )

        if self._change(desk, AuditAction.NOTE, "", change):
            self.note_key, self.note_error = self._form_key(self._opened_id), ""

    @rx.event
    @desk_event(StatusInput, args=("status",), form=STATUS)
    async def set_status(self, desk: Desk, data: StatusInput) -> None:
        """Move the record to another status (closing it unreferred asks first)."""
        self._set_status(desk, data.status, warn_unreferred=True)

    @rx.event
    @desk_event(form=STATUS)
    async def close_anyway(self, desk: Desk) -> None:
        """Close the record although nobody was referred (after the warning)."""
        self._set_status(desk, RegistrationStatus.CLOSED, warn_unreferred=False)

    @rx.event
    @desk_event()
    async def keep_open(self, desk: Desk) -> None:
        """The volunteer keeps the record open after the warning."""
        self.ask_close = False

    def _set_status(self, desk: Desk, chosen: RegistrationStatus, *, warn_unreferred: bool) -> None:
        def change(record_id: int) -> None:
            records.set_status(
                session=desk.session,
                registration_id=record_id,
                author_id=desk.staff.user_id,
                status=chosen,
                now=utcnow(),
                warn_unreferred=warn_unreferred,
            )

        self._change(desk, AuditAction.STATUS, chosen.value, change)

    @rx.event
    @desk_event(ReferInput, invalid=PROBLEMS[DeskProblem.UNKNOWN_SERVICE], form=REFER)
    async def refer(self, desk: Desk, data: ReferInput) -> None:
        """Record a referral to a service the person agreed to."""

        def change(record_id: int) -> None:
            records.refer(
                session=desk.session,
                registration_id=record_id,
                author_id=desk.staff.user_id,
                service_slug=data.service,
                consented=data.consented,
                now=utcnow(),
                note=data.note.strip(),
            )

        if self._change(desk, AuditAction.REFER, data.service, change):
            self.refer_key, self.refer_error = self._form_key(self._opened_id), ""
            self.refer_field = ReferField.NONE

    @rx.event
    @desk_event(CallInput, invalid=N_("Choose a desk from the list."))
    async def call_to_desk(self, desk: Desk, data: CallInput) -> None:
        """Call the open record to a desk: the person's own page says so within seconds
        (``turns.call`` moves it to in progress and writes the audit row itself)."""
        record_id = self._opened_id
        if not record_id:
            return
        turns.call(
            session=desk.session,
            registration_id=record_id,
            desk=data.desk_number,
            actor=desk.actor,
            now=utcnow(),
        )
        self.desk_error, self.ask_close = "", False
        self._reopen(desk, record_id)
        self._refresh(desk)

    @rx.event
    @desk_event(SendInput, args=("referral_id", "channel"))
    async def prepare_sending(self, desk: Desk, data: SendInput) -> None:
        """The message for one referral, in the person's language, and the link that opens the
        volunteer's WhatsApp or SMS with it (a one-time link to the person's page inside);
        audited as a sending by ``sending.send_link``."""
        record_id = self._opened_id
        if not record_id:
            return
        prepared = send.send_link(
            session=desk.session, registration_id=record_id, referral_id=data.referral_id,
            channel=data.channel, actor=desk.actor, public_url=get_settings().public_url, now=utcnow(),
        )  # fmt: skip
        self.sending = Sending(data.referral_id, data.channel.value, prepared.text, prepared.link)

    @rx.event
    @desk_event()
    async def show_page_code(self, desk: Desk) -> None:
        """A one-time link to the person's own page (7 days, opens once), shown as a QR for
        their phone to scan: for a person who registered at the desk or changed phones."""
        record_id = self._opened_id
        if not record_id:
            return
        token = keys.issue_token(
            session=desk.session, registration_id=record_id, actor=desk.actor, now=utcnow()
        )
        person = desk.session.get(Registration, record_id)
        locale = person.locale if person else get_settings().default_locale
        self.page_link = get_settings().public_url + routes.me(locale, token)

    @rx.event
    @desk_event()
    async def revoke_page(self, desk: Desk) -> None:
        """Remove every phone's access to the person's page (a lost or shared phone)."""
        record_id = self._opened_id
        if not record_id:
            return
        keys.revoke_all(session=desk.session, registration_id=record_id, actor=desk.actor, now=utcnow())
        self.page_link = ""
        self.desk_error = desk._(N_("Phone access removed: their page no longer opens on any phone."))

    @rx.event
    @desk_event(OtherRecordInput, args=("other_id",))
    async def dismiss(self, desk: Desk, data: OtherRecordInput) -> None:
        """Two records are different people."""

        def change(record_id: int) -> None:
            records.dismiss_duplicate(session=desk.session, registration_id=record_id, other_id=data.other_id)

        self._change(desk, AuditAction.DISMISS, str(data.other_id), change)

    @rx.event
    @desk_event(OtherRecordInput, args=("other_id",))
    async def merge(self, desk: Desk, data: OtherRecordInput) -> None:
        """The other record is the same person: move it into the open one."""

        def change(record_id: int) -> None:
            records.merge(
                session=desk.session,
                keep_id=record_id,
                drop_id=data.other_id,
                author_id=desk.staff.user_id,
                now=utcnow(),
                words=show.merge_words(desk._),
            )

        self._change(desk, AuditAction.MERGE, str(data.other_id), change)

    @rx.event
    @desk_event()
    async def export_record(self, desk: Desk) -> EventSpec | None:
        """The person's record as a JSON file, on their request (coordinators; audited)."""
        if not self._opened_id:
            return None
        data = retention.export(
            session=desk.session, registration_id=self._opened_id, actor=desk.actor, now=utcnow()
        )
        if data is None:
            return None
        body = json.dumps(data, ensure_ascii=False, indent=2)
        return rx.download(data=body, filename=f"{self.opened.reference}.json")

    @rx.event
    @desk_event(EraseInput, invalid=ERASE_MISMATCH)
    async def erase_record(self, desk: Desk, data: EraseInput) -> None:
        """Erase the person's record everywhere, on their request (coordinators; audited)."""
        record_id = self._opened_id
        if not record_id:
            return
        if not data.confirm or records.find_reference(session=desk.session, code=data.confirm) != record_id:
            self._refuse(desk._(ERASE_MISMATCH))
            return
        retention.erase(session=desk.session, registration_id=record_id, actor=desk.actor, now=utcnow())
        self._forget_record()
        self.desk_error = ""
        self._refresh(desk)
