"""Snapshots per locale for the HTTP endpoints: served from disk at once after a restart,
brought up to date incrementally when the directory revision moves.

An index request costs one small query (the revision), at most once per ``revision_ttl``
seconds per worker; a part, named by its content, none (``part``). When it moved, one thread
updates it: only the services stamped since (milliseconds at 10,000 services), or everything
on a first start with nothing on disk. Readers meanwhile wait up to ``wait`` seconds for it,
then get the previous snapshot. Workers of the machine
share the files; the one holding the lock updates, the others read what it wrote.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.engine import Engine
from sqlalchemy.orm import configure_mappers
from sqlmodel import Session

from rxapp.i18n.catalogs import TRANSLATIONS_DIR
from rxapp.services.alerts import cutoff, index_alerts
from rxapp.services.search import stored
from rxapp.services.search.online import OnlineSearch
from rxapp.services.snapshot import contents as built
from rxapp.services.snapshot.documents import FORMAT, Part, Snapshot, digest, dumps, words_part
from rxapp.services.snapshot.layout import assemble, index
from rxapp.services.snapshot.store import Store

LAYOUT = 1  # bump when the parts' cutting or the state's shape changes


@lru_cache
def fingerprint(per_part: int, timezone: str) -> str:
    """What the files depend on besides the data: code versions, settings, the catalogs
    (every locale's: the words part holds the needs' keywords in all of them)."""
    catalogs = [path.read_bytes() for path in sorted(TRANSLATIONS_DIR.glob("*/LC_MESSAGES/*.po"))]
    return digest(dumps([FORMAT, LAYOUT, stored.VERSION, per_part, timezone, *map(digest, catalogs)]))


def warm(per_part: int, timezone: str) -> None:
    """Do at start what a first request would pay once (no database: safe before migrations).
    Not the words parts: seconds of work for six locales, which only an update needs."""
    configure_mappers()
    fingerprint(per_part, timezone)


@lru_cache
def words(locale: str) -> tuple[str, bytes]:
    """The words part's name and body (half a second the first time: catalogs, stemmers)."""
    body = dumps(words_part(locale))
    return f"words-0-{digest(body)}", body


def publish(
    store: Store,
    new: built.Contents,
    per_part: int,
    timezone: str,
    words_part: tuple[str, bytes],
    state: dict[str, Any],
    alerts: list[dict[str, Any]] | None = None,
) -> Snapshot:
    """Assemble ``new`` (reusing its previous layout's unchanged parts) and write it, with the
    locale's ``alerts`` in the index."""
    layout, made = assemble(new.entries, per_part, new.layout, new.dirty, new.fetch)
    made[words_part[0]] = words_part[1]
    numbers = f"numbers-0-{digest(new.numbers)}"
    made[numbers] = new.numbers
    document = index(
        new.entries,
        layout,
        locale=new.locale,
        revision=new.revision,
        updated=new.updated,
        timezone=timezone,
        words=words_part[0],
        numbers=numbers,
        known_times=new.unread.times if new.unread else None,
        alerts=alerts,
    )
    state = {**state, "names": [*layout.names(), words_part[0], numbers]}
    state |= {"revision": new.revision, "updated": new.updated, "since": new.since}
    snapshot = store.write(made, dumps(document), state)
    new.layout, new.dirty = layout, set()
    return snapshot


class SnapshotCache:
    """The current snapshot of each locale, kept on disk under ``folder`` (None: in memory)."""

    def __init__(
        self,
        engine: Engine,
        timezone: str,
        per_part: int,
        clock: Callable[[], str],
        folder: Path | None = None,
        revision_ttl: float = 0.0,
        wait: float = 0.0,
    ) -> None:
        self._engine = engine
        # How long a reader waits for an update under way before it gets the previous snapshot:
        # an update after an edit takes milliseconds, so the first reader after an alert is
        # posted sees it (without a wait, that reader got the index of before the post).
        self._wait = wait
        self._updated: dict[str, threading.Event] = {}  # set when a locale's update under way ends
        # How long a read of the revision answers for the next requests (0: every request asks).
        self._revision_ttl = revision_ttl
        self._key_read: tuple[float, tuple[str, int]] | None = None
        self._timezone = timezone
        self._per_part = per_part
        self._yesterday = clock  # () -> ISO date of yesterday in the centre's time zone
        self._folder = folder
        self._lock = threading.Lock()
        self._building: set[str | tuple[str, str]] = set()  # locales updated, (locale, "search") indexed
        self._stores: dict[str, Store] = {}
        self._served: dict[str, tuple[str, Snapshot]] = {}
        self._contents: dict[str, built.Contents] = {}
        self._online: dict[str, tuple[Snapshot, OnlineSearch]] = {}

    def _key(self) -> tuple[str, int]:
        now = time.monotonic()
        read = self._key_read
        if read is not None and now - read[0] < self._revision_ttl:
            return read[1]
        with Session(self._engine) as session:
            key = self._yesterday(), built.head(session)[0]
        self._key_read = (now, key)
        return key

    def fresh(self, locale: str) -> Snapshot | None:
        """The snapshot ``get`` would answer, when that needs no query and no build (the
        revision read within ``revision_ttl``): the endpoint answers it without a thread."""
        read = self._key_read
        if read is None or time.monotonic() - read[0] >= self._revision_ttl:
            return None
        with self._lock:
            served = self._served.get(locale)
        if served is not None and (served[0], served[1].revision) == read[1]:
            return served[1]
        return None

    def part(self, locale: str, name: str) -> Part | None:
        """A part of the snapshot served now, by name, with no query: a part's name is its
        content's hash, so whatever the revision, the same name is the same bytes."""
        with self._lock:
            served = self._served.get(locale)
        return None if served is None else served[1].parts.get(name)

    def _store(self, locale: str) -> Store:
        with self._lock:
            return self._stores.setdefault(locale, Store(self._folder, locale))

    def _fingerprint(self) -> str:
        return fingerprint(self._per_part, self._timezone)

    def _current(self, state: dict[str, Any] | None, locale: str, since: str, revision: int) -> bool:
        return (
            state is not None
            and state["fingerprint"] == self._fingerprint()
            and (state["revision"], state["since"]) == (revision, since)
        )

    def get(self, locale: str) -> Snapshot:
        """The current snapshot of a locale, or the previous one while it is updated."""
        since, current = self._key()
        with self._lock:
            served = self._served.get(locale)
        if served is not None and (served[0], served[1].revision) == (since, current):
            return served[1]
        store = self._store(locale)
        state = store.state()  # another worker, or this one before a restart, may have written it
        if self._current(state, locale, since, current):
            assert state is not None
            return self._serve(locale, since, store.snapshot(state))
        stale_ok = state is not None and state["format"] == FORMAT  # an older revision, same shape
        if stale_ok and state is not None and (served is None or served[1].revision < state["revision"]):
            # Marked not current (even at today's revision: built by other code or catalogs),
            # so that the next request looks again if this update fails.
            served = ("", store.snapshot(state))
            with self._lock:
                self._served[locale] = served
        if served is None:  # nothing to show yet: the first reader waits for a build
            return self.update(locale)
        with self._lock:
            start = locale not in self._building
            self._building.add(locale)
            if start:
                self._updated[locale] = threading.Event()
            updated = self._updated[locale]
        if start:
            threading.Thread(target=self._update_then_done, args=(locale,), daemon=True).start()
        if self._wait and updated.wait(self._wait):
            with self._lock:
                served = self._served.get(locale, served)
        return served[1]

    def _serve(self, locale: str, since: str, snapshot: Snapshot) -> Snapshot:
        with self._lock:
            self._served[locale] = (since, snapshot)
        return snapshot

    def _update_then_done(self, locale: str) -> None:
        try:
            try:
                snapshot = self.update(locale)
            finally:  # readers waiting for it go on, with the new snapshot or the previous one
                with self._lock:
                    self._updated[locale].set()
            with self._lock:
                searched = locale in self._online
            if not searched:  # so the first person to search does not wait for its index
                self.online(locale, snapshot)
        finally:
            with self._lock:
                self._building.discard(locale)

    def update(self, locale: str) -> Snapshot:
        """Bring a locale's files to the database's revision (one writer at a time)."""
        store = self._store(locale)
        with store.lock():
            since, current = self._key()
            state = store.state()
            if self._current(state, locale, since, current):
                assert state is not None
                return self._serve(locale, since, store.snapshot(state))
            fingerprint = self._fingerprint()
            old = self._contents.get(locale)
            usable = state is not None and state["fingerprint"] == fingerprint
            if usable and state is not None and (old is None or old.revision != state["revision"]):
                old = built.from_parts(locale, state, json.loads(store.read(state["index"])), store.read)
            with Session(self._engine) as session:
                new = built.catch_up(session, old, since) if usable and old is not None else None
                if new is None:
                    new = built.full(session, locale, since)
                # Alerts change with the revision (a post bumps it) and the day (30 days of news).
                alerts = index_alerts(
                    session=session, locale=locale, oldest=cutoff(since, ZoneInfo(self._timezone))
                )
            on_disk = [n for n in state["names"] if n.startswith("words-")] if usable and state else []
            said = (on_disk[0], store.read(on_disk[0])) if on_disk else words(locale)  # computing: 0.5 s
            written = {"format": FORMAT, "fingerprint": fingerprint}
            snapshot = publish(store, new, self._per_part, self._timezone, said, written, alerts)
            self._contents[locale] = new
        return self._serve(locale, since, snapshot)

    def online(self, locale: str, snapshot: Snapshot | None = None) -> OnlineSearch:
        """Search over the locale's snapshot. After an edit the previous revision's search answers
        while the new one is indexed in the background (only the parts the edit changed: an index
        of 10,000 cards made whole takes the worker's time, which readers must not wait behind)."""
        snapshot = snapshot or self.get(locale)
        with self._lock:
            found = self._online.get(locale)
            start = (
                found is not None and found[0] is not snapshot and (locale, "search") not in self._building
            )
            if start:
                self._building.add((locale, "search"))
        if found is None:
            return self._index_search(locale, snapshot)
        if start:
            threading.Thread(target=self._index_search, args=(locale, snapshot), daemon=True).start()
        return found[1]

    def _index_search(self, locale: str, snapshot: Snapshot) -> OnlineSearch:
        try:
            with self._lock:
                previous = self._online.get(locale)
            document, bodies = json.loads(snapshot.index.body), lambda name: snapshot.parts[name].body
            # Only the parts the edits changed are parsed and indexed again: the rest is reused.
            made = OnlineSearch(document, bodies, previous[1] if previous else None)
            with self._lock:
                self._online[locale] = (snapshot, made)
            return made
        finally:
            with self._lock:
                self._building.discard((locale, "search"))
