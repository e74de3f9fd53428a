"""One service's texts beside their translations (coordinators): each text's source, and in
every other locale its translation, its status (up to date, outdated, missing) and a box to
save a new one. A typed translation counts as reviewed and up to date with the source."""

from __future__ import annotations

from typing import Any

import reflex as rx
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlmodel import Session

from rxapp import routes
from rxapp.components.desk import CARD, PRIMARY, badge
from rxapp.components.style import FOCUS
from rxapp.desk import frame
from rxapp.desk.session import DeskState
from rxapp.i18n.catalogs import Translator
from rxapp.i18n.locales import info
from rxapp.models import Role
from rxapp.pages.desk_edit_display import PROBLEMS, text_row
from rxapp.services import editing, editing_views
from rxapp.services.db import engine
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


class TranslationsState(DeskState):
    """The texts of the service named by ``?id=``, with their translations."""

    mode: str = ""  # "ready" | "missing"; "" until loaded
    service_name: str = ""
    edit_link: str = ""
    texts: list[dict[str, Any]] = []
    only: str = ""  # show one locale, or all
    cell_errors: dict[str, str] = {}
    saved: str = ""  # the box saved last, to say so beside it
    _slug: str = ""

    def _read(self, session: Session) -> bool:
        settings = get_settings()
        rows = editing_views.text_rows(session=session, slug=self._slug, locales=settings.locales)
        if rows is None:
            return False
        _ = self._t()
        self.texts = [text_row(row, _) for row in rows]
        return True

    @rx.event
    async def load(self) -> None:
        """On load: the service's texts and their status in every locale."""
        if await self._staff(Role.COORDINATOR) is None:
            self.mode, self.texts = "", []
            return
        self._slug = self.router.url.query_parameters.get("id", "")
        self.cell_errors, self.saved = {}, ""
        with Session(engine()) as session:
            self.mode = "ready" if self._slug and self._read(session) else "missing"
        # The service's name comes first (a service always has one).
        self.service_name = self.texts[0]["source"] if self.mode == "ready" and self.texts else ""
        self.edit_link = routes.desk_service(self._locale(), self._slug)

    @rx.event
    async def show_only(self, locale: str) -> None:
        """Show one locale beside the source, or every locale."""
        if await self._staff(Role.COORDINATOR) is None:
            return
        self.only = locale if locale in get_settings().locales else ""

    @rx.event
    async def save(self, form: dict[str, Any]) -> None:
        """Save one translation; its status becomes up to date."""
        if await self._staff(Role.COORDINATOR) is None:
            return
        _ = self._t()
        try:
            cell = CellInput.model_validate(form)
        except ValidationError:
            return
        shown = {c["key"] for row in self.texts for c in row["cells"]}
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
                with Session(engine()) as session:
                    editing.set_translation(session=session, data=data)
                    self._read(session)
            except EditError as error:
                problem = error.problem
        if problem is not None:
            self.cell_errors = {**self.cell_errors, cell.target: _(PROBLEMS[problem])}
            self.saved = ""
            return
        self.cell_errors = {k: v for k, v in self.cell_errors.items() if k != cell.target}
        self.saved = cell.target


def _cell(cell: rx.Var[dict[str, str]], _: Translator) -> rx.Component:
    box = "text-" + cell["key"]
    error = TranslationsState.cell_errors[cell["key"]].to(str)
    return rx.el.form(
        rx.el.input(type="hidden", name="target", value=cell["key"]),
        rx.el.div(
            rx.el.label(cell["language"], html_for=box, class_name="font-semibold"),
            badge(cell["status"], cell["status_label"], TONES, data_testid="translation-status"),
            rx.cond(cell["draft"], rx.el.span(cell["draft"], class_name="text-sm text-slate-700")),
            class_name="flex flex-wrap items-center gap-2",
        ),
        rx.cond(
            cell["previous"],
            rx.el.p(
                _("Translated from:"),
                " ",
                rx.el.del_(cell["previous"]),
                class_name="text-sm text-slate-700",
            ),
        ),
        rx.el.textarea(
            id=box,
            name="text",
            default_value=cell["text"],
            lang=cell["locale"],
            dir=cell["dir"],
            aria_invalid=rx.cond(error, "true", "false"),
            class_name=f"block w-full min-h-20 p-2 rounded-xl border-2 border-slate-400 bg-white {FOCUS} "
            "aria-[invalid=true]:border-red-700",
        ),
        rx.cond(error, rx.el.p(error, role="alert", class_name="font-semibold text-red-800")),
        rx.el.div(
            rx.el.button(_("Save translation"), type="submit", class_name=PRIMARY),
            rx.cond(
                TranslationsState.saved == cell["key"],
                rx.el.span(_("Saved"), role="status", class_name="font-semibold text-green-800"),
            ),
            class_name="flex items-center gap-3",
        ),
        on_submit=TranslationsState.save,
        key=cell["key"],
        hidden=(TranslationsState.only != "") & (TranslationsState.only != cell["locale"]),
        class_name="space-y-2 rounded-xl border border-slate-200 p-3",
        data_testid="translation-cell",
    )


def _text(row: rx.Var[dict[str, Any]], _: Translator) -> rx.Component:
    return rx.el.section(
        rx.el.h2(row["what"].to(str), " · ", row["field"].to(str), class_name="text-lg font-bold"),
        rx.el.div(
            rx.el.div(
                rx.el.p(row["language"].to(str), " · ", _("Original"), class_name="font-semibold"),
                rx.el.p(row["source"].to(str), dir=row["dir"].to(str), class_name="whitespace-pre-wrap"),
                class_name="rounded-xl bg-slate-100 p-3 space-y-1 lg:sticky lg:top-2 self-start",
            ),
            rx.el.div(
                rx.foreach(row["cells"].to(list[dict[str, str]]), lambda cell: _cell(cell, _)),
                class_name=rx.cond(TranslationsState.only, "grid gap-3", "grid gap-3 md:grid-cols-2"),
            ),
            class_name="grid gap-3 lg:grid-cols-[1fr_2fr]",
        ),
        key=row["target"].to(str),
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
            "ready",
            rx.el.div(
                rx.el.div(
                    rx.el.h1(
                        _("Translations"),
                        ": ",
                        rx.el.bdi(TranslationsState.service_name),
                        class_name="text-2xl font-bold",
                    ),
                    rx.el.a(
                        _("Edit the service"),
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
                            aria_pressed=rx.cond(TranslationsState.only == tag, "true", "false"),
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
        ("missing", rx.el.p(_("This service is not in the directory."), class_name="p-6")),
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
