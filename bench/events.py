"""Signed, unique webhook requests for the load generators.

Every request is a Zendesk event-subscription envelope (``zen:event-type:ticket.comment_added``,
about 1.1 KB) with its own event id, signed the way Zendesk signs it
(``base64(HMAC-SHA256(secret, timestamp + body))``) with the same function the server verifies
with. Unique ids matter: a duplicate takes the cheap dedupe path and would flatter the figures.

The requests are written one per line as ``timestamp<TAB>signature<TAB>body`` (the layout the
wrk script and :mod:`openloop` read). Signatures carry the time they were made; the server
accepts them for ``HL_ZENDESK_SIGNATURE_TOLERANCE`` seconds (the benchmarks raise it to a day so
a file can be reused across repetitions).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from helpdesk_loyalty.adapters.zendesk import sign_zendesk

__all__ = ["SECRET", "envelope", "write_requests"]

SECRET = "bench-signing-secret-0123456789abcdef"

_COMMENTS = (
    "Still can't log in. This is the third time I'm asking and I need a manager.",
    "We were billed twice for invoice INV-2041. Please refund the duplicate today.",
    "Thanks, the new dashboard works well for us.",
    "I was laid off and can't afford the full bill this month. Can I pay in parts?",
)


def envelope(
    n: int, *, tickets: int = 2000, requesters: Sequence[int] = (), when: str = ""
) -> bytes:
    """The ``n``-th request body: a comment on one of ``tickets`` tickets, by one of
    ``requesters`` (default: 500 made-up ids; the benchmarks pass the sandbox's demo customers
    so that the worker can read them and run the rules)."""
    ticket = 10_000 + n % tickets
    requester = requesters[ticket % len(requesters)] if requesters else 500_000 + ticket % 500
    stamp = when or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    body = {
        "type": "zen:event-type:ticket.comment_added",
        "account_id": 22129848,
        "id": str(uuid.uuid4()),
        "time": stamp,
        "zendesk_event_version": "2022-11-06",
        "subject": f"zen:ticket:{ticket}",
        "detail": {
            "actor_id": str(requester),
            "assignee_id": "8447388090495",
            "brand_id": "8447346621310",
            "created_at": "2026-01-08T10:12:07Z",
            "description": "Customer cannot log in to the mobile app after the update",
            "group_id": "8447320466430",
            "id": str(ticket),
            "is_public": True,
            "organization_id": "8447346622462",
            "priority": "HIGH",
            "requester_id": str(requester),
            "status": "OPEN",
            "subject": "Cannot log in to the mobile app",
            "submitter_id": str(requester),
            "tags": ["mobile", "login"],
            "type": "PROBLEM",
            "updated_at": stamp,
            "via": {"channel": "web_service"},
        },
        "event": {
            "comment": {
                "id": str(9_000_000_000 + n),
                "body": f"<p>{_COMMENTS[n % len(_COMMENTS)]}</p>",
                "is_public": True,
                "author": {"id": str(requester), "is_staff": False, "name": "Dana Whitfield"},
            },
            "meta": {"sequence": {"id": uuid.uuid4().hex[:20], "position": 1}},
        },
    }
    return json.dumps(body, separators=(",", ":")).encode()


def write_requests(
    path: Path, count: int, secret: str = SECRET, requesters: Sequence[int] = ()
) -> Path:
    """Write ``count`` signed unique requests to ``path``; returns ``path``."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            body = envelope(n, when=stamp, requesters=requesters)
            out.write(f"{stamp}\t{sign_zendesk(secret, stamp, body)}\t{body.decode()}\n")
    return path
