"""The durable store: protocol in :mod:`.base`, backends in :mod:`.sqlite` and :mod:`.postgres`."""

from __future__ import annotations

from .base import (
    Accepted,
    Completion,
    InboundRecord,
    Job,
    LedgerEntry,
    NewJob,
    Store,
    StoreStats,
)

__all__ = [
    "Accepted",
    "Completion",
    "InboundRecord",
    "Job",
    "LedgerEntry",
    "NewJob",
    "Store",
    "StoreStats",
]
