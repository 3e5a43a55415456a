"""``why TICKET``: the ledger for one ticket, every rule, matched or not, with its evidence."""

from __future__ import annotations

import argparse
import asyncio
import json
from typing import Any

from ..config import Settings
from ..reports import format_why, ledger_to_json
from ..store import open_store

__all__ = ["register"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "why",
        help="explain what happened on a ticket and why",
        description="Print the decision ledger of one ticket from the store at HL_DATABASE_URL.",
    )
    p.add_argument("ticket", help="the helpdesk's ticket id")
    p.add_argument("--account", help="limit to one account, e.g. zendesk:acme")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(run=_why)


def _why(args: argparse.Namespace) -> int:
    settings = Settings.from_env()

    async def main() -> int:
        store = open_store(settings.database_url)
        await store.open()
        try:
            rows = await store.ledger_for_ticket(args.ticket, account=args.account)
        finally:
            await store.close()
        if args.json:
            print(json.dumps([ledger_to_json(r) for r in rows], indent=2, ensure_ascii=False))
        else:
            print(format_why(args.ticket, rows))
        return 0 if rows else 1

    return asyncio.run(main())
