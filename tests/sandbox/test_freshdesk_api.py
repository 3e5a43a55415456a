"""The Freshdesk API v2 as the sandbox speaks it."""

from __future__ import annotations

import base64

import httpx
import pytest

from helpdesk_loyalty.clock import FakeClock
from helpdesk_loyalty.sandbox import DemoSeed, Sandbox

pytestmark = pytest.mark.anyio


def _url(demo: DemoSeed, key: str = "overdue_hardship") -> str:
    return f"/freshdesk/api/v2/tickets/{demo.freshdesk['tickets'][key]}"


@pytest.mark.parametrize("header", [None, "Basic " + base64.b64encode(b"wrong:X").decode()])
async def test_api_key_required(
    client: httpx.AsyncClient, demo: DemoSeed, header: str | None
) -> None:
    response = await client.get(_url(demo), headers={"Authorization": header} if header else {})
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_credentials"


async def test_any_password_goes_with_the_key(client: httpx.AsyncClient, demo: DemoSeed) -> None:
    header = "Basic " + base64.b64encode(b"fd-sandbox-key:anything").decode()
    assert (await client.get(_url(demo), headers={"Authorization": header})).status_code == 200


async def test_show_with_includes_costs_extra_credits(
    client: httpx.AsyncClient, demo: DemoSeed, fd: dict[str, str]
) -> None:
    plain = await client.get(_url(demo), headers=fd)
    assert plain.headers["x-ratelimit-used-currentrequest"] == "1"
    assert "requester" not in plain.json()
    included = await client.get(_url(demo), headers=fd, params={"include": "requester,company"})
    body = included.json()
    assert included.headers["x-ratelimit-used-currentrequest"] == "3"
    assert body["requester"]["email"] == "sam@northwind-bakery.example"
    assert body["company"]["name"] == "Northwind Bakery"
    assert body["description"].startswith("<div>")
    assert body["status"] == 2 and body["priority"] == 2
    assert set(body["custom_fields"]) == {"cf_credit_suggested", "cf_payment_plan"}


async def test_flat_update_replaces_tags_and_sets_fields(
    client: httpx.AsyncClient,
    demo: DemoSeed,
    fd: dict[str, str],
    sandbox: Sandbox,
    clock: FakeClock,
) -> None:
    before = (await client.get(_url(demo), headers=fd)).json()["updated_at"]
    response = await client.put(
        _url(demo),
        headers=fd,
        json={
            "priority": 3,
            "status": 6,
            "group_id": demo.freshdesk["groups"]["billing"],
            "tags": ["struggling-payer"],
            "custom_fields": {"cf_payment_plan": "Installments", "cf_credit_suggested": 25.5},
        },
    )
    body = response.json()
    assert response.status_code == 200
    assert body["tags"] == ["struggling-payer"]
    assert body["status"] == 6 and body["priority"] == 3
    assert body["custom_fields"]["cf_payment_plan"] == "Installments"
    assert body["updated_at"] > before


async def test_validation_errors_are_reported_together(
    client: httpx.AsyncClient, demo: DemoSeed, fd: dict[str, str], sandbox: Sandbox
) -> None:
    response = await client.put(
        _url(demo),
        headers=fd,
        json={
            "priority": 7,
            "status": "open",
            "ticket": {"priority": 1},
            "custom_fields": {"cf_nope": 1, "cf_payment_plan": "Forever"},
        },
    )
    assert response.status_code == 400
    body = response.json()
    assert body["description"] == "Validation failed"
    by_field = {e["field"]: e for e in body["errors"]}
    assert by_field["priority"]["code"] == "invalid_value"
    assert by_field["status"]["code"] == "datatype_mismatch"
    assert by_field["ticket"]["code"] == "invalid_field"
    assert by_field["cf_nope"]["code"] == "invalid_field"
    assert by_field["cf_payment_plan"]["code"] == "invalid_value"
    assert sandbox.freshdesk_ticket(demo.freshdesk["tickets"]["overdue_hardship"]).priority == 2


async def test_json_content_type_required(
    client: httpx.AsyncClient, demo: DemoSeed, fd: dict[str, str]
) -> None:
    response = await client.put(
        _url(demo), headers={**fd, "Content-Type": "text/plain"}, content=b'{"priority": 3}'
    )
    assert response.status_code == 415


async def test_notes_are_private_by_default(
    client: httpx.AsyncClient, demo: DemoSeed, fd: dict[str, str], sandbox: Sandbox
) -> None:
    created = await client.post(
        f"{_url(demo)}/notes", headers=fd, json={"body": "<p>Offer a payment plan</p>"}
    )
    assert created.status_code == 201
    note = created.json()
    assert note["private"] is True and note["body_text"] == "Offer a payment plan"
    assert note["user_id"] == sandbox.freshdesk.api_agent.id
    public = await client.post(
        f"{_url(demo)}/notes", headers=fd, json={"body": "<p>Hi</p>", "private": False}
    )
    assert public.json()["private"] is False
    rows = (await client.get(f"{_url(demo)}/conversations", headers=fd)).json()
    assert [r["private"] for r in rows] == [True, False]
    missing = await client.post(f"{_url(demo)}/notes", headers=fd, json={"private": True})
    assert missing.json()["errors"][0] == {
        "field": "body",
        "message": "It should be a/an String",
        "code": "missing_field",
    }


async def test_contacts_companies_and_catalog(
    client: httpx.AsyncClient, demo: DemoSeed, fd: dict[str, str]
) -> None:
    company = (
        await client.get(
            f"/freshdesk/api/v2/companies/{demo.freshdesk['companies']['top']}", headers=fd
        )
    ).json()
    assert company["custom_fields"]["monthly_spend"] == 48_000
    contact = (
        await client.get(
            f"/freshdesk/api/v2/contacts/{demo.freshdesk['contacts']['new']}", headers=fd
        )
    ).json()
    assert contact["company_id"] == demo.freshdesk["companies"]["new"]
    groups = (await client.get("/freshdesk/api/v2/groups", headers=fd)).json()
    assert {"Supervisors", "Billing"} <= {g["name"] for g in groups}
    fields = (await client.get("/freshdesk/api/v2/ticket_fields", headers=fd)).json()
    status = next(f for f in fields if f["name"] == "status")
    assert status["choices"]["6"][0] == "Waiting on Customer"
    me = (await client.get("/freshdesk/api/v2/agents/me", headers=fd)).json()
    assert me["contact"]["email"] == "api@sandbox.example"


async def test_ticket_list_by_requester_and_thirty_day_default(
    client: httpx.AsyncClient, demo: DemoSeed, fd: dict[str, str], clock: FakeClock
) -> None:
    contact = demo.freshdesk["contacts"]["top"]
    listed = await client.get(
        "/freshdesk/api/v2/tickets",
        headers=fd,
        params={"requester_id": contact, "order_by": "updated_at", "include": "requester"},
    )
    rows = listed.json()
    assert rows[0]["id"] == demo.freshdesk["tickets"]["top_double_charge"]
    assert len(rows) == 3 and "description" not in rows[0]
    assert rows[0]["requester"]["id"] == contact
    assert listed.headers["x-ratelimit-used-currentrequest"] == "3"
    clock.advance(20 * 86_400)
    later = (
        await client.get("/freshdesk/api/v2/tickets", headers=fd, params={"requester_id": contact})
    ).json()
    assert [r["id"] for r in later] == [
        demo.freshdesk["tickets"]["top_double_charge"],
        demo.freshdesk["tickets"]["top_outage"],
    ]
    bad = await client.get("/freshdesk/api/v2/tickets", headers=fd, params={"order_by": "x"})
    assert bad.status_code == 400


async def test_search_tickets(
    client: httpx.AsyncClient, demo: DemoSeed, fd: dict[str, str]
) -> None:
    contact = demo.freshdesk["contacts"]["top"]
    found = await client.get(
        "/freshdesk/api/v2/search/tickets",
        headers=fd,
        params={"query": f'"requester_id:{contact} AND status:2"'},
    )
    assert found.json()["total"] == 1
    unquoted = await client.get(
        "/freshdesk/api/v2/search/tickets", headers=fd, params={"query": "status:2"}
    )
    assert unquoted.status_code == 400


async def test_missing_ticket_is_an_empty_404(
    client: httpx.AsyncClient, demo: DemoSeed, fd: dict[str, str]
) -> None:
    response = await client.get("/freshdesk/api/v2/tickets/424242", headers=fd)
    assert response.status_code == 404 and response.content == b""
