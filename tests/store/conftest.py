"""Fixtures for the store contract suite: one ``store`` per backend on a :class:`FakeClock`.

SQLite runs in ``tmp_path``. PostgreSQL runs on the server at ``HL_TEST_POSTGRES_URL`` (default
``postgresql://postgres@127.0.0.1:5432/postgres``): one database per test session, created and
dropped here, emptied between tests. Without a reachable server the PostgreSQL tests are skipped
locally and fail under CI (``CI`` set), where a silent skip would hide a broken backend.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from storekit import Backend, PostgresServer

from helpdesk_loyalty.clock import FakeClock
from helpdesk_loyalty.store import PostgresStore, SqliteStore, Store

DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
TABLES = ("inbox", "jobs", "ledger", "credits", "throttles", "plugin_health")


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    url = os.environ.get("HL_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.OperationalError as exc:
        message = (
            f"PostgreSQL is not reachable at HL_TEST_POSTGRES_URL ({exc.__class__.__name__}: "
            f"{str(exc).splitlines()[0]}); start it (.ci/run does) or set HL_TEST_POSTGRES_URL"
        )
        if "CI" in os.environ:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    server = PostgresServer(url)
    yield server
    server.drop_all()


@pytest.fixture(scope="session")
def postgres_session_db(postgres_server: PostgresServer) -> str:
    return postgres_server.create_database()


@pytest.fixture
def postgres_db(postgres_session_db: str) -> str:
    """The session database, emptied (the schema stays)."""
    with psycopg.connect(postgres_session_db, autocommit=True) as conn:
        cur = conn.execute("SELECT to_regclass('jobs') IS NOT NULL")
        row = cur.fetchone()
        if row is not None and row[0]:
            conn.execute(
                sql.SQL("TRUNCATE {} RESTART IDENTITY").format(
                    sql.SQL(", ").join(sql.Identifier(t) for t in TABLES)
                )
            )
    return postgres_session_db


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    if request.param == "sqlite":
        path = str(tmp_path / "store.db")
        return Backend("sqlite", lambda clock: SqliteStore(path, clock))
    conninfo: str = request.getfixturevalue("postgres_db")
    return Backend("postgres", lambda clock: PostgresStore(conninfo, clock, min_size=1, max_size=4))


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def store(backend: Backend, clock: FakeClock) -> AsyncIterator[Store]:
    opened = backend.make(clock)
    await opened.open()
    try:
        yield opened
    finally:
        await opened.close()
