"""Password work (argon2) in a small thread pool of its own, never on the event loop.

One argon2 verification with the real parameters is ~170 ms of one core. On the event loop it
held up every reader and every desk tab of the worker (issue 16, item 1); argon2-cffi releases
the GIL, so in a thread it only takes a core. The pool is small and what may wait for it is
bounded: beyond the bound a sign-in is refused at once (``BusyError``) instead of queueing for
ever behind a flood.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from typing import Any, ParamSpec, TypeVar

# One thread: on the 2-core machine a centre runs, the other core stays with the event loop
# (readers, the desk); each worker process of a bigger deployment has its own pool.
WORKERS = 1
# Waiting beyond the running ones: a sign-in waits at most ~4 x 170 ms. Ten tablets rarely
# sign in within the same second; a script does, and is told the desk is busy.
WAITING = 4

P = ParamSpec("P")
T = TypeVar("T")


class BusyError(Exception):
    """Too much password work is waiting already; try again in a moment."""


class HashPool:
    """A thread pool that refuses work beyond ``workers + waiting`` jobs in hand."""

    def __init__(self, workers: int = WORKERS, waiting: int = WAITING) -> None:
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="paso-hash")
        self._bound = workers + waiting
        self._taken = 0
        self._lock = threading.Lock()

    def _release(self, _: Future[Any]) -> None:
        with self._lock:
            self._taken -= 1

    async def run(self, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """``fn(*args, **kwargs)`` in the pool; ``BusyError`` at once when the pool is full."""
        with self._lock:
            if self._taken >= self._bound:
                raise BusyError
            self._taken += 1
        future = self._executor.submit(partial(fn, *args, **kwargs))
        # Released when the thread is done, not when the caller stops waiting: a cancelled
        # caller's verification still holds its core until it ends.
        future.add_done_callback(self._release)
        return await asyncio.wrap_future(future)

    @property
    def taken(self) -> int:
        """Jobs running or waiting now."""
        return self._taken


_pool: HashPool | None = None


def pool() -> HashPool:
    """The process-wide pool (made on first use, in the worker process that uses it)."""
    global _pool
    _pool = _pool or HashPool()
    return _pool


def use_pool(replacement: HashPool | None) -> None:
    """Replace the process-wide pool (tests: a smaller one; None: a fresh default one on next use)."""
    global _pool
    _pool = replacement


async def run(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """``fn(*args, **kwargs)`` in the process-wide password pool; ``BusyError`` when it is full."""
    return await pool().run(fn, *args, **kwargs)
