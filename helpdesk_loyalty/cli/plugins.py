"""``plugins``: every loaded plugin with where it came from, version, hooks, mode and health.

Plugins are loaded here the way ``serve`` loads them, so a plugin that fails to import shows its
error. Health (``ok``, ``failing``, ``quarantined`` and the last error) is what the running
service recorded in the store at ``HL_DATABASE_URL``: ``serve`` and ``plugins`` are different
processes. A store that cannot be reached leaves health unknown; the command still answers.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import ConfigError, StoreError
from ..host import PluginHost, PluginInfo
from ..runtime import load_rules_file
from ..store import SqliteStore, Store, open_store
from ..store.base import PluginHealth

__all__ = ["UNREACHABLE", "plugin_rows", "read_health", "register"]

UNREACHABLE = "unknown (store unreachable)"


def register(sub: Any) -> None:
    p = sub.add_parser(
        "plugins",
        help="list plugins: name, version, hooks, mode, health",
        description="Load plugins the way `serve` does and list them, with the health the "
        "running service recorded in the store at HL_DATABASE_URL. A plugin that fails to "
        "load is listed with its error.",
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(run=_plugins)


def read_health(settings: Settings) -> dict[str, PluginHealth] | None:
    """The plugin health recorded in the store, or ``None`` when the store is unreachable.

    A SQLite file that does not exist yet means no service has run: no health, and no file is
    created just to say so.
    """
    try:
        store = open_store(settings.database_url)
    except ConfigError:
        return None
    if isinstance(store, SqliteStore) and not Path(store.path).exists():
        return {}
    return asyncio.run(_recorded(store))


async def _recorded(store: Store) -> dict[str, PluginHealth] | None:
    try:
        await store.open()
        try:
            return await store.plugin_health()
        finally:
            await store.close()
    except (StoreError, ConfigError, OSError):
        return None


def plugin_rows(
    host: PluginHost, health: Mapping[str, PluginHealth] | None = None
) -> list[dict[str, Any]]:
    """One row per plugin, loaded or not; ``health`` ``None`` means the store was unreachable."""
    rows = []
    for info in sorted(host.infos.values(), key=lambda i: (i.source != "builtin", i.name)):
        rows.append(_row(info, health))
    return rows


def _row(info: PluginInfo, health: Mapping[str, PluginHealth] | None) -> dict[str, Any]:
    mode = str(info.settings.get("mode", "")) if info.is_rule else ""
    recorded = None if health is None else health.get(info.name)
    if not info.loaded:
        state = None
    elif health is None:
        state = UNREACHABLE
    else:
        state = recorded.state if recorded else None
    return {
        "name": info.name,
        "source": info.source,
        "version": info.version,
        "hooks": list(info.hooks),
        "mode": mode,
        "state": "ok" if info.loaded else "failed to load",
        "error": info.error,
        "location": info.location,
        "health": state,
        "last_error": recorded.error if recorded else None,
        "health_at": _iso(recorded.at) if recorded else None,
    }


def _iso(at: float) -> str:
    return datetime.fromtimestamp(at, tz=UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _plugins(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    host = PluginHost.load(settings, load_rules_file(settings))
    host.helpdesk_specs()  # as at start: an adapter plugin that raises here is listed as failed
    rows = plugin_rows(host, read_health(settings))
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    headers = ("name", "source", "version", "hooks", "mode", "state", "health")
    table = [[_cell(r, h) for h in headers] for r in rows]
    widths = [max(len(h), *(len(row[i]) for row in table)) for i, h in enumerate(headers)]
    print("  ".join(h.upper().ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for row, r in zip(table, rows, strict=True):
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
        if r["error"]:
            print(f"    error: {r['error']} ({r['location']})")
        if r["last_error"]:
            print(f"    last error ({r['health_at']}): {r['last_error']}")
    return 0


def _cell(row: Mapping[str, Any], header: str) -> str:
    value = row[header]
    if header == "hooks":
        return ",".join(value)
    return "-" if value in (None, "") else str(value)
