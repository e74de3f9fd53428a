"""Reports of wrong directory information: validation, storing, rate limits, the desk's list."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

import pytest
from pydantic import ValidationError
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from rxapp.models import DirectoryReport, RateCounter, ReportStatus, Role
from rxapp.services import feedback
from rxapp.services.ratelimit import Limit, RateLimitedError
from tests.data import people

SLUG = "paso-orientacion-inicial"
NOW = dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.UTC)
VALID: dict[str, Any] = {"service": SLUG, "problem": "hours", "comment": "", "locale": "es"}


def _data(**changes: Any) -> feedback.ReportCreate:
    return feedback.ReportCreate.model_validate({**VALID, **changes})


def _create(
    session: Session, limits: list[Limit] | None = None, at: dt.datetime = NOW, **changes: Any
) -> int:
    return feedback.create_report(session=session, data=_data(**changes), limits=limits or [], now=at)


def test_the_comment_is_stripped_and_optional() -> None:
    assert _data(comment="  Closes at 3 now \n").comment == "Closes at 3 now"
    assert (
        feedback.ReportCreate.model_validate({k: v for k, v in VALID.items() if k != "comment"}).comment == ""
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("problem", "spaceship"),
        ("problem", ""),
        ("comment", "x" * 501),
        ("service", ""),
        ("service", "x" * 81),
        ("locale", "de"),
        ("name", "Ana"),  # an unknown key: the form asks for no name
    ],
)
def test_bad_input_is_refused(field: str, value: Any) -> None:
    with pytest.raises(ValidationError):
        _data(**{field: value})


def test_every_problem_fits_the_column() -> None:
    assert all(len(problem) <= 40 for problem in feedback.ReportProblem)


def test_a_report_is_stored_open(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        report_id = _create(session, problem="phone", comment="The number rings nowhere", locale="fr")
        report = session.get(DirectoryReport, report_id)
    assert report is not None
    assert (report.problem, report.comment, report.locale, report.status) == (
        "phone",
        "The number rings nowhere",
        "fr",
        ReportStatus.OPEN,
    )


def test_an_unknown_service_is_refused_and_not_counted(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        with pytest.raises(feedback.UnknownServiceError):
            _create(session, limits=[Limit("report:x", 5)], service="no-such-service")
        assert session.exec(select(DirectoryReport)).all() == []
        assert session.exec(select(RateCounter)).all() == []


def test_the_limit_refuses_the_report_after_the_last_allowed(sample_copy: Engine) -> None:
    limits = [Limit("report:x", 2)]
    with Session(sample_copy) as session:
        _create(session, limits)
        _create(session, limits)
        with pytest.raises(RateLimitedError) as refused:
            _create(session, limits)
        assert len(session.exec(select(DirectoryReport)).all()) == 2
    assert refused.value.retry_after > 0


def test_the_limit_counts_in_the_reports_own_hour(sample_copy: Engine) -> None:
    limits = [Limit("report:x", 1)]
    with Session(sample_copy) as session:
        _create(session, limits, at=NOW)
        _create(session, limits, at=NOW + dt.timedelta(hours=1))


def test_the_limit_key_holds_no_address_and_the_centre_gets_more() -> None:
    limits_for = partial(
        feedback.limits_for, secret="s", centre_networks=["192.168.1.0/24"], per_address=10, per_centre=300
    )
    outside = limits_for(address="203.0.113.7")
    inside = limits_for(address="192.168.1.40")
    assert [limit.allowed for limit in outside + inside] == [10, 300]
    assert "203.0.113.7" not in outside[0].key and outside[0].key.startswith("report:")


def test_open_reports_newest_first_with_the_service(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        older = _create(session, at=NOW, problem="closed")
        newer = _create(session, at=NOW + dt.timedelta(minutes=5), comment="Moved")
        reports = feedback.open_reports(session=session)
    assert [r.id for r in reports] == [newer, older]
    assert reports[0].service_slug == SLUG and reports[0].service_name
    assert (reports[0].problem, reports[0].comment) == (feedback.ReportProblem.HOURS, "Moved")
    assert reports[1].problem is feedback.ReportProblem.CLOSED


@pytest.mark.parametrize("status", [ReportStatus.RESOLVED, ReportStatus.DISMISSED])
def test_a_handled_report_leaves_the_list(sample_copy: Engine, status: ReportStatus) -> None:
    with Session(sample_copy) as session:
        staff = people.staff(session, name="Coord", username="coord", role=Role.COORDINATOR)
        report_id = _create(session)
        later = NOW + dt.timedelta(days=1)
        assert feedback.resolve(
            session=session, report_id=report_id, staff_id=staff, status=status, now=later
        )
        assert feedback.open_reports(session=session) == []
        report = session.get(DirectoryReport, report_id)
        assert report is not None
        assert (report.status, report.handled_by) == (status, staff)
        assert report.handled_at is not None


def test_resolving_twice_or_an_unknown_report_changes_nothing(sample_copy: Engine) -> None:
    with Session(sample_copy) as session:
        staff = people.staff(session, name="Coord", username="coord", role=Role.COORDINATOR)
        report_id = _create(session)
        args: dict[str, Any] = {"session": session, "staff_id": staff, "now": NOW}
        assert feedback.resolve(report_id=report_id, status=ReportStatus.DISMISSED, **args)
        assert not feedback.resolve(report_id=report_id, status=ReportStatus.RESOLVED, **args)
        assert not feedback.resolve(report_id=99999, status=ReportStatus.RESOLVED, **args)
        assert session.get(DirectoryReport, report_id).status == ReportStatus.DISMISSED  # type: ignore[union-attr]


def test_a_report_cannot_be_reopened(sample_copy: Engine) -> None:
    with Session(sample_copy) as session, pytest.raises(ValueError, match="reopened"):
        feedback.resolve(session=session, report_id=1, staff_id=1, status=ReportStatus.OPEN, now=NOW)
