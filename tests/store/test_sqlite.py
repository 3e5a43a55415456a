"""What only the SQLite backend does: URLs, WAL and ``synchronous``, lock and open failures."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from storekit import assert_upgraded_from_schema_1, record

from helpdesk_loyalty.clock import FakeClock
from helpdesk_loyalty.errors import ConfigError, StoreError, StoreUnavailableError
from helpdesk_loyalty.store import Accepted, SqliteStore, open_store
from helpdesk_loyalty.store.migrate import migrations

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize(
    ("url", "path", "synchronous"),
    [
        ("sqlite:///state.db", "state.db", "FULL"),
        ("sqlite:///data/state.db?synchronous=NORMAL", "data/state.db", "NORMAL"),
        ("sqlite:////var/lib/hl/state.db", "/var/lib/hl/state.db", "FULL"),
        ("SQLITE:////tmp/with%20space.db?synchronous=full", "/tmp/with space.db", "FULL"),
    ],
)
def test_sqlite_urls(url: str, path: str, synchronous: str) -> None:
    store = open_store(url)
    assert isinstance(store, SqliteStore)
    assert (store.path, store.synchronous) == (path, synchronous)


@pytest.mark.parametrize(
    ("url", "complaint"),
    [
        ("sqlite:///:memory:", "in-memory database would lose acknowledged events"),
        ("sqlite://", "not a file on disk"),
        ("sqlite://host/state.db", "host part"),
        ("sqlite:///state.db?journal=off", "unknown SQLite URL option"),
        ("sqlite:///state.db?synchronous=OFF", "not a SQLite synchronous mode"),
        ("mysql://db/x", "unsupported store URL scheme 'mysql'"),
        ("state.db", "unsupported store URL scheme"),
    ],
)
def test_unusable_urls_are_refused_with_the_fix(url: str, complaint: str) -> None:
    with pytest.raises(ConfigError, match=complaint) as info:
        open_store(url)
    assert "Fix:" in str(info.value)


async def test_the_database_is_in_wal_mode_and_full_sync_by_default(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    store = SqliteStore(str(path), FakeClock())
    assert store.synchronous == "FULL"
    await store.open()
    try:
        await store.accept_event(record("e1"))
    finally:
        await store.close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        applied = conn.execute("SELECT version FROM schema_version ORDER BY version").fetchall()
        assert applied == [(m.version,) for m in migrations("sqlite")]
    conn.close()


async def test_a_locked_database_is_unavailable_then_recovers(tmp_path: Path) -> None:
    path = str(tmp_path / "state.db")
    store = SqliteStore(path, FakeClock(), busy_timeout=0.05)
    await store.open()
    blocker = sqlite3.connect(path, isolation_level=None)
    try:
        blocker.execute("BEGIN IMMEDIATE")
        with pytest.raises(StoreUnavailableError, match="SQLITE_BUSY") as info:
            await store.accept_event(record("e1"))
        assert info.value.retry_after > 0
        assert isinstance(info.value.__cause__, sqlite3.OperationalError)
        assert await store.list_jobs() == []  # reads go on beside the lock (WAL)
        blocker.execute("ROLLBACK")
        assert await store.accept_event(record("e1")) is Accepted.NEW
    finally:
        blocker.close()
        await store.close()


async def test_an_unopenable_path_is_unavailable(tmp_path: Path) -> None:
    store = SqliteStore(str(tmp_path / "missing-dir" / "state.db"), FakeClock())
    with pytest.raises(StoreUnavailableError, match="SQLITE_CANTOPEN"):
        await store.open()


async def test_a_database_from_a_newer_release_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "state.db"
    store = SqliteStore(str(path), FakeClock())
    await store.open()
    await store.close()
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO schema_version VALUES (99, 'future', 0)")
    conn.close()
    with pytest.raises(StoreError, match="schema version 99"):
        await SqliteStore(str(path), FakeClock()).open()


async def test_a_database_of_an_older_release_is_upgraded_and_keeps_its_events(
    tmp_path: Path,
) -> None:
    path = tmp_path / "state.db"
    store = SqliteStore(str(path), FakeClock())
    await store.open()
    assert await store.accept_event(record("kept")) is Accepted.NEW
    await store.close()
    # Back to schema 1, as a database written by the first release is.
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE plugin_health")
        conn.execute("DELETE FROM schema_version WHERE version > 1")
    conn.close()

    store = SqliteStore(str(path), FakeClock())
    await store.open()
    try:
        await assert_upgraded_from_schema_1(store)
    finally:
        await store.close()
    with sqlite3.connect(path) as conn:
        versions = [v for (v,) in conn.execute("SELECT version FROM schema_version ORDER BY 1")]
    conn.close()
    assert versions == [m.version for m in migrations("sqlite")]


async def test_writes_before_open_are_refused(tmp_path: Path) -> None:
    store = SqliteStore(str(tmp_path / "state.db"), FakeClock())
    with pytest.raises(StoreError, match="not open"):
        await store.accept_event(record("e1"))
