"""Fixtures of the fault suite: a store per backend, the world of processes, the summary.

PostgreSQL runs on the server at ``HL_TEST_POSTGRES_URL`` (default
``postgresql://postgres@127.0.0.1:5432/postgres``), one throwaway database per test. Without a
reachable server the PostgreSQL scenarios are skipped locally and fail under CI (``CI`` set).
Every scenario records a summary line; they are printed at the end of the run (and appended to
the file named by ``HL_FAULTS_REPORT``, when set) so docs/reliability.md can be refreshed.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import make_conninfo

from .summary import LINES
from .world import World

DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def postgres_admin_url() -> str:
    return os.environ.get("HL_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)


@pytest.fixture(scope="session")
def postgres_admin() -> str:
    """The server's admin URL; skip (fail under CI) when it cannot be reached."""
    url = postgres_admin_url()
    try:
        with psycopg.connect(url, autocommit=True, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.OperationalError as exc:
        message = (
            f"PostgreSQL is not reachable at HL_TEST_POSTGRES_URL ({type(exc).__name__}: "
            f"{str(exc).splitlines()[0] if str(exc) else ''}); start it (.ci/run does)"
        )
        if "CI" in os.environ:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return url


@pytest.fixture
def postgres_database(postgres_admin: str) -> Iterator[str]:
    """A fresh database for one test, dropped afterwards (connections are forced out)."""
    name = f"hl_faults_{os.getpid()}_{secrets.token_hex(4)}"
    with psycopg.connect(postgres_admin, autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield make_conninfo(postgres_admin, dbname=name)
    finally:
        with psycopg.connect(postgres_admin, autocommit=True, connect_timeout=10) as admin:
            admin.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def postgres_url(conninfo: str) -> str:
    """A conninfo string as the ``postgresql://`` URL ``HL_DATABASE_URL`` takes."""
    params = psycopg.conninfo.conninfo_to_dict(conninfo)
    user = params.get("user", "postgres")
    password = f":{params['password']}" if params.get("password") else ""
    host = params.get("host", "127.0.0.1")
    port = params.get("port", 5432)
    return f"postgresql://{user}{password}@{host}:{port}/{params['dbname']}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


@pytest.fixture
def database_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return postgres_url(request.getfixturevalue("postgres_database"))


@pytest.fixture
async def world(tmp_path: Path, database_url: str, backend: str) -> AsyncIterator[World]:
    opened = World(tmp_path, database_url, backend)
    try:
        yield opened
    finally:
        await opened.close()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not LINES:
        return
    terminalreporter.section("fault scenarios")
    for line in LINES:
        terminalreporter.write_line(line)
    report = os.environ.get("HL_FAULTS_REPORT")
    if report:
        with Path(report).open("a", encoding="utf-8") as out:
            out.writelines(line + "\n" for line in LINES)
