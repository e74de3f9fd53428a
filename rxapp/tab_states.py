"""How long a closed tab's state stays on the server (issue 16, item 10).

Reflex keeps every tab's state for ``redis_token_expiration`` (PASO_STATE_EXPIRY_SECONDS, 900 s)
after its last event, whether the tab is still open or long gone: 500 phones that registered
and left were still held 15 minutes later. A public page's state holds nothing worth keeping
(a registration arrives whole in one event; a reconnecting phone hydrates a fresh state), so it
goes as soon as its websocket closes. A desk tab's state (who is signed in, the open record)
waits PASO_STATE_RECONNECT_SECONDS for the tablet to come back, so a wifi blip costs nothing.
Only Reflex's memory manager is concerned; in Redis, states expire by Redis's own TTL.
"""

from __future__ import annotations

import asyncio
from typing import Any

import reflex as rx

from rxapp import reflex_compat, routes
from rxapp.settings import get_settings

# A busy state (an event still running) is tried again this often, this many times.
BUSY_RETRY_SECONDS = 1.0
BUSY_RETRIES = 60
_pending: set[asyncio.Task[None]] = set()


def grace_seconds(path: str | None) -> float:
    """How long a closed tab's state waits for the tab to reconnect: desk pages only."""
    if path is None:
        return 0.0
    desk = routes.desk_page_key(path).split("/")[0] == routes.desk_page_key(routes.DESK)
    return float(get_settings().state_reconnect_seconds) if desk else 0.0


async def _forget(app: rx.App, token: str, cleanup: asyncio.Task[Any] | None) -> None:
    if cleanup is not None:
        await asyncio.wait([cleanup])  # Reflex unlinks the token first; its errors are its own to log
    path = reflex_compat.held_state_path(app, token)
    if path is None:
        return
    await asyncio.sleep(grace_seconds(path))
    for _ in range(BUSY_RETRIES):
        if await reflex_compat.tab_connected(app, token) or reflex_compat.drop_state(app, token):
            return
        await asyncio.sleep(BUSY_RETRY_SECONDS)


def forget_closed_tabs(app: rx.App) -> None:
    """Drop each tab's state when its websocket closes (after the desk's grace)."""

    def closed(token: str, cleanup: asyncio.Task[Any] | None) -> None:
        task = asyncio.get_running_loop().create_task(_forget(app, token, cleanup))
        _pending.add(task)
        task.add_done_callback(_pending.discard)

    reflex_compat.on_tab_closed(app, closed)


async def settled() -> None:
    """Wait until every closed tab seen so far is forgotten or kept (for tests)."""
    while _pending:
        await asyncio.gather(*list(_pending))
