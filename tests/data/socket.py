"""A browser tab's websocket, driven by hand: events as Reflex's frontend sends them, and the
desk's sign-in as the page does it (the ticket swapped for the HttpOnly cookie, then a new
websocket that carries it)."""

from __future__ import annotations

import asyncio
import json
import urllib.request
import uuid
from typing import Any

import socketio

from rxapp import routes
from rxapp.services import auth, desk_cookie

NAMESPACE = "/_event"
# Reflex's own setter of the root state's `is_hydrated`: its answer is the only one naming
# that var, and it changes nothing else.
MARK = "reflex___state____state.set_is_hydrated"


def server_calls(update: dict[str, Any] | None) -> list[dict[str, Any]]:
    """What an update asks the page's code to do: ``{"call": name, "arg": ...}`` for each
    ``client.script`` (Reflex's ``_set_value`` on the server's ref, rxapp/components/client.py)."""
    return [
        json.loads(event["payload"]["value"])
        for event in (update or {}).get("events", [])
        if event.get("name") == "_set_value" and event.get("payload", {}).get("ref") == "ref_paso_server"
    ]


class Client:
    """One browser tab's websocket: its client token, and the desk cookie it connects with."""

    def __init__(self, url: str, token: str | None = None, cookie: str = "") -> None:
        self.url, self.token, self.cookie, self.mark = url, token or str(uuid.uuid4()), cookie, False
        self.answered: list[dict[str, Any]] = []
        self.renamed = False  # Reflex gave this tab another token: the first is still connected
        self.sio = socketio.AsyncClient(reconnection=False)
        self.updates: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        self.sio.on("event", self.updates.put, namespace=NAMESPACE)
        self.sio.on("new_token", self._renamed, namespace=NAMESPACE)

    async def _renamed(self, token: str) -> None:
        self.renamed = True

    async def __aenter__(self) -> Client:
        await self.sio.connect(
            f"{self.url}?token={self.token}",
            headers={"Cookie": f"{auth.DESK_COOKIE}={self.cookie}"} if self.cookie else {},
            socketio_path=NAMESPACE,
            namespaces=[NAMESPACE],
            transports=["websocket"],
        )
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.sio.disconnect()

    async def _emit(self, name: str, payload: dict[str, Any], path: str) -> None:
        event = {
            "token": self.token,
            "name": name,
            "router_data": {"pathname": path, "asPath": path, "query": {}},
            "payload": payload,
        }
        await self.sio.emit("event", event, namespace=NAMESPACE)

    async def call(self, cls: type[Any], name: str, payload: dict[str, Any], path: str = "/es/desk") -> str:
        """Send one event; everything the server answered to it (and to events it chained).

        A tab's events are handled in order, so a second event closes the answer (MARK, with
        a value that changes each time so it always answers).
        """
        await self._emit(f"{cls.get_full_name()}.{name}", payload, path)
        return await self.settle(path)

    async def settle(self, path: str = "/es/desk") -> str:
        """Everything the server answered since the last call (the socket's order closes it)."""
        self.mark = not self.mark
        await self._emit(MARK, {"value": self.mark}, path)
        answers: list[str] = []
        self.answered = []
        while True:
            raw = await asyncio.wait_for(self.updates.get(), timeout=15)
            update = json.dumps(raw, ensure_ascii=False)
            if "is_hydrated_rx_state_" in update:
                return "\n".join(answers)
            answers.append(update)
            self.answered.append(raw)

    def server_calls(self) -> list[dict[str, Any]]:
        """What the last answer asked the page's code to do (``client.script``)."""
        return [call for update in self.answered for call in server_calls(update)]

    async def sign_in(self, username: str, password: str, path: str = "/es/desk/staff") -> Client:
        """Sign in as the desk page does; the tab's new websocket, signed in (this one closes)."""
        from rxapp.desk.session import DeskState

        await self.call(DeskState, "sign_in", {"form": {"username": username, "password": password}}, path)
        (adopt,) = [call["arg"] for call in self.server_calls() if call["call"] == "pasoDeskAdopt"]
        ticket = adopt["ticket"]
        request = urllib.request.Request(
            self.url + routes.DESK_SESSION,
            data=json.dumps({"ticket": ticket}).encode(),
            headers={"content-type": "application/json", "origin": self.url},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=10) as response:
            cookie = desk_cookie.token_in(response.headers["set-cookie"].split(";")[0])
        await self.sio.disconnect()
        signed = Client(self.url, self.token, cookie)
        return await signed.__aenter__()
