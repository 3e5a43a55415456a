"""What only the PostgreSQL backend does: migrations under a lock, NOTIFY wake-ups across
processes, recovery of the pool, and driver errors at its seam."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import anyio
import anyio.lowlevel
import psycopg
import pytest
from storekit import PostgresServer, assert_upgraded_from_schema_1, record

from helpdesk_loyalty.clock import FakeClock
from helpdesk_loyalty.errors import StoreError, StoreUnavailableError
from helpdesk_loyalty.runtime import open_store_waiting
from helpdesk_loyalty.store import Accepted, PostgresStore, open_store
from helpdesk_loyalty.store.migrate import migrations

pytestmark = pytest.mark.anyio
ROOT = Path(__file__).resolve().parents[2]


def test_postgres_urls_choose_the_postgres_backend() -> None:
    for url in ("postgresql://app@db.internal/loyalty", "postgres://app@db.internal:6432/x"):
        store = open_store(url)
        assert isinstance(store, PostgresStore)
        assert store.where.startswith("db.internal:")


def test_without_psycopg_the_postgres_url_asks_for_the_extra() -> None:
    script = (
        "import sys; sys.modules['psycopg'] = None\n"
        "from helpdesk_loyalty.errors import ConfigError\n"
        "from helpdesk_loyalty.store import open_store\n"
        "try:\n"
        "    open_store('postgresql://app@db/x')\n"
        "except ConfigError as exc:\n"
        "    print(exc)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert "pip install 'helpdesk-loyalty[postgres]'" in out.stdout


async def test_an_unreachable_server_is_unavailable_and_the_password_stays_out() -> None:
    store = PostgresStore(
        "postgresql://app:s3cret-pw@127.0.0.1:1/loyalty", FakeClock(), timeout=1.0
    )
    with pytest.raises(StoreUnavailableError) as info:
        await store.open()
    assert "127.0.0.1:1/loyalty" in str(info.value)
    assert "s3cret-pw" not in str(info.value)
    assert isinstance(info.value.__cause__, psycopg.OperationalError)


async def test_a_password_the_driver_quotes_from_a_malformed_url_is_scrubbed() -> None:
    store = PostgresStore("postgresql://app:s3cr%zzet@127.0.0.1:1/loyalty", FakeClock())
    with pytest.raises(StoreError) as info:
        await store.open()
    assert "invalid percent-encoded token" in str(info.value)
    assert "s3cr" not in str(info.value) and "zzet" not in str(info.value)


@pytest.mark.postgres
async def test_a_wrong_role_fails_at_once_instead_of_waiting_for_the_store(
    postgres_db: str, caplog: pytest.LogCaptureFixture
) -> None:
    wrong = psycopg.conninfo.make_conninfo(postgres_db, user="no_such_role_hl", password="pw-9f3k")
    with pytest.raises(StoreError) as info:
        await open_store_waiting(PostgresStore(wrong, FakeClock()), 60)
    assert "no_such_role_hl" in str(info.value) and "pw-9f3k" not in str(info.value)
    assert "not reachable yet" not in caplog.text


@pytest.mark.postgres
async def test_concurrent_first_opens_migrate_once(postgres_server: PostgresServer) -> None:
    conninfo = postgres_server.create_database()
    stores = [PostgresStore(conninfo, FakeClock(), min_size=1) for _ in range(3)]
    try:
        await asyncio.gather(*(s.open() for s in stores))
        known = migrations("postgres")
        assert [s.schema_version for s in stores] == [known[-1].version] * 3
        async with await psycopg.AsyncConnection.connect(conninfo) as conn:
            cur = await conn.execute("SELECT version, name FROM schema_version ORDER BY version")
            assert await cur.fetchall() == [(m.version, m.name) for m in known]
    finally:
        for store in stores:
            await store.close()


@pytest.mark.postgres
async def test_a_database_of_an_older_release_is_upgraded_and_keeps_its_events(
    postgres_db: str,
) -> None:
    store = PostgresStore(postgres_db, FakeClock())
    await store.open()
    assert await store.accept_event(record("kept")) is Accepted.NEW
    await store.close()
    # Back to schema 1, as a database written by the first release is.
    with psycopg.connect(postgres_db, autocommit=True) as conn:
        conn.execute("DROP TABLE plugin_health")
        conn.execute("DELETE FROM schema_version WHERE version > 1")

    store = PostgresStore(postgres_db, FakeClock())
    await store.open()
    try:
        await assert_upgraded_from_schema_1(store)
    finally:
        await store.close()
    with psycopg.connect(postgres_db) as conn:
        rows = conn.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()
    assert [v for (v,) in rows] == [m.version for m in migrations("postgres")]


async def test_a_commit_in_one_process_wakes_a_worker_of_another(postgres_db: str) -> None:
    clock = FakeClock()
    waiter, writer = PostgresStore(postgres_db, clock), PostgresStore(postgres_db, clock)
    await waiter.open()
    await writer.open()
    try:
        await waiter.wait_for_work(0.01)  # the wake-up every open starts with
        with anyio.fail_after(20):
            async with anyio.create_task_group() as tg:
                tg.start_soon(waiter.wait_for_work, 600)
                await anyio.lowlevel.checkpoint()
                await writer.accept_event(record("e1"))
    finally:
        await waiter.close()
        await writer.close()


@pytest.mark.postgres
async def test_the_store_recovers_when_its_connections_are_killed(
    postgres_server: PostgresServer, postgres_db: str
) -> None:
    clock = FakeClock()
    store, other = PostgresStore(postgres_db, clock, min_size=2), PostgresStore(postgres_db, clock)
    await store.open()
    await other.open()
    try:
        assert await store.accept_event(record("e1")) is Accepted.NEW
        dbname = psycopg.conninfo.conninfo_to_dict(postgres_db)["dbname"]
        with psycopg.connect(postgres_server.admin_url, autocommit=True) as admin:
            cur = admin.execute(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                (dbname,),
            )
            row = cur.fetchone()
            assert row is not None and row[0] >= 3  # both pools and both listeners
        # The pool checks a connection when lending it, so the dead ones are replaced.
        assert await store.accept_event(record("e2")) is Accepted.NEW
        assert len(await store.list_jobs()) == 2
        await store.wait_for_work(0.01)  # consume the wake-up of its own commit
        await other.accept_event(record("e3"))
        with anyio.fail_after(20):  # only the reconnected listener can wake it now
            await store.wait_for_work(600)
    finally:
        await store.close()
        await other.close()


@pytest.mark.postgres
async def test_concurrent_accepts_share_one_commit_and_keep_each_tickets_order(
    postgres_db: str,
) -> None:
    store = PostgresStore(postgres_db, FakeClock())
    await store.open()
    try:
        keys = [f"g{i}" for i in range(20)]
        results = await asyncio.gather(
            *(store.accept_event(record(key, str(i % 3))) for i, key in enumerate(keys))
        )
        assert results == [Accepted.NEW] * 20
        with psycopg.connect(postgres_db) as conn:
            row = conn.execute(
                "SELECT count(DISTINCT xmin::text) FROM inbox WHERE event_key LIKE 'g%%'"
            ).fetchone()
        assert row is not None and row[0] == 1  # one transaction for all twenty
        jobs = await store.list_jobs()
        for ticket in "012":
            in_id_order = [j.dedupe_key for j in sorted(jobs, key=lambda j: j.id)]
            mine = [k for k in in_id_order if int(k.split("/g")[1]) % 3 == int(ticket)]
            assert mine == sorted(mine, key=lambda k: int(k.split("/g")[1]))
        again = await asyncio.gather(
            store.accept_event(record("g0")),
            store.accept_event(record("h1")),
            store.accept_event(record("h1")),
        )
        assert again == [Accepted.DUPLICATE, Accepted.NEW, Accepted.DUPLICATE]
    finally:
        await store.close()


@pytest.mark.postgres
async def test_an_event_the_database_refuses_fails_alone_in_its_group(postgres_db: str) -> None:
    store = PostgresStore(postgres_db, FakeClock())
    await store.open()
    try:
        good = [record(f"ok{i}", str(i)) for i in range(6)]
        refused = record("nul\x00byte")  # PostgreSQL text cannot hold NUL
        results = await asyncio.gather(
            *(store.accept_event(r) for r in [*good[:3], refused, *good[3:]]),
            return_exceptions=True,
        )
        assert isinstance(results[3], StoreError)
        assert not isinstance(results[3], StoreUnavailableError)
        assert "nul\x00byte" not in str(results[3])
        assert [r for i, r in enumerate(results) if i != 3] == [Accepted.NEW] * 6
        stored = sorted(j.dedupe_key for j in await store.list_jobs())
        assert stored == sorted(f"zendesk/ok{i}" for i in range(6))
    finally:
        await store.close()
