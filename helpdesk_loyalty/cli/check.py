"""``check``: verify the configuration against the live helpdesk and say what to fix.

For each configured helpdesk (or the one given): the credentials work, the groups and ticket
fields named in the rules file exist, the webhook secret is set, and on Zendesk the webhook and
triggers are installed and sign with that secret. With ``--url``, the server must answer
``GET /healthz``. One line per check; exit code 1 when any check failed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
from pathlib import Path
from typing import Any

from ..check import run_checks
from ..checkreport import format_checks

__all__ = ["register"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "check",
        help="verify credentials, groups, fields and the webhook against the helpdesk",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--helpdesk", choices=("zendesk", "freshdesk"), help="check only this one")
    p.add_argument("--url", help="the server's public address, to check the webhook endpoint")
    p.add_argument("--connectors", type=Path, help="the connectors folder (default: ./connectors)")
    p.set_defaults(run=_check)


def _check(args: argparse.Namespace) -> int:
    results = asyncio.run(
        run_checks(os.environ, helpdesk=args.helpdesk, url=args.url, connectors=args.connectors)
    )
    print(format_checks(results))
    return 1 if any(r.status == "fail" for r in results) else 0
