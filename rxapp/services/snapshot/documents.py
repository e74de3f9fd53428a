"""The snapshot's documents, made of per-service JSON fragments so that an edit re-assembles
parts by joining bytes and only the parts it changed are hashed again and gzipped.

A service gives three fragments (``Entry``): its card, its search keys and its detail. Cards
and keys are cut into parts by their content (``chunks``): after a first part of a fixed size,
a part ends after a card whose slug hashes to 0 modulo a number, so inserting or renaming a
service changes the part it leaves and the part it joins, not every later part. Details go to a fixed number of buckets by a hash
of the slug (the browser computes the same ``bucket``)."""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from rxapp.services import text as text_rules
from rxapp.services.search import stored, words
from rxapp.services.views import ServicePublic

# Bump when the documents' shape changes (5: the index's "alerts"; 6: a "numbers" part; 7: a
# detail's ages, interpretation, url and email; 8: a detail's documents to bring; 9: a place's
# accessibility, languages, online; 10: a place's own hours and phones).
FORMAT = 10
CARD_FIELDS = (
    "slug",
    "name",
    "organization",
    "needs",
    "is_free",
    "no_documents_needed",
    "status",
    "is_sample",
)


class Part:
    """One served JSON document: its bytes, their gzip and the ETag, in memory or on disk
    (read on each use: the page cache keeps them, the process does not)."""

    __slots__ = ("_body", "_gzipped", "_path", "etag")

    def __init__(
        self, etag: str, body: bytes | None = None, gzipped: bytes | None = None, path: Path | None = None
    ) -> None:
        self.etag, self._body, self._gzipped, self._path = etag, body, gzipped, path

    @property
    def body(self) -> bytes:
        """The JSON bytes."""
        if self._body is not None:
            return self._body
        assert self._path is not None
        return self._path.read_bytes()

    @property
    def gzipped(self) -> bytes:
        """The same, gzipped."""
        if self._gzipped is not None:
            return self._gzipped
        assert self._path is not None
        return self._path.with_name(self._path.name + ".gz").read_bytes()


@dataclass(frozen=True)
class Snapshot:
    """A locale's index and its named parts, for one directory revision."""

    revision: int
    index: Part
    parts: Mapping[str, Part] = field(default_factory=dict)


def bucket(slug: str, buckets: int) -> int:
    """The detail part holding a slug: FNV-1a over UTF-8 (the browser computes the same)."""
    value = 0x811C9DC5
    for byte in slug.encode():
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value % buckets


def dumps(document: Any) -> bytes:
    """Compact JSON, as every part is written."""
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def digest(body: bytes) -> str:
    """A part's content hash, as its name and ETag carry it."""
    return hashlib.sha256(body).hexdigest()[:16]


def part(body: bytes) -> Part:
    """A part held in memory, gzipped once."""
    return Part(f'"{digest(body)}"', body, gzip.compress(body, 6))


def card(service: ServicePublic, since: str) -> dict[str, Any]:
    """What a list needs of a service: enough for its card, filters, open-now and search."""
    row: dict[str, Any] = {name: getattr(service, name) for name in CARD_FIELDS}
    row["other"] = bool(service.other_locales)
    row["slots"] = service.slots
    # Past exceptions cannot change open-now; keep yesterday's for slots that pass midnight.
    row["exceptions"] = [[e.date, e.closed, e.opens, e.closes] for e in service.exceptions if e.date >= since]
    row["geo"] = next(
        ([place.latitude, place.longitude] for place in service.locations if place.latitude is not None),
        None,
    )
    return row


def keys(service: ServicePublic) -> list[str]:
    """A card's search keys by tier: name, keywords, description (``stored.tiers``)."""
    return list(stored.tiers(service.search))


def words_part(locale: str) -> dict[str, Any]:
    """The needs' keywords (all locales, and the reader's own) and the filler words, as keys."""
    return {"needs": words.need_keys(), "local": words.local_keys(locale), "stop": sorted(words.filler())}


@dataclass(frozen=True)
class Entry:
    """One service's fragments and what the index sums up of it."""

    order: tuple[str, str]  # its place in the lists: normalized name, then slug
    card: bytes
    keys: bytes
    detail: bytes
    needs: tuple[str, ...]
    times: tuple[tuple[str, str], ...]
    oldest: str  # the oldest exception date on its card ("" for none): a new day may drop it

    @property
    def slug(self) -> str:
        """Its slug (never changes: links carry it)."""
        return self.order[1]


def entry(service: ServicePublic, since: str) -> Entry:
    """A service's fragments, from its public view."""
    return from_documents(
        card(service, since), keys(service), service.model_dump(mode="json", exclude={"search"})
    )


def from_documents(
    row: dict[str, Any],
    tiers: list[str],
    detail: dict[str, Any],
    raw: tuple[bytes, bytes, bytes] | None = None,
) -> Entry:
    """A service's fragments from its documents (``raw``: their bytes, as read back from disk)."""
    dates = [exception[0] for exception in row["exceptions"]]
    card_body, keys_body, detail_body = raw or (dumps(row), dumps(tiers), dumps(detail))
    return Entry(
        order=(text_rules.normalize(row["name"]), row["slug"]),
        card=card_body,
        keys=keys_body,
        detail=detail_body,
        needs=tuple(row["needs"]),
        times=tuple(detail["times"].items()),
        oldest=min(dates, default=""),
    )


def new_day(found: Entry, since: str) -> Entry:
    """The entry with its card's exceptions before ``since`` dropped (as a build that day)."""
    row = json.loads(found.card)
    row["exceptions"] = [exception for exception in row["exceptions"] if exception[0] >= since]
    return replace(found, card=dumps(row), oldest=min((e[0] for e in row["exceptions"]), default=""))


def chunks(slugs: list[str], per_part: int) -> list[tuple[str, ...]]:
    """Cut the cards (in list order): the first ``per_part`` (what a list shows at once), then
    where their content says, about ``per_part`` a part."""
    low, high, modulus = max(1, per_part // 4), 2 * per_part, max(1, per_part - per_part // 4)
    cut: list[tuple[str, ...]] = [tuple(slugs[:per_part])] if slugs else []
    current: list[str] = []
    for slug in slugs[per_part:]:
        current.append(slug)
        if len(current) >= high or (len(current) >= low and zlib.crc32(slug.encode()) % modulus == 0):
            cut.append(tuple(current))
            current = []
    if current:
        cut.append(tuple(current))
    return cut


def bucket_count(services: int, per_part: int) -> int:
    """Detail buckets for a directory's size: a detail weighs about two cards."""
    return max(1, math.ceil(services / max(1, per_part // 2)))


def joined(key: str, fragments: list[bytes]) -> bytes:
    """``{"key":[f1,f2,...]}`` exactly as ``dumps`` writes it."""
    return b'{"' + key.encode() + b'":[' + b",".join(fragments) + b"]}"


_DECODER = json.JSONDecoder()


def items(body: bytes, key: str) -> list[tuple[Any, bytes]]:
    """The items of a ``joined`` part, each parsed and as its exact bytes (no re-encoding)."""
    text = body.decode()
    at = len(key) + 5  # after {"key":[
    found: list[tuple[Any, bytes]] = []
    while text[at] != "]":
        item, end = _DECODER.raw_decode(text, at)
        found.append((item, text[at:end].encode()))
        at = end + 1 if text[end] == "," else end
    return found
