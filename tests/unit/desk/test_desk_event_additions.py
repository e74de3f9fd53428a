"""What the queue's conversion added to rxapp/access.py: ``desk_event(when=...)`` and the
``Desk.audit`` helpers (issue 15)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from rxapp.access import Desk, desk_event
from rxapp.i18n.catalogs import Translator
from rxapp.models import AuditAction, AuditEntry, Role
from rxapp.services.auth import Staff
from tests.data.aio import run


class QueueState:
    """Stands in for the desk state: counts the session checks, and is ready or not."""

    def __init__(self, ready: bool) -> None:
        self.ready, self.checks = ready, 0

    async def _staff(self, role: Role | None = Role.VOLUNTEER, *, touch: bool = True) -> Staff | None:
        self.checks += 1
        return None  # nobody signed in: the body never runs

    def _t(self) -> Translator:
        return Translator("es")

    def _refuse(self, message: str, *, form: str = "", error: Exception | None = None) -> Any:
        return None

    @desk_event(touch="active", when=lambda state: state.ready)
    async def poll(self, desk: Desk, active: bool = False) -> None:
        raise AssertionError("not signed in: the body must not run")


def test_a_false_precondition_skips_even_the_session_check() -> None:
    """The desk's poll comes every second, also while signing in or locked: then it does nothing."""
    waiting, ready = QueueState(ready=False), QueueState(ready=True)
    run(waiting.poll(active=True))
    run(ready.poll(active=True))
    assert (waiting.checks, ready.checks) == (0, 1)


def test_desk_audit_names_the_staff_member(empty_engine: Engine) -> None:
    staff = Staff(user_id=7, username="vale", display_name="Vale", role=Role.VOLUNTEER, session_id=1)
    with Session(empty_engine) as session:
        desk = Desk(staff=staff, session=session, _=Translator("es"))
        desk.audit(AuditAction.OPEN, record_id=3)
        desk.audit_each(AuditAction.SEARCH, [4, 5], detail="duplicate of #3")
        rows = session.exec(select(AuditEntry).order_by(col(AuditEntry.id))).all()
    assert [(r.staff_id, r.staff_username, r.action, r.record_id, r.detail) for r in rows] == [
        (7, "vale", AuditAction.OPEN, 3, ""),
        (7, "vale", AuditAction.SEARCH, 4, "duplicate of #3"),
        (7, "vale", AuditAction.SEARCH, 5, "duplicate of #3"),
    ]
