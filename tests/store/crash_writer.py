"""Accept events as fast as possible and print each event key once ``accept_event`` returned.

Run by ``test_sqlite_crash.py``, which kills this process with SIGKILL mid-stream:
``python crash_writer.py <db path> <concurrent producers>``.
"""

from __future__ import annotations

import asyncio
import sys

from helpdesk_loyalty.clock import SystemClock
from helpdesk_loyalty.store import InboundRecord, SqliteStore


async def produce(store: SqliteStore, producer: int) -> None:
    n = 0
    while True:
        key = f"p{producer}-{n}"
        await store.accept_event(
            InboundRecord(
                source="zendesk",
                account="zendesk:crash",
                event_key=key,
                ticket_id=str(n % 7),
                kind="ticket.updated",
                payload={"event_id": key, "filler": "x" * 200},
            )
        )
        sys.stdout.write(key + "\n")
        sys.stdout.flush()
        n += 1


async def main(path: str, producers: int) -> None:
    store = SqliteStore(path, SystemClock())
    await store.open()
    await asyncio.gather(*(produce(store, p) for p in range(producers)))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2])))
