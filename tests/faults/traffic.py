"""Webhook traffic as Zendesk sends it: signed trigger bodies, delivered until acknowledged.

Each event is our trigger template (``connectors/zendesk/trigger_body.json``) filled in for one
sandbox ticket, with its own invocation id (the dedupe key), signed at send time with the
function the server verifies with. :class:`Sender` plays the helpdesk: events of one ticket go
out one after another (the next only once the previous one was acknowledged, so per-ticket
order is well defined), different tickets in parallel lanes, one connection per lane. A refused
or lost delivery is sent again, as Zendesk retries a 503 or a connection failure; every answer
is counted so a test can assert that none was a 500.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from helpdesk_loyalty.adapters.zendesk.webhook import sign_zendesk

__all__ = ["COMMENTS", "Connection", "Event", "Sender", "make_events"]

TEMPLATE = "helpdesk-loyalty/zendesk-trigger@1"

# What customers write; most of it makes a rule write a note, some of it does not.
COMMENTS = (
    "We were billed twice for invoice INV-{n}. This is the second billing mistake this quarter "
    "and I'd like to speak to a manager.",
    "The technician never showed up for the installation and nobody called. Unacceptable.",
    "I lost my job and can't afford the full bill this month. Can I pay in installments?",
    "Thanks, the new dashboard works well for us (ref {n}).",
    "Still not fixed after three calls. I'm thinking of cancelling my account.",
)


@dataclass(frozen=True)
class Event:
    """One webhook delivery: the dedupe key, the ticket and the body."""

    key: str
    ticket_id: int
    body: bytes


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def trigger_body(ticket: dict[str, object], comment: str, at: float) -> bytes:
    """The trigger template rendered for ``ticket`` after the requester wrote ``comment``."""
    requester = str(ticket["requester_id"])
    body = {
        "schema": TEMPLATE,
        "event": "ticket.updated",
        "ticket": {
            "id": str(ticket["id"]),
            "subject": str(ticket["subject"]),
            "description": str(ticket.get("description") or ""),
            "latest_comment": comment,
            "status": "open",
            "priority": "normal",
            "type": "",
            "tags": "",
            "group_id": "",
            "assignee_id": "",
            "requester_id": requester,
            "organization_id": str(ticket.get("organization_id") or ""),
            "created_at": _iso(at - 3600),
            "updated_at": _iso(at),
            "via": "Web Form",
            "satisfaction": "",
            "url": "",
        },
        "actor": {"id": requester, "email": ""},
    }
    return json.dumps(body, separators=(",", ":")).encode()


def make_events(tickets: Sequence[dict[str, object]], count: int, *, prefix: str) -> list[Event]:
    """``count`` events round-robin over ``tickets``: event ``n`` is on ticket ``n % len``."""
    now = time.time()
    events = []
    for n in range(count):
        ticket = tickets[n % len(tickets)]
        comment = COMMENTS[(n // len(tickets) + n) % len(COMMENTS)].format(n=n)
        events.append(
            Event(f"{prefix}-{n:06d}", int(str(ticket["id"])), trigger_body(ticket, comment, now))
        )
    return events


class Connection:
    """One keep-alive HTTP/1.1 connection, spoken directly. Through httpx a request cost the
    sender several times what it cost the server (4 ms against 0.1 ms for ``/healthz``), which
    made the sender the bottleneck of the load scenarios."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(
        self, path: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, dict[str, str], bytes]:
        """Send one request; the status, the lower-cased headers and the body."""
        if self.reader is None or self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        lines = [
            f"POST {path} HTTP/1.1",
            f"Host: {self.host}:{self.port}",
            f"Content-Length: {len(body)}",
            *(f"{k}: {v}" for k, v in headers.items()),
        ]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        await self.writer.drain()
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split(" ", 2)[1])
        answer = {}
        for line in head[1:]:
            name, _, value = line.partition(":")
            if name:
                answer[name.strip().lower()] = value.strip()
        content = await self.reader.readexactly(int(answer.get("content-length", "0")))
        if answer.get("connection", "").lower() == "close":
            self.close()
        return status, answer, content

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


@dataclass
class Sender:
    """Delivers events like the helpdesk does, until each one is acknowledged."""

    urls: Sequence[str]
    secret: str
    lanes: int = 8
    retry_pause: float = 0.05
    acked: dict[str, int] = field(default_factory=dict)
    answers: Counter[int] = field(default_factory=Counter)
    transport_errors: int = 0
    missing_retry_after: int = 0

    def headers(self, event: Event) -> dict[str, str]:
        stamp = _iso(time.time())
        return {
            "Content-Type": "application/json",
            "X-Zendesk-Webhook-Id": "01JFAULTSUITEWEBHOOK00000",
            "X-Zendesk-Webhook-Invocation-Id": event.key,
            "X-Zendesk-Webhook-Signature-Timestamp": stamp,
            "X-Zendesk-Webhook-Signature": sign_zendesk(self.secret, stamp, event.body),
        }

    async def deliver(self, events: Sequence[Event], *, deadline: float = 120.0) -> None:
        """Send every event until it is acknowledged (2xx), lane by lane."""
        by_lane: list[list[Event]] = [[] for _ in range(self.lanes)]
        for event in events:
            by_lane[event.ticket_id % self.lanes].append(event)
        stop_at = time.monotonic() + deadline
        await asyncio.gather(
            *(self._lane(i, lane, stop_at) for i, lane in enumerate(by_lane) if lane)
        )

    async def _lane(self, index: int, events: list[Event], stop_at: float) -> None:
        target = index % len(self.urls)
        connections = [Connection(url) for url in self.urls]
        try:
            for event in events:
                while True:
                    if time.monotonic() > stop_at:
                        raise AssertionError(f"event {event.key} not acknowledged in time")
                    connection = connections[target]
                    try:
                        status, headers, content = await asyncio.wait_for(
                            connection.post("/webhooks/zendesk", self.headers(event), event.body),
                            timeout=15.0,
                        )
                    except (
                        OSError,
                        EOFError,
                        TimeoutError,
                        ValueError,
                        asyncio.IncompleteReadError,
                    ):
                        connection.close()
                        self.transport_errors += 1
                        target = (target + 1) % len(self.urls)  # as a load balancer would
                        await asyncio.sleep(self.retry_pause)
                        continue
                    self.answers[status] += 1
                    if 200 <= status < 300:
                        self.acked[event.key] = status
                        break
                    if status != 503:
                        raise AssertionError(f"{event.key}: answered {status}: {content!r}")
                    if "retry-after" not in headers:
                        self.missing_retry_after += 1
                    await asyncio.sleep(self.retry_pause)
        finally:
            for connection in connections:
                connection.close()

    @property
    def server_errors(self) -> int:
        """Answers 500 and above other than 503 (which the helpdesk retries)."""
        return sum(n for status, n in self.answers.items() if status >= 500 and status != 503)
