"""Injected faults, through the Python API and the control API."""

from __future__ import annotations

import httpx
import pytest

from helpdesk_loyalty.sandbox import DemoSeed, Sandbox

pytestmark = pytest.mark.anyio


async def test_outage_until_turned_off(
    client: httpx.AsyncClient,
    demo: DemoSeed,
    zd: dict[str, str],
    fd: dict[str, str],
    sandbox: Sandbox,
) -> None:
    sandbox.faults.start_outage(retry_after=20)
    down = await client.get("/zendesk/api/v2/users/me.json", headers=zd)
    also_down = await client.get("/freshdesk/api/v2/agents/me", headers=fd)
    assert (down.status_code, down.headers["retry-after"]) == (503, "20")
    assert also_down.status_code == 503
    sandbox.faults.end_outage()
    assert (await client.get("/zendesk/api/v2/users/me.json", headers=zd)).status_code == 200
    assert [c.fault for c in sandbox.calls] == [True, True, False]


async def test_fail_next_counts_down_and_filters(
    client: httpx.AsyncClient, demo: DemoSeed, zd: dict[str, str], sandbox: Sandbox
) -> None:
    url = f"/zendesk/api/v2/tickets/{demo.zendesk['tickets']['top_double_charge']}.json"
    sandbox.faults.fail_next_calls(2, 500, method="PUT")
    assert (await client.get(url, headers=zd)).status_code == 200
    statuses = [
        (await client.put(url, headers=zd, json={"ticket": {"tags": ["x"]}})).status_code
        for _ in range(3)
    ]
    assert statuses == [500, 500, 200]


async def test_fault_after_apply_leaves_the_write_done(
    client: httpx.AsyncClient, demo: DemoSeed, fd: dict[str, str], sandbox: Sandbox
) -> None:
    ticket_id = demo.freshdesk["tickets"]["overdue_hardship"]
    sandbox.faults.fail_next_calls(1, 504, after_apply=True, helpdesk="freshdesk")
    response = await client.post(
        f"/freshdesk/api/v2/tickets/{ticket_id}/notes", headers=fd, json={"body": "<p>marker</p>"}
    )
    assert response.status_code == 504
    assert sandbox.freshdesk_ticket(ticket_id).conversations[-1].body == "<p>marker</p>"


async def test_latency_and_hang_wait_through_the_sleep_seam(
    client: httpx.AsyncClient, demo: DemoSeed, zd: dict[str, str], sandbox: Sandbox
) -> None:
    waited: list[float] = []

    async def record(seconds: float) -> None:
        waited.append(seconds)

    sandbox.faults.sleep = record
    sandbox.faults.latency = 0.25
    sandbox.faults.start_outage(hang=15.0, retry_after=None)
    response = await client.get("/zendesk/api/v2/users/me.json", headers=zd)
    assert response.status_code == 503 and "retry-after" not in response.headers
    assert waited == [0.25, 15.0]


async def test_faults_through_the_control_api(
    client: httpx.AsyncClient, demo: DemoSeed, zd: dict[str, str], sandbox: Sandbox
) -> None:
    set_ = await client.put(
        "/_sandbox/faults", json={"fail_next": {"count": 1, "status": 429, "retry_after": 7}}
    )
    assert set_.json()["fail_next"]["count"] == 1
    limited = await client.get("/zendesk/api/v2/users/me.json", headers=zd)
    assert (limited.status_code, limited.headers["retry-after"]) == (429, "7")
    bad = await client.put("/_sandbox/faults", json={"outage": {"colour": "red"}})
    assert bad.status_code == 400 and bad.json()["error"] == "bad_faults"
    await client.put("/_sandbox/faults", json={"outage": {"status": 502}})
    assert (await client.get("/zendesk/api/v2/users/me.json", headers=zd)).status_code == 502
    cleared = await client.delete("/_sandbox/faults")
    assert cleared.json() == {"outage": None, "fail_next": None, "latency": 0.0}
    assert (await client.get("/zendesk/api/v2/users/me.json", headers=zd)).status_code == 200
