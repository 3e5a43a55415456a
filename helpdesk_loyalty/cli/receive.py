"""``receive FILE``: replay a saved webhook (headers included) through the production path.

Dry-run by default: the event is verified (with ``--verify``), parsed and decided exactly as the
worker would, and the decision is printed; nothing is stored and nothing is written to the
helpdesk. ``--apply`` stores the event and runs the worker until it is written back.

The file is JSON: ``{"helpdesk": "zendesk", "headers": {...}, "body": {...} | "raw string"}``.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import hashlib
import json
import tempfile
from pathlib import Path
from typing import Any

from ..adapters.base import HelpdeskSettings
from ..adapters.offline import OfflineClient
from ..codec import event_to_json
from ..config import Settings
from ..errors import ConfigError, PayloadError
from ..notes import render_text
from ..runtime import Runtime, open_runtime
from ..store.base import Accepted, InboundRecord

__all__ = ["load_saved_payload", "register"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "receive",
        help="replay a saved webhook payload (dry-run by default)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("file", type=Path, help="saved payload: JSON with helpdesk, headers and body")
    p.add_argument(
        "--apply",
        action="store_true",
        help="store the event and write the decision back to the helpdesk",
    )
    p.add_argument(
        "--verify",
        action="store_true",
        help="check the signature / shared secret (saved timestamps are usually stale)",
    )
    p.add_argument("--helpdesk", help="override the file's helpdesk (zendesk, freshdesk, ...)")
    p.set_defaults(run=_receive)


def load_saved_payload(path: Path) -> tuple[str | None, dict[str, str], bytes]:
    """(helpdesk, lower-cased headers, raw body) from a saved payload file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            "FILE", f"{path} does not exist", "give the path of a saved payload"
        ) from None
    except json.JSONDecodeError as exc:
        raise ConfigError(
            "FILE",
            f"{path} is not JSON ({exc})",
            'save it as {"helpdesk": ..., "headers": {...}, "body": {...}}',
        ) from exc
    if not isinstance(data, dict) or "body" not in data:
        raise ConfigError(
            "FILE",
            f"{path} has no 'body'",
            'save it as {"helpdesk": ..., "headers": {...}, "body": {...}}',
        )
    body = data["body"]
    raw = body.encode("utf-8") if isinstance(body, str) else json.dumps(body).encode("utf-8")
    headers = {str(k).lower(): str(v) for k, v in (data.get("headers") or {}).items()}
    return data.get("helpdesk"), headers, raw


def _receive(args: argparse.Namespace) -> int:
    saved_helpdesk, headers, body = load_saved_payload(args.file)
    helpdesk = args.helpdesk or saved_helpdesk
    if not helpdesk:
        raise ConfigError(
            "--helpdesk",
            "the file does not say which helpdesk sent it",
            "pass --helpdesk zendesk (or freshdesk)",
        )
    settings = Settings.from_env()
    if not args.apply and settings.database_url.startswith("sqlite:///"):
        db = Path(settings.database_url.removeprefix("sqlite:///"))
        if not db.exists():
            tmp = Path(tempfile.mkdtemp(prefix="hl-receive-")) / "replay.db"
            settings = dataclasses.replace(settings, database_url=f"sqlite:///{tmp}")
    return asyncio.run(_replay(settings, helpdesk, headers, body, args))


async def _replay(
    settings: Settings,
    helpdesk: str,
    headers: dict[str, str],
    body: bytes,
    args: argparse.Namespace,
) -> int:
    runtime = await open_runtime(settings, resolve_api_users=args.apply)
    try:
        spec = runtime.specs.get(helpdesk)
        if spec is None:
            raise ConfigError(
                "--helpdesk",
                f"no adapter named {helpdesk!r}",
                f"use one of: {', '.join(sorted(runtime.specs))}",
            )
        hs = runtime.helpdesks.get(helpdesk)
        if hs is None:
            if args.apply or args.verify:
                raise ConfigError(
                    f"HL_{helpdesk.upper()}_*",
                    f"{helpdesk} is not configured",
                    "set its variables to verify or apply a payload",
                )
            hs = HelpdeskSettings(name=helpdesk, account=f"{helpdesk}:replay", base_url="")
            runtime.clients[helpdesk] = OfflineClient(helpdesk, hs.account)
            runtime.decider.builder.clients = runtime.clients
        if args.verify:
            spec.verify(headers, body, hs, runtime.clock.time())
        try:
            event = spec.parse(headers, body, hs)
        except PayloadError as exc:
            print(f"payload refused ({exc.status_code} {exc.code}): {exc.detail}")
            return 1
        if args.apply:
            return await _apply(runtime, helpdesk, event, body)
        decision = await runtime.decider.decision(event)
        _print_decision(event, decision)
        return 0
    finally:
        await runtime.close()


def _print_decision(event: Any, decision: Any) -> None:
    print(f"event {event.kind} on ticket {event.ticket_id} ({event.account}), id {event.event_id}")
    if decision.skipped:
        print(f"skipped: {decision.skipped}")
        return
    for run in decision.runs:
        data = run.to_json()
        line = f"  {run.rule} [{run.mode}] {run.status}"
        if data["summary"] or data["reason"] or data["error"]:
            line += " — " + (data["summary"] or data["reason"] or data["error"])
        print(line)
        for e in data["evidence"]:
            print(f"      · {e['text']}")
    update = decision.plan.update
    if update is None:
        print("nothing would be written")
        return
    print("would write (dry-run; nothing was stored or sent):")
    print(
        f"  tags: {', '.join(update.add_tags) or '-'}; priority: {update.priority or '-'}; "
        f"group: {update.group_id or '-'}; fields: {dict(update.fields) or '-'}"
    )
    if update.note is not None:
        print("  note:")
        for line in render_text(update.note).splitlines():
            print(("    " + line).rstrip())


async def _apply(runtime: Runtime, helpdesk: str, event: Any, body: bytes) -> int:
    record = InboundRecord(
        source=helpdesk,
        account=event.account,
        event_key=event.event_id,
        ticket_id=event.ticket_id,
        kind=event.kind,
        payload={"event": event_to_json(event)},
        requester_id=event.ticket.requester_id,
        body_sha256=hashlib.sha256(body).hexdigest(),
    )
    outcome = await runtime.store.accept_event(record)
    if outcome is Accepted.DUPLICATE:
        print(f"event {event.event_id} was already received; nothing to do")
        return 0
    await runtime.worker.drain()
    from ..reports import format_why

    print(
        format_why(
            event.ticket_id,
            await runtime.store.ledger_for_ticket(event.ticket_id, account=event.account),
        )
    )
    return 0
