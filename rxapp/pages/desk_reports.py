"""Figures for coordinators: registrations per day, needs, nationalities and referrals over a
chosen range, from aggregate queries only (no names), with a CSV of the same counts.

The charts are plain HTML bars with explicit colours and a table behind each: no chart
library, so neither the desk nor the public pages download chart code, and a screen reader
gets the numbers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import reflex as rx
from pydantic import BaseModel, ValidationError, model_validator
from sqlmodel import Session

from rxapp import routes
from rxapp.components.desk import CARD, PRIMARY, SECONDARY, alert
from rxapp.components.form import INPUT, LABEL
from rxapp.desk import frame
from rxapp.desk.session import DeskState
from rxapp.i18n.catalogs import Translator
from rxapp.i18n.countries import country_name
from rxapp.i18n.formatting import date_medium
from rxapp.models import Role, utcnow
from rxapp.services import reports
from rxapp.services.db import engine
from rxapp.services.localize import service_names
from rxapp.settings import get_settings
from rxapp.taxonomy import N_, NEEDS_BY_SLUG

LONGEST = 366  # days in one report
BAR = "#0f766e"  # teal-700: explicit colours, there is no theme to inherit from
BAR_TRACK = "#e2e8f0"  # slate-200


class Range(BaseModel):
    """The chosen dates (both included)."""

    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _order(self) -> Range:
        if self.end < self.start or (self.end - self.start).days >= LONGEST:
            raise ValueError("range")
        return self


def _bars(rows: list[tuple[str, int]], label: Any) -> list[dict[str, str]]:
    top = max((n for _, n in rows), default=0) or 1
    return [{"label": label(key), "count": str(n), "pct": f"{100 * n / top:.1f}%"} for key, n in rows]


class DeskReportsState(DeskState):
    """The figures of one range, as strings and bar lengths."""

    start: str = ""
    end: str = ""
    total: str = ""
    per_day: list[dict[str, str]] = []
    needs: list[dict[str, str]] = []
    nationalities: list[dict[str, str]] = []
    referrals: list[dict[str, str]] = []
    reports_error: str = ""

    def _compute(self, chosen: Range) -> reports.Report:
        settings = get_settings()
        with Session(engine()) as session:
            report = reports.report(session=session, start=chosen.start, end=chosen.end, tz=settings.tz)
            names = service_names(session=session, locale=self._locale())
        _ = self._t()
        self.start, self.end = chosen.start.isoformat(), chosen.end.isoformat()
        self.total = str(report.total)
        self.per_day = _bars(report.per_day, lambda day: date_medium(dt.date.fromisoformat(day), _.tag))
        self.needs = _bars(
            report.needs, lambda slug: _(NEEDS_BY_SLUG[slug].label) if slug in NEEDS_BY_SLUG else slug
        )
        self.nationalities = _bars(
            report.nationalities, lambda code: country_name(code, _.tag) if code else _(N_("Not given"))
        )
        self.referrals = _bars(
            report.referrals, lambda slug: names.get(slug, slug) if slug else _(N_("A service since removed"))
        )
        return report

    @rx.event
    async def load(self) -> None:
        """On load: the last 30 days."""
        if await self._staff(Role.COORDINATOR) is None:
            return
        today = utcnow().astimezone(get_settings().tz).date()
        self.reports_error = ""
        self._compute(Range(start=today - dt.timedelta(days=29), end=today))

    @rx.event
    async def choose(self, form: dict[str, Any]) -> None:
        """Another range."""
        if await self._staff(Role.COORDINATOR) is None:
            return
        try:
            chosen = Range.model_validate(form)
        except ValidationError:
            self.reports_error = self._t()(
                N_("Choose a start date before the end date, at most a year apart.")
            )
            return
        self.reports_error = ""
        self._compute(chosen)

    @rx.event
    async def download(self) -> rx.event.EventSpec | None:
        """The same counts as a CSV file."""
        if await self._staff(Role.COORDINATOR) is None or not self.start:
            return None
        report = self._compute(
            Range(start=dt.date.fromisoformat(self.start), end=dt.date.fromisoformat(self.end))
        )
        return rx.download(data=reports.to_csv(report), filename=f"paso-{self.start}-{self.end}.csv")


def _chart(title: str, rows: rx.Var[list[dict[str, str]]], testid: str, _: Translator) -> rx.Component:
    return rx.el.section(
        rx.el.h2(title, class_name="text-lg font-bold"),
        rx.cond(
            rows.length() > 0,
            rx.el.ul(
                rx.foreach(
                    rows,
                    lambda row: rx.el.li(
                        rx.el.span(row["label"], class_name="w-40 shrink-0 [overflow-wrap:anywhere]"),
                        rx.el.span(
                            rx.el.span(
                                class_name="block h-5 rounded",
                                style={"width": row["pct"], "background_color": BAR},
                            ),
                            class_name="flex-1 rounded",
                            style={"background_color": BAR_TRACK},
                            aria_hidden="true",
                        ),
                        rx.el.span(row["count"], class_name="w-12 text-end tabular-nums font-semibold"),
                        class_name="flex items-center gap-3",
                    ),
                ),
                class_name="space-y-1.5",
                data_testid=testid,
            ),
            rx.el.p(_("Nothing in this period."), class_name="text-slate-600"),
        ),
        class_name=f"{CARD} space-y-3",
    )


def _days(_: Translator) -> rx.Component:
    rows = DeskReportsState.per_day
    return rx.el.section(
        rx.el.h2(_("Registrations per day"), class_name="text-lg font-bold"),
        rx.el.div(
            rx.foreach(
                rows,
                lambda row: rx.el.div(
                    rx.el.span(
                        class_name="block w-full rounded-t",
                        style={"height": row["pct"], "background_color": BAR, "min_height": "1px"},
                    ),
                    title=row["label"] + ": " + row["count"],
                    class_name="flex-1 flex items-end h-40",
                ),
            ),
            class_name="flex items-end gap-px h-40 border-b border-slate-400",
            aria_hidden="true",
        ),
        rx.el.details(
            rx.el.summary(_("Show the numbers"), class_name="cursor-pointer min-h-11 flex items-center"),
            rx.el.table(
                rx.el.tbody(
                    rx.foreach(
                        rows,
                        lambda row: rx.el.tr(
                            rx.el.td(row["label"]), rx.el.td(row["count"], class_name="text-end")
                        ),
                    ),
                ),
                class_name="text-sm",
            ),
        ),
        class_name=f"{CARD} space-y-3",
        data_testid="per-day",
    )


def reports_page(locale: str) -> rx.Component:
    """The dashboard."""
    _ = Translator(locale)
    return frame.frame(
        locale,
        rx.el.h1(_("Figures"), class_name="text-2xl font-bold"),
        rx.el.p(_("Counts only: no names. Records deleted after the retention period are still counted.")),
        rx.el.form(
            rx.el.div(
                rx.el.label(_("From"), html_for="report-start", class_name=LABEL),
                rx.el.input(
                    id="report-start",
                    name="start",
                    type="date",
                    default_value=DeskReportsState.start,
                    key=DeskReportsState.start,
                    class_name=INPUT,
                ),
            ),
            rx.el.div(
                rx.el.label(_("To"), html_for="report-end", class_name=LABEL),
                rx.el.input(
                    id="report-end",
                    name="end",
                    type="date",
                    default_value=DeskReportsState.end,
                    key=DeskReportsState.end,
                    class_name=INPUT,
                ),
            ),
            rx.el.button(_("Show"), type="submit", class_name=PRIMARY),
            rx.el.button(
                rx.icon("download", size=18, aria_hidden="true"),
                _("Download CSV"),
                type="button",
                on_click=DeskReportsState.download,
                class_name=SECONDARY,
            ),
            on_submit=DeskReportsState.choose,
            class_name="flex flex-wrap items-end gap-3 my-4",
        ),
        alert(DeskReportsState.reports_error, "reports-error"),
        rx.el.p(
            _("Registrations in this period:"),
            " ",
            rx.el.strong(DeskReportsState.total, data_testid="total"),
            class_name="text-lg mb-4",
        ),
        rx.el.div(
            _days(_),
            _chart(_("Needs"), DeskReportsState.needs, "needs", _),
            _chart(_("Nationalities"), DeskReportsState.nationalities, "nationalities", _),
            _chart(_("Referrals per service"), DeskReportsState.referrals, "referrals", _),
            class_name="grid gap-4 lg:grid-cols-2",
        ),
        active="desk_reports",
        same_page=routes.desk_reports,
    )
