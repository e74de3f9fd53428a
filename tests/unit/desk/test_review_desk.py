"""The desk's side of services an import left to review (issue 20): the badge with the source
on each line, the count and the filter (coordinators only), the editor's banner until "verified
today"."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp import access
from rxapp import models as m
from rxapp.access import RULES
from rxapp.desk import directory_display as show
from rxapp.desk.directory import DirectoryState
from rxapp.desk.directory_display import ServiceLine
from rxapp.i18n.catalogs import Translator
from rxapp.models import Role
from rxapp.services import editing_views
from rxapp.services.auth import Staff
from tests.data.aio import run
from tests.data.review import imported

TODAY = dt.date(2026, 11, 3)


class _Page:
    """What ``desk_event`` and the list's handlers need of the directory page; the list is the real one."""

    _list = DirectoryState._list

    def __init__(self, role: Role) -> None:
        self.staff = Staff(user_id=7, username="u", display_name="U", role=role, session_id=1)
        self.services: list[ServiceLine] = []
        self.service_query = self.list_error = self.list_message = ""
        self.review_only, self.to_review = False, 0

    async def _staff(self, role: Role | None = Role.VOLUNTEER, *, touch: bool = True) -> Staff | None:
        return self.staff if role is None or self.staff.can(role) else None

    def _t(self) -> Translator:
        return Translator("en")

    def _refuse(self, message: str, *, form: str = "", error: Exception | None = None) -> None:
        self.list_error = message


@pytest.fixture
def engine(sample_copy: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    with Session(sample_copy) as session:
        imported(session)
    monkeypatch.setattr(access, "engine", lambda: sample_copy)
    return sample_copy


def test_only_coordinators_filter_the_list() -> None:
    assert RULES["DirectoryState.show_to_review"] is Role.COORDINATOR


@pytest.mark.parametrize("role", [Role.VOLUNTEER, Role.TRANSLATOR])
def test_a_volunteer_or_a_translator_gets_nothing(engine: Engine, role: Role) -> None:
    page = _Page(role)
    run(DirectoryState.show_to_review.fn(page, True))
    assert (page.review_only, page.services, page.to_review) == (False, [], 0)


def test_a_coordinator_sees_only_the_services_to_review_then_all(engine: Engine) -> None:
    page = _Page(Role.COORDINATOR)
    run(DirectoryState.show_to_review.fn(page, True))
    assert page.review_only and page.to_review == 2
    assert [(line.review, line.imported) for line in page.services] == [
        (True, "Imported from \u2068Red Frontera\u2069")
    ] * 2
    run(DirectoryState.show_to_review.fn(page, False))
    assert len(page.services) > 2 and page.to_review == 2


def test_a_filter_that_is_not_a_yes_or_no_changes_nothing(engine: Engine) -> None:
    page = _Page(Role.COORDINATOR)
    run(DirectoryState.show_to_review.fn(page, {"not": "a bool"}))
    assert (page.review_only, page.services) == (False, [])


def test_verified_today_in_the_list_lowers_the_count(engine: Engine) -> None:
    page = _Page(Role.COORDINATOR)
    run(DirectoryState.show_to_review.fn(page, True))
    run(DirectoryState.verify.fn(page, page.services[0].id))
    assert page.to_review == 1 and len(page.services) == 1 and page.list_message


def test_a_line_to_review_keeps_its_verified_today_button(session: Session) -> None:
    """Verified today, then changed by an import: the check of the change is still to record."""
    row = editing_views.service_rows(session=session)[0]
    line = show.service_row(
        editing_views.ServiceRow(**{**vars(row), "assured_date": TODAY, "needs_review": True}),
        TODAY,
        Translator("en"),
    )
    assert (line.review, line.today) == (True, False)
    assert show.service_row(row, TODAY, Translator("en")).imported == ""


def test_without_a_source_the_words_say_another_directory() -> None:
    assert show.imported_from("", Translator("en")) == "Imported from another directory"


def test_the_editor_says_where_it_came_from(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        service = imported(session, 1)[0]
        found = editing_views.sheet(session=session, slug=service.slug)
        assert found is not None
        values = show.sheet_values(found, Translator("en"))
        assert values["needs_review"] == "1" and "Red Frontera" in values["imported"]
        other = editing_views.sheet(session=session, slug=_other(session, service))
        assert other is not None and show.sheet_values(other, Translator("en"))["needs_review"] == ""


def _other(session: Session, service: m.Service) -> str:
    return next(row.slug for row in editing_views.service_rows(session=session) if row.id != service.id)
