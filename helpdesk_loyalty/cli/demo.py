"""``demo``: the sandbox helpdesk, the server and five realistic tickets, on loopback."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path
from typing import Any

__all__ = ["register"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "demo",
        help="run the demo: sandbox helpdesk + server, no accounts needed",
        description="Start the sandbox helpdesk and the server on loopback with "
        "SQLite in a temporary folder, open five realistic tickets and "
        "print what was written back to each and why.",
    )
    p.add_argument(
        "--helpdesk",
        choices=("zendesk", "freshdesk"),
        default="zendesk",
        help="which helpdesk dialect the sandbox speaks (default: zendesk)",
    )
    p.add_argument(
        "--rules", type=Path, help="rules file to start from (default: rules/rules.toml)"
    )
    p.set_defaults(run=_demo)


def _demo(args: argparse.Namespace) -> int:
    from ..demo import run_demo

    return asyncio.run(run_demo(args.helpdesk, rules_file=args.rules))
