"""The helpdesk clients only talk to the configured base URL and follow no redirect.

Ticket and requester ids come from webhooks; whatever they hold (path segments, ``..``, a
scheme and host, a query, percent-escapes, control characters), every request either goes to
the configured host under the configured path or is refused before it is sent. Every kind of
redirect, to any place, is an error and is not followed.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable
from pathlib import Path

import anyio
import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpdesk_loyalty.adapters.base import ClientOptions, HelpdeskClient
from helpdesk_loyalty.adapters.builtin import (
    freshdesk_settings_from_env,
    zendesk_settings_from_env,
)
from helpdesk_loyalty.adapters.freshdesk import FreshdeskClient
from helpdesk_loyalty.adapters.zendesk import ZendeskClient
from helpdesk_loyalty.errors import HelpdeskError, PermanentHelpdeskError
from helpdesk_loyalty.models import Ticket
from helpdesk_loyalty.update import TicketUpdate

from .service import service_env

BASES = {"zendesk": ("127.0.0.1", "/zendesk/"), "freshdesk": ("127.0.0.1", "/freshdesk/")}
UPDATE = TicketUpdate(decision_id="01JH0000000000000000000000", add_tags=("x",))

ids = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "../../admin",
            "1/../../x",
            "//evil.example/x",
            "https://evil.example/",
            "1?role=admin",
            "1#x",
            "%2e%2e%2fadmin",
            "1%2F..%2Fx",
            "1\r\nHost: evil",
            "@evil.example",
            "1 ",
            "\u0661",
            "12345678901234567890123",
        ]
    ),
)


def make_client(
    helpdesk: str, handler: Callable[[httpx.Request], httpx.Response]
) -> HelpdeskClient:
    env = service_env(Path("."))
    options = ClientOptions(transport=httpx.MockTransport(handler), max_attempts=1)
    if helpdesk == "zendesk":
        zd = zendesk_settings_from_env(env)
        assert zd is not None
        return ZendeskClient(zd, options)
    fd = freshdesk_settings_from_env(env)
    assert fd is not None
    return FreshdeskClient(fd, options)


def calls(client: HelpdeskClient, some_id: str) -> list[Callable[[], Awaitable[object]]]:
    return [
        lambda: client.fetch_ticket(some_id),
        lambda: client.fetch_requester(some_id),
        lambda: client.has_marker(some_id, UPDATE.decision_id),
        lambda: client.apply_update(Ticket(id=some_id), UPDATE),
    ]


@pytest.mark.parametrize("helpdesk", sorted(BASES))
@settings(max_examples=60, deadline=None)
@given(some_id=ids)
def test_requests_stay_under_the_base_url(helpdesk: str, some_id: str) -> None:
    sent: list[httpx.URL] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.url)
        return httpx.Response(404, json={"error": "RecordNotFound"})

    async def run() -> None:
        client = make_client(helpdesk, handler)
        try:
            for call in calls(client, some_id):
                with contextlib.suppress(HelpdeskError):
                    await call()
        finally:
            await client.aclose()

    anyio.run(run)
    host, path = BASES[helpdesk]
    for url in sent:
        assert (url.scheme, url.host, url.port) == ("http", host, None), url
        assert url.path.startswith(path) and ".." not in url.path.split("/"), url


@pytest.mark.anyio
@pytest.mark.parametrize("helpdesk", sorted(BASES))
@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
@pytest.mark.parametrize(
    "location", ["https://evil.example/steal", "/zendesk/api/v2/tickets/2.json", "//evil.example/"]
)
async def test_no_redirect_is_followed(helpdesk: str, status: int, location: str) -> None:
    sent: list[httpx.URL] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.url)
        return httpx.Response(status, headers={"Location": location})

    client = make_client(helpdesk, handler)
    try:
        with pytest.raises(PermanentHelpdeskError, match="not followed"):
            await client.fetch_ticket("1")
    finally:
        await client.aclose()
    assert len(sent) == 1
