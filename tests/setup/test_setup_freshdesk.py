"""``setup freshdesk`` against the sandbox: one read checks the key and the domain, and the
printed values, clicked into automation rules, deliver webhooks the server accepts."""

from __future__ import annotations

import dataclasses

import httpx
import pytest

from helpdesk_loyalty.adapters.base import ClientOptions, HelpdeskSettings
from helpdesk_loyalty.adapters.builtin import freshdesk_settings_from_env
from helpdesk_loyalty.adapters.freshdesk import parse_freshdesk, verify_freshdesk
from helpdesk_loyalty.connectors import FreshdeskKit
from helpdesk_loyalty.errors import ConfigError
from helpdesk_loyalty.sandbox import DemoSeed, Sandbox
from helpdesk_loyalty.secret import Secret
from helpdesk_loyalty.setup_freshdesk import (
    FreshdeskSetupReport,
    format_freshdesk_setup,
    setup_freshdesk,
)

from .conftest import PUBLIC_URL, Server

pytestmark = pytest.mark.anyio

# How the admin's clicks map onto the sandbox's automation rules.
KINDS = {"Ticket Creation": "ticket_creation", "Ticket Updates": "ticket_update"}
PERFORMERS = {None: "any", "Requester": "customer", "Agent": "agent", "Anyone": "any"}


def _install(sandbox: Sandbox, report: FreshdeskSetupReport) -> None:
    hook = report.webhook_values()
    for rule in report.kit.rules:
        sandbox.add_freshdesk_automation(
            KINDS[rule.tab],
            hook["callback_url"],
            name=rule.name,
            template=rule.body,
            performer=PERFORMERS[rule.performer],
            skip_tags=list(rule.skip_tags),
            headers=dict(hook["custom_headers"]),
            method=hook["request_type"],
        )


async def test_a_wrong_key_says_where_to_find_the_right_one(
    sandbox: Sandbox,
    freshdesk_settings: HelpdeskSettings,
    freshdesk_kit: FreshdeskKit,
    options: ClientOptions,
) -> None:
    wrong = dataclasses.replace(freshdesk_settings, api_token=Secret("not-the-key"))

    with pytest.raises(ConfigError) as caught:
        await setup_freshdesk(wrong, freshdesk_kit, PUBLIC_URL, options=options)

    assert caught.value.key == "HL_FRESHDESK_API_KEY"
    assert "wrong" in caught.value.problem
    assert "Profile settings > View API key" in caught.value.fix
    assert "not-the-key" not in str(caught.value)
    assert [(c.method, c.path) for c in sandbox.calls] == [("GET", "/api/v2/agents/me")]


async def test_a_domain_that_is_not_freshdesk_names_the_domain_variable(
    freshdesk_settings: HelpdeskSettings, freshdesk_kit: FreshdeskKit, options: ClientOptions
) -> None:
    elsewhere = dataclasses.replace(freshdesk_settings, base_url="http://127.0.0.1/nowhere")

    with pytest.raises(ConfigError) as caught:
        await setup_freshdesk(elsewhere, freshdesk_kit, PUBLIC_URL, options=options)

    assert "HL_FRESHDESK_DOMAIN" in caught.value.key
    assert "https://acme.freshdesk.com" in caught.value.fix


async def test_one_read_then_the_exact_values_to_paste(
    sandbox: Sandbox,
    freshdesk_settings: HelpdeskSettings,
    freshdesk_kit: FreshdeskKit,
    options: ClientOptions,
) -> None:
    report = await setup_freshdesk(
        freshdesk_settings, freshdesk_kit, PUBLIC_URL, secret="s3cret-shared-value", options=options
    )
    text = format_freshdesk_setup(report)

    assert len(sandbox.calls) == 1
    assert f"Callback URL: {PUBLIC_URL}/webhooks/freshdesk" in text
    assert "Custom headers: X-Helpdesk-Loyalty-Secret: s3cret-shared-value" in text
    assert text.count("Trigger Webhook") == 2
    assert 'Tab "Ticket Creation"' in text and 'Tab "Ticket Updates"' in text
    assert "When an action performed by: Requester" in text
    assert '"event": "ticket.created"' in text and '"event": "ticket.updated"' in text
    assert "{{hl.event}}" not in text
    assert "HL_FRESHDESK_WEBHOOK_SECRET=s3cret-shared-value" in text
    assert sandbox.config.freshdesk_key.reveal() not in text


async def test_a_configured_header_name_and_basic_credentials_are_printed(
    freshdesk_env: dict[str, str], freshdesk_kit: FreshdeskKit, options: ClientOptions
) -> None:
    settings = freshdesk_settings_from_env(
        {
            **freshdesk_env,
            "HL_FRESHDESK_WEBHOOK_HEADER": "X-Loyalty-Token",
            "HL_FRESHDESK_WEBHOOK_SECRET": "from-the-environment",
            "HL_FRESHDESK_WEBHOOK_USERNAME": "freshdesk",
            "HL_FRESHDESK_WEBHOOK_PASSWORD": "basic-pass",
        }
    )
    assert settings is not None

    text = format_freshdesk_setup(
        await setup_freshdesk(settings, freshdesk_kit, PUBLIC_URL, options=options)
    )

    assert "Custom headers: X-Loyalty-Token: from-the-environment" in text
    assert "Username: freshdesk; Password: basic-pass" in text
    assert "HL_FRESHDESK_WEBHOOK_HEADER=X-Loyalty-Token" in text


async def test_a_secret_other_than_the_configured_one_is_flagged(
    freshdesk_settings: HelpdeskSettings, freshdesk_kit: FreshdeskKit, options: ClientOptions
) -> None:
    configured = dataclasses.replace(freshdesk_settings, webhook_secret=Secret("old-one"))

    report = await setup_freshdesk(
        configured, freshdesk_kit, PUBLIC_URL, secret="new-one", options=options
    )

    assert report.secret.reveal() == "new-one"
    assert any("differs" in w for w in report.warnings)


async def test_rules_made_from_the_printed_values_deliver_accepted_webhooks(
    sandbox: Sandbox,
    seed: DemoSeed,
    freshdesk_settings: HelpdeskSettings,
    freshdesk_kit: FreshdeskKit,
    options: ClientOptions,
    server: Server,
    server_client: httpx.AsyncClient,
) -> None:
    report = await setup_freshdesk(freshdesk_settings, freshdesk_kit, PUBLIC_URL, options=options)
    _install(sandbox, report)
    configured = dataclasses.replace(freshdesk_settings, webhook_secret=report.secret)
    ticket_id = seed.freshdesk["tickets"]["top_double_charge"]
    requester = seed.freshdesk["contacts"]["top"]

    sandbox.freshdesk_customer_reply(ticket_id, "Still charged twice. Fix it or I cancel.")
    created = sandbox.freshdesk_create_ticket(requester, "Outage", "No signal since noon")
    skipped = sandbox.freshdesk_create_ticket(requester, "Ignore", "test", tags=["hl-skip"])
    async with httpx.AsyncClient(transport=options.transport, base_url="http://127.0.0.1") as api:
        ours = await api.put(
            f"/freshdesk/api/v2/tickets/{ticket_id}",
            headers={"Authorization": sandbox.config.freshdesk_auth_header()},
            json={"priority": 3, "tags": ["loyalty-escalated"]},
        )
    assert ours.status_code == 200, ours.text
    await sandbox.flush_webhooks(server_client)

    assert {g.path for g in server.got} == {"/webhooks/freshdesk"}
    events = []
    for got in server.got:
        verify_freshdesk(got.headers, got.body, configured, sandbox.now())
        events.append(parse_freshdesk(got.headers, got.body, configured))
    assert [(e.kind, e.ticket.id) for e in events] == [
        ("ticket.updated", str(ticket_id)),
        ("ticket.created", str(created.id)),
    ]
    assert str(skipped.id) not in {e.ticket.id for e in events}
