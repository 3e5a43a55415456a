"""``plugins``: every loaded plugin with where it came from, version, hooks, mode and state."""

from __future__ import annotations

import argparse
import json
from typing import Any

from ..config import Settings
from ..host import PluginHost, PluginInfo
from ..runtime import load_rules_file

__all__ = ["plugin_rows", "register"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "plugins",
        help="list plugins: name, version, hooks, mode, health",
        description="Load plugins the way `serve` does and list them. A plugin that "
        "fails to load is listed with its error.",
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.set_defaults(run=_plugins)


def plugin_rows(host: PluginHost) -> list[dict[str, Any]]:
    """One row per plugin, loaded or not."""
    rows = []
    for info in sorted(host.infos.values(), key=lambda i: (i.source != "builtin", i.name)):
        rows.append(_row(info))
    return rows


def _row(info: PluginInfo) -> dict[str, Any]:
    mode = str(info.settings.get("mode", "")) if info.is_rule else ""
    return {
        "name": info.name,
        "source": info.source,
        "version": info.version,
        "hooks": list(info.hooks),
        "mode": mode,
        "state": "ok" if info.loaded else "failed to load",
        "error": info.error,
        "location": info.location,
    }


def _plugins(args: argparse.Namespace) -> int:
    settings = Settings.from_env()
    host = PluginHost.load(settings, load_rules_file(settings))
    rows = plugin_rows(host)
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    headers = ("name", "source", "version", "hooks", "mode", "state")
    table = [[str(r[h]) if h != "hooks" else ",".join(r["hooks"]) for h in headers] for r in rows]
    widths = [max(len(h), *(len(row[i]) for row in table)) for i, h in enumerate(headers)]
    print("  ".join(h.upper().ljust(w) for h, w in zip(headers, widths, strict=True)))
    for row, r in zip(table, rows, strict=True):
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)))
        if r["error"]:
            print(f"    error: {r['error']} ({r['location']})")
    return 0
