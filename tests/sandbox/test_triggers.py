"""Webhooks and triggers configured through the API behave like the real helpdesk's:
end-user changes fire them, the API user's own writes do not, deliveries are signed."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from helpdesk_loyalty.clock import FakeClock
from helpdesk_loyalty.sandbox import DemoSeed, Sandbox

from .conftest import Receiver, zendesk_signature_ok

pytestmark = pytest.mark.anyio

ENDPOINT = "http://service.test/webhooks/zendesk"


async def _webhook(client: httpx.AsyncClient, zd: dict[str, str], **extra: Any) -> str:
    body = {
        "name": "helpdesk-loyalty",
        "endpoint": ENDPOINT,
        "http_method": "POST",
        "request_format": "json",
        "status": "active",
        "subscriptions": ["conditional_ticket_events"],
        **extra,
    }
    created = await client.post("/zendesk/api/v2/webhooks", headers=zd, json={"webhook": body})
    assert created.status_code == 201, created.text
    return str(created.json()["webhook"]["id"])


async def _trigger(
    client: httpx.AsyncClient, zd: dict[str, str], webhook_id: str, update_type: str, event: str
) -> httpx.Response:
    template = json.dumps(
        {
            "event": event,
            "ticket_id": "{{ticket.id}}",
            "comment": "{{ticket.latest_comment}}",
            "tags": "{{ticket.tags}}",
        }
    )
    return await client.post(
        "/zendesk/api/v2/triggers",
        headers=zd,
        json={
            "trigger": {
                "title": f"helpdesk-loyalty: {event}",
                "conditions": {
                    "all": [
                        {"field": "update_type", "operator": "is", "value": update_type},
                        {"field": "role", "operator": "is", "value": "end_user"},
                        {"field": "current_tags", "operator": "not_includes", "value": "hl_off"},
                    ],
                    "any": [],
                },
                "actions": [{"field": "notification_webhook", "value": [webhook_id, template]}],
            }
        },
    )


async def _secret(client: httpx.AsyncClient, zd: dict[str, str], webhook_id: str) -> str:
    response = await client.get(f"/zendesk/api/v2/webhooks/{webhook_id}/signing_secret", headers=zd)
    assert response.json()["signing_secret"]["algorithm"] == "SHA256"
    return str(response.json()["signing_secret"]["secret"])


async def test_end_user_update_fires_a_signed_webhook(
    client: httpx.AsyncClient,
    zd: dict[str, str],
    sandbox: Sandbox,
    demo: DemoSeed,
    receiver: Receiver,
    receiver_client: httpx.AsyncClient,
) -> None:
    hook = await _webhook(client, zd)
    assert (await _trigger(client, zd, hook, "Change", "ticket.updated")).status_code == 201
    secret = await _secret(client, zd, hook)
    ticket_id = demo.zendesk["tickets"]["overdue_hardship"]

    sandbox.zendesk_end_user_update(ticket_id, 'Still waiting "please"\nthanks')
    assert receiver.got == []  # nothing leaves before the flush
    done = await sandbox.flush_webhooks(receiver_client)

    assert [d.state for d in done] == ["delivered"]
    got = receiver.got[0]
    body = json.loads(got.body)
    assert body == {
        "event": "ticket.updated",
        "ticket_id": str(ticket_id),
        "comment": 'Still waiting "please"\nthanks',
        "tags": "billing",
    }
    assert got.headers["x-zendesk-webhook-id"] == hook
    assert zendesk_signature_ok(
        secret,
        got.headers["x-zendesk-webhook-signature-timestamp"],
        got.body,
        got.headers["x-zendesk-webhook-signature"],
    )


async def test_api_updates_do_not_fire_end_user_triggers(
    client: httpx.AsyncClient,
    zd: dict[str, str],
    sandbox: Sandbox,
    demo: DemoSeed,
) -> None:
    hook = await _webhook(client, zd)
    await _trigger(client, zd, hook, "Change", "ticket.updated")
    ticket_id = demo.zendesk["tickets"]["overdue_hardship"]
    response = await client.put(
        f"/zendesk/api/v2/tickets/{ticket_id}.json",
        headers=zd,
        json={"ticket": {"comment": {"body": "note", "public": False}}},
    )
    assert response.status_code == 200
    assert sandbox.outbox.queued() == []


async def test_nullifying_tag_and_creation_trigger(
    client: httpx.AsyncClient,
    zd: dict[str, str],
    sandbox: Sandbox,
    demo: DemoSeed,
) -> None:
    hook = await _webhook(client, zd)
    await _trigger(client, zd, hook, "Change", "ticket.updated")
    await _trigger(client, zd, hook, "Create", "ticket.created")
    ticket_id = demo.zendesk["tickets"]["overdue_hardship"]
    sandbox.zendesk_ticket(ticket_id).tags.append("hl_off")
    sandbox.zendesk_end_user_update(ticket_id, "hello?")
    assert sandbox.outbox.queued() == []

    ticket = sandbox.zendesk_create_ticket(demo.zendesk["users"]["new"], "Help", "Hi there")
    queued = sandbox.outbox.queued()
    assert len(queued) == 1
    assert json.loads(queued[0].request.body)["event"] == "ticket.created"
    assert json.loads(queued[0].request.body)["ticket_id"] == str(ticket.id)


async def test_retries_keep_the_invocation_id(
    client: httpx.AsyncClient,
    zd: dict[str, str],
    sandbox: Sandbox,
    demo: DemoSeed,
    receiver: Receiver,
    receiver_client: httpx.AsyncClient,
    clock: FakeClock,
) -> None:
    hook = await _webhook(client, zd)
    await _trigger(client, zd, hook, "Change", "ticket.updated")
    sandbox.zendesk_end_user_update(demo.zendesk["tickets"]["top_double_charge"], "again")
    receiver.statuses = [(409, {}), (503, {"Retry-After": "5"})]

    first = await sandbox.flush_webhooks(receiver_client)
    assert first[0].state == "queued" and len(receiver.got) == 2  # 409 retried at once
    clock.advance(5)
    second = await sandbox.flush_webhooks(receiver_client)
    assert second[0].state == "delivered"
    ids = {r.headers["x-zendesk-webhook-invocation-id"] for r in receiver.got}
    assert len(receiver.got) == 3 and len(ids) == 1


async def test_long_retry_after_is_not_retried(
    client: httpx.AsyncClient,
    zd: dict[str, str],
    sandbox: Sandbox,
    demo: DemoSeed,
    receiver: Receiver,
    receiver_client: httpx.AsyncClient,
) -> None:
    hook = await _webhook(client, zd)
    await _trigger(client, zd, hook, "Change", "ticket.updated")
    sandbox.zendesk_end_user_update(demo.zendesk["tickets"]["top_double_charge"], "again")
    receiver.statuses = [(503, {"Retry-After": "120"})]
    done = await sandbox.flush_webhooks(receiver_client)
    assert done[0].state == "failed" and len(receiver.got) == 1


async def test_event_subscription_gets_envelopes_for_api_writes(
    client: httpx.AsyncClient,
    zd: dict[str, str],
    sandbox: Sandbox,
    demo: DemoSeed,
    receiver: Receiver,
    receiver_client: httpx.AsyncClient,
) -> None:
    await _webhook(
        client,
        zd,
        subscriptions=["zen:event-type:ticket.comment_added", "zen:event-type:ticket.tags_changed"],
    )
    ticket_id = demo.zendesk["tickets"]["overdue_hardship"]
    await client.put(
        f"/zendesk/api/v2/tickets/{ticket_id}.json",
        headers=zd,
        json={
            "ticket": {
                "comment": {"body": "Internal", "public": False},
                "tags": ["billing", "hardship"],
            }
        },
    )
    await sandbox.flush_webhooks(receiver_client)
    envelopes = [json.loads(r.body) for r in receiver.got]
    assert [e["type"] for e in envelopes] == [
        "zen:event-type:ticket.comment_added",
        "zen:event-type:ticket.tags_changed",
    ]
    comment = envelopes[0]["event"]["comment"]
    assert comment["is_public"] is False
    assert comment["author"]["id"] == str(sandbox.zendesk.api_user.id)
    assert envelopes[1]["event"] == {
        "tags_added": ["hardship"],
        "tags_removed": [],
        "meta": envelopes[1]["event"]["meta"],
    }


async def test_webhooks_api_rules(
    client: httpx.AsyncClient,
    zd: dict[str, str],
    demo: DemoSeed,
) -> None:
    mixed = await client.post(
        "/zendesk/api/v2/webhooks",
        headers=zd,
        json={
            "webhook": {
                "name": "x",
                "endpoint": ENDPOINT,
                "http_method": "POST",
                "request_format": "json",
                "status": "active",
                "subscriptions": ["conditional_ticket_events", "zen:event-type:ticket.created"],
            }
        },
    )
    assert mixed.status_code == 400
    hook = await _webhook(
        client,
        zd,
        authentication={"type": "bearer_token", "add_position": "header", "data": {"token": "t0k"}},
    )
    shown = (await client.get(f"/zendesk/api/v2/webhooks/{hook}", headers=zd)).json()
    assert shown["webhook"]["authentication"] == {"type": "bearer_token", "add_position": "header"}
    switch = await client.patch(
        f"/zendesk/api/v2/webhooks/{hook}",
        headers=zd,
        json={"webhook": {"subscriptions": ["zen:event-type:ticket.created"]}},
    )
    assert switch.status_code == 400
    renamed = await client.patch(
        f"/zendesk/api/v2/webhooks/{hook}", headers=zd, json={"webhook": {"name": "renamed"}}
    )
    assert renamed.status_code == 204
    listed = await client.get(
        "/zendesk/api/v2/webhooks", headers=zd, params={"filter[name_contains]": "renam"}
    )
    assert [w["id"] for w in listed.json()["webhooks"]] == [hook]
    unknown = await client.post(
        "/zendesk/api/v2/triggers",
        headers=zd,
        json={
            "trigger": {
                "title": "t",
                "conditions": {
                    "all": [{"field": "satisfaction_score", "operator": "is", "value": "bad"}]
                },
                "actions": [{"field": "notification_webhook", "value": [hook, "{}"]}],
            }
        },
    )
    assert unknown.status_code == 422
    assert "not modelled" in json.dumps(unknown.json())
    assert (await client.delete(f"/zendesk/api/v2/webhooks/{hook}", headers=zd)).status_code == 204
    assert (await client.get(f"/zendesk/api/v2/webhooks/{hook}", headers=zd)).status_code == 404


async def test_trigger_crud(client: httpx.AsyncClient, zd: dict[str, str]) -> None:
    hook = await _webhook(client, zd)
    created = (await _trigger(client, zd, hook, "Create", "ticket.created")).json()["trigger"]
    url = f"/zendesk/api/v2/triggers/{created['id']}.json"
    changed = await client.put(url, headers=zd, json={"trigger": {"active": False}})
    assert changed.json()["trigger"]["active"] is False
    listed = (await client.get("/zendesk/api/v2/triggers.json", headers=zd)).json()
    assert listed["count"] == 1 and listed["triggers"][0]["conditions"] == created["conditions"]
    assert (await client.delete(url, headers=zd)).status_code == 204
    assert (await client.get(url, headers=zd)).status_code == 404


async def test_freshdesk_automation_fires_on_customer_replies_only(
    client: httpx.AsyncClient,
    fd: dict[str, str],
    sandbox: Sandbox,
    demo: DemoSeed,
    receiver: Receiver,
    receiver_client: httpx.AsyncClient,
) -> None:
    sandbox.add_freshdesk_automation(
        "ticket_update",
        "http://service.test/webhooks/freshdesk",
        performer="customer",
        skip_tags=["hl_off"],
        headers={"X-Helpdesk-Loyalty-Secret": "shh"},
    )
    ticket_id = demo.freshdesk["tickets"]["overdue_hardship"]
    await client.put(f"/freshdesk/api/v2/tickets/{ticket_id}", headers=fd, json={"priority": 3})
    assert sandbox.outbox.queued() == []
    sandbox.freshdesk_ticket(ticket_id).status = 3
    sandbox.freshdesk_customer_reply(ticket_id, "Any update?")
    await sandbox.flush_webhooks(receiver_client)
    got = receiver.got[0]
    body = json.loads(got.body)["freshdesk_webhook"]
    assert body["event"] == "ticket.updated"
    assert body["triggered_event"] == "{status:{from:3,to:2}}"
    assert body["ticket_priority"] == "High"
    assert got.headers["x-helpdesk-loyalty-secret"] == "shh"
