"""The sandbox's own per-minute limits: 429 with Retry-After, headers, recovery with time."""

from __future__ import annotations

import httpx
import pytest

from helpdesk_loyalty.clock import FakeClock
from helpdesk_loyalty.sandbox import DemoSeed, Sandbox, SandboxConfig

pytestmark = pytest.mark.anyio


@pytest.fixture
def config() -> SandboxConfig:
    return SandboxConfig(
        zendesk_updates_per_minute=3,
        zendesk_requests_per_minute=10,
        freshdesk_updates_per_minute=2,
        freshdesk_calls_per_minute=10,
    )


async def test_update_ticket_limit_then_recovery(
    client: httpx.AsyncClient,
    demo: DemoSeed,
    zd: dict[str, str],
    clock: FakeClock,
    sandbox: Sandbox,
) -> None:
    url = f"/zendesk/api/v2/tickets/{demo.zendesk['tickets']['top_double_charge']}.json"
    for n in range(3):
        ok = await client.put(url, headers=zd, json={"ticket": {"tags": [f"t{n}"]}})
        assert ok.status_code == 200
        clock.advance(10)
    limited = await client.put(url, headers=zd, json={"ticket": {"tags": ["late"]}})
    assert limited.status_code == 429
    assert limited.json()["error"] == "APIRateLimitExceeded"
    assert int(limited.headers["retry-after"]) == 30  # the first update leaves the window at 60 s
    assert sandbox.zendesk_ticket(demo.zendesk["tickets"]["top_double_charge"]).tags == ["t2"]
    reads = await client.get(url, headers=zd)
    assert reads.status_code == 200  # reads only spend the general budget

    clock.advance(30)
    recovered = await client.put(url, headers=zd, json={"ticket": {"tags": ["late"]}})
    assert recovered.status_code == 200
    assert sandbox.calls.throttled(helpdesk="zendesk") == 1


async def test_general_limit_headers_and_text_body(
    client: httpx.AsyncClient, demo: DemoSeed, zd: dict[str, str], clock: FakeClock
) -> None:
    remaining = []
    for _ in range(10):
        response = await client.get("/zendesk/api/v2/users/me.json", headers=zd)
        remaining.append(int(response.headers["x-rate-limit-remaining"]))
    assert remaining == list(range(9, -1, -1))
    limited = await client.get("/zendesk/api/v2/users/me.json", headers=zd)
    assert limited.status_code == 429
    assert limited.text == "Number of allowed API requests per minute exceeded"
    assert limited.headers["retry-after"] == "60"
    clock.advance(60)
    assert (await client.get("/zendesk/api/v2/users/me.json", headers=zd)).status_code == 200


async def test_freshdesk_ticket_update_limit(
    client: httpx.AsyncClient, demo: DemoSeed, fd: dict[str, str], clock: FakeClock
) -> None:
    url = f"/freshdesk/api/v2/tickets/{demo.freshdesk['tickets']['overdue_hardship']}"
    for priority in (2, 3):
        assert (await client.put(url, headers=fd, json={"priority": priority})).is_success
    limited = await client.put(url, headers=fd, json={"priority": 4})
    assert limited.status_code == 429
    assert limited.headers["retry-after"] == "60"
    assert limited.headers["x-ratelimit-total"] == "10"
    clock.advance(60)
    assert (await client.put(url, headers=fd, json={"priority": 4})).is_success


async def test_limits_can_be_turned_off(
    client: httpx.AsyncClient, demo: DemoSeed, zd: dict[str, str], sandbox: Sandbox
) -> None:
    sandbox.limits_enabled = False
    statuses = {
        (await client.get("/zendesk/api/v2/users/me.json", headers=zd)).status_code
        for _ in range(15)
    }
    assert statuses == {200}
