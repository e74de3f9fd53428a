"""Self-registration: the page, and the state that receives submissions over the websocket.

The state keeps nothing about the person: a submission arrives as one event, is validated
(pydantic), stored, and answered through ``client.script`` to ``assets/paso/register.js``.
So no personal data sits in client-visible state or in Reflex's state store afterwards.
"""

from __future__ import annotations

import asyncio
from typing import Any

import reflex as rx
from reflex.event import EventSpec

from rxapp import routes
from rxapp.components import client
from rxapp.components.centre import start_centre
from rxapp.components.layout import page
from rxapp.components.registration.draft import start
from rxapp.components.registration.form import register_body
from rxapp.registration.submission import phone_answer, receive, reply
from rxapp.services.db import engine


class RegisterState(rx.State):
    """Receives registrations. Holds no vars: nothing about the person stays here."""

    @rx.event
    async def submit(self, payload: dict[str, Any]) -> EventSpec:
        """A submission from the form (or its outbox, again after a reconnection)."""
        address = self.router.session.client_ip
        if engine().url.get_backend_name() == "sqlite":
            # A few milliseconds on a local file: run here. In a thread, the write waited for
            # the event loop to hand back the GIL (5 ms steps): 75/s instead of 266/s.
            answer = receive(payload, address)
        else:  # a database over the network: do not hold the event loop while it answers
            answer = await asyncio.to_thread(receive, payload, address)
        return reply("answer", answer)

    @rx.event
    def check_phone(self, query: dict[str, Any]) -> EventSpec:
        """Show the typed number back, formatted, so the person can confirm it."""
        return phone_answer(query)


def register_page(locale: str) -> rx.Component:
    """The form on one short page; the confirmation replaces it once the server answers."""
    return page(
        locale,
        *register_body(locale, submit=RegisterState.submit, check_phone=RegisterState.check_phone),
        same_page=routes.register,
        on_mount=client.both(
            start(locale, persist=True),
            start_centre(locale),
        ),
    )
