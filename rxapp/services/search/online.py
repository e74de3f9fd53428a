"""Search over a locale's snapshot on the server, ranked as the browser ranks it: for a phone
that has not loaded every part of a large directory yet (``GET /api/directory/<locale>/
search.json?q=``). Built from the snapshot's own documents, so both see the same services."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from rxapp.services import hours
from rxapp.services.search.rank import Document, Index

MAX_RESULTS = 300  # "show more" asks again with a larger limit
QUERY_MAX = 500  # characters; the search box holds no more


class SearchQuery(BaseModel):
    """The online search's query string, as the page sends it (``?q=&n=&free=1&nodocs=1&open=1``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    q: str = Field(default="", max_length=QUERY_MAX)
    n: int = Field(default=30, ge=1, le=MAX_RESULTS)
    free: bool = False
    nodocs: bool = False
    open: bool = False


def _time(value: str | None) -> dt.time | None:
    return dt.time.fromisoformat(value) if value else None


def _hours(card: Mapping[str, Any]) -> tuple[list[hours.Slot], list[hours.DatedHours]]:
    slots = [
        hours.Slot(day, dt.time.fromisoformat(a), dt.time.fromisoformat(b)) for day, a, b in card["slots"]
    ]
    exceptions = [
        hours.DatedHours(dt.date.fromisoformat(day), closed, _time(opens), _time(closes))
        for day, closed, opens, closes in card["exceptions"]
    ]
    return slots, exceptions


class OnlineSearch:
    """One locale's cards (in the snapshot's order) and their index."""

    def __init__(self, index_document: Mapping[str, Any], bodies: Callable[[str], bytes]) -> None:
        self.revision: int = index_document["revision"]
        self.cards: list[dict[str, Any]] = []
        self.keys: list[list[str]] = []  # each card's keys by tier, as the browser gets them
        for name in index_document["cards"]:
            self.cards.extend(json.loads(bodies(name))["cards"])
        for name in index_document["keys"]:
            self.keys.extend(json.loads(bodies(name))["keys"])
        self.words: dict[str, Any] = json.loads(bodies(index_document["words"]))
        self.index = Index(
            [
                Document(k[0], k[1], k[2], card["needs"])
                for k, card in zip(self.keys, self.cards, strict=True)
            ],
            self.words["needs"],
            frozenset(self.words["stop"]),
            self.words.get("local"),
        )
        self._hours: dict[int, tuple[list[hours.Slot], list[hours.DatedHours]]] = {}

    def documents(self) -> list[dict[str, Any]]:
        """What the browser's index is built from: each card's keys (``k``) and needs."""
        return [{"k": k, "needs": card["needs"]} for k, card in zip(self.keys, self.cards, strict=True)]

    def is_open(self, doc: int, now: dt.datetime) -> bool:
        """Whether a card's service is open at ``now`` (the centre's wall clock), as the browser says."""
        card = self.cards[doc]
        if card["status"] == "temporarily_closed":
            return False
        if doc not in self._hours:
            self._hours[doc] = _hours(card)
        slots, exceptions = self._hours[doc]
        return hours.open_state(slots, exceptions, now).is_open

    def search(
        self,
        query: str,
        now: dt.datetime,
        limit: int = 30,
        *,
        free: bool = False,
        no_documents: bool = False,
        open_now: bool = False,
    ) -> dict[str, Any]:
        """The first ``limit`` cards matching (with the list's filters), how many, and whether
        they match only some of the words."""
        found = self.index.search(query, lambda doc: self.is_open(doc, now))
        order = [
            doc
            for doc in found.order
            if (not free or self.cards[doc]["is_free"])
            and (not no_documents or self.cards[doc]["no_documents_needed"])
            and (not open_now or self.is_open(doc, now))
        ]
        return {
            "revision": self.revision,
            "count": len(order),
            "partial": found.partial,
            "cards": [self.cards[doc] for doc in order[: max(1, min(limit, MAX_RESULTS))]],
        }
