"""A phone's registration tab over Reflex's real websocket (python-socketio, as the browser
speaks it), shared by the several-workers e2e test and the benchmarks (bench/registration.py,
bench/load.py). It opens as Reflex's state.js does (the hydrate in the CONNECT packet) and
sends a draft again, with the same draft id, until the server answers, as the form's outbox does.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any

import reflex as rx
import socketio

from rxapp.registration.page import RegisterState
from tests.data.socket import NAMESPACE, server_calls

# From the classes, not literals: a state that moves to another module changes its full name.
SUBMIT = f"{RegisterState.get_full_name()}.submit"
HYDRATE = f"{rx.State.get_full_name()}.hydrate_and_load"
PATH = "/es/register"


class RefusedError(RuntimeError):
    """The server answered a draft with a refusal that is not "send again"."""


def registration(name: str, *, full: bool = False) -> dict[str, Any]:
    """A new draft from a new phone (the device limit is per phone); ``full``: every field filled."""
    payload: dict[str, Any] = {
        "draft_id": uuid.uuid4().hex,
        "device_id": uuid.uuid4().hex,
        "locale": "es",
        "name": name,
        "needs": ["food", "health"] if full else ["food"],
        "consent": True,
    }
    if full:
        payload |= {
            "nationality": "HN",
            "languages": ["es"],
            "adults": "1",
            "children": "2",
            "phone": "9999 8888",
            "has_whatsapp": True,
            "preferred_contact": "whatsapp",
            "message": "",
        }
    return payload


class Phone:
    """One phone's tab on the registration page: a token, a websocket, the outbox's resending."""

    def __init__(self, url: str, *, answer_seconds: float = 5.0, attempts: int = 20) -> None:
        self.url, self.token = url, str(uuid.uuid4())
        self.answer_seconds, self.attempts = answer_seconds, attempts
        self.sio: socketio.AsyncClient | None = None
        self.answers: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.retried = 0

    async def _on_event(self, update: Any) -> None:
        for call in server_calls(update):
            if call["call"] == "pasoRegAnswer":
                await self.answers.put(call["arg"])

    async def connect(self) -> socketio.AsyncClient:
        """The open websocket, opened (again) if it is not."""
        if self.sio is not None and self.sio.connected:
            return self.sio
        if self.sio is not None:
            await self.sio.disconnect()
        # ssl_verify off: behind Caddy the certificate is its own new authority's (benchmarks, tests).
        self.sio = socketio.AsyncClient(reconnection=False, ssl_verify=False)
        self.sio.on("event", self._on_event, namespace=NAMESPACE)
        boot = {"name": HYDRATE, "payload": {}, "router_data": _router_data()}
        await self.sio.connect(
            f"{self.url}?token={self.token}",
            socketio_path=NAMESPACE,
            namespaces=[NAMESPACE],
            transports=["websocket"],
            auth={"event": boot},
            wait_timeout=10,
        )
        return self.sio

    async def submit(self, payload: dict[str, Any]) -> str:
        """Send until the server acknowledges ``payload``'s draft; its reference code."""
        event = {"token": self.token, "name": SUBMIT, "router_data": _router_data()}
        event["payload"] = {"payload": payload}
        for attempt in range(self.attempts):
            if attempt:
                self.retried += 1
            try:
                sio = await self.connect()
                await sio.emit("event", event, namespace=NAMESPACE)
                deadline = time.monotonic() + self.answer_seconds
                while True:  # an answer to an earlier attempt of another draft may still come
                    answer = await asyncio.wait_for(self.answers.get(), deadline - time.monotonic())
                    if answer.get("draft_id") == payload["draft_id"]:
                        break
            except (TimeoutError, socketio.exceptions.SocketIOError, OSError):
                continue  # the worker is gone or slow: as the outbox does, send the same again
            if answer.get("ok"):
                return str(answer["code"])
            if not answer.get("retry"):
                raise RefusedError(f"refused: {answer}")
        raise RefusedError(f"draft {payload['draft_id']} never acknowledged")

    async def close(self) -> None:
        """Close the tab."""
        if self.sio is not None and self.sio.connected:
            await self.sio.disconnect()


def _router_data() -> dict[str, Any]:
    return {"pathname": PATH, "asPath": PATH, "query": {}}
