"""A helpdesk added by a plugin (``register_helpdesks``) runs the whole pipeline: its webhook
is verified and parsed by the plugin, stored, decided by the same rules, and written back
through the plugin's client."""

from __future__ import annotations

import hmac
import json
from collections.abc import AsyncIterator, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest

from helpdesk_loyalty.adapters.base import (
    ClientOptions,
    HelpdeskClient,
    HelpdeskSettings,
    HelpdeskSpec,
)
from helpdesk_loyalty.adapters.zendesk.client import ZendeskClient
from helpdesk_loyalty.app import create_app
from helpdesk_loyalty.clock import FakeClock
from helpdesk_loyalty.config import Settings
from helpdesk_loyalty.errors import AuthenticationError, NotConfiguredError, PayloadError
from helpdesk_loyalty.hookspecs import hookimpl
from helpdesk_loyalty.models import Ticket, TicketEvent
from helpdesk_loyalty.runtime import Runtime, open_runtime
from helpdesk_loyalty.sandbox import Sandbox, create_sandbox_app, seed_demo
from helpdesk_loyalty.secret import Secret
from helpdesk_loyalty.update import find_marker

from .rig import START, rules_toml

pytestmark = pytest.mark.anyio

TOKEN = "acme-shared-token-123"


def _verify(
    headers: Mapping[str, str], body: bytes, settings: HelpdeskSettings, now: float
) -> None:
    if settings.webhook_secret is None:
        raise NotConfiguredError("set HL_ACMEDESK_TOKEN")
    sent = headers.get("x-acme-token", "")
    if not hmac.compare_digest(sent.encode(), settings.webhook_secret.reveal().encode()):
        raise AuthenticationError("X-Acme-Token is missing or wrong")


def _parse(headers: Mapping[str, str], body: bytes, settings: HelpdeskSettings) -> TicketEvent:
    data = json.loads(body)
    ticket = data.get("ticket")
    if not isinstance(ticket, dict) or not str(ticket.get("id", "")).isdigit():
        raise PayloadError("ticket.id must be the ticket number")
    return TicketEvent(
        helpdesk=settings.name,
        account=settings.account,
        event_id=str(data["id"]),
        kind="ticket.created",
        ticket_id=str(ticket["id"]),
        occurred_at=datetime.fromtimestamp(START, UTC),
        ticket=Ticket(id=str(ticket["id"]), requester_id=str(ticket["requester_id"])),
        complete=False,  # only ids: the worker reads the ticket through the client
    )


def _client(settings: HelpdeskSettings, options: ClientOptions) -> HelpdeskClient:
    # Acme Desk's API is Zendesk-compatible, so the plugin reuses the Zendesk client.
    return ZendeskClient(settings, options)


def _settings(env: Mapping[str, str]) -> HelpdeskSettings | None:
    if "HL_ACMEDESK_BASE_URL" not in env:
        return None
    return HelpdeskSettings(
        name="acmedesk",
        account="acmedesk:test",
        base_url=env["HL_ACMEDESK_BASE_URL"],
        email=env["HL_ACMEDESK_EMAIL"],
        api_token=Secret(env["HL_ACMEDESK_API_TOKEN"]),
        webhook_secret=Secret(env["HL_ACMEDESK_TOKEN"]),
    )


class AcmeDesk:
    @hookimpl
    def register_helpdesks(self) -> Sequence[HelpdeskSpec]:
        return [HelpdeskSpec("acmedesk", _verify, _parse, _client, _settings, "Acme Desk")]


@pytest.fixture
async def acme(tmp_path: Path) -> AsyncIterator[tuple[Sandbox, int, Runtime, httpx.AsyncClient]]:
    clock = FakeClock(START)
    sandbox = Sandbox(clock=clock)
    seed = seed_demo(sandbox)
    rules = tmp_path / "rules.toml"
    rules.write_text(rules_toml(seed.zendesk["groups"], {}), encoding="utf-8")
    env = {
        "HL_DATABASE_URL": f"sqlite:///{tmp_path / 'store.db'}",
        "HL_RULES_FILE": str(rules),
        "HL_RULES_DIR": "",
        "HL_ACMEDESK_BASE_URL": "http://127.0.0.1/zendesk",
        "HL_ACMEDESK_EMAIL": sandbox.config.zendesk_email,
        "HL_ACMEDESK_API_TOKEN": sandbox.config.zendesk_token.reveal(),
        "HL_ACMEDESK_TOKEN": TOKEN,
    }
    transport = httpx.ASGITransport(app=create_sandbox_app(sandbox))
    runtime = await open_runtime(
        Settings.from_env(env),
        clock=clock,
        transports={"acmedesk": transport},
        extra_plugins={"acmedesk": AcmeDesk()},
    )
    app = create_app(runtime, run_worker=False)
    client = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://hl.test")
    try:
        yield sandbox, seed.zendesk["users"]["top"], runtime, client
    finally:
        await client.aclose()
        await runtime.close()


async def test_a_plugin_helpdesk_runs_the_whole_pipeline(
    acme: tuple[Sandbox, int, Runtime, httpx.AsyncClient],
) -> None:
    sandbox, user, runtime, client = acme
    ticket = sandbox.zendesk_create_ticket(
        user, "Charged twice", "I was charged twice this month. Please refund the duplicate."
    )
    body = {"id": "acme-evt-1", "ticket": {"id": ticket.id, "requester_id": user}}

    refused = await client.post(
        "/webhooks/acmedesk", json=body, headers={"X-Acme-Token": "wrong-token"}
    )
    assert refused.status_code == 401 and refused.json()["error"] == "unauthenticated"
    assert (await runtime.store.stats()).inbox_events == 0

    accepted = await client.post("/webhooks/acmedesk", json=body, headers={"X-Acme-Token": TOKEN})
    assert accepted.status_code == 202, accepted.text
    await runtime.worker.drain()

    written = sandbox.zendesk_ticket(ticket.id)
    notes = [c for c in written.comments if not c.public]
    assert len(notes) == 1 and find_marker(notes[0].body) is not None
    assert "loyalty-credit-suggested" in written.tags
    rows = await runtime.store.ledger_for_ticket(str(ticket.id), account="acmedesk:test")
    assert [r.what for r in rows if r.what in ("received", "decided", "applied")] == [
        "received",
        "decided",
        "applied",
    ]
