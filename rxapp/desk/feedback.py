"""Reports of wrong directory information, for coordinators to resolve or dismiss. Readers
give no personal data with a report; the comment box asks them not to."""

from __future__ import annotations

from dataclasses import dataclass

import reflex as rx
from pydantic import BaseModel, Field
from reflex.vars import ObjectVar

from rxapp import routes
from rxapp.access import Desk, desk_event
from rxapp.components.desk import CARD, SECONDARY
from rxapp.components.report import problems
from rxapp.desk import frame
from rxapp.desk.formats import when
from rxapp.desk.session import DeskState
from rxapp.i18n.catalogs import Translator
from rxapp.i18n.locales import info as locale_info
from rxapp.models import ReportStatus, utcnow
from rxapp.services import feedback


class Handled(BaseModel):
    """A report marked resolved or dismissed."""

    report_id: int = Field(gt=0)
    status: ReportStatus


@dataclass(frozen=True)
class OpenReport:
    """An open report as the desk lists it, in the desk's language."""

    id: int
    service: str
    href: str  # the service's public page
    edit: str  # its form at the desk
    problem: str
    comment: str
    language: str
    when: str


class FeedbackState(DeskState):
    """The open reports."""

    open_reports: rx.Field[list[OpenReport]] = rx.field(default_factory=list)

    def _list(self, desk: Desk) -> None:
        _, locale = desk._, self._locale()
        words = dict(problems(_))
        self.open_reports = [
            OpenReport(
                id=r.id,
                service=r.service_name,
                href=routes.service(locale, r.service_slug),
                edit=routes.desk_service(locale, r.service_slug),
                problem=words[r.problem],
                comment=r.comment,
                language=locale_info(r.locale).native_name,
                when=when(r.created_at, _),
            )
            for r in feedback.open_reports(session=desk.session)
        ]

    @rx.event
    @desk_event()
    async def load(self, desk: Desk) -> None:
        """On load: every open report."""
        self._list(desk)

    @rx.event
    @desk_event(Handled, args=("report_id", "status"))
    async def handle(self, desk: Desk, data: Handled) -> None:
        """Resolve (the directory was corrected) or dismiss (nothing was wrong)."""
        if data.status == ReportStatus.OPEN:
            return
        feedback.resolve(
            session=desk.session,
            report_id=data.report_id,
            staff_id=desk.staff.user_id,
            status=data.status,
            now=utcnow(),
        )
        self._list(desk)


def _report(row: ObjectVar[OpenReport], _: Translator) -> rx.Component:
    return rx.el.li(
        rx.el.div(
            rx.el.a(row.service, href=row.href, target="_blank", class_name="font-bold underline"),
            rx.el.span(row.when, class_name="text-sm text-slate-600 ms-auto"),
            class_name="flex flex-wrap items-center gap-2",
        ),
        rx.el.p(row.problem, class_name="font-semibold"),
        rx.cond(row.comment, rx.el.p(rx.el.bdi(row.comment), class_name="whitespace-pre-wrap")),
        rx.el.p(_("Sent from the page in:"), " ", row.language, class_name="text-sm text-slate-600"),
        rx.el.div(
            rx.el.a(_("Edit the service"), href=row.edit, class_name=SECONDARY),
            rx.el.button(
                _("Corrected"),
                type="button",
                on_click=FeedbackState.handle(row.id, ReportStatus.RESOLVED.value),
                class_name=SECONDARY,
            ),
            rx.el.button(
                _("Nothing was wrong"),
                type="button",
                on_click=FeedbackState.handle(row.id, ReportStatus.DISMISSED.value),
                class_name=SECONDARY,
            ),
            class_name="flex flex-wrap gap-2",
        ),
        class_name=f"{CARD} space-y-2",
        data_testid="directory-report",
    )


def feedback_page(locale: str) -> rx.Component:
    """Open reports, newest first."""
    _ = Translator(locale)
    return frame.frame(
        locale,
        rx.el.h1(_("Directory reports"), class_name="text-2xl font-bold mb-2"),
        rx.el.p(
            _("What readers say is wrong in the directory. Check it, correct the service, then mark it."),
            class_name="mb-4",
        ),
        rx.cond(
            FeedbackState.open_reports.length() > 0,
            rx.el.ul(
                rx.foreach(FeedbackState.open_reports, lambda row: _report(row, _)), class_name="space-y-3"
            ),
            rx.el.p(_("No open reports."), class_name="p-6 text-center text-slate-600"),
        ),
        active="desk_feedback",
        same_page=routes.desk_feedback,
    )
