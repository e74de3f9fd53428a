"""Reports of wrong directory information, for coordinators to resolve or dismiss. Readers
give no personal data with a report; the comment box asks them not to."""

from __future__ import annotations

import reflex as rx
from pydantic import BaseModel, Field, ValidationError
from sqlmodel import Session

from rxapp import routes
from rxapp.components.desk import CARD, SECONDARY
from rxapp.components.report import problems
from rxapp.desk import frame
from rxapp.desk.formats import when
from rxapp.desk.session import DeskState
from rxapp.i18n.catalogs import Translator
from rxapp.i18n.locales import info as locale_info
from rxapp.models import ReportStatus, Role, utcnow
from rxapp.services import feedback
from rxapp.services.db import engine


class Handled(BaseModel):
    """A report marked resolved or dismissed."""

    id: int = Field(gt=0)
    status: ReportStatus


class FeedbackState(DeskState):
    """The open reports."""

    open_reports: list[dict[str, str]] = []

    def _list(self, session: Session) -> None:
        _ = self._t()
        words = dict(problems(_))
        locale = self._locale()
        self.open_reports = [
            {
                "id": str(r.id),
                "service": r.service_name,
                "href": routes.service(locale, r.service_slug),
                "edit": routes.desk_service(locale, r.service_slug),
                "problem": words[r.problem],
                "comment": r.comment,
                "language": locale_info(r.locale).native_name,
                "when": when(r.created_at, _),
            }
            for r in feedback.open_reports(session=session)
        ]

    @rx.event
    async def load(self) -> None:
        """On load: every open report."""
        if await self._staff(Role.COORDINATOR) is None:
            return
        with Session(engine()) as session:
            self._list(session)

    @rx.event
    async def handle(self, report_id: int, status: str) -> None:
        """Resolve (the directory was corrected) or dismiss (nothing was wrong)."""
        staff = await self._staff(Role.COORDINATOR)
        if staff is None:
            return
        try:
            data = Handled.model_validate({"id": report_id, "status": status})
        except ValidationError:
            return
        if data.status == ReportStatus.OPEN:
            return
        with Session(engine()) as session:
            feedback.resolve(
                session=session, report_id=data.id, staff_id=staff.user_id, status=data.status, now=utcnow()
            )
            self._list(session)


def _report(row: rx.Var[dict[str, str]], _: Translator) -> rx.Component:
    return rx.el.li(
        rx.el.div(
            rx.el.a(row["service"], href=row["href"], target="_blank", class_name="font-bold underline"),
            rx.el.span(row["when"], class_name="text-sm text-slate-600 ms-auto"),
            class_name="flex flex-wrap items-center gap-2",
        ),
        rx.el.p(row["problem"], class_name="font-semibold"),
        rx.cond(row["comment"], rx.el.p(rx.el.bdi(row["comment"]), class_name="whitespace-pre-wrap")),
        rx.el.p(_("Sent from the page in:"), " ", row["language"], class_name="text-sm text-slate-600"),
        rx.el.div(
            rx.el.a(_("Edit the service"), href=row["edit"], class_name=SECONDARY),
            rx.el.button(
                _("Corrected"),
                type="button",
                on_click=FeedbackState.handle(row["id"].to(int), ReportStatus.RESOLVED.value),
                class_name=SECONDARY,
            ),
            rx.el.button(
                _("Nothing was wrong"),
                type="button",
                on_click=FeedbackState.handle(row["id"].to(int), ReportStatus.DISMISSED.value),
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
