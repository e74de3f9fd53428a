"""Running a coroutine from a test, even when the browser tests hold this thread's event loop."""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run`` in a fresh thread (Playwright's sync API keeps a loop in the main one)."""
    context = contextvars.copy_context()  # Reflex keeps its registries in context variables
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(context.run, asyncio.run, coroutine).result()
