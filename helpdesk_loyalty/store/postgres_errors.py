"""The one seam where psycopg errors become store errors, and how the store names its server.

Connection failures, a server shutting down, a full disk, deadlocks and pool timeouts are all
``psycopg.OperationalError``: "cannot take work right now", so the receiver answers 503 with
``Retry-After`` and the helpdesk delivers again. Everything else is a :class:`StoreError`. Only
the primary message is kept: PostgreSQL's detail line can quote row values, and the connection
URL (which may hold a password) is never part of a message.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

import psycopg
from psycopg.conninfo import conninfo_to_dict

from ..errors import StoreError, StoreUnavailableError

__all__ = ["RETRY_AFTER", "describe", "scrub", "translate"]

RETRY_AFTER = 30


def translate(exc: psycopg.Error, doing: str, where: str, url: str = "") -> StoreError:
    """The store error for ``exc``, raised while ``doing`` something at server ``where``;
    ``url``'s password never appears in it (a driver message can quote the connection string)."""
    state = exc.sqlstate
    if state:
        text = exc.diag.message_primary or ""
    else:
        lines = str(exc).splitlines()
        text = scrub(lines[0] if lines else "", url)
    label = f"{type(exc).__name__}, SQLSTATE {state}" if state else type(exc).__name__
    message = f"PostgreSQL at {where}: {doing} failed ({label}: {text})"
    if isinstance(exc, psycopg.OperationalError):
        # Class 40 (deadlock, serialization failure) clears at once; the rest needs the
        # server or the network back.
        retry = 1 if state is not None and state.startswith("40") else RETRY_AFTER
        return StoreUnavailableError(f"{message}; retry later", retry_after=retry)
    return StoreError(message)


def scrub(text: str, url: str) -> str:
    """``text`` with ``url``'s password, raw and percent-decoded, and any ``password=``
    setting replaced by ``***``."""
    secrets: set[str] = set()
    try:
        parts = urlsplit(url)
        if parts.password:
            secrets |= {parts.password, unquote(parts.password)}
    except ValueError:
        pass
    match = re.search(r"(?:^|\s)password\s*=\s*(\S+)", url)
    if match:
        secrets.add(match.group(1).strip("'\""))
    if "@" in url and "://" in url:
        userinfo = url.split("://", 1)[1].rsplit("@", 1)[0]
        if ":" in userinfo:
            secrets |= {userinfo.split(":", 1)[1], unquote(userinfo.split(":", 1)[1])}
    for secret in sorted((s for s in secrets if s), key=len, reverse=True):
        text = text.replace(secret, "***")
    return re.sub(r"(password\s*=\s*)\S+", r"\1***", text)


def describe(url: str) -> str:
    """``host:port/dbname`` of a connection URL or conninfo string, without credentials."""
    try:
        info = conninfo_to_dict(url)
    except psycopg.Error:
        return "(unparsable URL)"
    return f"{info.get('host', 'localhost')}:{info.get('port', 5432)}/{info.get('dbname', '')}"
