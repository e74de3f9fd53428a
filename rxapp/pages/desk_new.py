"""Assisted registration: a volunteer fills the public form on a walk-in's behalf.

The same form and validation as the public page; what is typed stays in the page's memory
(a shared tablet keeps no draft), and the record is marked as made at the desk.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from sqlmodel import Session

from rxapp import routes
from rxapp.components import client
from rxapp.components import desk as frame
from rxapp.components.assisted import Assisted
from rxapp.components.centre import start_centre
from rxapp.components.registration.draft import start
from rxapp.components.registration.form import register_body
from rxapp.models import AuditAction
from rxapp.registration.submission import phone_answer, receive, reply
from rxapp.services import audit, desk
from rxapp.services.audit import Actor
from rxapp.services.db import engine
from rxapp.state.desk import DeskState


class AssistedState(DeskState):
    """Receives registrations typed by staff; holds no vars about the person."""

    @rx.event
    async def submit(self, payload: dict[str, Any]) -> rx.event.EventSpec | None:
        """A registration made at the desk (counts against the staff member's generous limit)."""
        staff = await self._staff()
        if staff is None:
            return None
        # The public form's handling (validation, one record per draft, limits, errors in
        # the desk's language), under the staff member's own limit.
        answer = receive(payload, "", staff_id=str(staff.user_id))
        if answer.get("ok"):
            with Session(engine()) as session:
                audit.record(
                    session=session,
                    actor=Actor(staff_id=staff.user_id, username=staff.username),
                    action=AuditAction.CREATE,
                    record_id=desk.find_reference(session=session, code=answer["code"]),
                )
        return reply("answer", answer)

    @rx.event
    async def check_phone(self, query: dict[str, Any]) -> rx.event.EventSpec | None:
        """Show the typed number back, formatted (staff only here)."""
        if await self._staff() is None:
            return None
        return phone_answer(query)


def new_page(locale: str) -> rx.Component:
    """The registration form inside the desk, worded for the volunteer."""
    body = register_body(
        locale,
        submit=AssistedState.submit,
        check_phone=AssistedState.check_phone,
        persist=False,
        words=Assisted(locale),  # speaks to the volunteer about the person
    )
    return frame.frame(
        locale,
        rx.el.div(
            *body,
            on_mount=client.both(
                start(locale, persist=False),
                start_centre(locale),
            ),
            class_name="max-w-2xl mx-auto",
        ),
        active="desk_new",
        same_page=routes.desk_new,
    )
