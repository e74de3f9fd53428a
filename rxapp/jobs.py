"""Periodic jobs of the running app: retention on start and then daily.

Every worker runs the loop; the job's lock in the database (``JobLock``) lets one of them
do the work each time. ``python -m rxapp.cli retention`` runs it by hand.
"""

from __future__ import annotations

import asyncio
import logging

from rxapp.cli import run_retention
from rxapp.services.db import engine

log = logging.getLogger(__name__)
DAY_SECONDS = 24 * 3600


async def retention_loop() -> None:
    """On start, then every day."""
    while True:
        try:
            log.info(await asyncio.to_thread(run_retention, engine()))
        except Exception:  # a database hiccup must not stop the app; the next day tries again
            log.exception("retention job failed")
        await asyncio.sleep(DAY_SECONDS)
