"""The translator's desk: each language's content completeness, its ``.po`` file to download
and the translated file to upload. Directory texts only: no migrant's data here."""

from __future__ import annotations

from typing import cast

import reflex as rx
from babel.numbers import format_percent
from reflex.vars import ObjectVar

from rxapp import routes
from rxapp.access import Desk, desk_event
from rxapp.components.desk import CARD, SECONDARY
from rxapp.desk import frame
from rxapp.desk.frame import role_in
from rxapp.desk.po_upload import upload_form
from rxapp.desk.session import DeskState
from rxapp.i18n.catalogs import Translator
from rxapp.i18n.formatting import babel_locale
from rxapp.i18n.locales import info as locale_info
from rxapp.registry import TRANSLATION_ROLES
from rxapp.services import content_files
from rxapp.settings import get_settings
from rxapp.taxonomy import N_

DRAFT_STRIPES = "repeating-linear-gradient(135deg, #b45309 0 3px, #fde68a 3px 7px)"
SHARES = {
    "reviewed": N_("{percent} reviewed"),
    "drafted": N_("{percent} drafted, not reviewed yet"),
    "rest": N_("{percent} outdated or missing"),
}


def share_words(row: dict[str, int], _: Translator) -> dict[str, str]:
    """The reviewed, drafted and remaining shares of a language, in the desk's language."""
    reviewed, drafted = row["reviewed_percent"], row["drafted_percent"]
    shares = {"reviewed": reviewed, "drafted": drafted, "rest": 100 - reviewed - drafted}
    locale = babel_locale(_.tag)
    return {
        key: _(SHARES[key]).replace("{percent}", format_percent(value / 100, locale=locale))
        for key, value in shares.items()
    }


class TranslateState(DeskState):
    """Per locale: texts up to date (reviewed or drafted), outdated, missing, unreviewed, total,
    and the shares reviewed and drafted in words."""

    counts: rx.Field[dict[str, dict[str, int]]] = rx.field(default_factory=dict)
    words: rx.Field[dict[str, dict[str, str]]] = rx.field(default_factory=dict)
    loaded: rx.Field[bool] = rx.field(False)

    @rx.event
    @desk_event()
    async def load(self, desk: Desk) -> None:
        """On load, after sign-in and after each upload: the counts of every language."""
        table = content_files.completeness(session=desk.session, locales=get_settings().locales)
        self.words = {tag: share_words(row, desk._) for tag, row in table.items()}
        self.counts, self.loaded = table, True


# mypy reads a dict field's class access as an ArrayVar (Reflex 0.10's ``Field.__get__``
# overloads): the view reads these, typed as the ObjectVars they are.
COUNTS = cast("ObjectVar[dict[str, dict[str, int]]]", TranslateState.counts)
WORDS = cast("ObjectVar[dict[str, dict[str, str]]]", TranslateState.words)


def _count(label: str, value: rx.Var[int], testid: str) -> rx.Component:
    return rx.el.div(
        rx.el.dt(label, class_name="text-sm text-slate-700"),
        rx.el.dd(value, class_name="text-2xl font-bold tabular-nums", data_testid=testid),
        class_name="rounded-xl bg-slate-50 p-2",
    )


def _swatch(style: dict[str, str], text: rx.Var[str], testid: str) -> rx.Component:
    return rx.el.li(
        rx.el.span(
            aria_hidden="true",
            style=style,
            class_name="inline-block size-4 shrink-0 rounded-sm border border-slate-500",
        ),
        text,
        class_name="flex items-center gap-2",
        data_testid=testid,
    )


def _progress(tag: str, row: ObjectVar[dict[str, int]]) -> rx.Component:
    """A two-tone bar (reviewed solid, drafted striped) and its legend in words: the colours
    are not the only cue."""
    words = WORDS[tag].to(dict[str, str])
    reviewed, drafted = row["reviewed_percent"].to(int), row["drafted_percent"].to(int)
    solid, stripes = {"background": "#0f766e"}, {"background": DRAFT_STRIPES}
    return rx.el.div(
        rx.el.div(
            rx.el.div(
                class_name="h-full",
                style={**solid, "width": f"{reviewed}%"},
                data_testid=f"bar-reviewed-{tag}",
            ),
            rx.el.div(
                class_name="h-full",
                style={**stripes, "width": f"{drafted}%"},
                data_testid=f"bar-drafted-{tag}",
            ),
            aria_hidden="true",
            class_name="flex h-3 rounded-full bg-slate-200 overflow-hidden",
        ),
        rx.el.ul(
            _swatch(solid, words["reviewed"].to(str), f"share-reviewed-{tag}"),
            _swatch(stripes, words["drafted"].to(str), f"share-drafted-{tag}"),
            _swatch({"background": "#e2e8f0"}, words["rest"].to(str), f"share-rest-{tag}"),
            class_name="flex flex-wrap gap-x-4 gap-y-1 text-sm",
        ),
        class_name="space-y-2",
    )


def _language(tag: str, _: Translator) -> rx.Component:
    info = locale_info(tag)
    row = COUNTS[tag].to(dict[str, int])
    counts = rx.el.dl(
        _count(_("Up to date"), row["up_to_date"].to(int), f"done-{tag}"),
        _count(_("Outdated"), row["outdated"].to(int), f"outdated-{tag}"),
        _count(_("Missing"), row["missing"].to(int), f"missing-{tag}"),
        _count(_("Unreviewed drafts"), row["unreviewed"].to(int), f"unreviewed-{tag}"),
        class_name="grid grid-cols-2 xl:grid-cols-4 gap-2",
    )
    return rx.el.section(
        rx.el.div(
            rx.el.h2(
                rx.el.span(info.native_name, lang=tag, dir=info.direction),
                rx.el.span(tag, class_name="font-mono text-sm font-normal text-slate-600", dir="ltr"),
                class_name="flex items-baseline gap-2 text-xl font-bold",
            ),
            rx.el.span(
                WORDS[tag].to(dict[str, str])["reviewed"].to(str),
                class_name="ms-auto text-lg font-bold tabular-nums",
                data_testid=f"reviewed-{tag}",
            ),
            class_name="flex items-center gap-2",
        ),
        _progress(tag, row),
        rx.cond(
            row["total"].to(int) > 0,
            counts,
            rx.el.p(_("Nothing to translate into this language."), class_name="text-slate-700"),
        ),
        rx.el.a(
            rx.icon("download", size=18, aria_hidden="true"),
            _("Download the .po file"),
            href=routes.content_po(tag),
            download=content_files.filename(tag),
            # rx.el.a is React Router's Link: the browser must follow it itself, to save the file.
            reload_document=True,
            class_name=SECONDARY,
            data_testid=f"download-{tag}",
        ),
        upload_form(tag, _),
        class_name=f"{CARD} space-y-3",
        data_testid=f"language-{tag}",
    )


def translate_page(locale: str) -> rx.Component:
    """Every language's card, for translators and coordinators."""
    _ = Translator(locale)
    intro = rx.el.div(
        rx.el.p(
            _(
                "Download a language's file, translate it in Poedit, Weblate or a text editor, "
                "then upload it here. Empty entries and entries marked as needing work are skipped; "
                "a file with any error changes nothing."
            )
        ),
        rx.el.p(
            _(
                "Outdated: the original text changed after it was translated. "
                "Unreviewed: a draft that no native speaker has checked yet."
            ),
            class_name="text-slate-700",
        ),
        class_name="space-y-1 max-w-3xl",
    )
    cards = rx.el.div(
        *[_language(tag, _) for tag in get_settings().locales],
        class_name="grid gap-4 md:grid-cols-2",
    )
    return frame.frame(
        locale,
        rx.el.h1(_("Translations"), class_name="text-2xl font-bold mb-2"),
        rx.cond(
            role_in(TRANSLATION_ROLES),
            rx.el.div(
                intro,
                rx.cond(
                    TranslateState.loaded,
                    cards,
                    rx.el.p(_("Loading…"), role="status", class_name="p-6 text-slate-600"),
                ),
                class_name="space-y-4",
            ),
            rx.el.p(_("Only translators and coordinators use this page."), class_name="p-6"),
        ),
        # Pressed by content.js after an upload: new counts, or the lock screen.
        rx.el.button(id="paso-content-refresh", type="button", hidden=True, on_click=TranslateState.load),
        active="desk_translate",
        same_page=routes.desk_translate,
    )
