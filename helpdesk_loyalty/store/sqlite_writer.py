"""The SQLite group-commit writer: one thread, the only write connection, many operations per
transaction.

With ``synchronous=FULL`` every commit costs one WAL fsync; committing up to :data:`BATCH_MAX`
queued operations in one ``BEGIN IMMEDIATE ... COMMIT`` shares that fsync, which measured about
ten times the throughput of one transaction per event. An operation that raises is rolled back
alone and the rest of the batch commits: the batch first runs without savepoints, and only when
an operation raised is it run again with each operation inside its own ``SAVEPOINT``. A
caller's future is resolved only after the ``COMMIT`` returned: acknowledged means durable.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..errors import StoreError
from .sqlite_errors import translate

__all__ = ["BATCH_MAX", "SqliteWriter", "WriteOp"]

BATCH_MAX = 256

T = TypeVar("T")
WriteOp = Callable[[sqlite3.Connection], T]


@dataclass
class _Item:
    op: WriteOp[Any]
    future: asyncio.Future[Any]
    loop: asyncio.AbstractEventLoop
    outcome: tuple[bool, Any] = field(default=(False, None))


_STOP = object()


class SqliteWriter:
    """Owns ``conn`` on a dedicated thread; callers on any event loop submit operations."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._queue: queue.SimpleQueue[_Item | object] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="hl-sqlite-writer", daemon=True)
        self._closed = False
        self.batches = 0

    def start(self) -> None:
        """Start the writer thread."""
        self._thread.start()

    @property
    def alive(self) -> bool:
        """Whether the thread is running and accepting work."""
        return self._thread.is_alive() and not self._closed

    async def submit(self, op: WriteOp[T]) -> T:
        """Run ``op`` in the next group commit; return its result once it is durable."""
        if not self.alive:
            raise StoreError("the SQLite store is closed; open it before writing")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._queue.put(_Item(op, future, loop))
        return await future

    async def stop(self) -> None:
        """Commit what is queued, then end the thread. Idempotent."""
        if self._closed:
            return
        self._closed = True
        self._queue.put(_STOP)
        await asyncio.to_thread(self._thread.join)

    def close_connection(self) -> None:
        """Close the write connection once the thread has stopped."""
        if not self._thread.is_alive():
            self._conn.close()

    # -- the thread ------------------------------------------------------------------------
    def _run(self) -> None:
        stopping = False
        while not stopping:
            batch: list[_Item] = []
            item = self._queue.get()
            while True:
                if item is _STOP:
                    stopping = True
                    break
                assert isinstance(item, _Item)
                batch.append(item)
                if len(batch) >= BATCH_MAX:
                    break
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
            if batch:
                self._commit(batch)
                self.batches += 1

    def _commit(self, batch: list[_Item]) -> None:
        conn = self._conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            if not self._apply_all(conn, batch):
                # One operation raised: undo the whole pass, then give every operation its own
                # savepoint so that only the failing one is rolled back. The operations only
                # read and write the database, so running them again gives the same results.
                self._rollback()
                conn.execute("BEGIN IMMEDIATE")
                for item in batch:
                    self._apply(conn, item)
            conn.execute("COMMIT")
        except Exception as exc:
            self._rollback()
            for item in batch:
                item.outcome = (False, translate(exc, "commit"))
        _deliver(batch)

    @staticmethod
    def _apply_all(conn: sqlite3.Connection, batch: list[_Item]) -> bool:
        """Every operation in the open transaction, no savepoints; ``False`` if one raised.

        Failures are rare, and two savepoint statements per operation were a sixth of the
        writer's work for an accepted event (bench/, docs/performance.md).
        """
        try:
            for item in batch:
                item.outcome = (True, item.op(conn))
        except Exception:
            return False
        return True

    def _apply(self, conn: sqlite3.Connection, item: _Item) -> None:
        conn.execute("SAVEPOINT op")
        try:
            result = item.op(conn)
        except Exception as exc:
            if not conn.in_transaction:
                # SQLite rolled the whole transaction back (I/O error, disk full, busy): the
                # batch cannot commit, so every item fails with this error.
                raise
            conn.execute("ROLLBACK TO op")
            conn.execute("RELEASE op")
            item.outcome = (False, exc if isinstance(exc, StoreError) else translate(exc, "write"))
        else:
            conn.execute("RELEASE op")
            item.outcome = (True, result)

    def _rollback(self) -> None:
        try:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # the connection reports the state on the next BEGIN; nothing else to undo


def _deliver(batch: list[_Item]) -> None:
    by_loop: dict[asyncio.AbstractEventLoop, list[_Item]] = {}
    for item in batch:
        by_loop.setdefault(item.loop, []).append(item)
    for loop, items in by_loop.items():
        # A closed loop raises RuntimeError: nobody is waiting for these results any more.
        with contextlib.suppress(RuntimeError):
            loop.call_soon_threadsafe(_resolve, items)


def _resolve(items: list[_Item]) -> None:
    for item in items:
        if item.future.done():
            continue  # the caller was cancelled; the write stands, as for a lost ack
        ok, value = item.outcome
        if ok:
            item.future.set_result(value)
        else:
            item.future.set_exception(value)
