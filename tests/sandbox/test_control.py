"""The control API: what tests and the demo use when the sandbox runs in another process."""

from __future__ import annotations

import httpx
import pytest

from helpdesk_loyalty.clock import SystemClock
from helpdesk_loyalty.sandbox import Sandbox, SandboxConfig, create_sandbox_app

pytestmark = pytest.mark.anyio


async def test_seed_act_and_count_calls(
    client: httpx.AsyncClient, zd: dict[str, str], sandbox: Sandbox
) -> None:
    ids = (await client.post("/_sandbox/seed")).json()
    ticket_id = ids["zendesk"]["tickets"]["overdue_hardship"]
    await client.get(f"/zendesk/api/v2/tickets/{ticket_id}.json", headers=zd)
    await client.put(
        f"/zendesk/api/v2/tickets/{ticket_id}.json",
        headers=zd,
        json={"ticket": {"tags": ["billing", "hardship"]}},
    )
    counted = (await client.get("/_sandbox/calls", params={"ticket_id": ticket_id})).json()
    assert (counted["reads"], counted["writes"], counted["throttled"]) == (1, 1, 0)
    assert counted["calls"][1]["path"] == f"/api/v2/tickets/{ticket_id}.json"

    replied = await client.post(
        f"/_sandbox/zendesk/tickets/{ticket_id}/end_user_update", json={"comment": "Hello again"}
    )
    assert replied.json()["comments"][-1]["body"] == "Hello again"
    created = await client.post(
        "/_sandbox/freshdesk/tickets",
        json={
            "requester_id": ids["freshdesk"]["contacts"]["new"],
            "subject": "Hi",
            "description": "<div>Hello</div>",
        },
    )
    assert created.json()["ticket"]["requester_id"] == ids["freshdesk"]["contacts"]["new"]
    rendered = await client.post(
        f"/_sandbox/zendesk/tickets/{ticket_id}/render",
        json={"event": "ticket.updated", "secret": "s"},
    )
    assert '"event": "ticket.updated"' in rendered.json()["body"]
    assert (await client.delete("/_sandbox/calls")).is_success
    assert sandbox.calls.reads() == 0


async def test_control_errors_name_the_problem(client: httpx.AsyncClient) -> None:
    missing = await client.post("/_sandbox/zendesk/tickets", json={"subject": "x"})
    assert missing.status_code == 400
    assert "requester_id" in missing.json()["detail"]
    unknown = await client.get("/_sandbox/zendesk/tickets/999")
    assert unknown.status_code == 404


async def test_clock_advances_only_when_fake(client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    before = sandbox.now()
    moved = await client.post("/_sandbox/clock/advance", json={"seconds": 90})
    assert moved.json()["time"] == before + 90
    real = Sandbox(SandboxConfig(), clock=SystemClock())
    transport = httpx.ASGITransport(app=create_sandbox_app(real))
    async with httpx.AsyncClient(transport=transport, base_url="http://s") as other:
        refused = await other.post("/_sandbox/clock/advance", json={"seconds": 1})
    assert refused.status_code == 409


async def test_limits_switch_and_automations(client: httpx.AsyncClient, sandbox: Sandbox) -> None:
    off = await client.put("/_sandbox/limits", json={"enabled": False, "reset": True})
    assert off.json() == {"enabled": False} and sandbox.limits_enabled is False
    added = await client.post(
        "/_sandbox/freshdesk/automations",
        json={
            "kind": "ticket_creation",
            "url": "http://service.test/hook",
            "password": "pw",
            "username": "u",
        },
    )
    rules = added.json()["automations"]
    assert rules[0]["kind"] == "ticket_creation" and "password" not in rules[0]
    wrong = await client.post(
        "/_sandbox/freshdesk/automations",
        json={"kind": "sometimes", "url": "http://service.test/hook"},
    )
    assert wrong.status_code == 400


async def test_reset_then_seed_serves_the_new_state(
    client: httpx.AsyncClient, zd: dict[str, str], fd: dict[str, str]
) -> None:
    await client.post("/_sandbox/seed")
    assert (await client.post("/_sandbox/reset")).is_success
    empty = (await client.get("/zendesk/api/v2/groups.json", headers=zd)).json()
    assert empty["groups"] == []
    await client.post("/_sandbox/seed")
    for path, headers in (("/zendesk/api/v2/groups.json", zd), ("/freshdesk/api/v2/groups", fd)):
        body = (await client.get(path, headers=headers)).json()
        rows = body["groups"] if isinstance(body, dict) else body
        assert [g["name"] for g in rows] == ["Support", "Supervisors", "Billing"]
    hook = await client.post(
        "/zendesk/api/v2/webhooks",
        headers=zd,
        json={
            "webhook": {
                "name": "h",
                "endpoint": "http://service.test/h",
                "http_method": "POST",
                "request_format": "json",
                "status": "active",
            }
        },
    )
    assert hook.status_code == 201
