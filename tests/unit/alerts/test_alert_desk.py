"""The desk's side of alerts: only coordinators post or end them (the access table the other
desk tests read), refusals in the desk's language beside their form, the lines it lists."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp import access
from rxapp import models as m
from rxapp.access import RULES, Desk
from rxapp.desk.alerts import AlertsState
from rxapp.desk.alerts_display import alert_line, alert_raw, problem_words, quick_lines, template_buttons
from rxapp.desk.directory import DirectoryState
from rxapp.desk.directory_display import TextLine
from rxapp.i18n.catalogs import Translator
from rxapp.models import Role
from rxapp.services import alerts
from rxapp.services.alerts import AlertProblem
from rxapp.services.auth import Staff
from tests.data.aio import run
from tests.data.alerts import NOW, SHELTER, TZ, directory, local, message, post

HANDLERS = [
    "AlertsState.load",
    "AlertsState.choose",
    "AlertsState.post",
    "AlertsState.end_now",
    "AlertsState.open_edit",
    "AlertsState.close_edit",
    "AlertsState.save_edit",
    "DirectoryState.quick",
    "DirectoryState.end_alert",
]


def _staff(role: Role) -> Staff:
    return Staff(user_id=7, username=role.value, display_name=role.value, role=role, session_id=1)


class _Page:
    """What the decorator and the handlers need of a desk page, with ``_staff`` as the desk
    session answers it: the signed-in person only if their role may do what is asked."""

    def __init__(self, staff: Staff) -> None:
        self.staff, self.refusals, self.listed = staff, [], 0  # type: ignore[var-annotated]
        self.errors: dict[str, str] = {}
        self.message = self.chosen = ""
        self.form_key = 0
        self.editing = ""
        self.draft: alerts.AlertDraft | None = None

    async def _staff(self, role: Role | None = Role.VOLUNTEER, *, touch: bool = True) -> Staff | None:
        return self.staff if role is None or self.staff.can(role) else None

    def _t(self) -> Translator:
        return Translator("es")

    def _refuse(self, message: str, *, form: str = "", error: Exception | None = None) -> None:
        self.refusals.append(message)

    def _list(self, desk: Desk) -> None:
        self.listed += 1


@pytest.fixture
def engine(empty_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    with Session(empty_engine) as session:
        directory(session)
    monkeypatch.setattr(access, "engine", lambda: empty_engine)
    return empty_engine


def _posted(engine: Engine) -> list[m.Alert]:
    with Session(engine) as session:
        return list(session.exec(select(m.Alert)).all())


def test_the_table_says_only_coordinators_post_and_end_alerts() -> None:
    assert {name: RULES[name] for name in HANDLERS} == dict.fromkeys(HANDLERS, Role.COORDINATOR)


@pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.TRANSLATOR])
def test_a_volunteer_or_a_translator_cannot_post(engine: Engine, role: Role) -> None:
    page = _Page(_staff(role))
    run(AlertsState.post.fn(page, message(ends_at="2099-01-01T10:00")))
    run(DirectoryState.quick.fn(page, 1, "full_tonight"))
    assert _posted(engine) == [] and page.listed == 0


def test_a_coordinator_posts_from_a_template_and_the_form_closes(engine: Engine) -> None:
    page = _Page(_staff(Role.COORDINATOR))
    page.chosen = "full_tonight"
    run(AlertsState.post.fn(page, {"kind": "full_tonight", "service": SHELTER, "urgency": "urgent"}))
    assert [a.kind for a in _posted(engine)] == [m.AlertKind.FULL_TONIGHT]
    assert (page.chosen, page.errors, page.listed) == ("", {}, 1)
    assert page.message.startswith("Publicado")


def test_a_template_opens_and_cancel_closes_it(engine: Engine) -> None:
    """Bug caught before release: "Cancel" sent "", which the choice model refused, so the
    template's form stayed open."""
    page = _Page(_staff(Role.COORDINATOR))
    run(AlertsState.choose.fn(page, "scam"))
    assert page.chosen == "scam"
    run(AlertsState.choose.fn(page, ""))
    assert page.chosen == ""


def test_a_refusal_is_worded_in_the_desks_language_beside_its_form(engine: Engine) -> None:
    page = _Page(_staff(Role.COORDINATOR))
    run(AlertsState.post.fn(page, {"kind": "full_tonight", "service": ""}))
    assert page.errors == {"t.services": "Elige un solo servicio.", "t.form": page.errors["t.form"]}
    run(AlertsState.post.fn(page, message(title="", ends_at="")))
    assert page.errors["m.title"] == "Escribe esto, no puede quedar vacío."
    assert _posted(engine) == []


def test_ending_an_ended_alert_is_refused_in_words(engine: Engine) -> None:
    october = dt.datetime(2026, 10, 1, 12, tzinfo=dt.UTC)  # time travel: it ended long before today
    with Session(engine) as session:
        gone = post(session, october, **message(ends_at="2026-10-02T10:00")).public_id
    page = _Page(_staff(Role.COORDINATOR))
    run(AlertsState.end_now.fn(page, gone))
    assert page.refusals == ["Este aviso ya terminó."]


@pytest.mark.parametrize(
    ("form", "raw"),
    [
        (
            {"kind": "message", "services.a": True, "services.b": False, "title": "x"},
            {"kind": "message", "title": "x", "services": ["a"]},
        ),
        (
            {"kind": "closed_today", "service": "a", "secret": "x"},
            {"kind": "closed_today", "services": ["a"]},
        ),
    ],
)
def test_what_a_form_sends_is_shaped_for_the_input_model(form: dict[str, Any], raw: dict[str, Any]) -> None:
    assert alert_raw(form) == raw


def test_every_problem_has_words_in_every_desk_language() -> None:
    for tag in ("es", "en", "fr", "ht", "pt", "ar"):
        words = problem_words(
            dict.fromkeys(AlertProblem, AlertProblem.REQUIRED) | {"a": AlertProblem.ENDED}, Translator(tag)
        )
        assert all(words.values()), tag


def test_the_templates_show_their_words_with_blanks(engine: Engine) -> None:
    buttons = {b.kind: b for b in template_buttons(Translator("en"))}
    assert buttons["office_closed"].words == "The … office is closed on …"
    assert buttons["full_tonight"].blanks == ["service"]


def test_a_line_names_the_language_shown_when_it_is_not_the_desks(engine: Engine) -> None:
    with Session(engine) as session:
        alert = post(session, **message(services=[SHELTER]))
        view = alerts.views(session=session, alerts=[alert], locale="ar")[0]
    line = alert_line(view, Translator("ar"))
    assert (line.lang, line.dir, line.language) == ("es", "ltr", "Español")
    assert line.scope == "الملجأ الليلي" and line.translations.endswith(f"?alert={alert.public_id}")


def test_a_quick_state_says_until_when(engine: Engine) -> None:
    showing = [alerts.Showing(m.AlertKind.FULL_TONIGHT, "x" * 36, local(3, 19))]
    assert [q.label for q in quick_lines(showing, Translator("en"), NOW)] == [
        "Full tonight until 12/3/26, 7:00\u202fPM"
    ]
    assert quick_lines(showing, Translator("en"), local(3, 19) + dt.timedelta(seconds=1)) == []


def test_the_translations_page_shows_an_alerts_texts(engine: Engine) -> None:
    """``/desk/directory/translations?alert=<public id>``: the directory's boxes, for an alert."""
    from rxapp.desk.translations import TranslationsState

    @dataclass
    class Shown:
        _slug: str = ""
        _alert: str = ""
        texts: list[TextLine] = field(default_factory=list)

    with Session(engine) as session:
        alert = post(session, **message())
        shown = Shown()
        shown._alert = alert.public_id
        desk = Desk(staff=_staff(Role.COORDINATOR), session=session, _=Translator("es"))
        assert TranslationsState._read(shown, desk)  # type: ignore[arg-type]
        shown._alert = "0" * 36
        assert not TranslationsState._read(shown, desk)  # type: ignore[arg-type]
    lines = [(line.what, line.field, line.source) for line in shown.texts]
    assert lines == [("Aviso", "Título", "Cierre del albergue"), ("Aviso", "Texto", message()["text"])]


def _current(engine: Engine) -> str:
    """An alert showing now by the real clock (the desk's handlers read it), ending in two days."""
    now = dt.datetime.now(dt.UTC)
    ends = (now + dt.timedelta(days=2)).astimezone(TZ).strftime("%Y-%m-%dT%H:%M")
    with Session(engine) as session:
        return post(session, now, **message(ends_at=ends)).public_id


def test_a_coordinator_changes_an_alert_under_its_line(engine: Engine) -> None:
    public_id = _current(engine)
    page = _Page(_staff(Role.COORDINATOR))
    run(AlertsState.open_edit.fn(page, public_id))
    draft = page.draft  # a name of its own: ``page.draft`` changes when the handler runs
    assert page.editing == public_id and draft is not None and draft.title == "Cierre del albergue"
    form = {"urgency": "info", "title": "Albergue abierto", "text": "Ya pasó.", "ends_at": draft.ends_at}
    run(AlertsState.save_edit.fn(page, form))
    assert (page.editing, page.draft, page.errors, page.listed) == ("", None, {}, 1)
    assert page.message.startswith("Cambiado")
    (alert,) = _posted(engine)
    assert (alert.title, alert.urgency) == ("Albergue abierto", m.AlertUrgency.INFO)


def test_a_wrong_change_is_refused_beside_its_field_and_the_form_stays(engine: Engine) -> None:
    public_id = _current(engine)
    page = _Page(_staff(Role.COORDINATOR))
    run(AlertsState.open_edit.fn(page, public_id))
    run(AlertsState.save_edit.fn(page, {"urgency": "info", "title": "", "ends_at": "2026-01-01T10:00"}))
    assert page.errors["e.title"] == "Escribe esto, no puede quedar vacío."
    assert page.editing == public_id and page.listed == 0
    assert _posted(engine)[0].title == "Cierre del albergue"
    run(AlertsState.close_edit.fn(page))
    assert (page.editing, page.draft) == ("", None)


@pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.TRANSLATOR])
def test_only_a_coordinator_changes_an_alert(engine: Engine, role: Role) -> None:
    public_id = _current(engine)
    page = _Page(_staff(role))
    page.editing = public_id  # even with the form somehow open
    run(AlertsState.save_edit.fn(page, {"urgency": "info", "title": "Otro", "ends_at": ""}))
    assert _posted(engine)[0].title == "Cierre del albergue"
