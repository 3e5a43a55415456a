"""The ``plugin_health`` table as both backends write and read it: one row per plugin.

A row is replaced, never appended: it holds the last state a running service reported, which is
all ``plugins`` shows. The statements differ only in the drivers' placeholders.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

from ..errors import StoreError
from .base import PLUGIN_STATES, PluginHealth

__all__ = [
    "check_plugin_state",
    "postgres_plugin_health",
    "postgres_record_plugin_health",
    "sqlite_plugin_health",
    "sqlite_record_plugin_health",
]

_UPSERT = """
INSERT INTO plugin_health (name, state, error, at) VALUES ({p}, {p}, {p}, {p})
ON CONFLICT (name) DO UPDATE SET state = excluded.state, error = excluded.error, at = excluded.at"""
_SELECT = "SELECT name, state, error, at FROM plugin_health ORDER BY name"


def check_plugin_state(state: str) -> None:
    """Refuse a state the table cannot hold, before it reaches a driver."""
    if state not in PLUGIN_STATES:
        raise StoreError(f"unknown plugin state {state!r}; use one of {', '.join(PLUGIN_STATES)}")


def _from_rows(rows: Sequence[Sequence[Any]]) -> dict[str, PluginHealth]:
    return {
        str(name): PluginHealth(str(name), str(state), error, float(at))
        for name, state, error, at in rows
    }


def sqlite_record_plugin_health(
    conn: sqlite3.Connection, name: str, state: str, error: str | None, at: float
) -> None:
    """Replace ``name``'s row (run by the SQLite writer thread)."""
    conn.execute(_UPSERT.format(p="?"), (name, state, error, at))


def sqlite_plugin_health(conn: sqlite3.Connection) -> dict[str, PluginHealth]:
    """Every plugin's row, by name."""
    return _from_rows(conn.execute(_SELECT).fetchall())


async def postgres_record_plugin_health(
    conn: Any, name: str, state: str, error: str | None, at: float
) -> None:
    """Replace ``name``'s row on a psycopg connection."""
    await conn.execute(_UPSERT.format(p="%s"), (name, state, error, at))


async def postgres_plugin_health(conn: Any) -> dict[str, PluginHealth]:
    """Every plugin's row, by name, from a psycopg connection."""
    cur = await conn.execute(_SELECT)
    return _from_rows(await cur.fetchall())
