"""Search over a locale's snapshot on the server, ranked as the browser ranks it: for a phone
that has not loaded every part of a large directory yet (``GET /api/directory/<locale>/
search.json?q=``). Built from the snapshot's own documents, so both see the same services."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from rxapp.services import hours
from rxapp.services.search.rank import Document, Index, Needs, Run

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


@dataclass(frozen=True)
class _Part:
    """A part's cards, their keys and their run of the index: what an edit that left the part
    as it was (its name says its content) reuses."""

    cards: list[dict[str, Any]]
    keys: list[list[str]]
    run: Run

    @classmethod
    def parse(cls, cards: bytes, keys: bytes) -> _Part:
        """Parse and index one part (of the cards and of their keys)."""
        parsed: list[dict[str, Any]] = json.loads(cards)["cards"]
        tiers: list[list[str]] = json.loads(keys)["keys"]
        documents = [Document(k[0], k[1], k[2], card["needs"]) for k, card in zip(tiers, parsed, strict=True)]
        return cls(parsed, tiers, Run(documents))


class OnlineSearch:
    """One locale's cards (in the snapshot's order) and their index.

    Made again after each edit from the new snapshot: with the ``previous`` search, only the
    parts whose names changed (one or two an edit) are parsed and indexed, the others reused:
    indexing every part again held the worker (and the GIL) while readers waited."""

    index: Index

    def __init__(
        self,
        index_document: Mapping[str, Any],
        bodies: Callable[[str], bytes],
        previous: OnlineSearch | None = None,
    ) -> None:
        self.revision: int = index_document["revision"]
        known = previous._parts if previous is not None else {}
        pairs = list(zip(index_document["cards"], index_document["keys"], strict=True))
        parts = [known.get(names) or _Part.parse(bodies(names[0]), bodies(names[1])) for names in pairs]
        self._parts: dict[tuple[str, str], _Part] = dict(zip(pairs, parts, strict=True))
        self.cards: list[dict[str, Any]] = [card for part in parts for card in part.cards]
        self.keys: list[list[str]] = [k for part in parts for k in part.keys]  # as the browser gets them
        self._words_name: str = index_document["words"]
        if previous is not None and previous._words_name == self._words_name:
            self.words: dict[str, Any] = previous.words
            needs = previous.index.needs
        else:
            self.words = json.loads(bodies(self._words_name))
            needs = Needs(self.words["needs"], self.words.get("local"))
        self.index = Index.joined([part.run for part in parts], needs, frozenset(self.words["stop"]))
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
