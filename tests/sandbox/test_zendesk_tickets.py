"""The Zendesk Tickets API as the sandbox speaks it."""

from __future__ import annotations

import base64

import httpx
import pytest

from helpdesk_loyalty.clock import FakeClock
from helpdesk_loyalty.sandbox import DemoSeed, Sandbox, SandboxConfig, create_sandbox_app
from helpdesk_loyalty.secret import Secret

pytestmark = pytest.mark.anyio


def _ticket(demo: DemoSeed, key: str = "top_double_charge") -> int:
    return demo.zendesk["tickets"][key]


@pytest.mark.parametrize(
    "header",
    [
        None,
        "Basic " + base64.b64encode(b"api@sandbox.example/token:wrong").decode(),
        "Basic " + base64.b64encode(b"api@sandbox.example:zd-sandbox-token").decode(),
        "Bearer zd-sandbox-token",
    ],
)
async def test_every_endpoint_needs_credentials(
    client: httpx.AsyncClient, demo: DemoSeed, header: str | None
) -> None:
    headers = {"Authorization": header} if header else {}
    response = await client.get(f"/zendesk/api/v2/tickets/{_ticket(demo)}.json", headers=headers)
    assert response.status_code == 401
    assert response.json() == {"error": "Couldn't authenticate you"}
    assert response.headers["x-rate-limit"] == "700"  # limit headers come on every answer


async def test_bearer_token_authenticates_when_configured(clock: FakeClock) -> None:
    sandbox = Sandbox(SandboxConfig(zendesk_bearer=Secret("oauth-123")), clock=clock)
    transport = httpx.ASGITransport(app=create_sandbox_app(sandbox))
    async with httpx.AsyncClient(transport=transport, base_url="http://s") as c:
        ok = await c.get(
            "/zendesk/api/v2/users/me.json", headers={"Authorization": "Bearer oauth-123"}
        )
    assert ok.status_code == 200
    assert ok.json()["user"]["id"] == sandbox.zendesk.api_user.id


async def test_show_side_loads_requester_and_organization(
    client: httpx.AsyncClient, demo: DemoSeed, zd: dict[str, str]
) -> None:
    response = await client.get(
        f"/zendesk/api/v2/tickets/{_ticket(demo)}",
        params={"include": "users,organizations"},
        headers=zd,
    )
    body = response.json()
    assert response.status_code == 200
    assert body["ticket"]["requester_id"] == demo.zendesk["users"]["top"]
    requester = next(u for u in body["users"] if u["id"] == demo.zendesk["users"]["top"])
    assert requester["user_fields"]["vip"] is True
    assert body["organizations"][0]["organization_fields"]["monthly_spend"] == 48_000
    assert body["organizations"][0]["tags"] == ["vip", "enterprise"]
    assert response.headers["x-rate-limit"] == "700"
    assert "ratelimit-remaining" in response.headers


async def test_safe_update_refuses_a_stale_stamp_and_takes_the_current_one(
    client: httpx.AsyncClient, demo: DemoSeed, zd: dict[str, str], sandbox: Sandbox
) -> None:
    url = f"/zendesk/api/v2/tickets/{_ticket(demo)}.json"
    current = (await client.get(url, headers=zd)).json()["ticket"]["updated_at"]
    sandbox.zendesk_end_user_update(_ticket(demo), "Any news?")

    stale = await client.put(
        url,
        headers=zd,
        json={"ticket": {"priority": "urgent", "safe_update": True, "updated_stamp": current}},
    )
    assert stale.status_code == 409
    assert stale.json()["error"] == "UpdateConflict"
    assert sandbox.zendesk_ticket(_ticket(demo)).priority == "high"

    fresh = (await client.get(url, headers=zd)).json()["ticket"]["updated_at"]
    ok = await client.put(
        url,
        headers=zd,
        json={"ticket": {"priority": "urgent", "safe_update": True, "updated_stamp": fresh}},
    )
    assert ok.status_code == 200
    assert ok.json()["ticket"]["priority"] == "urgent"
    assert ok.json()["ticket"]["updated_at"] > fresh


async def test_safe_update_false_still_checks_and_leaving_it_out_does_not(
    client: httpx.AsyncClient, demo: DemoSeed, zd: dict[str, str]
) -> None:
    url = f"/zendesk/api/v2/tickets/{_ticket(demo)}.json"
    stale = {"updated_stamp": "2020-01-01T00:00:00Z"}
    refused = await client.put(
        url, headers=zd, json={"ticket": {"tags": ["x"], "safe_update": False, **stale}}
    )
    assert refused.status_code == 409
    unchecked = await client.put(url, headers=zd, json={"ticket": {"tags": ["x"], **stale}})
    assert unchecked.status_code == 200


async def test_updated_at_moves_on_every_change_even_within_one_second(
    client: httpx.AsyncClient, demo: DemoSeed, zd: dict[str, str]
) -> None:
    url = f"/zendesk/api/v2/tickets/{_ticket(demo)}.json"
    stamps = []
    for tag in ("a", "b", "c"):
        response = await client.put(url, headers=zd, json={"ticket": {"tags": [tag]}})
        stamps.append(response.json()["ticket"]["updated_at"])
    assert len(set(stamps)) == 3
    assert all(s.endswith("Z") and len(s) == 20 for s in stamps)


async def test_tags_replace_the_list(
    client: httpx.AsyncClient, demo: DemoSeed, zd: dict[str, str], sandbox: Sandbox
) -> None:
    url = f"/zendesk/api/v2/tickets/{_ticket(demo)}.json"
    response = await client.put(url, headers=zd, json={"ticket": {"tags": ["vip-care"]}})
    assert response.json()["ticket"]["tags"] == ["vip-care"]
    assert sandbox.zendesk_ticket(_ticket(demo)).tags == ["vip-care"]


async def test_internal_note_is_private_and_written_by_the_api_user(
    client: httpx.AsyncClient, demo: DemoSeed, zd: dict[str, str], sandbox: Sandbox
) -> None:
    url = f"/zendesk/api/v2/tickets/{_ticket(demo)}.json"
    response = await client.put(
        url,
        headers=zd,
        json={
            "ticket": {
                "comment": {
                    "html_body": "<p>Loyalty check: <strong>refund</strong></p>",
                    "public": False,
                },
                "metadata": {"decision": "D1"},
            }
        },
    )
    assert response.status_code == 200
    assert response.json()["audit"]["metadata"]["custom"] == {"decision": "D1"}
    comments = (
        await client.get(
            f"/zendesk/api/v2/tickets/{_ticket(demo)}/comments.json",
            params={"sort_order": "desc"},
            headers=zd,
        )
    ).json()["comments"]
    note = comments[0]
    assert note["public"] is False
    assert note["author_id"] == sandbox.zendesk.api_user.id
    assert note["body"] == "Loyalty check: refund"
    assert comments[-1]["public"] is True


async def test_unknown_attributes_are_dropped_and_fields_written(
    client: httpx.AsyncClient, demo: DemoSeed, zd: dict[str, str], sandbox: Sandbox
) -> None:
    field_id = demo.zendesk["fields"]["credit_suggested"]
    url = f"/zendesk/api/v2/tickets/{_ticket(demo)}.json"
    response = await client.put(
        url,
        headers=zd,
        json={
            "ticket": {
                "additional_tags": ["ignored"],
                "group_id": demo.zendesk["groups"]["supervisors"],
                "custom_fields": [{"id": field_id, "value": "400.00"}, {"id": 1, "value": "x"}],
            }
        },
    )
    ticket = response.json()["ticket"]
    assert response.status_code == 200
    assert "ignored" not in ticket["tags"]
    assert ticket["group_id"] == demo.zendesk["groups"]["supervisors"]
    assert {"id": field_id, "value": "400.00"} in ticket["custom_fields"]


async def test_invalid_values_answer_422_and_change_nothing(
    client: httpx.AsyncClient, demo: DemoSeed, zd: dict[str, str], sandbox: Sandbox
) -> None:
    before = sandbox.zendesk_ticket(_ticket(demo)).updated_at
    url = f"/zendesk/api/v2/tickets/{_ticket(demo)}.json"
    response = await client.put(
        url, headers=zd, json={"ticket": {"tags": ["would-change"], "priority": "whenever"}}
    )
    assert response.status_code == 422
    assert response.json()["error"] == "RecordInvalid"
    assert "priority" in response.json()["details"]
    ticket = sandbox.zendesk_ticket(_ticket(demo))
    assert ticket.tags == ["billing"]
    assert ticket.updated_at == before


async def test_closed_ticket_refuses_updates(
    client: httpx.AsyncClient, demo: DemoSeed, zd: dict[str, str]
) -> None:
    url = f"/zendesk/api/v2/tickets/{_ticket(demo)}.json"
    assert (await client.put(url, headers=zd, json={"ticket": {"status": "closed"}})).is_success
    refused = await client.put(url, headers=zd, json={"ticket": {"tags": ["late"]}})
    assert refused.status_code == 422


async def test_requested_tickets_sorted_with_side_loads(
    client: httpx.AsyncClient, demo: DemoSeed, zd: dict[str, str]
) -> None:
    user = demo.zendesk["users"]["top"]
    response = await client.get(
        f"/zendesk/api/v2/users/{user}/tickets/requested.json",
        params={
            "sort_by": "updated_at",
            "sort_order": "desc",
            "per_page": 2,
            "include": "users,organizations",
        },
        headers=zd,
    )
    body = response.json()
    assert [t["id"] for t in body["tickets"]] == [
        demo.zendesk["tickets"]["top_double_charge"],
        demo.zendesk["tickets"]["top_outage"],
    ]
    assert body["count"] == 3
    assert body["next_page"] is not None and "page=2" in body["next_page"]
    assert body["organizations"][0]["id"] == demo.zendesk["organizations"]["top"]


async def test_search_by_requester_and_age(
    client: httpx.AsyncClient, demo: DemoSeed, zd: dict[str, str]
) -> None:
    user = demo.zendesk["users"]["top"]
    response = await client.get(
        "/zendesk/api/v2/search.json",
        headers=zd,
        params={"query": f"type:ticket requester_id:{user} created>7days"},
    )
    ids = {r["id"] for r in response.json()["results"]}
    assert ids == {
        demo.zendesk["tickets"]["top_double_charge"],
        demo.zendesk["tickets"]["top_outage"],
    }
    refused = await client.get(
        "/zendesk/api/v2/search.json", headers=zd, params={"query": "type:ticket brand:acme"}
    )
    assert refused.status_code == 400


async def test_create_ticket_and_read_people(
    client: httpx.AsyncClient, demo: DemoSeed, zd: dict[str, str]
) -> None:
    created = await client.post(
        "/zendesk/api/v2/tickets.json",
        headers=zd,
        json={
            "ticket": {
                "subject": "Hello",
                "comment": {"body": "First words"},
                "requester": {"name": "Nia Stone", "email": "nia@example.com"},
            }
        },
    )
    assert created.status_code == 201
    ticket = created.json()["ticket"]
    assert ticket["status"] == "new" and ticket["description"] == "First words"
    user = await client.get(f"/zendesk/api/v2/users/{ticket['requester_id']}.json", headers=zd)
    assert user.json()["user"]["role"] == "end-user"
    org = demo.zendesk["organizations"]["overdue"]
    fields = (await client.get(f"/zendesk/api/v2/organizations/{org}.json", headers=zd)).json()[
        "organization"
    ]["organization_fields"]
    assert fields["payment_status"] == "overdue" and fields["failed_payments"] == 3
    groups = (await client.get("/zendesk/api/v2/groups.json", headers=zd)).json()["groups"]
    assert {"Supervisors", "Billing"} <= {g["name"] for g in groups}
    ticket_fields = (await client.get("/zendesk/api/v2/ticket_fields.json", headers=zd)).json()[
        "ticket_fields"
    ]
    assert "Credit suggested" in {f["title"] for f in ticket_fields}


async def test_missing_records_and_endpoints(
    client: httpx.AsyncClient, demo: DemoSeed, zd: dict[str, str]
) -> None:
    missing = await client.get("/zendesk/api/v2/tickets/999999.json", headers=zd)
    assert missing.status_code == 404
    assert missing.json() == {"error": "RecordNotFound", "description": "Not found"}
    nowhere = await client.get("/zendesk/api/v2/macros.json", headers=zd)
    assert nowhere.json()["error"] == "InvalidEndpoint"
