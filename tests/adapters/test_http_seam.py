"""The request seam, driven through the Zendesk client with scripted HTTP faults (respx)."""

from __future__ import annotations

import asyncio
import base64
import dataclasses
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from email.utils import format_datetime
from typing import Any

import httpx
import pytest
import respx

from helpdesk_loyalty.adapters.base import CallStats, ClientOptions, HelpdeskSettings
from helpdesk_loyalty.adapters.http import HelpdeskHttp, SecretBasicAuth
from helpdesk_loyalty.adapters.zendesk.client import ZendeskClient
from helpdesk_loyalty.clock import FakeClock
from helpdesk_loyalty.errors import (
    ConfigError,
    ConflictError,
    OutcomeUnknownError,
    PermanentHelpdeskError,
    RateLimitedError,
    TransientHelpdeskError,
)
from helpdesk_loyalty.models import Ticket
from helpdesk_loyalty.ratelimit import AccountLimiter
from helpdesk_loyalty.update import TicketUpdate

BASE = "https://acme.zendesk.com"
TICKET = "/api/v2/tickets/4821.json"
TOKEN = "zd-token-SECRET-4f9a2c"  # the API token of the zendesk_settings fixture


@pytest.fixture
def router() -> respx.Router:
    return respx.Router(base_url=BASE, assert_all_called=False)


@pytest.fixture
async def client(
    zendesk_settings: HelpdeskSettings, router: respx.Router, clock: FakeClock
) -> AsyncIterator[ZendeskClient]:
    options = ClientOptions(transport=httpx.MockTransport(router.async_handler), clock=clock)
    zd = ZendeskClient(zendesk_settings, options)
    yield zd
    await zd.aclose()


@pytest.fixture
def ticket_json(payload_json: Callable[[str], Any]) -> dict[str, Any]:
    data: dict[str, Any] = payload_json("zendesk/api_ticket_show")
    return data


UPDATE = TicketUpdate(decision_id="01JH0000000000000000000000", add_tags=("make-it-right",))
SNAPSHOT = Ticket(id="4821", tags=("billing",), updated_stamp="2026-01-05T09:20:41Z")


@pytest.mark.anyio
async def test_429_waits_retry_after_then_succeeds(
    client: ZendeskClient, router: respx.Router, clock: FakeClock, ticket_json: dict[str, Any]
) -> None:
    route = router.get(TICKET).mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": "7"}, text="Rate limited"),
            httpx.Response(200, json=ticket_json),
        ]
    )
    bundle = await client.fetch_ticket("4821")
    assert bundle.ticket.id == "4821"
    assert route.call_count == 2
    assert sum(clock.slept) >= 7
    assert (client.stats.rate_limited, client.stats.retries, client.stats.reads) == (1, 1, 2)


@pytest.mark.anyio
async def test_retry_after_as_an_http_date(
    client: ZendeskClient, router: respx.Router, clock: FakeClock, ticket_json: dict[str, Any]
) -> None:
    when = format_datetime(clock.now() + timedelta(seconds=12), usegmt=True)
    router.get(TICKET).mock(
        side_effect=[
            httpx.Response(429, headers={"Retry-After": when}),
            httpx.Response(200, json=ticket_json),
        ]
    )
    await client.fetch_ticket("4821")
    assert sum(clock.slept) >= 12


@pytest.mark.anyio
async def test_429_beyond_the_budget_gives_the_job_back_and_pauses_the_account(
    client: ZendeskClient, router: respx.Router, clock: FakeClock
) -> None:
    route = router.get(TICKET).mock(return_value=httpx.Response(429, headers={"Retry-After": "90"}))
    with pytest.raises(RateLimitedError) as caught:
        await client.fetch_ticket("4821")
    assert caught.value.retry_after == 90
    assert route.call_count == 1
    assert clock.slept == []
    # Every other call to the account now waits too, without spending a request.
    with pytest.raises(RateLimitedError):
        await client.whoami()
    assert route.call_count == 1
    assert client.limiter.paused_until == pytest.approx(clock.time() + 90)


@pytest.mark.anyio
async def test_a_pause_recorded_elsewhere_holds_every_request_of_a_job_under_way(
    zendesk_settings: HelpdeskSettings,
    router: respx.Router,
    clock: FakeClock,
    ticket_json: dict[str, Any],
) -> None:
    """Another worker's 429 reaches this client through ``paused_until`` (the store's throttle
    row), asked before each request: a short pause is waited out, a long one gives the job
    back, and no request is sent before it has passed."""
    shared: dict[str, float | None] = {"until": None}

    async def paused_until() -> float | None:
        return shared["until"]

    options = ClientOptions(
        transport=httpx.MockTransport(router.async_handler),
        clock=clock,
        paused_until=paused_until,
    )
    route = router.get(TICKET).mock(return_value=httpx.Response(200, json=ticket_json))
    zd = ZendeskClient(zendesk_settings, options)
    try:
        await zd.fetch_ticket("4821")
        assert route.call_count == 1 and clock.slept == []

        clock.advance(1)  # one read of the pause serves the client for PAUSE_FRESH seconds
        shared["until"] = clock.time() + 6
        await zd.fetch_ticket("4821")
        assert route.call_count == 2 and sum(clock.slept) >= 6

        clock.advance(1)
        shared["until"] = clock.time() + 120
        with pytest.raises(RateLimitedError) as caught:
            await zd.fetch_ticket("4821")
        assert caught.value.retry_after == pytest.approx(120)
        assert route.call_count == 2
    finally:
        await zd.aclose()


@pytest.mark.anyio
async def test_a_store_that_does_not_answer_the_pause_read_does_not_hold_the_call(
    zendesk_settings: HelpdeskSettings,
    router: respx.Router,
    clock: FakeClock,
    ticket_json: dict[str, Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    async def never() -> float | None:
        await asyncio.Event().wait()
        return None

    options = ClientOptions(
        transport=httpx.MockTransport(router.async_handler), clock=clock, paused_until=never
    )
    route = router.get(TICKET).mock(return_value=httpx.Response(200, json=ticket_json))
    zd = ZendeskClient(zendesk_settings, options)
    try:
        await zd.fetch_ticket("4821")
    finally:
        await zd.aclose()
    assert route.call_count == 1
    assert "could not read the shared rate-limit pause" in caplog.text


@pytest.mark.anyio
async def test_503_then_200(
    client: ZendeskClient, router: respx.Router, ticket_json: dict[str, Any]
) -> None:
    route = router.get(TICKET).mock(
        side_effect=[httpx.Response(503), httpx.Response(200, json=ticket_json)]
    )
    bundle = await client.fetch_ticket("4821")
    assert bundle.requester is not None
    assert route.call_count == 2


@pytest.mark.anyio
async def test_persistent_5xx_is_transient_after_max_attempts(
    client: ZendeskClient, router: respx.Router
) -> None:
    route = router.get(TICKET).mock(return_value=httpx.Response(502, text="Bad gateway"))
    with pytest.raises(TransientHelpdeskError) as caught:
        await client.fetch_ticket("4821")
    assert not isinstance(caught.value, OutcomeUnknownError)
    assert caught.value.status == 502
    assert route.call_count == 3


@pytest.mark.anyio
async def test_connection_error_is_retried(
    client: ZendeskClient, router: respx.Router, ticket_json: dict[str, Any]
) -> None:
    route = router.get(TICKET).mock(
        side_effect=[httpx.ConnectError("refused"), httpx.Response(200, json=ticket_json)]
    )
    await client.fetch_ticket("4821")
    assert route.call_count == 2


@pytest.mark.anyio
async def test_a_write_that_never_connected_is_safe_to_resend(
    client: ZendeskClient, router: respx.Router
) -> None:
    route = router.put(TICKET).mock(
        side_effect=[httpx.ConnectTimeout("no route"), httpx.Response(200, json={})]
    )
    result = await client.apply_update(SNAPSHOT, UPDATE)
    assert result.calls == 1
    assert route.call_count == 2


@pytest.mark.anyio
async def test_timeout_on_a_put_is_outcome_unknown_and_not_resent(
    client: ZendeskClient, router: respx.Router
) -> None:
    route = router.put(TICKET).mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(OutcomeUnknownError, match="may have been applied"):
        await client.apply_update(SNAPSHOT, UPDATE)
    assert route.call_count == 1


@pytest.mark.anyio
async def test_500_on_a_put_is_outcome_unknown(client: ZendeskClient, router: respx.Router) -> None:
    router.put(TICKET).mock(return_value=httpx.Response(500))
    with pytest.raises(OutcomeUnknownError) as caught:
        await client.apply_update(SNAPSHOT, UPDATE)
    assert caught.value.status == 500


@pytest.mark.anyio
async def test_timeout_on_a_read_is_retried_then_transient(
    client: ZendeskClient, router: respx.Router
) -> None:
    route = router.get(TICKET).mock(side_effect=httpx.ReadTimeout("slow"))
    with pytest.raises(TransientHelpdeskError) as caught:
        await client.fetch_ticket("4821")
    assert not isinstance(caught.value, OutcomeUnknownError)
    assert route.call_count == 3


@pytest.mark.anyio
async def test_retries_stop_at_the_budget(
    zendesk_settings: HelpdeskSettings, router: respx.Router, clock: FakeClock
) -> None:
    options = ClientOptions(
        transport=httpx.MockTransport(router.async_handler),
        clock=clock,
        retry_budget=5.0,
        max_attempts=10,
    )
    route = router.get(TICKET).mock(return_value=httpx.Response(429, headers={"Retry-After": "3"}))
    zd = ZendeskClient(zendesk_settings, options)
    with pytest.raises(RateLimitedError):
        await zd.fetch_ticket("4821")
    await zd.aclose()
    assert route.call_count == 2
    assert sum(clock.slept) <= 5.0


@pytest.mark.anyio
async def test_a_body_that_is_not_json(client: ZendeskClient, router: respx.Router) -> None:
    router.get(TICKET).mock(
        return_value=httpx.Response(
            200, text="<html>maintenance</html>", headers={"content-type": "text/html"}
        )
    )
    with pytest.raises(TransientHelpdeskError, match="not JSON"):
        await client.fetch_ticket("4821")


@pytest.mark.anyio
async def test_json_of_the_wrong_shape_is_permanent(
    client: ZendeskClient, router: respx.Router
) -> None:
    router.get(TICKET).mock(return_value=httpx.Response(200, json={"tickets": []}))
    with pytest.raises(PermanentHelpdeskError, match="ticket"):
        await client.fetch_ticket("4821")


@pytest.mark.anyio
async def test_409_is_a_conflict(client: ZendeskClient, router: respx.Router) -> None:
    router.put(TICKET).mock(return_value=httpx.Response(409, json={"error": "UpdateConflict"}))
    with pytest.raises(ConflictError, match="UpdateConflict"):
        await client.apply_update(SNAPSHOT, UPDATE)


@pytest.mark.anyio
async def test_redirects_are_not_followed(client: ZendeskClient, router: respx.Router) -> None:
    router.get(TICKET).mock(
        return_value=httpx.Response(301, headers={"Location": "https://evil.example/steal"})
    )
    with pytest.raises(PermanentHelpdeskError, match=r"evil\.example.*not followed") as caught:
        await client.fetch_ticket("4821")
    assert caught.value.status == 301
    assert client.stats.reads == 1


@pytest.mark.anyio
async def test_requests_only_go_to_the_base_url(
    zendesk_settings: HelpdeskSettings, router: respx.Router, clock: FakeClock
) -> None:
    seam = HelpdeskHttp(
        helpdesk="Zendesk",
        base_url=BASE,
        auth=SecretBasicAuth("u", "p"),
        timeout=5.0,
        options=ClientOptions(transport=httpx.MockTransport(router.async_handler), clock=clock),
        stats=CallStats(),
        limiter=AccountLimiter("zendesk:acme", clock=clock),
    )
    for target in (
        "https://evil.example/api/v2/users/me.json",
        "//evil.example/x",
        "/api/v2/../../admin",
    ):
        with pytest.raises(PermanentHelpdeskError, match="not a path under"):
            await seam.request("GET", target)
    await seam.aclose()
    assert router.calls.call_count == 0


@pytest.mark.anyio
async def test_ids_from_webhooks_cannot_reach_other_paths(client: ZendeskClient) -> None:
    with pytest.raises(PermanentHelpdeskError, match="must be a number"):
        await client.fetch_ticket("../users/me")
    assert client.stats.reads == 0


@pytest.mark.anyio
async def test_basic_auth_header_and_no_secret_in_errors_or_reprs(
    client: ZendeskClient, router: respx.Router, zendesk_settings: HelpdeskSettings
) -> None:
    seen: list[str] = []

    def echo(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["authorization"])
        return httpx.Response(401, text=f"Couldn't authenticate you with {TOKEN}")

    router.get(TICKET).mock(side_effect=echo)
    with pytest.raises(PermanentHelpdeskError) as caught:
        await client.fetch_ticket("4821")
    decoded = base64.b64decode(seen[0].removeprefix("Basic ")).decode()
    assert decoded == f"bot@acme.example/token:{TOKEN}"
    assert caught.value.status == 401
    for text in (
        str(caught.value),
        repr(caught.value),
        repr(client),
        repr(zendesk_settings),
        repr(SecretBasicAuth("u", zendesk_settings.api_token or "x")),
    ):
        assert TOKEN not in text


@pytest.mark.anyio
async def test_vendor_error_messages_are_decoded(
    client: ZendeskClient, router: respx.Router, payload_json: Callable[[str], Any]
) -> None:
    router.put(TICKET).mock(
        return_value=httpx.Response(422, json=payload_json("zendesk/api_error_422"))
    )
    with pytest.raises(PermanentHelpdeskError, match="closed prevents ticket update") as caught:
        await client.apply_update(SNAPSHOT, UPDATE)
    assert "RecordInvalid" in str(caught.value)


@pytest.mark.anyio
async def test_remaining_quota_headers_are_read(
    client: ZendeskClient, router: respx.Router, clock: FakeClock, ticket_json: dict[str, Any]
) -> None:
    quota = {"X-Rate-Limit-Remaining": "12", "ratelimit-remaining": "0", "ratelimit-reset": "30"}
    router.get(TICKET).mock(return_value=httpx.Response(200, json=ticket_json, headers=quota))
    await client.fetch_ticket("4821")
    assert client.stats.last_remaining == 0
    assert client.limiter.paused_until == pytest.approx(clock.time() + 30)


def test_clients_need_credentials(zendesk_settings: HelpdeskSettings) -> None:
    with pytest.raises(ConfigError, match="HL_ZENDESK_API_TOKEN"):
        ZendeskClient(dataclasses.replace(zendesk_settings, api_token=None))
