"""Before Reflex handles any event, hydrates included: desk states made under another cookie
are reset (issue 16, item 6; ``rxapp/desk/session.py`` has the design).

A hydrate sends the tab's whole state to the browser before any handler of ours runs, so
checking in the handlers alone would let a replayed client token read what the desk showed
last (a name, the queue's rows, an open record). An app middleware runs first, on the event's
websocket data. Every event passes here, not only the desk's: a state that Reflex finds
without routing data is rehydrated in front of whatever event arrives.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reflex.middleware.middleware import Middleware

from rxapp.desk.session import DeskState

if TYPE_CHECKING:
    from reflex.app import App
    from reflex.event import Event
    from reflex.state import BaseState, StateUpdate


class DeskGate(Middleware):
    """Resets the desk's states when the event's connection has another desk cookie."""

    async def preprocess(self, app: App, state: BaseState, event: Event) -> StateUpdate | None:
        """Bind the desk states to this connection's cookie; never answers the event itself."""
        desk = await state.get_state(DeskState)
        await desk._token()
        return None
