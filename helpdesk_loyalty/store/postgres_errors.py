"""The one seam where psycopg errors become store errors, and how the store names its server.

Connection failures, a server shutting down, a full disk, deadlocks and pool timeouts are all
``psycopg.OperationalError``: "cannot take work right now", so the receiver answers 503 with
``Retry-After`` and the helpdesk delivers again. Everything else is a :class:`StoreError`. Only
the primary message is kept: PostgreSQL's detail line can quote row values, and the connection
URL (which may hold a password) is never part of a message.
"""

from __future__ import annotations

import psycopg
from psycopg.conninfo import conninfo_to_dict

from ..errors import StoreError, StoreUnavailableError

__all__ = ["RETRY_AFTER", "describe", "translate"]

RETRY_AFTER = 30


def translate(exc: psycopg.Error, doing: str, where: str) -> StoreError:
    """The store error for ``exc``, raised while ``doing`` something at server ``where``."""
    state = exc.sqlstate
    if state:
        text = exc.diag.message_primary or ""
    else:
        lines = str(exc).splitlines()
        text = lines[0] if lines else ""
    label = f"{type(exc).__name__}, SQLSTATE {state}" if state else type(exc).__name__
    message = f"PostgreSQL at {where}: {doing} failed ({label}: {text})"
    if isinstance(exc, psycopg.OperationalError):
        # Class 40 (deadlock, serialization failure) clears at once; the rest needs the
        # server or the network back.
        retry = 1 if state is not None and state.startswith("40") else RETRY_AFTER
        return StoreUnavailableError(f"{message}; retry later", retry_after=retry)
    return StoreError(message)


def describe(url: str) -> str:
    """``host:port/dbname`` of a connection URL or conninfo string, without credentials."""
    try:
        info = conninfo_to_dict(url)
    except psycopg.Error:
        return "(unparsable URL)"
    return f"{info.get('host', 'localhost')}:{info.get('port', 5432)}/{info.get('dbname', '')}"
