"""Secrets never appear in logs, error answers, error messages or the store (ledger included).

The secrets: the Zendesk signing secret and API token, the Freshdesk shared secret and API key,
the ops token, and a PostgreSQL password. The service runs at DEBUG with every logger captured
while it takes good, forged and broken deliveries, and while the helpdesk fails in the ways that
end up in error messages and the ledger (5xx, 4xx, an error page that echoes the request's
credentials). Then the captured log, every answer and every row of every table are searched for
each secret, and for the Basic credentials built from them.
"""

from __future__ import annotations

import asyncio
import base64
import logging
from pathlib import Path

import httpx
import pytest

from helpdesk_loyalty.adapters.base import ClientOptions
from helpdesk_loyalty.adapters.builtin import (
    freshdesk_settings_from_env,
    zendesk_settings_from_env,
)
from helpdesk_loyalty.adapters.zendesk import ZendeskClient
from helpdesk_loyalty.errors import ConfigError, HelpdeskError, StoreError
from helpdesk_loyalty.models import Ticket
from helpdesk_loyalty.sandbox import seed_demo
from helpdesk_loyalty.store import PostgresStore
from helpdesk_loyalty.update import TicketUpdate

from .service import (
    FD_HEADER,
    FD_KEY,
    FD_SECRET,
    SECRETS,
    ZD_SECRET,
    ZD_TOKEN,
    Service,
    open_service,
    service_env,
    signed_zendesk,
)


def encoded(secret: str) -> list[str]:
    """``secret`` and the forms it takes on the wire (HTTP Basic credentials)."""
    forms = [secret]
    for user in ("api@sandbox.example/token", ""):
        for pair in (f"{user}:{secret}", f"{secret}:X"):
            forms.append(base64.b64encode(pair.encode()).decode())
    return forms


def assert_no_secret(text: str, where: str) -> None:
    for secret in SECRETS:
        for form in encoded(secret):
            assert form not in text, f"{where} reveals a secret ({secret[:4]}...)"


def exercise(service: Service) -> list[str]:
    """Good, forged and failing traffic; the answers' bodies."""
    seed = seed_demo(service.sandbox)
    answers: list[str] = []
    now = service.now()
    for n, ticket in enumerate(seed.zendesk["tickets"].values()):
        good = service.sandbox.render_zendesk_trigger(ticket, "ticket.updated", secret=ZD_SECRET)
        forged = signed_zendesk(good.body, at=now, secret=ZD_SECRET[::-1], invocation=f"f{n}")
        for headers in (good.headers, forged, {**good.headers, "X-Zendesk-Webhook-Signature": ""}):
            answer = service.request(
                "POST", "/webhooks/zendesk", content=good.body, headers=headers
            )
            answers.append(answer.body.decode())
    for n, ticket in enumerate(seed.freshdesk["tickets"].values()):
        for secret in (FD_SECRET, FD_SECRET + "x", ""):
            rendered = service.sandbox.render_freshdesk(
                ticket, "ticket.created", headers={FD_HEADER: secret}
            )
            answer = service.request(
                "POST", "/webhooks/freshdesk", content=rendered.body, headers=rendered.headers
            )
            answers.append(answer.body.decode())
        if n == 0:
            service.sandbox.faults.fail_next_calls(3, 500)
        elif n == 1:
            service.sandbox.faults.fail_next_calls(2, 401)
    service.drain()
    service.sandbox.faults.start_outage(status=503, retry_after=None)
    service.drain()
    return answers


def test_secrets_stay_out_of_logs_answers_and_the_store(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    with open_service(tmp_path, {"HL_LOG_LEVEL": "DEBUG", "HL_TRACE_HOOKS": "true"}) as service:
        answers = exercise(service)
        dump = service.dump()
        settings_repr = repr(service.runtime.settings) + repr(service.runtime.helpdesks)
    assert len(caplog.records) > 20, "the run logged something to search"
    assert "decided" in dump and "refused" in caplog.text
    assert_no_secret(caplog.text, "the log")
    assert_no_secret("\n".join(answers), "an answer")
    assert_no_secret(dump, "the store")
    assert_no_secret(settings_repr, "the settings' repr")


async def error_messages(tmp: Path, status: int, quoted: str) -> str:
    """What the Zendesk client's errors say when every answer is ``status`` with ``quoted``
    (``{auth}`` becomes the request's ``Authorization`` header) as the body."""

    def echo(request: httpx.Request) -> httpx.Response:
        # Some proxies and error pages quote the request back, credentials included.
        return httpx.Response(status, text=quoted.format(auth=request.headers.get("authorization")))

    settings = zendesk_settings_from_env(service_env(tmp))
    assert settings is not None
    client = ZendeskClient(
        settings, ClientOptions(transport=httpx.MockTransport(echo), max_attempts=1)
    )
    update = TicketUpdate(decision_id="01JH0000000000000000000000", add_tags=("x",))
    messages = []
    try:
        for call in (client.fetch_ticket("1"), client.apply_update(Ticket(id="1"), update)):
            with pytest.raises(HelpdeskError) as caught:
                await call
            messages.append(str(caught.value))
    finally:
        await client.aclose()
    assert all(messages)
    return "\n".join(messages)


STATUSES = [400, 401, 500, 502]


@pytest.mark.anyio
@pytest.mark.parametrize("status", STATUSES)
async def test_an_error_page_quoting_the_token_is_scrubbed(tmp_path: Path, status: int) -> None:
    text = await error_messages(tmp_path, status, f"invalid token {ZD_TOKEN} for this account")
    assert "***" in text or status in (500, 502)
    assert_no_secret(text, "a helpdesk error message")


@pytest.mark.anyio
@pytest.mark.parametrize("status", STATUSES)
async def test_an_error_page_quoting_the_credentials_is_scrubbed(
    tmp_path: Path, status: int
) -> None:
    text = await error_messages(tmp_path, status, "bad request; you sent {auth}")
    assert_no_secret(text, "a helpdesk error message")


@pytest.mark.anyio
async def test_a_database_password_is_not_in_the_store_errors() -> None:
    store = PostgresStore(
        "postgresql://hl:pg-password-3d9f1b@127.0.0.1:1/hl", timeout=1.0, min_size=1
    )
    with pytest.raises(StoreError) as caught:
        await asyncio.wait_for(store.open(), 30)
    assert "pg-password-3d9f1b" not in str(caught.value)
    assert "127.0.0.1:1/hl" in str(caught.value)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("HL_ZENDESK_BASE_URL", f"https://api:{ZD_TOKEN}@acme.zendesk.com"),
        ("HL_ZENDESK_BASE_URL", "http://acme.example.com"),
        ("HL_ZENDESK_EMAIL", ""),
        ("HL_FRESHDESK_BASE_URL", f"https://acme.freshdesk.com?key={FD_KEY}"),
    ],
)
def test_configuration_errors_do_not_quote_secrets(tmp_path: Path, name: str, value: str) -> None:
    env = {**service_env(tmp_path), name: value}
    with pytest.raises(ConfigError) as caught:
        freshdesk_settings_from_env(env)
        settings = zendesk_settings_from_env(env)
        assert settings is not None
        ZendeskClient(settings)
    assert_no_secret(str(caught.value), "a configuration error")
