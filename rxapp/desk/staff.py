"""Accounts: coordinators add, deactivate and reset volunteers; everyone changes their own
password. No migrant's data here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import reflex as rx
from pydantic import BaseModel, ConfigDict, Field, StrictBool
from reflex.event import EventSpec
from reflex.vars import ObjectVar
from sqlmodel import Session

from rxapp import routes
from rxapp.access import Desk, desk_event
from rxapp.components.desk import CARD, PRIMARY, SECONDARY, alert
from rxapp.components.form import INPUT, LABEL
from rxapp.components.style import either
from rxapp.desk import frame
from rxapp.desk.session import PROBLEMS, DeskState
from rxapp.i18n.catalogs import Translator
from rxapp.models import Role, utcnow
from rxapp.services import auth, signin
from rxapp.services.auth import AuthError, AuthProblem
from rxapp.taxonomy import N_

ROLES = {
    Role.VOLUNTEER: N_("Volunteer"),
    Role.COORDINATOR: N_("Coordinator"),
    Role.TRANSLATOR: N_("Translator"),
}


# The "add an account" form's inputs by field. The form is not reset on submit (a refusal
# would throw away what was typed): the answer empties the password, or every field once
# the account exists.
NEW_ACCOUNT_IDS = {name: f"staff-{name}" for name in ("username", "display_name", "role", "password")}
NEW_ACCOUNT_EMPTY = {"role": Role.VOLUNTEER.value}


class NewAccount(BaseModel):
    """The "add an account" form."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)
    username: str = Field(max_length=80)
    display_name: str = Field(min_length=1, max_length=80)
    role: Role
    password: str = Field(max_length=200)


class Reset(BaseModel):
    """A coordinator sets someone's new password."""

    model_config = ConfigDict(extra="ignore")
    user_id: int = Field(gt=0)
    password: str = Field(max_length=200)


class Activation(BaseModel):
    """Deactivate or reactivate an account."""

    user_id: int = Field(gt=0)
    active: StrictBool


class OwnPassword(BaseModel):
    """Changing one's own password."""

    model_config = ConfigDict(extra="ignore")
    old: str = Field(max_length=200)
    new: str = Field(max_length=200)


@dataclass(frozen=True)
class Account:
    """One account as the list shows it."""

    id: int
    username: str
    name: str
    role: str  # in the desk's language
    active: bool


class StaffState(DeskState):
    """The accounts list (coordinators) and the result of the last change."""

    accounts: rx.Field[list[Account]] = rx.field(default_factory=list)
    staff_error: rx.Field[str] = rx.field("")
    staff_message: rx.Field[str] = rx.field("")

    def _done(self, message: str) -> None:
        self.staff_error, self.staff_message = "", message

    def _list(self, session: Session) -> None:
        _ = self._t()
        self.accounts = [
            Account(
                id=user.id or 0,  # listed accounts are saved: never 0
                username=user.username,
                name=user.display_name,
                role=_(ROLES[user.role]),
                active=user.active,
            )
            for user in auth.list_staff(session=session)
        ]

    def _refuse(self, message: str, *, form: str = "", error: Exception | None = None) -> Any:
        self.staff_error, self.staff_message = message, ""
        if form == "add":  # a refusal keeps what was typed but the password
            return [rx.set_value(NEW_ACCOUNT_IDS["password"], "")]
        return None

    @rx.event
    @desk_event()
    async def load(self, desk: Desk) -> None:
        """On load: the accounts, for coordinators (everyone else changes their own password)."""
        self.staff_error = self.staff_message = ""
        if desk.staff.can(Role.COORDINATOR):
            self._list(desk.session)

    @rx.event
    @desk_event(NewAccount, invalid=PROBLEMS[AuthProblem.USERNAME_INVALID], form="add")
    async def add(self, desk: Desk, data: NewAccount) -> list[EventSpec]:
        """A coordinator adds an account. A refusal keeps what was typed but the password."""
        await signin.hashed(  # argon2 runs in the hashing pool, off the event loop (issue 16)
            auth.create_user,
            session=desk.session,
            username=data.username,
            display_name=data.display_name,
            role=data.role,
            password=data.password,
        )
        self._list(desk.session)
        self._done(desk._(N_("Account created.")))
        return [rx.set_value(ref, NEW_ACCOUNT_EMPTY.get(name, "")) for name, ref in NEW_ACCOUNT_IDS.items()]

    @rx.event
    @desk_event(Activation, args=("user_id", "active"))
    async def set_active(self, desk: Desk, data: Activation) -> None:
        """Deactivate (ends their sessions) or reactivate an account."""
        if data.user_id == desk.staff.user_id:  # a coordinator cannot lock themselves out
            raise AuthError(AuthProblem.NOT_ALLOWED)
        auth.set_active(session=desk.session, user_id=data.user_id, active=data.active, now=utcnow())
        self._list(desk.session)
        self._done(desk._(N_("Account updated.")))

    @rx.event
    @desk_event(Reset, invalid=PROBLEMS[AuthProblem.WEAK_PASSWORD])
    async def reset_password(self, desk: Desk, data: Reset) -> None:
        """A coordinator sets a new password for someone (their sessions end)."""
        if data.user_id == desk.staff.user_id:  # one's own: knowing the old one (change_own)
            raise AuthError(AuthProblem.NOT_ALLOWED)
        await signin.hashed(
            auth.reset_password, session=desk.session, user_id=data.user_id, new=data.password, now=utcnow()
        )
        self._done(desk._(N_("Password changed.")))

    @rx.event
    @desk_event(OwnPassword, invalid=PROBLEMS[AuthProblem.WEAK_PASSWORD])
    async def change_own(self, desk: Desk, data: OwnPassword) -> None:
        """Anyone signed in changes their own password."""
        await signin.hashed(  # verifies the old password: in the pool, off the event loop (issue 16)
            auth.change_password,
            session=desk.session,
            user_id=desk.staff.user_id,
            old=data.old,
            new=data.new,
            now=utcnow(),
        )
        self._done(desk._(N_("Password changed.")))


def _input(
    label: str, name: str, *, kind: Literal["text", "password"] = "text", auto: str = "off"
) -> rx.Component:
    return rx.el.div(
        rx.el.label(label, html_for=f"staff-{name}", class_name=LABEL),
        rx.el.input(id=f"staff-{name}", name=name, type=kind, auto_complete=auto, class_name=INPUT),
        class_name="space-y-1",
    )


def _account(row: ObjectVar[Account], _: Translator) -> rx.Component:
    return rx.el.li(
        rx.el.div(
            rx.el.bdi(row.name, class_name="font-semibold"),
            rx.el.span(row.username, class_name="font-mono text-sm", dir="ltr"),
            rx.el.span(row.role, class_name="text-sm text-slate-700"),
            rx.cond(
                row.active,
                rx.fragment(),
                rx.el.span(_("Deactivated"), class_name="text-red-800 font-semibold"),
            ),
            rx.el.button(
                either(row.active, _("Deactivate"), _("Reactivate")),
                type="button",
                on_click=StaffState.set_active(row.id, ~row.active),
                class_name=f"{SECONDARY} ms-auto",
            ),
            class_name="flex flex-wrap items-center gap-3",
        ),
        rx.el.form(
            rx.el.input(type="hidden", name="user_id", value=row.id),
            rx.el.label(_("New password"), class_name="sr-only", html_for="reset-" + row.id.to_string()),
            rx.el.input(
                id="reset-" + row.id.to_string(),
                name="password",
                type="password",
                auto_complete="new-password",
                placeholder=_("New password"),
                class_name=INPUT,
            ),
            rx.el.button(_("Reset password"), type="submit", class_name=SECONDARY),
            on_submit=StaffState.reset_password,
            reset_on_submit=True,
            class_name="flex gap-2",
        ),
        class_name="space-y-2 border-b border-slate-200 pb-3",
        data_testid="account",
    )


def staff_page(locale: str) -> rx.Component:
    """Accounts (coordinators) and one's own password (everyone)."""
    _ = Translator(locale)
    add = rx.el.section(
        rx.el.h2(_("Add an account"), class_name="text-xl font-bold"),
        rx.el.form(
            _input(_("User name"), "username"),
            _input(_("Name shown to colleagues"), "display_name"),
            rx.el.div(
                rx.el.label(_("Role"), html_for="staff-role", class_name=LABEL),
                rx.el.select(
                    *[rx.el.option(_(label), value=role.value) for role, label in ROLES.items()],
                    id="staff-role",
                    name="role",
                    class_name=INPUT,
                ),
                class_name="space-y-1",
            ),
            _input(
                _("First password (at least 10 characters)"), "password", kind="password", auto="new-password"
            ),
            rx.el.button(
                _("Create account"), type="submit", class_name=PRIMARY, data_testid="create-account"
            ),
            on_submit=StaffState.add,
            class_name="grid gap-3 md:grid-cols-2 items-end",
        ),
        rx.el.ul(rx.foreach(StaffState.accounts, lambda row: _account(row, _)), class_name="space-y-3"),
        class_name=f"{CARD} space-y-4",
    )
    own = rx.el.section(
        rx.el.h2(_("Change your password"), class_name="text-xl font-bold"),
        rx.el.form(
            _input(_("Current password"), "old", kind="password", auto="current-password"),
            _input(_("New password"), "new", kind="password", auto="new-password"),
            rx.el.button(_("Change password"), type="submit", class_name=PRIMARY),
            on_submit=StaffState.change_own,
            reset_on_submit=True,
            class_name="grid gap-3 md:grid-cols-2 items-end",
        ),
        class_name=f"{CARD} space-y-4",
    )
    return frame.frame(
        locale,
        rx.el.h1(_("Accounts"), class_name="text-2xl font-bold mb-4"),
        alert(StaffState.staff_error, "staff-error"),
        rx.cond(
            StaffState.staff_message,
            rx.el.p(
                StaffState.staff_message,
                role="status",
                class_name="rounded-xl bg-green-50 border-2 border-green-700 p-3 font-semibold",
                data_testid="staff-message",
            ),
        ),
        rx.el.div(rx.cond(DeskState.role == Role.COORDINATOR.value, add), own, class_name="space-y-6 mt-4"),
        active="desk_staff",
        same_page=routes.desk_staff,
    )
