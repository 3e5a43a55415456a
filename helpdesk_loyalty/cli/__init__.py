"""The ``helpdesk-loyalty`` command line.

Each subcommand lives in its own module with ``register(subparsers)``; :func:`main` is the one
place the CLI catches broadly: a :class:`~helpdesk_loyalty.errors.LoyaltyError` becomes a message
naming the option or variable and the fix, with exit code 2.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from ..errors import ConfigError, LoyaltyError
from . import check, demo, evaluate, newrule, ops, plugins, receive, serve, setup, why

__all__ = ["build_parser", "main"]

COMMANDS = (serve, demo, receive, why, plugins, newrule, evaluate, ops, setup, check)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="helpdesk-loyalty",
        description="Loyalty-building customer service on every helpdesk ticket.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    level = getattr(args, "log_level", None) or os.environ.get("HL_LOG_LEVEL") or "WARNING"
    if not isinstance(logging.getLevelName(level.upper()), int):
        print(
            f"helpdesk-loyalty: configuration error: HL_LOG_LEVEL is {level!r}; "
            "use DEBUG, INFO, WARNING or ERROR",
            file=sys.stderr,
        )
        return 2
    logging.basicConfig(
        level=level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        code: int = args.run(args)
        return code
    except ConfigError as exc:
        print(f"helpdesk-loyalty: configuration error: {exc}", file=sys.stderr)
        return 2
    except LoyaltyError as exc:
        print(f"helpdesk-loyalty: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())
