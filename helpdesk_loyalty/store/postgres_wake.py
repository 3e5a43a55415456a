"""Cross-process wake-ups for the PostgreSQL store: ``LISTEN``/``NOTIFY`` as a hint only.

``NOTIFY`` takes a database-wide lock at commit, which becomes the bottleneck at high job rates
(Recall.ai, "Postgres LISTEN/NOTIFY does not scale", 2025), so :class:`Notifier` sends at most
one per :data:`NOTIFY_INTERVAL` per process, always after the commit it announces. Workers poll
anyway (the ``wait_for_work`` timeout), so a lost notification only delays work, and a listener
that loses its connection reconnects by itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable

import psycopg

from ..errors import StoreError

__all__ = ["CHANNEL", "NOTIFY_INTERVAL", "Listener", "Notifier"]

log = logging.getLogger(__name__)

CHANNEL = "helpdesk_loyalty_jobs"
NOTIFY_INTERVAL = 0.05


class Notifier:
    """Coalesces wake-up hints into at most one ``send()`` per interval."""

    def __init__(self, send: Callable[[], Awaitable[None]]) -> None:
        self._send = send
        self._dirty = False
        self._last = float("-inf")
        self._task: asyncio.Task[None] | None = None

    def hint(self) -> None:
        """A commit made work runnable: make sure a notification follows it."""
        self._dirty = True
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self._drain())

    async def _drain(self) -> None:
        loop = asyncio.get_running_loop()
        while self._dirty:
            delay = self._last + NOTIFY_INTERVAL - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            # Cleared before sending: a hint that arrives during the send gets its own NOTIFY.
            self._dirty = False
            self._last = loop.time()
            try:
                await self._send()
            except (psycopg.Error, StoreError) as exc:
                # The store's send translates psycopg errors (a server restart, a full pool):
                # a lost hint only delays work until the workers' next poll.
                log.debug("wake-up notification not sent: %s", type(exc).__name__)

    async def stop(self) -> None:
        """Drop any pending notification."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None


class Listener:
    """Keeps one connection ``LISTEN``-ing and calls ``on_notify`` for every notification not
    sent by ``token`` (this process), and once after every (re)connection, since notifications
    sent while it was away are lost."""

    def __init__(
        self, conninfo: str, token: str, on_notify: Callable[[], None], connect_timeout: int
    ) -> None:
        self._conninfo = conninfo
        self._token = token
        self._on_notify = on_notify
        self._connect_timeout = connect_timeout
        self._listening = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def start(self, wait: float) -> bool:
        """Start listening; wait up to ``wait`` seconds for the first ``LISTEN`` to be active.
        ``False`` means workers rely on polling until the listener connects."""
        self._task = asyncio.get_running_loop().create_task(self._run())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._listening.wait(), wait)
        return self._listening.is_set()

    async def _run(self) -> None:
        delay = 0.2
        while True:
            try:
                conn = await psycopg.AsyncConnection.connect(
                    self._conninfo, autocommit=True, connect_timeout=self._connect_timeout
                )
                async with conn:
                    await conn.execute(f"LISTEN {CHANNEL}")
                    self._listening.set()
                    delay = 0.2
                    self._on_notify()
                    async for notify in conn.notifies():
                        if notify.payload != self._token:
                            self._on_notify()
            except psycopg.Error as exc:
                log.info(
                    "job notification listener disconnected (%s); reconnecting", type(exc).__name__
                )
            self._listening.clear()
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)

    async def stop(self) -> None:
        """Stop listening and close the connection."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
