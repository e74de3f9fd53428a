"""Figures for coordinators: registrations per day, needs, nationalities and referrals over a
chosen range, from aggregate queries only (no names), with a CSV of the same counts.

The charts are plain HTML bars with explicit colours and a table behind each: no chart
library, so neither the desk nor the public pages download chart code, and a screen reader
gets the numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import reflex as rx
from pydantic import BaseModel, model_validator
from reflex.event import EventSpec
from reflex.vars import ArrayVar

from rxapp import routes
from rxapp.access import Desk, desk_event
from rxapp.components.desk import CARD, PRIMARY, SECONDARY, alert
from rxapp.components.form import INPUT, LABEL
from rxapp.desk import frame
from rxapp.desk.session import DeskState
from rxapp.i18n.catalogs import Translator
from rxapp.i18n.countries import country_name
from rxapp.i18n.formatting import date_medium
from rxapp.models import utcnow
from rxapp.services import figures
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


@dataclass(frozen=True)
class Bar:
    """One bar of a chart: what it counts, how many, and its length beside the longest."""

    label: str
    count: int
    pct: str  # a CSS width or height, "100.0%" for the longest


def _bars(rows: list[tuple[str, int]], label: Callable[[str], str]) -> list[Bar]:
    top = max((n for _, n in rows), default=0) or 1
    return [Bar(label=label(key), count=n, pct=f"{100 * n / top:.1f}%") for key, n in rows]


class FiguresState(DeskState):
    """The figures of one range, as words and bar lengths."""

    start: rx.Field[str] = rx.field("")
    end: rx.Field[str] = rx.field("")
    total: rx.Field[int] = rx.field(0)
    per_day: rx.Field[list[Bar]] = rx.field(default_factory=list)
    needs: rx.Field[list[Bar]] = rx.field(default_factory=list)
    nationalities: rx.Field[list[Bar]] = rx.field(default_factory=list)
    referrals: rx.Field[list[Bar]] = rx.field(default_factory=list)
    figures_error: rx.Field[str] = rx.field("")

    def _refuse(self, message: str, *, form: str = "", error: Exception | None = None) -> None:
        self.figures_error = message

    def _compute(self, desk: Desk, chosen: Range) -> figures.Figures:
        counted = figures.compute(
            session=desk.session, start=chosen.start, end=chosen.end, tz=get_settings().tz
        )
        names = service_names(session=desk.session, locale=self._locale())
        _ = desk._
        self.start, self.end = chosen.start.isoformat(), chosen.end.isoformat()
        self.total = counted.total
        self.per_day = _bars(counted.per_day, lambda day: date_medium(dt.date.fromisoformat(day), _.tag))
        self.needs = _bars(
            counted.needs, lambda slug: _(NEEDS_BY_SLUG[slug].label) if slug in NEEDS_BY_SLUG else slug
        )
        self.nationalities = _bars(
            counted.nationalities, lambda code: country_name(code, _.tag) if code else _(N_("Not given"))
        )
        self.referrals = _bars(
            counted.referrals,
            lambda slug: names.get(slug, slug) if slug else _(N_("A service since removed")),
        )
        return counted

    @rx.event
    @desk_event()
    async def load(self, desk: Desk) -> None:
        """On load: the last 30 days."""
        today = utcnow().astimezone(get_settings().tz).date()
        self.figures_error = ""
        self._compute(desk, Range(start=today - dt.timedelta(days=29), end=today))

    @rx.event
    @desk_event(Range, invalid=N_("Choose a start date before the end date, at most a year apart."))
    async def choose(self, desk: Desk, data: Range) -> None:
        """Another range."""
        self.figures_error = ""
        self._compute(desk, data)

    @rx.event
    @desk_event()
    async def download(self, desk: Desk) -> EventSpec | None:
        """The same counts as a CSV file."""
        if not self.start:
            return None
        chosen = Range(start=dt.date.fromisoformat(self.start), end=dt.date.fromisoformat(self.end))
        counted = self._compute(desk, chosen)
        return rx.download(data=figures.to_csv(counted), filename=f"paso-{self.start}-{self.end}.csv")


def _chart(title: str, rows: ArrayVar[Sequence[Bar]], testid: str, _: Translator) -> rx.Component:
    return rx.el.section(
        rx.el.h2(title, class_name="text-lg font-bold"),
        rx.cond(
            rows.length() > 0,
            rx.el.ul(
                rx.foreach(
                    rows,
                    lambda row: rx.el.li(
                        rx.el.span(row.label, class_name="w-40 shrink-0 [overflow-wrap:anywhere]"),
                        rx.el.span(
                            rx.el.span(
                                class_name="block h-5 rounded",
                                style={"width": row.pct, "background_color": BAR},
                            ),
                            class_name="flex-1 rounded",
                            style={"background_color": BAR_TRACK},
                            aria_hidden="true",
                        ),
                        rx.el.span(row.count, class_name="w-12 text-end tabular-nums font-semibold"),
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
    rows: ArrayVar[Sequence[Bar]] = FiguresState.per_day
    return rx.el.section(
        rx.el.h2(_("Registrations per day"), class_name="text-lg font-bold"),
        rx.el.div(
            rx.foreach(
                rows,
                lambda row: rx.el.div(
                    rx.el.span(
                        class_name="block w-full rounded-t",
                        style={"height": row.pct, "background_color": BAR, "min_height": "1px"},
                    ),
                    title=row.label + ": " + row.count.to_string(),
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
                        lambda row: rx.el.tr(rx.el.td(row.label), rx.el.td(row.count, class_name="text-end")),
                    ),
                ),
                class_name="text-sm",
            ),
        ),
        class_name=f"{CARD} space-y-3",
        data_testid="per-day",
    )


def figures_page(locale: str) -> rx.Component:
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
                    default_value=FiguresState.start,
                    key=FiguresState.start,
                    class_name=INPUT,
                ),
            ),
            rx.el.div(
                rx.el.label(_("To"), html_for="report-end", class_name=LABEL),
                rx.el.input(
                    id="report-end",
                    name="end",
                    type="date",
                    default_value=FiguresState.end,
                    key=FiguresState.end,
                    class_name=INPUT,
                ),
            ),
            rx.el.button(_("Show"), type="submit", class_name=PRIMARY),
            rx.el.button(
                rx.icon("download", size=18, aria_hidden="true"),
                _("Download CSV"),
                type="button",
                on_click=FiguresState.download,
                class_name=SECONDARY,
            ),
            on_submit=FiguresState.choose,
            class_name="flex flex-wrap items-end gap-3 my-4",
        ),
        alert(FiguresState.figures_error, "reports-error"),
        rx.el.p(
            _("Registrations in this period:"),
            " ",
            rx.el.strong(FiguresState.total, data_testid="total"),
            class_name="text-lg mb-4",
        ),
        rx.el.div(
            _days(_),
            _chart(_("Needs"), FiguresState.needs, "needs", _),
            _chart(_("Nationalities"), FiguresState.nationalities, "nationalities", _),
            _chart(_("Referrals per service"), FiguresState.referrals, "referrals", _),
            class_name="grid gap-4 lg:grid-cols-2",
        ),
        active="desk_reports",
        same_page=routes.desk_reports,
    )
