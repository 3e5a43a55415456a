"""The one seam where ``sqlite3`` errors become store errors.

A locked or busy database, a full disk or an I/O error means "cannot take writes right now": the
receiver answers 503 with ``Retry-After`` and the helpdesk delivers again. Anything else (a
constraint, a corrupt file, a bug) is a :class:`StoreError`. Messages carry SQLite's error name
and text, which name tables and constraints but never bound values.
"""

from __future__ import annotations

import sqlite3

from ..errors import StoreError, StoreUnavailableError

__all__ = ["RETRY_AFTER", "translate"]

RETRY_AFTER = 5

# Primary result codes (https://www.sqlite.org/rescode.html) that pass with time or operator
# action: BUSY, LOCKED, NOMEM, READONLY, IOERR, FULL, CANTOPEN, PROTOCOL.
_UNAVAILABLE = {5, 6, 7, 8, 10, 13, 14, 15}


def translate(exc: BaseException, doing: str) -> StoreError:
    """The store error for ``exc``, raised while ``doing`` something, chained to it."""
    error: StoreError
    if isinstance(exc, StoreError):
        return exc
    if isinstance(exc, sqlite3.Error):
        code = getattr(exc, "sqlite_errorcode", None)
        name = getattr(exc, "sqlite_errorname", None) or type(exc).__name__
        text = f"SQLite {doing} failed ({name}: {exc})"
        if isinstance(code, int) and code & 0xFF in _UNAVAILABLE:
            error = StoreUnavailableError(
                f"{text}; the database is busy or cannot be written, retry later",
                retry_after=RETRY_AFTER,
            )
        else:
            error = StoreError(text)
    else:
        error = StoreError(f"SQLite {doing} failed ({type(exc).__name__})")
    error.__cause__ = exc
    return error
