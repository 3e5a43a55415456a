"""A wake-up notification that fails while PostgreSQL restarts is a lost hint, not a crash.

The PostgreSQL store sends its ``NOTIFY`` through the same seam as every statement, which turns
psycopg errors into :class:`StoreUnavailableError`. Seen in the restart scenario: the hint task
died with that error ("Task exception was never retrieved") and a later ``close()`` of the
store re-raised it from ``Notifier.stop()``.
"""

from __future__ import annotations

import asyncio

import pytest

from helpdesk_loyalty.errors import StoreUnavailableError
from helpdesk_loyalty.store.postgres_wake import Notifier

pytestmark = pytest.mark.anyio


async def test_a_failed_notification_is_dropped_and_the_next_hint_is_sent() -> None:
    attempts: list[int] = []
    sent = asyncio.Event()

    async def send() -> None:
        attempts.append(len(attempts))
        sent.set()
        if len(attempts) == 1:
            raise StoreUnavailableError("PostgreSQL at db:5432/hl: notify failed; retry later")

    notifier = Notifier(send)
    notifier.hint()
    await sent.wait()
    await notifier.stop()  # the failed hint is gone; stopping does not raise it again
    sent.clear()
    notifier.hint()
    await sent.wait()
    await notifier.stop()
    assert attempts == [0, 1]
