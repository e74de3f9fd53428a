"""One service's (or one alert's, ``?alert=``) texts beside their translations (coordinators): each text's source, and in
every other locale its translation, its status (up to date, outdated, missing) and a box to
save a new one. A typed translation counts as reviewed and up to date with the source."""

from __future__ import annotations

from enum import StrEnum
from typing import cast

import reflex as rx
from pydantic import BaseModel, ConfigDict, Field
from reflex.vars import ObjectVar

from rxapp import routes
from rxapp.access import Desk, desk_event
from rxapp.components.desk import CARD, PRIMARY, badge
from rxapp.components.style import FOCUS, either
from rxapp.desk import frame
from rxapp.desk.directory_display import PROBLEMS, TextLine, TranslationCell, text_row
from rxapp.desk.session import DeskState
from rxapp.i18n.catalogs import Translator
from rxapp.i18n.locales import info
from rxapp.models import Role
from rxapp.services import alerts, editing, editing_views
from rxapp.services.alerts import AlertError
from rxapp.services.editing import EditError
from rxapp.services.editing_input import TranslationEdit, validate
from rxapp.settings import get_settings

TONES = {
    "up_to_date": "bg-teal-100 text-teal-900",
    "outdated": "bg-amber-100 text-amber-900",
    "missing": "bg-red-100 text-red-900",
}


class CellInput(BaseModel):
    """One translation box: which text in which locale, and what was typed."""

    model_config = ConfigDict(extra="ignore")
    target: str = Field(max_length=120)
    text: str = Field(default="", max_length=20000)  # the field's own limit is checked after


class Mode(StrEnum):
    """What the page shows: nothing until loaded, the texts, or that the service is missing."""

    LOADING = ""
    READY = "ready"
    MISSING = "missing"


class TranslationsState(DeskState):
    """The texts of the service named by ``?id=``, with their translations."""

    mode: rx.Field[Mode] = rx.field(Mode.LOADING)
    service_name: rx.Field[str] = rx.field("")
    edit_link: rx.Field[str] = rx.field("")
    texts: rx.Field[list[TextLine]] = rx.field(default_factory=list)
    only: rx.Field[str] = rx.field("")  # show one locale, or all
    cell_errors: rx.Field[dict[str, str]] = rx.field(default_factory=dict)
    saved: rx.Field[str] = rx.field("")  # the box saved last, to say so beside it
    for_alert: rx.Field[bool] = rx.field(False)  # ``?alert=<public id>``: an alert's texts
    _slug: str = ""
    _alert: str = ""

    def _read(self, desk: Desk) -> bool:
        locales = get_settings().locales
        rows: list[editing_views.TextRow] | None
        if self._alert:
            try:
                found = alerts.find(desk.session, self._alert)
            except AlertError:
                return False
            rows = editing_views.record_text_rows(
                session=desk.session, records=[(found, "")], locales=locales
            )
        else:
            rows = editing_views.text_rows(session=desk.session, slug=self._slug, locales=locales)
        if rows is None:
            return False
        self.texts = [text_row(row, desk._) for row in rows]
        return True

    @rx.event
    @desk_event()
    async def load(self, desk: Desk) -> None:
        """On load: the service's texts and their status in every locale."""
        asked = self.router.url.query_parameters
        self._slug, self._alert = asked.get("id", ""), asked.get("alert", "")
        self.for_alert = bool(self._alert)
        self.cell_errors, self.saved = {}, ""
        self.mode = Mode.READY if (self._slug or self._alert) and self._read(desk) else Mode.MISSING
        # The service's name (or the alert's title, or its one phrase) comes first.
        self.service_name = self.texts[0].source if self.mode == Mode.READY and self.texts else ""
        locale = self._locale()
        self.edit_link = (
            routes.desk_alerts(locale) if self._alert else routes.desk_service(locale, self._slug)
        )

    @rx.event
    @desk_event()
    async def show_only(self, desk: Desk, locale: str) -> None:
        """Show one locale beside the source, or every locale."""
        self.only = locale if locale in get_settings().locales else ""

    @rx.event
    @desk_event(CellInput)
    async def save(self, desk: Desk, cell: CellInput) -> None:
        """Save one translation; its status becomes up to date."""
        shown = {c.key for row in self.texts for c in row.cells}
        if cell.target not in shown:  # only the boxes this page shows
            return
        kind, record_id, name, locale = cell.target.split(":")
        raw = {
            "record_type": kind,
            "record_id": record_id,
            "field": name,
            "locale": locale,
            "text": cell.text,
        }
        data, problems = validate(TranslationEdit, raw)
        problem = next(iter(problems.values()), None)
        if data is not None:
            try:
                editing.set_translation(session=desk.session, data=data)
                self._read(desk)
            except EditError as error:  # worded beside its box, not where the decorator would
                problem = error.problem
        if problem is not None:
            self.cell_errors = {**self.cell_errors, cell.target: desk._(PROBLEMS[problem])}
            self.saved = ""
            return
        self.cell_errors = {k: v for k, v in self.cell_errors.items() if k != cell.target}
        self.saved = cell.target


# mypy reads a dict field's class access as an ArrayVar (Reflex 0.10's ``Field.__get__``
# overloads): the view reads it typed as the ObjectVar it is.
CELL_ERRORS = cast("ObjectVar[dict[str, str]]", TranslationsState.cell_errors)


def _cell(cell: ObjectVar[TranslationCell], _: Translator) -> rx.Component:
    box = rx.Var.create("text-") + cell.key.to(str)
    error = CELL_ERRORS[cell.key.to(str)].to(str)
    return rx.el.form(
        rx.el.input(type="hidden", name="target", value=cell.key),
        rx.el.div(
            rx.el.label(cell.language, html_for=box, class_name="font-semibold"),
            badge(cell.status, cell.status_label, TONES, data_testid="translation-status"),
            rx.cond(cell.draft, rx.el.span(cell.draft, class_name="text-sm text-slate-700")),
            class_name="flex flex-wrap items-center gap-2",
        ),
        rx.cond(
            cell.previous,
            rx.el.p(
                _("Translated from:"),
                " ",
                rx.el.del_(cell.previous),
                class_name="text-sm text-slate-700",
            ),
        ),
        rx.el.textarea(
            id=box,
            name="text",
            default_value=cell.text,
            lang=cell.locale,
            dir=cell.dir,
            aria_invalid=either(error, "true", "false"),
            class_name=f"block w-full min-h-20 p-2 rounded-xl border-2 border-slate-400 bg-white {FOCUS} "
            "aria-[invalid=true]:border-red-700",
        ),
        rx.cond(error, rx.el.p(error, role="alert", class_name="font-semibold text-red-800")),
        rx.el.div(
            rx.el.button(_("Save translation"), type="submit", class_name=PRIMARY),
            rx.cond(
                TranslationsState.saved == cell.key,
                rx.el.span(_("Saved"), role="status", class_name="font-semibold text-green-800"),
            ),
            class_name="flex items-center gap-3",
        ),
        on_submit=TranslationsState.save,
        key=cell.key,
        hidden=(TranslationsState.only != "") & (TranslationsState.only != cell.locale),
        class_name="space-y-2 rounded-xl border border-slate-200 p-3",
        data_testid="translation-cell",
    )


def _text(row: ObjectVar[TextLine], _: Translator) -> rx.Component:
    return rx.el.section(
        rx.el.h2(row.what, " · ", row.field, class_name="text-lg font-bold"),
        rx.el.div(
            rx.el.div(
                rx.el.p(row.language, " · ", _("Original"), class_name="font-semibold"),
                rx.el.p(row.source, dir=row.dir, class_name="whitespace-pre-wrap"),
                class_name="rounded-xl bg-slate-100 p-3 space-y-1 lg:sticky lg:top-2 self-start",
            ),
            rx.el.div(
                rx.foreach(row.cells, lambda cell: _cell(cell, _)),
                class_name=either(TranslationsState.only, "grid gap-3", "grid gap-3 md:grid-cols-2"),
            ),
            class_name="grid gap-3 lg:grid-cols-[1fr_2fr]",
        ),
        key=row.target,
        class_name=f"{CARD} space-y-3",
        data_testid="translation-row",
    )


def translations_page(locale: str) -> rx.Component:
    """Every text of one service, side by side with its translations."""
    _ = Translator(locale)
    tabs = [("", _("All languages")), *((t, info(t).native_name) for t in get_settings().locales)]
    content = rx.match(
        TranslationsState.mode,
        (
            Mode.READY.value,
            rx.el.div(
                rx.el.div(
                    rx.el.h1(
                        _("Translations"),
                        ": ",
                        rx.el.bdi(TranslationsState.service_name),
                        class_name="text-2xl font-bold",
                    ),
                    rx.el.a(
                        either(TranslationsState.for_alert, _("All alerts"), _("Edit the service")),
                        href=TranslationsState.edit_link,
                        class_name="underline ms-auto",
                    ),
                    class_name="flex flex-wrap items-center gap-3",
                ),
                rx.el.div(
                    *[
                        rx.el.button(
                            label,
                            type="button",
                            on_click=TranslationsState.show_only(tag),
                            aria_pressed=either(TranslationsState.only == tag, "true", "false"),
                            class_name=f"min-h-11 px-3 rounded-lg border-2 border-slate-300 {FOCUS} "
                            "aria-[pressed=true]:bg-teal-800 aria-[pressed=true]:text-white",
                        )
                        for tag, label in tabs
                    ],
                    class_name="flex flex-wrap gap-2",
                    role="group",
                    aria_label=_("Languages shown"),
                ),
                rx.foreach(TranslationsState.texts, lambda row: _text(row, _)),
                class_name="space-y-4",
            ),
        ),
        (Mode.MISSING.value, rx.el.p(_("This service is not in the directory."), class_name="p-6")),
        rx.el.p(_("Loading…"), role="status", class_name="p-8 text-center text-slate-600"),
    )
    return frame.frame(
        locale,
        rx.el.a(
            _("All services"),
            href=routes.desk_directory(locale),
            class_name="inline-block mb-3 text-teal-900 underline",
        ),
        rx.cond(
            DeskState.role == Role.COORDINATOR.value,
            content,
            rx.el.p(_("Only coordinators edit the directory."), class_name="p-6"),
        ),
        active="desk_directory",
        same_page=routes.desk_translations,
    )
