"""Applying the PostgreSQL migrations: one process at a time, under a session advisory lock."""

from __future__ import annotations

import psycopg

from .migrate import SCHEMA_VERSION_DDL, check_known, migrations
from .postgres_sql import MIGRATION_LOCK

__all__ = ["migrate"]


async def migrate(url: str, now: float, connect_timeout: int) -> int:
    """Bring the database at ``url`` to the newest schema; return its version. Each migration
    commits with its ``schema_version`` row; other processes wait on the lock meanwhile."""
    known = migrations("postgres")
    conn = await psycopg.AsyncConnection.connect(
        url, autocommit=True, connect_timeout=connect_timeout
    )
    async with conn:  # closing the session also releases the lock if a step fails
        await conn.execute("SELECT pg_advisory_lock(%s)", (MIGRATION_LOCK,))
        await conn.execute(SCHEMA_VERSION_DDL)
        cur = await conn.execute("SELECT coalesce(max(version), 0) FROM schema_version")
        row = await cur.fetchone()
        applied = int(row[0]) if row else 0
        check_known(applied, known)
        for step in known:
            if step.version <= applied:
                continue
            async with conn.transaction():
                await conn.execute(step.sql.encode())
                await conn.execute(
                    "INSERT INTO schema_version (version, name, applied_at) VALUES (%s, %s, %s)",
                    (step.version, step.name, now),
                )
            applied = step.version
        await conn.execute("SELECT pg_advisory_unlock(%s)", (MIGRATION_LOCK,))
    return applied
