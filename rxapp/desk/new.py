"""Assisted registration: a volunteer fills the public form on a walk-in's behalf.

The same form and validation as the public page; what is typed stays in the page's memory
(a shared tablet keeps no draft), and the record is marked as made at the desk.
"""

from __future__ import annotations

from typing import Any

import reflex as rx
from reflex.event import EventSpec

from rxapp import routes
from rxapp.access import Desk, desk_event
from rxapp.components import client
from rxapp.components.assisted import Assisted
from rxapp.components.centre import start_centre
from rxapp.components.registration.draft import start
from rxapp.components.registration.form import register_body
from rxapp.desk import frame
from rxapp.desk.session import DeskState
from rxapp.models import AuditAction
from rxapp.registration.submission import phone_answer, receive, reply
from rxapp.services import records


class AssistedState(DeskState):
    """Receives registrations typed by staff; holds no vars about the person."""

    @rx.event
    @desk_event()
    async def submit(self, desk: Desk, payload: dict[str, Any]) -> EventSpec:
        """A registration made at the desk (counts against the staff member's generous limit)."""
        # The public form's handling (validation, one record per draft, limits, errors in
        # the desk's language), under the staff member's own limit.
        answer = receive(payload, "", staff_id=str(desk.staff.user_id))
        if answer.get("ok"):
            found = records.find_reference(session=desk.session, code=answer["code"])
            desk.audit(AuditAction.CREATE, record_id=found)
        return reply("answer", answer)

    @rx.event
    @desk_event()
    async def check_phone(self, desk: Desk, query: dict[str, Any]) -> EventSpec:
        """Show the typed number back, formatted (staff only here)."""
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
