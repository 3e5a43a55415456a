"""Choosing and configuring a store backend from one URL (``HL_DATABASE_URL``).

- ``sqlite:///relative/path.db`` (relative to the working directory) or
  ``sqlite:////absolute/path.db``; optional ``?synchronous=NORMAL`` trades durability across
  power loss for speed (the default ``FULL`` keeps every acknowledged event).
  ``sqlite:///:memory:`` is refused: an in-memory database loses acknowledged events on restart,
  and the store's reader connections could not see it.
- ``postgresql://user@host:port/dbname?...`` (or ``postgres://``): passed to libpq as is; needs
  ``pip install 'helpdesk-loyalty[postgres]'``.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, unquote, urlsplit

from ..clock import Clock
from ..errors import ConfigError
from .base import Store

__all__ = ["open_store"]

_KEY = "HL_DATABASE_URL"


def _sqlite(url: str, clock: Clock | None) -> Store:
    from .sqlite import SqliteStore

    parts = urlsplit(url)
    if parts.netloc:
        raise ConfigError(
            _KEY,
            f"SQLite URL has a host part ({parts.netloc!r})",
            "use three slashes for a relative path (sqlite:///state.db) or four for an "
            "absolute one (sqlite:////var/lib/helpdesk-loyalty/state.db)",
        )
    path = unquote(parts.path[1:] if parts.path.startswith("/") else parts.path)
    options = dict(parse_qsl(parts.query, keep_blank_values=True))
    unknown = sorted(set(options) - {"synchronous"})
    if unknown:
        raise ConfigError(
            _KEY,
            f"unknown SQLite URL option(s): {', '.join(unknown)}",
            "the only option is ?synchronous=FULL (default) or ?synchronous=NORMAL",
        )
    return SqliteStore(path, clock, synchronous=options.get("synchronous", "FULL"))


def _postgres(url: str, clock: Clock | None) -> Store:
    from .postgres import PostgresStore

    return PostgresStore(url, clock)


def open_store(url: str, clock: Clock | None = None) -> Store:
    """A store for ``url``, not yet opened: call ``await store.open()``. ``clock`` defaults
    to the system clock. Raises :class:`ConfigError` for a URL it cannot use."""
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme == "sqlite":
        return _sqlite(url, clock)
    if scheme in ("postgresql", "postgres"):
        return _postgres(url, clock)
    raise ConfigError(
        _KEY,
        f"unsupported store URL scheme {scheme or '(none)'!r}",
        "use sqlite:///path/to/state.db or postgresql://user@host/dbname",
    )
