"""The audit log, for coordinators: who read or changed which record, when. It names staff
and record numbers, never a migrant."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

import reflex as rx

from rxapp import routes
from rxapp.access import Desk, desk_event
from rxapp.components.desk import CARD
from rxapp.desk import frame
from rxapp.desk.alerts_display import KINDS
from rxapp.desk.formats import status, when
from rxapp.desk.session import DeskState
from rxapp.i18n.catalogs import Translator
from rxapp.models import AlertKind, AuditAction, RegistrationStatus, Role
from rxapp.services import audit
from rxapp.services.auth import Staff
from rxapp.services.localize import service_names
from rxapp.taxonomy import N_

ACTIONS = {
    AuditAction.QUEUE: N_("Viewed the queue"),
    AuditAction.SEARCH: N_("Found in a search"),
    AuditAction.OPEN: N_("Opened"),
    AuditAction.EXPORT: N_("Exported"),
    AuditAction.CREATE: N_("Registered at the desk"),
    AuditAction.NOTE: N_("Added a note"),
    AuditAction.STATUS: N_("Changed the status"),
    AuditAction.REFER: N_("Referred"),
    AuditAction.MERGE: N_("Merged"),
    AuditAction.DISMISS: N_("Not a duplicate"),
    AuditAction.ERASE: N_("Erased"),
    AuditAction.RETENTION: N_("Deleted by retention"),
    AuditAction.ALERT: N_("Posted or changed an alert"),
    AuditAction.WITHDRAW: N_("Ended an alert early"),
    AuditAction.NUMBER: N_("Changed the important numbers"),
    AuditAction.TOKEN: N_("Gave a link to the person's page"),
    AuditAction.REVOKE: N_("Removed phone access to the person's page"),
    AuditAction.CALL: N_("Called to a desk"),
    AuditAction.SEND: N_("Sent a referral to the person's phone"),
    AuditAction.APPOINT: N_("Changed an appointment"),
    AuditAction.FOLLOWUP: N_("Set a follow-up"),
    AuditAction.DISPLAY: N_("Set the waiting-room screen's key"),
}


def action_words(action: AuditAction, _: Translator) -> str:
    """An action in the desk's language; one with no words yet (issue 19's, until the desk's
    pages for them bring their translated words) as its own name, instead of failing the page."""
    return _(ACTIONS[action]) if action in ACTIONS else action.value


_DUPLICATE_OF = re.compile(r"^duplicate of #(\d+)$")  # how the queue writes it (rxapp/desk/queue/state.py)
_APPOINTMENT = re.compile(r"^(add|remove) (\d+)$")  # how appointments.add/remove write it
_DELETED = re.compile(r"^(\d+) deleted$")  # how retention writes it (rxapp/services/retention.py)


def detail(row: audit.AuditRow, _: Translator, services: dict[str, str]) -> str:
    """An entry's detail in the desk's language. The log stores it language-free (a status,
    a count, a service's slug, a record number): statuses and counts become words here."""
    raw, action = row.detail, row.action
    if not raw:
        return ""
    if action == AuditAction.STATUS and raw in {s.value for s in RegistrationStatus}:
        return status(raw, _)
    if action == AuditAction.QUEUE and raw.isdigit():
        return _.n("{count} record shown", "{count} records shown", int(raw)).replace("{count}", raw)
    if action == AuditAction.REFER:
        return services.get(raw, raw)
    if action in (AuditAction.MERGE, AuditAction.DISMISS) and raw.isdigit():
        return _("With record #{number}").replace("{number}", raw)
    if action == AuditAction.SEARCH and (found := _DUPLICATE_OF.match(raw)):
        return _("Shown as a possible duplicate of #{number}").replace("{number}", found.group(1))
    if action == AuditAction.RETENTION and (found := _DELETED.match(raw)):
        count = found.group(1)
        return _.n("{count} record deleted", "{count} records deleted", int(count)).replace("{count}", count)
    if action == AuditAction.APPOINT and (found := _APPOINTMENT.match(raw)):  # rxapp/services/followup
        verb = _("Add appointment") if found.group(1) == "add" else _("Remove")
        return f"{verb} · #{found.group(2)}"
    if action in (AuditAction.ALERT, AuditAction.WITHDRAW):  # "<kind> <public id>"
        kind, _space, public_id = raw.partition(" ")
        if kind in KINDS:
            return f"{_(KINDS[AlertKind(kind)])} · {public_id}"
    return raw  # an older entry's own words


@dataclass(frozen=True)
class AuditLine:
    """One entry of the log as the table shows it."""

    when: str
    who: str
    action: str
    record: str
    detail: str


COLUMNS = tuple(f.name for f in fields(AuditLine))


class AuditState(DeskState):
    """The newest entries of the audit log."""

    entries: list[AuditLine] = []

    async def _staff(self, role: Role | None = Role.VOLUNTEER, *, touch: bool = True) -> Staff | None:
        """The session check, which also empties the log for someone who may no longer read it."""
        staff = await super()._staff(role, touch=touch)
        if staff is None:
            self.entries = []
        return staff

    @rx.event
    @desk_event()
    async def load(self, desk: Desk) -> None:
        """On load: the last 200 entries."""
        _ = desk._
        rows = audit.log(session=desk.session, limit=200)
        services = service_names(session=desk.session, locale=_.tag)
        self.entries = [
            AuditLine(
                when=when(row.at, _),
                who=row.username or _("the system"),
                action=action_words(AuditAction(row.action), _),
                record="" if row.record_id is None else f"#{row.record_id}",
                detail=detail(row, _, services),
            )
            for row in rows
        ]


def audit_page(locale: str) -> rx.Component:
    """A table of the audit log."""
    _ = Translator(locale)
    head = [_("When"), _("Who"), _("What"), _("Record"), _("Detail")]
    return frame.frame(
        locale,
        rx.el.h1(_("Audit log"), class_name="text-2xl font-bold mb-4"),
        rx.cond(
            DeskState.role == Role.COORDINATOR.value,
            rx.el.div(
                rx.el.table(
                    rx.el.thead(
                        rx.el.tr(*[rx.el.th(h, scope="col", class_name="p-2 text-start") for h in head])
                    ),
                    rx.el.tbody(
                        rx.foreach(
                            AuditState.entries,
                            lambda e: rx.el.tr(
                                *[rx.el.td(getattr(e, key), class_name="p-2") for key in COLUMNS],
                                class_name="border-t border-slate-200",
                            ),
                        ),
                        data_testid="audit-rows",
                    ),
                    class_name="w-full text-sm",
                ),
                class_name=f"{CARD} overflow-x-auto",
            ),
            rx.el.p(_("Only coordinators see the audit log."), class_name="p-6"),
        ),
        active="desk_audit",
        same_page=routes.desk_audit,
    )
