"""The durable store: protocol in :mod:`.base`, backends in :mod:`.sqlite` and :mod:`.postgres`,
chosen by URL with :func:`open_store`.

``PostgresStore`` is imported on first use, so the SQLite mode works without psycopg installed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import (
    Accepted,
    Completion,
    InboundRecord,
    Job,
    LedgerEntry,
    NewJob,
    PluginHealth,
    Store,
    StoreStats,
)
from .sqlite import SqliteStore
from .url import open_store

if TYPE_CHECKING:
    from .postgres import PostgresStore

__all__ = [
    "Accepted",
    "Completion",
    "InboundRecord",
    "Job",
    "LedgerEntry",
    "NewJob",
    "PluginHealth",
    "PostgresStore",
    "SqliteStore",
    "Store",
    "StoreStats",
    "open_store",
]


def __getattr__(name: str) -> Any:
    if name == "PostgresStore":
        from .postgres import PostgresStore

        return PostgresStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
