"""Snapshots per locale for the HTTP endpoints: served from disk at once after a restart,
brought up to date incrementally when the directory revision moves.

A request costs one small query (the revision). When it moved, readers keep the previous
snapshot while one thread updates it: only the services stamped since (milliseconds at
10,000 services), or everything on a first start with nothing on disk. Workers of the machine
share the files; the one holding the lock updates, the others read what it wrote.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from rxapp.i18n.catalogs import TRANSLATIONS_DIR
from rxapp.services.search.online import OnlineSearch
from rxapp.services.snapshot import contents as built
from rxapp.services.snapshot.documents import FORMAT, Snapshot, digest, dumps, words_part
from rxapp.services.snapshot.layout import assemble, index
from rxapp.services.snapshot.store import Store

LAYOUT = 1  # bump when the parts' cutting or the state's shape changes


def words(locale: str) -> tuple[str, bytes]:
    """The words part's name and body."""
    body = dumps(words_part(locale))
    return f"words-0-{digest(body)}", body


def publish(
    store: Store,
    new: built.Contents,
    per_part: int,
    timezone: str,
    words_part: tuple[str, bytes],
    state: dict[str, Any],
) -> Snapshot:
    """Assemble ``new`` (reusing its previous layout's unchanged parts) and write it."""
    layout, made = assemble(new.entries, per_part, new.layout, new.dirty)
    made[words_part[0]] = words_part[1]
    document = index(
        new.entries,
        layout,
        locale=new.locale,
        revision=new.revision,
        updated=new.updated,
        timezone=timezone,
        words=words_part[0],
    )
    state = {**state, "names": [*layout.names(), words_part[0]]}
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
    ) -> None:
        self._engine = engine
        self._timezone = timezone
        self._per_part = per_part
        self._yesterday = clock  # () -> ISO date of yesterday in the centre's time zone
        self._folder = folder
        self._lock = threading.Lock()
        self._building: set[str] = set()
        self._stores: dict[str, Store] = {}
        self._served: dict[str, tuple[str, Snapshot]] = {}
        self._contents: dict[str, built.Contents] = {}
        self._online: dict[str, tuple[Snapshot, OnlineSearch]] = {}
        self._words: dict[str, tuple[str, bytes, str]] = {}

    def _key(self) -> tuple[str, int]:
        with Session(self._engine) as session:
            return self._yesterday(), built.head(session)[0]

    def _store(self, locale: str) -> Store:
        with self._lock:
            return self._stores.setdefault(locale, Store(self._folder, locale))

    def _fingerprint(self, locale: str) -> tuple[str, bytes, str]:
        """The words part's name and body, and what else the files depend on besides the data."""
        if locale not in self._words:
            name, body = words(locale)
            catalog = TRANSLATIONS_DIR / locale / "LC_MESSAGES" / "messages.po"
            texts = catalog.read_bytes() if catalog.exists() else b""
            made = dumps([FORMAT, LAYOUT, self._per_part, self._timezone, digest(body), digest(texts)])
            self._words[locale] = (name, body, digest(made))
        return self._words[locale]

    def _current(self, state: dict[str, Any] | None, locale: str, since: str, revision: int) -> bool:
        return (
            state is not None
            and state["fingerprint"] == self._fingerprint(locale)[2]
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
            served = (state["since"], store.snapshot(state))
            with self._lock:
                self._served[locale] = served
        if served is None:  # nothing to show yet: the first reader waits for a build
            return self.update(locale)
        with self._lock:
            start = locale not in self._building
            self._building.add(locale)
        if start:
            threading.Thread(target=self._update_then_done, args=(locale,), daemon=True).start()
        return served[1]

    def _serve(self, locale: str, since: str, snapshot: Snapshot) -> Snapshot:
        with self._lock:
            self._served[locale] = (since, snapshot)
        return snapshot

    def _update_then_done(self, locale: str) -> None:
        try:
            snapshot = self.update(locale)
            self.online(locale, snapshot)  # so the first person to search does not wait for its index
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
            words_name, words_body, fingerprint = self._fingerprint(locale)
            old = self._contents.get(locale)
            usable = state is not None and state["fingerprint"] == fingerprint
            if usable and state is not None and (old is None or old.revision != state["revision"]):
                old = built.from_parts(locale, state, json.loads(store.read(state["index"])), store.read)
            with Session(self._engine) as session:
                new = built.catch_up(session, old, since) if usable and old is not None else None
                if new is None:
                    new = built.full(session, locale, since)
            state = {"format": FORMAT, "fingerprint": fingerprint}
            snapshot = publish(store, new, self._per_part, self._timezone, (words_name, words_body), state)
            self._contents[locale] = new
        return self._serve(locale, since, snapshot)

    def online(self, locale: str, snapshot: Snapshot | None = None) -> OnlineSearch:
        """Search over the locale's current snapshot (its index is built on the first search)."""
        snapshot = snapshot or self.get(locale)
        with self._lock:
            found = self._online.get(locale)
        if found is not None and found[0] is snapshot:
            return found[1]
        made = OnlineSearch(json.loads(snapshot.index.body), lambda name: snapshot.parts[name].body)
        with self._lock:
            self._online[locale] = (snapshot, made)
        return made
