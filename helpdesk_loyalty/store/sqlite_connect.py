"""Opening SQLite connections for the store: the writer's (WAL, chosen ``synchronous``,
migrated) and the read-only ones beside it."""

from __future__ import annotations

import queue
import sqlite3
import threading
from collections.abc import Callable, Iterator
from typing import TypeVar

from ..errors import StoreError
from .migrate import SCHEMA_VERSION_DDL, check_known, migrations

__all__ = ["SYNCHRONOUS_MODES", "ReaderPool", "connect_writer", "migrate"]

# FULL fsyncs the WAL at every commit: nothing acknowledged is lost on power failure. NORMAL
# survives a process crash but "might roll back following a power loss or system crash"
# (SQLite docs on synchronous in WAL mode), so it is opt-in.
SYNCHRONOUS_MODES = ("FULL", "NORMAL", "EXTRA")

T = TypeVar("T")


def _connect(path: str, busy_timeout: float) -> sqlite3.Connection:
    conn = sqlite3.connect(
        path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
    )
    conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
    return conn


def connect_writer(path: str, synchronous: str, busy_timeout: float) -> sqlite3.Connection:
    """The write connection: WAL journal, ``synchronous`` as asked."""
    conn = _connect(path, busy_timeout)
    try:
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StoreError(
                f"SQLite refused WAL mode for {path} (journal_mode is {mode}); put the "
                "database on a local filesystem that supports shared memory"
            )
        conn.execute(f"PRAGMA synchronous = {synchronous}")
        # Savepoints (the writer's retry path, sqlite_writer.py) and multi-row statements
        # inside a transaction keep an undo log, the statement journal, in a temporary file by
        # default; in memory, an accept wrapped in a savepoint took 67 instead of 104 us of
        # SQLite work (docs/performance.md).
        conn.execute("PRAGMA temp_store = MEMORY")
    except BaseException:
        conn.close()
        raise
    return conn


def _statements(script: str) -> Iterator[str]:
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""


def migrate(conn: sqlite3.Connection, now: float) -> int:
    """Apply pending migrations in one ``BEGIN IMMEDIATE`` transaction; the schema version."""
    known = migrations("sqlite")
    conn.execute(SCHEMA_VERSION_DDL)
    conn.execute("BEGIN IMMEDIATE")
    try:
        applied = int(
            conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]
        )
        check_known(applied, known)
        for step in known:
            if step.version <= applied:
                continue
            for statement in _statements(step.sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                (step.version, step.name, now),
            )
            applied = step.version
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return applied


class ReaderPool:
    """Read-only connections, one per concurrent reader, reused. ``run`` is called from worker
    threads (``asyncio.to_thread``)."""

    def __init__(self, path: str, busy_timeout: float) -> None:
        self._path = path
        self._busy_timeout = busy_timeout
        self._idle: queue.SimpleQueue[sqlite3.Connection] = queue.SimpleQueue()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._closed = False

    def run(self, query: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``query`` on an idle connection (opening one if none is idle)."""
        try:
            conn = self._idle.get_nowait()
        except queue.Empty:
            conn = self._open()
        try:
            result = query(conn)
        except BaseException:
            self._discard(conn)
            raise
        self._idle.put(conn)
        return result

    def _open(self) -> sqlite3.Connection:
        with self._lock:
            if self._closed:
                raise StoreError("the SQLite store is closed; open it before reading")
            conn = _connect(self._path, self._busy_timeout)
            conn.execute("PRAGMA query_only = ON")
            self._all.append(conn)
            return conn

    def _discard(self, conn: sqlite3.Connection) -> None:
        with self._lock:
            if conn in self._all:
                self._all.remove(conn)
        conn.close()

    def close(self) -> None:
        """Close every connection; later reads fail with :class:`StoreError`."""
        with self._lock:
            self._closed = True
            conns, self._all = self._all, []
        for conn in conns:
            conn.close()
