"""Who may do what at the desk: one table, and the decorator that enforces it on every desk event.

``RULES`` names every desk event handler (``"StaffState.add"``) with the least role that may
call it, or ``OPEN`` for the few that establish the session themselves or touch no data. A
desk handler is written as

    @rx.event
    @desk_event(NoteInput, invalid=N_("A note has at most 2,000 characters."), form="note")
    async def add_note(self, desk: Desk, data: NoteInput) -> None: ...

and the decorator, before the body runs: finds the handler's role in ``RULES`` (a handler not
in the table cannot even be defined: ``AccessNotDeclaredError`` at import), asks the desk
session for the signed-in staff member with that role (which also enforces the idle lock and the
session's age, on the server), validates the raw arguments with the input model, opens the
database session, and turns a domain refusal (an exception with a ``problem``) into words in the
person's language, handed to the state's ``_refuse``. ``DeskState.__init_subclass__`` refuses a
desk state whose public event handler went around the decorator.

No Reflex import: the decorator wraps plain async methods; ``rx.event`` goes on top of it.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any, Final, Protocol, TypeVar

from pydantic import BaseModel, ValidationError
from sqlmodel import Session

from rxapp.i18n.catalogs import Translator
from rxapp.models import AuditAction, Role
from rxapp.services import audit
from rxapp.services.audit import Actor
from rxapp.services.auth import Staff
from rxapp.services.db import engine


class _Open(Enum):
    OPEN = "open"


# A handler that needs nobody signed in: the session's own handlers (sign in, unlock, lock,
# sign out, the on-load check) and those that touch no data (closing a record forgets it).
OPEN: Final = _Open.OPEN

# Who may call each desk event handler: the least role (a coordinator may do what a volunteer
# does; see rxapp/services/auth.py ``Staff.can``), ``ANY_ROLE`` for anyone signed in, or OPEN.
# Read by ``desk_event`` and by the access tests (tests/e2e/test_desk_access.py).
ANY_ROLE: Final = None
V, C, T = Role.VOLUNTEER, Role.COORDINATOR, Role.TRANSLATOR
RULES: Mapping[str, Role | _Open | None] = {
    # The session (rxapp/desk/session.py)
    "DeskState.check": OPEN,
    "DeskState.sign_in": OPEN,
    "DeskState.unlock": OPEN,
    "DeskState.lock": OPEN,
    "DeskState.sign_out": OPEN,
    # The queue and a record: migrants' data, volunteers
    "QueueState.load": V,
    "QueueState.poll": V,
    "QueueState.search": V,
    "QueueState.filter": V,
    "QueueState.open": V,
    "QueueState.open_code": V,
    "QueueState.close_record": OPEN,
    "QueueState.add_note": V,
    "QueueState.set_status": V,
    "QueueState.close_anyway": V,
    "QueueState.keep_open": V,
    "QueueState.refer": V,
    "QueueState.call_to_desk": V,
    "QueueState.prepare_sending": V,
    "QueueState.show_page_code": V,
    "QueueState.revoke_page": V,
    "RecordPlanState.set_follow_up": V,
    "RecordPlanState.clear_follow_up": V,
    "RecordPlanState.add_appointment": V,
    "RecordPlanState.remove_appointment": V,
    "FollowUpState.load": V,
    "FollowUpState.show_day": V,
    "FollowUpState.open_record": V,
    "WaitingRoomState.load": V,
    "WaitingRoomState.call_next": V,
    "WaitingRoomState.new_screen_link": C,
    "QueueState.dismiss": V,
    "QueueState.merge": V,
    "QueueState.export_record": C,
    "QueueState.erase_record": C,
    # Registering someone at the desk
    "AssistedState.submit": V,
    "AssistedState.check_phone": V,
    # Accounts
    "StaffState.load": C,
    "StaffState.add": C,
    "StaffState.set_active": C,
    "StaffState.reset_password": C,
    "StaffState.change_own": ANY_ROLE,
    # Figures, reports of wrong information, the audit log
    "FiguresState.load": C,
    "FiguresState.choose": C,
    "FiguresState.download": C,
    "FeedbackState.load": C,
    "FeedbackState.handle": C,
    "AuditState.load": C,
    # The directory and its translations
    "DirectoryState.load": C,
    "DirectoryState.search": C,
    "DirectoryState.show_to_review": C,
    "DirectoryState.verify": C,
    "DirectoryState.quick": C,
    "DirectoryState.end_alert": C,
    "EditState.load": C,
    "EditState.add_row": C,
    "EditState.add_place_hours": C,
    "EditState.remove_row": C,
    "EditState.save": C,
    "EditState.create": C,
    "EditState.verify": C,
    "TranslationsState.load": C,
    "TranslationsState.show_only": C,
    "TranslationsState.save": C,
    "TranslateState.load": T,
    # Alerts (rxapp/desk/alerts.py): coordinators post and end them; translators only translate
    "AlertsState.load": C,
    "AlertsState.choose": C,
    "AlertsState.post": C,
    "AlertsState.end_now": C,
    "AlertsState.open_edit": C,
    "AlertsState.close_edit": C,
    "AlertsState.save_edit": C,
    # Important numbers (rxapp/desk/numbers.py)
    "NumbersState.load": C,
    "NumbersState.edit": C,
    "NumbersState.new": C,
    "NumbersState.save": C,
    "NumbersState.move": C,
    "NumbersState.remove": C,
    "NumbersState.ask_remove": C,
    "NumbersState.keep": C,
}  # fmt: skip

MARK = "__paso_access__"  # set on every handler that went through this module


class AccessNotDeclaredError(LookupError):
    """A desk event handler is not in ``RULES`` (or is declared as the other kind)."""


class Problem(Protocol):
    """A domain refusal: every service error the desk shows has a ``problem``."""

    problem: Enum


@dataclass(frozen=True)
class Desk:
    """What a desk event gets once access is granted: who, a database session, their words."""

    staff: Staff
    session: Session
    _: Translator

    @property
    def actor(self) -> Actor:
        """The staff member as the audit log names them."""
        return Actor(staff_id=self.staff.user_id, username=self.staff.username)

    def audit(self, action: AuditAction, *, record_id: int | None = None, detail: str = "") -> None:
        """Log what this staff member did (to one record, or ``record_id`` None for none)."""
        audit.record(
            session=self.session, actor=self.actor, action=action, record_id=record_id, detail=detail
        )

    def audit_each(self, action: AuditAction, record_ids: list[int], *, detail: str = "") -> None:
        """Log one entry per record shown (e.g. each record a search found)."""
        audit.records(
            session=self.session, actor=self.actor, action=action, record_ids=record_ids, detail=detail
        )


class DeskSession(Protocol):
    """What the decorator needs of a desk state (``rxapp.desk.session.DeskState``)."""

    async def _staff(self, role: Role | None = ..., *, touch: bool = ...) -> Staff | None: ...

    def _t(self) -> Translator: ...

    def _refuse(self, message: str, *, form: str = "", error: Exception | None = None) -> Any: ...


S = TypeVar("S", bound=DeskSession)
Handler = Callable[..., Awaitable[Any]]


def rule(qualname: str) -> Role | _Open | None:
    """The declared access of a handler, e.g. ``rule("StaffState.add")``."""
    try:
        return RULES[qualname]
    except KeyError:
        raise AccessNotDeclaredError(
            f"{qualname} is a desk event handler but rxapp/access.py RULES does not say who may call it"
        ) from None


def _public(fn: Handler, model: type[BaseModel] | None, args: tuple[str, ...]) -> inspect.Signature:
    """The signature the browser calls: the raw arguments, typed loosely (pydantic checks them)."""
    self_param = next(iter(inspect.signature(fn).parameters.values()))
    if model is None:
        params = list(inspect.signature(fn).parameters.values())
        return inspect.Signature([self_param, *params[2:]])
    kinds = [inspect.Parameter(a, inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=Any) for a in args]
    if args == ("form",):
        kinds = [
            inspect.Parameter("form", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=dict[str, Any])
        ]
    return inspect.Signature([self_param, *kinds])


def desk_event(
    model: type[BaseModel] | None = None,
    *,
    args: tuple[str, ...] = ("form",),
    invalid: str = "",
    form: str = "",
    touch: str | bool = True,
    when: Callable[[Any], bool] | None = None,
) -> Callable[[Handler], Any]:
    """Enforce ``RULES`` on a desk event handler ``(self, desk: Desk, data: model)``.

    ``model`` validates the raw arguments: the one ``form`` dict, or the arguments named in
    ``args`` (as one dict); without a model the handler gets its raw arguments after ``desk``.
    ``invalid`` is the message (msgid) shown when validation fails (none: nothing happens);
    ``form`` names where the state shows a refusal (e.g. beside the note form); ``touch``
    says whether the call counts as activity for the idle lock (a name: that bool argument);
    ``when(state)``, if given, is asked first: false, and the call does nothing at all (not even
    the session check), e.g. a poll that only runs once the desk is ready.
    The decorated handler is typed ``Any``: its public signature (the raw arguments) is not the
    body's, so ``rx.event`` cannot type the event views call (``State.handler(row.id)``).
    """

    def decorate(fn: Handler) -> Handler:
        role = rule(fn.__qualname__)
        if role is OPEN:
            raise AccessNotDeclaredError(f"{fn.__qualname__} is OPEN in RULES: use @open_event")

        async def handler(self: S, *raw: Any, **named: Any) -> Any:
            if when is not None and not when(self):
                return None
            values = dict(zip(args if model is not None else (), raw, strict=False)) | named
            active = values.get(touch) is True if isinstance(touch, str) else touch
            staff = await self._staff(role, touch=active)
            if staff is None:
                return None
            _ = self._t()
            data: Any = None
            if model is not None:
                try:
                    data = model.model_validate(values["form"] if args == ("form",) else values)
                except (ValidationError, KeyError, TypeError):
                    return self._refuse(_(invalid), form=form) if invalid else None
            with Session(engine()) as session:
                desk = Desk(staff=staff, session=session, _=_)
                try:
                    if model is not None:
                        return await fn(self, desk, data)
                    return await fn(self, desk, *raw, **named)
                except Exception as error:
                    problem = getattr(error, "problem", None)
                    if not isinstance(problem, Enum) or (type(problem), problem) not in WORDS:
                        raise
                    return self._refuse(_(WORDS[type(problem), problem]), form=form, error=error)

        functools.update_wrapper(handler, fn, assigned=("__module__", "__name__", "__qualname__", "__doc__"))
        del handler.__wrapped__  # type: ignore[attr-defined]  # Reflex reads the public signature
        signature = _public(fn, model, args)
        handler.__signature__ = signature  # type: ignore[attr-defined]
        handler.__annotations__ = {
            name: p.annotation for name, p in signature.parameters.items() if name != "self"
        } | {"return": Any}
        setattr(handler, MARK, role)
        return handler

    return decorate


def open_event(fn: Handler) -> Handler:
    """Mark a handler that ``RULES`` declares OPEN (it checks the session itself, or reads nothing)."""
    if rule(fn.__qualname__) is not OPEN:
        raise AccessNotDeclaredError(f"{fn.__qualname__} needs a role in RULES: use @desk_event")
    setattr(fn, MARK, OPEN)
    return fn


def declared(fn: Callable[..., Any]) -> bool:
    """Whether a handler function went through ``desk_event`` or ``open_event``."""
    return hasattr(fn, MARK)


# A domain refusal's words (msgids), by the problem's enum and member: two StrEnums' members
# with the same value are equal strings, so the enum is part of the key. Pages register their
# tables with ``words``.
WORDS: dict[tuple[type[Enum], Enum], str] = {}


def words(table: Mapping[Any, str]) -> Mapping[Any, str]:
    """Add a page's problem texts to the table the decorator reads; returns it unchanged."""
    WORDS.update({(type(problem), problem): text for problem, text in table.items()})
    return table
