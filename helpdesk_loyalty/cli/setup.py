"""``setup zendesk|freshdesk``: connect a helpdesk with the kits in ``connectors/``.

``setup zendesk --url https://hooks.example.com`` creates (or updates in place) the webhook and
the triggers through the Zendesk API, with an admin's ``HL_ZENDESK_*`` credentials, and prints
the settings to put in the server's environment, the webhook's signing secret included (on
stdout only). ``--dry-run`` prints the writes it would send and sends only reads.

``setup freshdesk --url https://hooks.example.com`` checks ``HL_FRESHDESK_*`` with one read and
prints, rule by rule, what to click and paste in Freshdesk's automation rules.
"""

from __future__ import annotations

import argparse
import asyncio
import os
from pathlib import Path
from typing import Any

from ..adapters.builtin import freshdesk_settings_from_env, zendesk_settings_from_env
from ..connectors import default_connectors_dir, load_freshdesk_kit, load_zendesk_kit
from ..errors import ConfigError
from ..setup_freshdesk import format_freshdesk_setup, setup_freshdesk
from ..setup_zendesk import format_zendesk_setup, setup_zendesk

__all__ = ["register"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "setup",
        help="connect a helpdesk: install the webhook and triggers / print the rule values",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    helpdesks = p.add_subparsers(dest="helpdesk", metavar="HELPDESK", required=True)
    zd = helpdesks.add_parser(
        "zendesk", help="create or update the webhook and triggers through the Zendesk API"
    )
    zd.add_argument("--url", required=True, help="the server's public HTTPS address")
    zd.add_argument("--dry-run", action="store_true", help="print the writes, send only reads")
    zd.add_argument("--connectors", type=Path, help="the connectors folder (default: ./connectors)")
    zd.set_defaults(run=_zendesk)
    fd = helpdesks.add_parser(
        "freshdesk", help="check the API key and print the automation rules to create"
    )
    fd.add_argument("--url", required=True, help="the server's public HTTPS address")
    fd.add_argument(
        "--secret",
        help="the shared secret the rules send (default: HL_FRESHDESK_WEBHOOK_SECRET, else new)",
    )
    fd.add_argument("--connectors", type=Path, help="the connectors folder (default: ./connectors)")
    fd.set_defaults(run=_freshdesk)


def _missing(helpdesk: str, variables: str) -> ConfigError:
    return ConfigError(
        f"HL_{helpdesk.upper()}_*",
        "not set",
        f"set {variables} in the environment, then run setup {helpdesk} again",
    )


def _zendesk(args: argparse.Namespace) -> int:
    settings = zendesk_settings_from_env(os.environ)
    if settings is None:
        raise _missing(
            "zendesk",
            "HL_ZENDESK_SUBDOMAIN, HL_ZENDESK_EMAIL and HL_ZENDESK_API_TOKEN (an admin's)",
        )
    kit = load_zendesk_kit(args.connectors or default_connectors_dir())
    report = asyncio.run(setup_zendesk(settings, kit, args.url, dry_run=args.dry_run))
    print(format_zendesk_setup(report))
    return 0


def _freshdesk(args: argparse.Namespace) -> int:
    settings = freshdesk_settings_from_env(os.environ)
    if settings is None:
        raise _missing("freshdesk", "HL_FRESHDESK_DOMAIN and HL_FRESHDESK_API_KEY")
    kit = load_freshdesk_kit(args.connectors or default_connectors_dir())
    report = asyncio.run(setup_freshdesk(settings, kit, args.url, secret=args.secret))
    print(format_freshdesk_setup(report))
    return 0
