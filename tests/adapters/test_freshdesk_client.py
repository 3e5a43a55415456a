"""The Freshdesk client: a flat ticket PUT only when needed, then a private note POST."""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
import respx

from helpdesk_loyalty.adapters.base import ClientOptions, HelpdeskSettings
from helpdesk_loyalty.adapters.freshdesk.client import FreshdeskClient
from helpdesk_loyalty.clock import FakeClock
from helpdesk_loyalty.errors import PermanentHelpdeskError
from helpdesk_loyalty.models import Ticket
from helpdesk_loyalty.notes import render_html
from helpdesk_loyalty.update import Note, NoteSection, TicketUpdate, marker_for

DECISION = "01JH2Q8ZK3M5N7P9R1T3V5X7Z9"
NOTE = Note(
    decision_id=DECISION,
    sections=(NoteSection(rule="flag_struggling_payer", headline="Offer a payment plan"),),
)
FULL = TicketUpdate(
    decision_id=DECISION,
    note=NOTE,
    add_tags=("payment-plan",),
    priority="high",
    group_id="43000123999",
    fields={"cf_payment_plan": "offered"},
)
READ = Ticket(
    id="11", priority="low", tags=("billing", "vip"), updated_stamp="2026-01-05T09:14:22Z"
)
KEY = "fd-key-SECRET-b3d1e0"  # the API key of the freshdesk_settings fixture


@pytest.fixture
def router() -> respx.Router:
    return respx.Router(base_url="https://acme.freshdesk.com", assert_all_called=False)


@pytest.fixture
async def client(
    freshdesk_settings: HelpdeskSettings, router: respx.Router, clock: FakeClock
) -> AsyncIterator[FreshdeskClient]:
    options = ClientOptions(transport=httpx.MockTransport(router.async_handler), clock=clock)
    fd = FreshdeskClient(freshdesk_settings, options)
    yield fd
    await fd.aclose()


def sent(route: respx.Route, index: int = -1) -> Any:
    return json.loads(route.calls[index].request.content)


@pytest.mark.anyio
async def test_fetch_ticket_is_one_call(
    client: FreshdeskClient, router: respx.Router, payload_json: Callable[[str], Any]
) -> None:
    route = router.get("/api/v2/tickets/11").mock(
        return_value=httpx.Response(200, json=payload_json("freshdesk/api_ticket_show"))
    )
    bundle = await client.fetch_ticket("11")
    assert route.call_count == 1
    assert route.calls.last.request.url.params["include"] == "requester,company"
    ticket = bundle.ticket
    assert (ticket.status, ticket.priority) == ("open", "low")
    assert ticket.description == "Hallo, mir wurde die Rechnung zweimal abgebucht."
    assert ticket.custom_fields["cf_contract_id"] == "C-1001"
    assert ticket.sla_breached is False
    assert ticket.via == "portal"
    assert bundle.requester is not None and bundle.requester.name == "Jürgen Groß"
    assert bundle.organization is not None and bundle.organization.id == "43000555111"


@pytest.mark.anyio
async def test_basic_auth_is_the_api_key(client: FreshdeskClient, router: respx.Router) -> None:
    route = router.get("/api/v2/agents/me").mock(return_value=httpx.Response(200, json={"id": 1}))
    await client.whoami()
    expected = "Basic " + base64.b64encode(f"{KEY}:X".encode()).decode()
    assert route.calls.last.request.headers["authorization"] == expected


@pytest.mark.anyio
async def test_fetch_requester_reads_tickets_contact_and_company(
    client: FreshdeskClient, router: respx.Router, payload_json: Callable[[str], Any]
) -> None:
    listed = router.get("/api/v2/tickets").mock(
        return_value=httpx.Response(200, json=payload_json("freshdesk/api_tickets_by_requester"))
    )
    router.get("/api/v2/contacts/43000987654").mock(
        return_value=httpx.Response(200, json=payload_json("freshdesk/api_contact"))
    )
    router.get("/api/v2/companies/43000555111").mock(
        return_value=httpx.Response(200, json=payload_json("freshdesk/api_company"))
    )
    bundle = await client.fetch_requester("43000987654")
    params = listed.calls.last.request.url.params
    assert params["requester_id"] == "43000987654"
    assert (params["order_by"], params["order_type"]) == ("updated_at", "desc")
    assert [t.id for t in bundle.tickets] == ["11", "7"]
    assert bundle.tickets[1].status == "closed"
    assert bundle.tickets[1].sla_breached is True
    assert bundle.requester is not None
    assert bundle.requester.fields == {"payment_status": "overdue", "days_overdue": 12}
    assert bundle.organization is not None
    assert bundle.organization.fields["account_tier"] == "Premium"
    assert bundle.organization.fields["monthly_spend"] == 410
    assert client.stats.reads == 3


@pytest.mark.anyio
async def test_apply_update_puts_then_posts_a_private_note(
    client: FreshdeskClient, router: respx.Router, payload_json: Callable[[str], Any]
) -> None:
    put = router.put("/api/v2/tickets/11").mock(
        return_value=httpx.Response(200, json=payload_json("freshdesk/api_ticket_show"))
    )
    note = router.post("/api/v2/tickets/11/notes").mock(
        return_value=httpx.Response(201, json={"id": 5, "private": True})
    )
    result = await client.apply_update(READ, FULL)
    assert (put.call_count, note.call_count) == (1, 1)
    assert router.calls[0].request.method == "PUT"
    assert router.calls[1].request.method == "POST"
    assert result.calls == 2
    assert sent(put) == {
        "priority": 3,
        "group_id": 43000123999,
        "tags": ["billing", "vip", "payment-plan"],
        "custom_fields": {"cf_payment_plan": "offered"},
    }
    assert sent(note) == {"body": render_html(NOTE), "private": True}
    assert client.stats.writes == 2


@pytest.mark.anyio
async def test_a_note_only_update_is_just_the_post(
    client: FreshdeskClient, router: respx.Router
) -> None:
    note = router.post("/api/v2/tickets/11/notes").mock(return_value=httpx.Response(201, json={}))
    urgent = Ticket(id="11", priority="urgent", updated_stamp="x")
    result = await client.apply_update(
        urgent, TicketUpdate(decision_id=DECISION, note=NOTE, priority="high")
    )
    assert result.calls == 1
    assert note.call_count == 1
    assert router.calls.call_count == 1


@pytest.mark.anyio
async def test_a_webhook_snapshot_is_re_read_before_merging_tags(
    client: FreshdeskClient, router: respx.Router, payload_json: Callable[[str], Any]
) -> None:
    fresh = payload_json("freshdesk/api_ticket_show")
    fresh["tags"] = ["billing", "added-by-agent"]
    router.get("/api/v2/tickets/11").mock(return_value=httpx.Response(200, json=fresh))
    put = router.put("/api/v2/tickets/11").mock(return_value=httpx.Response(200, json=fresh))
    router.post("/api/v2/tickets/11/notes").mock(return_value=httpx.Response(201, json={}))
    from_webhook = Ticket(id="11", tags=("billing",))
    await client.apply_update(from_webhook, FULL)
    assert sent(put)["tags"] == ["billing", "added-by-agent", "payment-plan"]
    assert [c.request.method for c in router.calls] == ["GET", "PUT", "POST"]


@pytest.mark.anyio
async def test_validation_errors_are_decoded(
    client: FreshdeskClient, router: respx.Router, payload_json: Callable[[str], Any]
) -> None:
    router.put("/api/v2/tickets/11").mock(
        return_value=httpx.Response(400, json=payload_json("freshdesk/api_error_400"))
    )
    note = router.post("/api/v2/tickets/11/notes").mock(return_value=httpx.Response(201))
    with pytest.raises(PermanentHelpdeskError) as caught:
        await client.apply_update(READ, FULL)
    message = str(caught.value)
    assert "Validation failed" in message
    assert "priority: It should be one of these values" in message
    assert "(invalid_value)" in message
    assert caught.value.status == 400
    assert note.call_count == 0


@pytest.mark.anyio
async def test_has_marker_pages_through_conversations(
    client: FreshdeskClient, router: respx.Router
) -> None:
    filler = [{"id": i, "body_text": f"reply {i}", "private": False} for i in range(100)]
    pages: dict[str, list[dict[str, Any]]] = {"1": filler, "2": []}

    def conversations(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=pages[request.url.params["page"]])

    route = router.get("/api/v2/tickets/11/conversations").mock(side_effect=conversations)
    assert await client.has_marker("11", DECISION) is False
    assert route.call_count == 2
    pages["2"] = [{"id": 101, "body": render_html(NOTE), "private": True}]
    assert await client.has_marker("11", DECISION) is True
    assert marker_for(DECISION) in render_html(NOTE)


@pytest.mark.anyio
async def test_whoami(
    client: FreshdeskClient, router: respx.Router, payload_json: Callable[[str], Any]
) -> None:
    router.get("/api/v2/agents/me").mock(
        return_value=httpx.Response(200, json=payload_json("freshdesk/api_agent_me"))
    )
    me = await client.whoami()
    assert (me.id, me.name, me.email) == ("43000000099", "Loyalty Bot", "loyalty-bot@acme.example")
