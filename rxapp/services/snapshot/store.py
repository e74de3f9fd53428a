"""Where a locale's snapshot lives: files under the data folder, shared by every worker of
the machine and kept across restarts (or a dict, for tests and one-off builds).

``<folder>/<locale>/<name>.json`` and ``<name>.json.gz`` are parts named by their content,
written once (temporary file, then rename: a reader never sees half a file). ``state.json``,
replaced last, names the current index and parts; a reader reads it, then files it names.
Writers take ``.lock`` (one update at a time across processes). Parts no state names are
removed once older than ``GRACE_S``: a phone may still be fetching the previous revision's.
"""

from __future__ import annotations

import contextlib
import fcntl
import gzip
import json
import os
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from rxapp.services.snapshot.documents import Part, Snapshot, digest, part

GRACE_S = 600
STATE = "state.json"


class DiskParts(Mapping[str, Part]):
    """The parts a state names, read from disk when asked."""

    def __init__(self, folder: Path, names: list[str]) -> None:
        self._folder, self._names = folder, frozenset(names)

    def __getitem__(self, name: str) -> Part:
        if name not in self._names:
            raise KeyError(name)
        return Part(f'"{name.rsplit("-", 1)[1]}"', path=self._folder / f"{name}.json")

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


class Store:
    """One locale's snapshot files (in memory when ``folder`` is None)."""

    def __init__(self, folder: Path | None, locale: str) -> None:
        self.folder = folder / locale if folder else None
        self._memory: dict[str, Part] = {}
        self._state: dict[str, Any] | None = None
        self._thread_lock = threading.Lock()

    def state(self) -> dict[str, Any] | None:
        """What the last update wrote (None before the first)."""
        if self.folder is None:
            return self._state
        try:
            found: dict[str, Any] = json.loads((self.folder / STATE).read_bytes())
        except (FileNotFoundError, ValueError):
            return None
        return found

    def snapshot(self, state: dict[str, Any]) -> Snapshot:
        """The snapshot a state names."""
        names = state["names"]
        if self.folder is None:
            return Snapshot(
                state["revision"], self._memory[state["index"]], {n: self._memory[n] for n in names}
            )
        index = Part(f'"{state["index"].rsplit("-", 1)[1]}"', path=self.folder / f"{state['index']}.json")
        return Snapshot(state["revision"], index, DiskParts(self.folder, names))

    def read(self, name: str) -> bytes:
        """A part's JSON bytes."""
        if self.folder is None:
            return self._memory[name].body
        return (self.folder / f"{name}.json").read_bytes()

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """One writer at a time, in this process and across the machine's workers."""
        with self._thread_lock:
            if self.folder is None:
                yield
                return
            self.folder.mkdir(parents=True, exist_ok=True)
            with open(self.folder / ".lock", "a") as handle:
                fcntl.flock(handle, fcntl.LOCK_EX)
                try:
                    yield
                finally:
                    fcntl.flock(handle, fcntl.LOCK_UN)

    def write(self, made: dict[str, bytes], index: bytes, state: dict[str, Any]) -> Snapshot:
        """Write new parts and the index, then the state naming them (call under ``lock``)."""
        name = f"index-{digest(index)}"
        state = {**state, "index": name}
        previous = self.state()
        if self.folder is None:
            for key, body in {**made, name: index}.items():
                self._memory.setdefault(key, part(body))
            keep = {name, *state["names"], *(previous["names"] if previous else [])}
            if previous:
                keep.add(previous["index"])
            self._memory = {key: value for key, value in self._memory.items() if key in keep}
            self._state = state
            return self.snapshot(state)
        for key, body in {**made, name: index}.items():
            target = self.folder / f"{key}.json"
            if not target.exists():
                _atomic(target.with_name(target.name + ".gz"), gzip.compress(body, 6))
                _atomic(target, body)
        _atomic(self.folder / STATE, json.dumps(state).encode())
        self._collect(state, previous)
        return self.snapshot(state)

    def _collect(self, state: dict[str, Any], previous: dict[str, Any] | None) -> None:
        assert self.folder is not None
        keep = {state["index"], *state["names"]}
        if previous:
            keep |= {previous["index"], *previous["names"]}
        old = time.time() - GRACE_S
        for path in self.folder.glob("*.json*"):
            stem = path.name.split(".", 1)[0]
            if path.name != STATE and stem not in keep and path.stat().st_mtime < old:
                path.unlink(missing_ok=True)


def _atomic(path: Path, body: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}")
    temporary.write_bytes(body)
    os.replace(temporary, path)
