"""The whole pipeline on loopback for the API-call, write-back and rate-budget benchmarks: the
sandbox seeded with the demo customers, ``serve`` (SQLite, worker on) configured against it with
the demo's rules (escalation and credit in ``act`` mode), tickets opened as customers, their
webhooks rendered by the sandbox (signed as the helpdesk signs them) and posted to the server.

What the server did is read from its database (the ledger) and from the sandbox's call log.
"""

from __future__ import annotations

import json
import sqlite3
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from events import SECRET
from services import FRESHDESK_SECRET, Sandbox, fresh_database, sandbox, server

from helpdesk_loyalty.demo import DEMO_TICKETS, demo_rules

__all__ = ["ACTIONABLE", "QUIET", "Pipeline", "pipeline"]

ACTIONABLE = next(t for t in DEMO_TICKETS if t.key == "double_charge")
QUIET = next(t for t in DEMO_TICKETS if t.key == "happy")
RULES = Path(__file__).resolve().parents[1] / "rules" / "rules.toml"


class Pipeline:
    """A running sandbox + server pair and the ids of the seeded data."""

    def __init__(self, box: Sandbox, port: int, db: Path, seed: dict[str, Any]) -> None:
        self.box = box
        self.port = port
        self.db = db
        self.seed = seed

    # -- helpdesk side -----------------------------------------------------------------------
    def person(self, helpdesk: str, customer: str) -> int:
        """The seeded user (Zendesk) or contact (Freshdesk) id of a demo customer."""
        ids = self.seed[helpdesk]
        return int((ids["users"] if helpdesk == "zendesk" else ids["contacts"])[customer])

    def open_ticket(self, helpdesk: str, customer: str, subject: str, body: str) -> int:
        """A ticket opened by the customer; its id."""
        requester = self.person(helpdesk, customer)
        if helpdesk == "zendesk":
            data = {"requester_id": requester, "subject": subject, "body": body}
        else:
            data = {"requester_id": requester, "subject": subject, "description": f"<p>{body}</p>"}
        answer = self.box.call("POST", f"/{helpdesk}/tickets", data)
        return int(answer["ticket"]["id"])

    def webhook(self, helpdesk: str, ticket_id: int, shape: str) -> tuple[dict[str, str], bytes]:
        """The signed webhook request the helpdesk sends for the new ticket: ``trigger``
        (our Zendesk trigger template), ``event`` (a Zendesk event-subscription envelope) or
        ``automation`` (Freshdesk's automation-rule webhook)."""
        if helpdesk == "zendesk":
            body: dict[str, Any] = {"secret": SECRET}
            if shape == "event":
                body.update(kind="event", event="comment_added")
            else:
                body.update(kind="trigger", event="ticket.created")
        else:
            body = {
                "event": "ticket.created",
                "headers": {"X-Helpdesk-Loyalty-Secret": FRESHDESK_SECRET},
            }
        rendered = self.box.call("POST", f"/{helpdesk}/tickets/{ticket_id}/render", body)
        return rendered["headers"], rendered["body"].encode()

    def calls(self, **filters: str) -> dict[str, Any]:
        """The sandbox's call log (``GET /_sandbox/calls``)."""
        query = "&".join(f"{k}={v}" for k, v in filters.items())
        return self.box.call("GET", f"/calls?{query}" if query else "/calls")  # type: ignore[no-any-return]

    # -- server side -------------------------------------------------------------------------
    def post(self, helpdesk: str, headers: dict[str, str], body: bytes) -> int:
        """POST the webhook to the server; the status code."""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}/webhooks/{helpdesk}",
            data=body,
            method="POST",
            headers=headers,
        )
        with urllib.request.urlopen(request, timeout=30) as answer:
            return int(answer.status)

    def ledger(self, ticket_id: int | None = None) -> list[dict[str, Any]]:
        """The server's ledger rows (of one ticket), read beside the server (WAL)."""
        conn = sqlite3.connect(f"file:{self.db}?mode=ro", uri=True, timeout=10)
        try:
            query = "SELECT what, ticket_id, decision_id, detail, at FROM ledger"
            params: tuple[Any, ...] = ()
            if ticket_id is not None:
                query += " WHERE ticket_id = ?"
                params = (str(ticket_id),)
            rows = conn.execute(query + " ORDER BY id", params).fetchall()
        finally:
            conn.close()
        return [
            {
                "what": r[0],
                "ticket_id": r[1],
                "decision_id": r[2],
                "detail": json.loads(r[3]),
                "at": r[4],
            }
            for r in rows
        ]

    def settled(self, ticket_id: int) -> dict[str, Any] | None:
        """The ticket's decision once it is finished (written, or nothing to write)."""
        rows = self.ledger(ticket_id)
        decided = [r for r in rows if r["what"] in ("decided", "skipped")]
        if not decided:
            return None
        decision = decided[-1]
        if decision["what"] == "skipped" or decision["detail"].get("update") is None:
            return decision
        done = [
            r
            for r in rows
            if r["what"] in ("applied", "dead") and r["decision_id"] == decision["decision_id"]
        ]
        return decision if done else None

    def wait_settled(self, ticket_id: int, timeout: float = 60.0) -> dict[str, Any]:
        """Wait until :meth:`settled`; the decision row."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            decision = self.settled(ticket_id)
            if decision is not None:
                return decision
            time.sleep(0.02)
        raise TimeoutError(f"ticket {ticket_id} was not settled within {timeout} s")


@contextmanager
def pipeline(
    where: Path,
    *,
    helpdesk: str = "zendesk",
    limits: bool = True,
    name: str = "server",
    **server_env: str,
) -> Iterator[Pipeline]:
    """A seeded sandbox and a server in front of it, with the demo's rules naming the group
    and field ids of ``helpdesk``."""
    with ExitStack() as stack:
        box = stack.enter_context(sandbox(where, limits=limits))
        seed = box.call("POST", "/seed")
        summary = box.call("GET", "/")
        ids = seed[helpdesk]
        if helpdesk == "zendesk":
            credit_field = str(ids["fields"]["credit_suggested"])
        else:
            credit_field = "cf_credit_suggested"
        rules = where / "rules.toml"
        rules.write_text(demo_rules(RULES, ids["groups"], credit_field), encoding="utf-8")
        url = stack.enter_context(fresh_database("sqlite", where))
        env = {"HL_ZENDESK_API_USER_ID": str(summary["zendesk"]["api_user_id"]), **server_env}
        _proc, port = stack.enter_context(
            server(url, where, helpdesk_root=box.root, name=name, extra=env)
        )
        yield Pipeline(box, port, Path(url.removeprefix("sqlite:///")), seed)
