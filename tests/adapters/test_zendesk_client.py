"""The Zendesk client: one call per read, one PUT per update, with the body Zendesk expects."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
import respx

from helpdesk_loyalty.adapters.base import ClientOptions, HelpdeskSettings
from helpdesk_loyalty.adapters.zendesk.client import ZendeskClient
from helpdesk_loyalty.clock import FakeClock
from helpdesk_loyalty.models import Ticket
from helpdesk_loyalty.notes import render_html
from helpdesk_loyalty.update import Note, NoteSection, TicketUpdate, marker_for

DECISION = "01JH2Q8ZK3M5N7P9R1T3V5X7Z9"
NOTE = Note(
    decision_id=DECISION,
    sections=(NoteSection(rule="suggest_bill_credit", headline="Billed twice: suggest a credit"),),
)
FULL = TicketUpdate(
    decision_id=DECISION,
    note=NOTE,
    add_tags=("make-it-right", "billing"),
    priority="high",
    group_id="360000111222",
    fields={"360005550003": "credit-suggested", "cf_not_numeric": True},
)
TICKET = Ticket(
    id="4821",
    status="open",
    priority="normal",
    tags=("billing", "double_charge"),
    updated_stamp="2026-01-05T09:20:41Z",
)


@pytest.fixture
def router() -> respx.Router:
    return respx.Router(base_url="https://acme.zendesk.com", assert_all_called=False)


@pytest.fixture
async def client(
    zendesk_settings: HelpdeskSettings, router: respx.Router, clock: FakeClock
) -> AsyncIterator[ZendeskClient]:
    options = ClientOptions(transport=httpx.MockTransport(router.async_handler), clock=clock)
    zd = ZendeskClient(zendesk_settings, options)
    yield zd
    await zd.aclose()


def sent_json(route: respx.Route) -> Any:
    return json.loads(route.calls.last.request.content)


@pytest.mark.anyio
async def test_fetch_ticket_is_one_call_with_side_loading(
    client: ZendeskClient, router: respx.Router, payload_json: Callable[[str], Any]
) -> None:
    route = router.get("/api/v2/tickets/4821.json").mock(
        return_value=httpx.Response(200, json=payload_json("zendesk/api_ticket_show"))
    )
    bundle = await client.fetch_ticket("4821")
    assert route.call_count == 1
    assert route.calls.last.request.url.params["include"] == "users,organizations"
    ticket = bundle.ticket
    assert ticket.updated_stamp == "2026-01-05T09:20:41Z"
    assert ticket.custom_fields == {"360005550001": "card", "360005550002": None}
    assert ticket.requester_id == "381155501"
    assert ticket.satisfaction is None
    assert ticket.url == "https://acme.zendesk.com/agent/tickets/4821"
    assert bundle.requester is not None
    assert bundle.requester.fields["monthly_spend"] == 240.5
    assert bundle.requester.tags == ("premium",)
    assert bundle.organization is not None
    assert bundle.organization.fields == {"tier": "gold"}
    assert client.stats.reads == 1


@pytest.mark.anyio
async def test_fetch_requester_is_one_call(
    client: ZendeskClient, router: respx.Router, payload_json: Callable[[str], Any]
) -> None:
    route = router.get("/api/v2/users/381155501/tickets/requested.json").mock(
        return_value=httpx.Response(200, json=payload_json("zendesk/api_requested_tickets"))
    )
    bundle = await client.fetch_requester("381155501")
    params = route.calls.last.request.url.params
    assert route.call_count == 1
    assert dict(params) == {
        "sort_by": "updated_at",
        "sort_order": "desc",
        "per_page": "100",
        "include": "users,organizations",
    }
    assert bundle.requester is not None and bundle.requester.name == "Dana Whitfield"
    assert bundle.organization is not None and bundle.organization.name == "Whitfield Bakery Ltd"
    assert [t.id for t in bundle.tickets] == ["4821", "4710"]
    assert bundle.tickets[1].satisfaction == "bad"
    assert bundle.tickets[0].updated_stamp == "2026-01-05T09:20:41Z"
    assert [s.id for s in bundle.summaries()] == ["4821", "4710"]


@pytest.mark.anyio
async def test_apply_update_is_one_put_with_everything(
    client: ZendeskClient, router: respx.Router, payload_json: Callable[[str], Any]
) -> None:
    route = router.put("/api/v2/tickets/4821.json").mock(
        return_value=httpx.Response(
            200,
            json={"ticket": payload_json("zendesk/api_ticket_show")["ticket"], "audit": {"id": 1}},
        )
    )
    result = await client.apply_update(TICKET, FULL)
    assert route.call_count == 1
    assert result.calls == 1
    assert result.ticket is not None and result.ticket.id == "4821"
    body = sent_json(route)["ticket"]
    assert body["comment"] == {"html_body": render_html(NOTE), "public": False}
    assert marker_for(DECISION) in body["comment"]["html_body"]
    assert body["tags"] == ["billing", "double_charge", "make-it-right"]
    assert body["priority"] == "high"
    assert body["group_id"] == 360000111222
    assert body["custom_fields"] == [
        {"id": 360005550003, "value": "credit-suggested"},
        {"id": "cf_not_numeric", "value": True},
    ]
    assert body["safe_update"] is True
    assert body["updated_stamp"] == "2026-01-05T09:20:41Z"
    assert body["metadata"] == {"helpdesk_loyalty": {"decision_id": DECISION}}
    assert client.stats.writes == 1
    assert route.calls.last.request.headers["content-type"] == "application/json"


@pytest.mark.anyio
async def test_no_stamp_means_no_safe_update_and_priority_only_rises(
    client: ZendeskClient, router: respx.Router
) -> None:
    route = router.put("/api/v2/tickets/4821.json").mock(return_value=httpx.Response(200))
    urgent = Ticket(id="4821", priority="urgent", tags=("vip",))
    await client.apply_update(urgent, FULL)
    body = sent_json(route)["ticket"]
    assert "safe_update" not in body and "updated_stamp" not in body
    assert "priority" not in body
    assert body["tags"] == ["vip", "make-it-right", "billing"]


@pytest.mark.anyio
async def test_a_note_only_update_leaves_the_tags_alone(
    client: ZendeskClient, router: respx.Router
) -> None:
    route = router.put("/api/v2/tickets/4821.json").mock(return_value=httpx.Response(200))
    await client.apply_update(TICKET, TicketUpdate(decision_id=DECISION, note=NOTE))
    body = sent_json(route)["ticket"]
    assert set(body) == {"comment", "metadata", "safe_update", "updated_stamp"}


@pytest.mark.anyio
async def test_an_empty_update_makes_no_call(client: ZendeskClient, router: respx.Router) -> None:
    result = await client.apply_update(TICKET, TicketUpdate(decision_id=DECISION))
    assert result.calls == 0
    assert router.calls.call_count == 0


@pytest.mark.anyio
async def test_has_marker_reads_the_newest_comments(
    client: ZendeskClient, router: respx.Router
) -> None:
    comments: list[dict[str, Any]] = [
        {"id": 1, "body": "Hi, I was charged twice.", "public": True},
        {"id": 2, "body": f"Loyalty check\n{marker_for('01JH000000000000000000OTHER')}"},
    ]
    route = router.get("/api/v2/tickets/4821/comments.json").mock(
        side_effect=lambda request: httpx.Response(200, json={"comments": list(comments)})
    )
    assert await client.has_marker("4821", DECISION) is False
    comments.insert(0, {"id": 3, "html_body": render_html(NOTE), "public": False})
    assert await client.has_marker("4821", DECISION) is True
    assert route.calls.last.request.url.params["sort_order"] == "desc"


@pytest.mark.anyio
async def test_whoami(
    client: ZendeskClient, router: respx.Router, payload_json: Callable[[str], Any]
) -> None:
    router.get("/api/v2/users/me.json").mock(
        return_value=httpx.Response(200, json=payload_json("zendesk/api_users_me"))
    )
    me = await client.whoami()
    assert (me.id, me.email) == ("381100099", "loyalty-bot@acme.example")
