"""Webhook bodies and signatures the sandbox renders, checked against the documented formats."""

from __future__ import annotations

import base64
import json
import re

import httpx
import pytest

from helpdesk_loyalty.clock import FakeClock
from helpdesk_loyalty.sandbox import DemoSeed, Sandbox, deliver
from helpdesk_loyalty.secret import Secret

from .conftest import Receiver, zendesk_signature_ok

pytestmark = pytest.mark.anyio

TRICKY = 'He said "refund me"\nnow — ça va? 請 \\ back\tslash'


def test_zendesk_trigger_body_is_valid_json_with_display_values(
    sandbox: Sandbox, demo: DemoSeed, clock: FakeClock
) -> None:
    ticket_id = demo.zendesk["tickets"]["top_double_charge"]
    sandbox.zendesk_end_user_update(ticket_id, TRICKY)
    clock.advance(33)
    request = sandbox.render_zendesk_trigger(ticket_id, "ticket.updated", secret="s3cret")
    body = json.loads(request.body)
    ticket = body["ticket"]
    assert body["event"] == "ticket.updated"
    assert ticket["latest_comment"] == TRICKY
    assert ticket["id"] == str(ticket_id)
    assert ticket["status"] == "Open" and ticket["priority"] == "High"
    assert ticket["tags"] == "billing"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\dZ", ticket["updated_at"])
    assert ticket["requester_id"] == str(demo.zendesk["users"]["top"])
    assert ticket["organization_id"] == str(demo.zendesk["organizations"]["top"])
    assert body["actor"]["email"] == "maya.chen@aurora-logistics.example"


def test_zendesk_signature_verifies_with_the_documented_formula(
    sandbox: Sandbox, demo: DemoSeed
) -> None:
    ticket_id = demo.zendesk["tickets"]["top_double_charge"]
    request = sandbox.render_zendesk_trigger(
        ticket_id, "ticket.created", secret=Secret("my-signing-secret")
    )
    timestamp = request.header("X-Zendesk-Webhook-Signature-Timestamp")
    signature = request.header("X-Zendesk-Webhook-Signature")
    assert timestamp == "2026-01-01T00:00:00Z"
    assert signature is not None and len(base64.b64decode(signature)) == 32
    assert zendesk_signature_ok("my-signing-secret", timestamp, request.body, signature)
    assert not zendesk_signature_ok("other-secret", timestamp, request.body, signature)
    assert request.header("content-type") == "application/json"
    assert request.header("x-zendesk-webhook-invocation-id")
    assert request.header("x-zendesk-account-id") == str(sandbox.config.zendesk_account_id)


def test_zendesk_event_envelope_shape(sandbox: Sandbox, demo: DemoSeed) -> None:
    ticket_id = demo.zendesk["tickets"]["top_double_charge"]
    sandbox.zendesk_end_user_update(ticket_id, TRICKY)
    request = sandbox.render_zendesk_event(ticket_id, "comment_added", secret="k")
    envelope = json.loads(request.body)
    assert envelope["type"] == "zen:event-type:ticket.comment_added"
    assert envelope["subject"] == f"zen:ticket:{ticket_id}"
    assert re.fullmatch(r"[0-9a-f-]{36}", envelope["id"])
    assert envelope["detail"]["id"] == str(ticket_id)
    assert envelope["detail"]["status"] == "OPEN" and envelope["detail"]["priority"] == "HIGH"
    assert envelope["event"]["comment"]["body"] == TRICKY
    assert envelope["event"]["comment"]["author"] == {
        "id": str(demo.zendesk["users"]["top"]),
        "is_staff": False,
        "name": "Maya Chen",
    }
    stamp = request.header("x-zendesk-webhook-signature-timestamp") or ""
    assert zendesk_signature_ok(
        "k", stamp, request.body, request.header("x-zendesk-webhook-signature") or ""
    )
    status = json.loads(
        sandbox.render_zendesk_event(
            ticket_id, "status_changed", secret="k", previous="pending"
        ).body
    )
    assert status["event"]["current"] == "OPEN" and status["event"]["previous"] == "PENDING"


def test_freshdesk_body_uses_display_strings(sandbox: Sandbox, demo: DemoSeed) -> None:
    ticket_id = demo.freshdesk["tickets"]["top_double_charge"]
    ticket = sandbox.freshdesk_ticket(ticket_id)
    ticket.tags = ["billing", "vip"]
    sandbox.freshdesk_customer_reply(ticket_id, TRICKY)
    request = sandbox.render_freshdesk(
        ticket_id,
        "ticket.updated",
        headers={"X-Helpdesk-Loyalty-Secret": "shh"},
        username="hook",
        password="pw",
    )
    body = json.loads(request.body)["freshdesk_webhook"]
    assert body["event"] == "ticket.updated"
    assert body["ticket_id"] == str(ticket_id)
    assert body["ticket_status"] == "Open" and body["ticket_priority"] == "High"
    assert body["ticket_source"] == "Portal"
    assert body["ticket_tags"] == "billing,vip"
    assert body["ticket_description"].startswith("<div>")
    assert body["triggered_event"] == "{reply_sent:sent}"
    assert body["requester_email"] == "maya.chen@aurora-logistics.example"
    assert body["company_name"] == "Aurora Logistics"
    assert body["ticket_latest_public_comment"].startswith("<div><p>He said &quot;refund me")
    assert request.header("x-helpdesk-loyalty-secret") == "shh"
    assert request.header("authorization") == "Basic " + base64.b64encode(b"hook:pw").decode()
    created = json.loads(sandbox.render_freshdesk(ticket_id, "ticket.created").body)
    assert created["freshdesk_webhook"]["triggered_event"] == "{ticket_action:created}"


async def test_deliver_sends_the_exact_signed_bytes(
    sandbox: Sandbox, demo: DemoSeed, receiver: Receiver, receiver_client: httpx.AsyncClient
) -> None:
    request = sandbox.render_zendesk_trigger(
        demo.zendesk["tickets"]["overdue_hardship"], "ticket.updated", secret="abc"
    )
    response = await deliver(request, "http://service.test/webhooks/zendesk", receiver_client)
    assert response.status_code == 200
    got = receiver.got[0]
    assert got.path == "/webhooks/zendesk" and got.body == request.body
    assert zendesk_signature_ok(
        "abc",
        got.headers["x-zendesk-webhook-signature-timestamp"],
        got.body,
        got.headers["x-zendesk-webhook-signature"],
    )
