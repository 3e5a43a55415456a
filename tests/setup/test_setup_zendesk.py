"""``setup zendesk`` against the sandbox: idempotent by name, updates in place, dry runs write
nothing, and what it installs delivers signed webhooks the server accepts, without loops."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import httpx
import pytest

from helpdesk_loyalty.adapters.base import ClientOptions, HelpdeskSettings
from helpdesk_loyalty.adapters.zendesk import parse_zendesk, verify_zendesk
from helpdesk_loyalty.connectors import ZendeskKit, load_zendesk_kit
from helpdesk_loyalty.errors import ConfigError
from helpdesk_loyalty.sandbox import DemoSeed, Sandbox
from helpdesk_loyalty.secret import Secret
from helpdesk_loyalty.setup_zendesk import format_zendesk_setup, setup_zendesk

from .conftest import CONNECTORS, PUBLIC_URL, Server

pytestmark = pytest.mark.anyio

TITLES = {
    "helpdesk-loyalty: ticket created",
    "helpdesk-loyalty: ticket updated by customer",
    "helpdesk-loyalty: ticket solved",
}


def _writes(sandbox: Sandbox) -> int:
    return sandbox.calls.writes(helpdesk="zendesk")


def _env_value(text: str, name: str) -> str:
    lines = [line for line in text.splitlines() if line.startswith(f"{name}=")]
    assert len(lines) == 1, text
    return lines[0].split("=", 1)[1]


def _edited_kit(tmp_path: Path, old: str, new: str) -> ZendeskKit:
    folder = tmp_path / "connectors"
    shutil.copytree(CONNECTORS, folder)
    body = folder / "zendesk" / "trigger_body.json"
    text = body.read_text(encoding="utf-8")
    assert old in text
    body.write_text(text.replace(old, new), encoding="utf-8")
    return load_zendesk_kit(folder)


async def test_running_setup_twice_leaves_one_webhook_and_one_set_of_triggers(
    sandbox: Sandbox,
    zendesk_settings: HelpdeskSettings,
    zendesk_kit: ZendeskKit,
    options: ClientOptions,
) -> None:
    first = await setup_zendesk(zendesk_settings, zendesk_kit, PUBLIC_URL, options=options)
    writes_after_first = _writes(sandbox)
    second = await setup_zendesk(zendesk_settings, zendesk_kit, PUBLIC_URL, options=options)

    assert len(sandbox.zendesk.webhooks) == 1
    hook = next(iter(sandbox.zendesk.webhooks.values()))
    assert hook.name == "helpdesk-loyalty"
    assert hook.endpoint == f"{PUBLIC_URL}/webhooks/zendesk"
    assert hook.status == "active" and hook.authentication is None
    assert sorted(t.title for t in sandbox.zendesk.triggers.values()) == sorted(TITLES)
    assert [s.outcome for s in first.steps] == ["created"] * 4
    assert [s.outcome for s in second.steps] == ["unchanged"] * 4
    assert [s.id for s in first.steps] == [s.id for s in second.steps]
    assert _writes(sandbox) == writes_after_first, "the second run wrote something"
    assert "unchanged" in format_zendesk_setup(second)


async def test_a_changed_template_updates_the_triggers_in_place(
    tmp_path: Path,
    sandbox: Sandbox,
    zendesk_settings: HelpdeskSettings,
    zendesk_kit: ZendeskKit,
    options: ClientOptions,
) -> None:
    first = await setup_zendesk(zendesk_settings, zendesk_kit, PUBLIC_URL, options=options)
    edited = _edited_kit(tmp_path, '"url": "{{ticket.link}}"', '"url": "{{ticket.url}}"')

    second = await setup_zendesk(zendesk_settings, edited, PUBLIC_URL, options=options)

    outcomes = {s.name: s.outcome for s in second.steps}
    assert outcomes.pop("helpdesk-loyalty") == "unchanged"
    assert set(outcomes.values()) == {"updated"}
    assert [s.id for s in first.steps] == [s.id for s in second.steps]
    assert len(sandbox.zendesk.triggers) == 3
    for trigger in sandbox.zendesk.triggers.values():
        body = trigger.actions[0]["value"][1]
        assert "{{ticket.url}}" in body and "{{ticket.link}}" not in body


async def test_a_new_url_moves_the_same_webhook(
    sandbox: Sandbox,
    zendesk_settings: HelpdeskSettings,
    zendesk_kit: ZendeskKit,
    options: ClientOptions,
) -> None:
    first = await setup_zendesk(zendesk_settings, zendesk_kit, PUBLIC_URL, options=options)
    moved = "https://loyalty.example.test/webhooks/zendesk"

    second = await setup_zendesk(zendesk_settings, zendesk_kit, moved, options=options)

    assert second.steps[0].outcome == "updated"
    assert second.steps[0].id == first.steps[0].id
    assert [h.endpoint for h in sandbox.zendesk.webhooks.values()] == [moved]
    assert second.signing_secret == first.signing_secret


async def test_dry_run_sends_only_reads_and_prints_the_writes(
    tmp_path: Path,
    sandbox: Sandbox,
    zendesk_settings: HelpdeskSettings,
    zendesk_kit: ZendeskKit,
    options: ClientOptions,
) -> None:
    report = await setup_zendesk(
        zendesk_settings, zendesk_kit, PUBLIC_URL, dry_run=True, options=options
    )

    assert _writes(sandbox) == 0
    assert sandbox.calls.reads(helpdesk="zendesk") >= 3
    assert not sandbox.zendesk.webhooks and not sandbox.zendesk.triggers
    assert [(w.method, w.path) for w in report.writes] == [
        ("POST", "/api/v2/webhooks"),
        ("POST", "/api/v2/triggers"),
        ("POST", "/api/v2/triggers"),
        ("POST", "/api/v2/triggers"),
    ]
    text = format_zendesk_setup(report)
    assert "Dry run: nothing was changed" in text and "POST /api/v2/triggers" in text
    assert "HL_ZENDESK_WEBHOOK_SECRET=" not in text

    await setup_zendesk(zendesk_settings, zendesk_kit, PUBLIC_URL, options=options)
    writes = _writes(sandbox)
    edited = _edited_kit(tmp_path, '"url": "{{ticket.link}}"', '"url": "{{ticket.url}}"')
    again = await setup_zendesk(zendesk_settings, edited, PUBLIC_URL, dry_run=True, options=options)
    assert _writes(sandbox) == writes
    assert [s.outcome for s in again.steps] == ["unchanged"] + ["would update"] * 3
    assert {w.method for w in again.writes} == {"PUT"}


async def test_the_printed_secret_verifies_what_an_end_user_update_sends(
    sandbox: Sandbox,
    seed: DemoSeed,
    zendesk_settings: HelpdeskSettings,
    zendesk_kit: ZendeskKit,
    options: ClientOptions,
    server: Server,
    server_client: httpx.AsyncClient,
) -> None:
    report = await setup_zendesk(zendesk_settings, zendesk_kit, PUBLIC_URL, options=options)
    text = format_zendesk_setup(report)
    printed = _env_value(text, "HL_ZENDESK_WEBHOOK_SECRET")
    hook = next(iter(sandbox.zendesk.webhooks.values()))
    assert printed == hook.signing_secret
    assert _env_value(text, "HL_ZENDESK_API_USER_ID") == str(sandbox.zendesk.api_user.id)
    assert _env_value(text, "HL_ZENDESK_BASE_URL") == zendesk_settings.base_url
    assert sandbox.config.zendesk_token.reveal() not in text

    ticket_id = seed.zendesk["tickets"]["top_double_charge"]
    sandbox.zendesk_end_user_update(ticket_id, "I was charged twice AGAIN, this is unacceptable")
    delivered = await sandbox.flush_webhooks(server_client)

    assert [d.state for d in delivered] == ["delivered"]
    (got,) = server.got
    assert got.path == "/webhooks/zendesk"
    configured = dataclasses.replace(zendesk_settings, webhook_secret=Secret(printed))
    verify_zendesk(got.headers, got.body, configured, sandbox.now())
    event = parse_zendesk(got.headers, got.body, configured)
    assert event.kind == "ticket.updated"
    assert event.ticket.id == str(ticket_id)


async def test_our_own_api_writes_fire_no_trigger_but_solving_and_creating_do(
    sandbox: Sandbox,
    seed: DemoSeed,
    zendesk_settings: HelpdeskSettings,
    zendesk_kit: ZendeskKit,
    options: ClientOptions,
    server: Server,
    server_client: httpx.AsyncClient,
) -> None:
    await setup_zendesk(zendesk_settings, zendesk_kit, PUBLIC_URL, options=options)
    secret = Secret(next(iter(sandbox.zendesk.webhooks.values())).signing_secret)
    configured = dataclasses.replace(zendesk_settings, webhook_secret=secret)
    ticket_id = seed.zendesk["tickets"]["top_double_charge"]
    transport = options.transport
    async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as api:
        response = await api.put(
            f"/zendesk/api/v2/tickets/{ticket_id}.json",
            headers={"Authorization": sandbox.config.zendesk_auth_header()},
            json={
                "ticket": {
                    "comment": {"body": "Escalated: make it right", "public": False},
                    "tags": ["loyalty-escalated"],
                    "priority": "high",
                }
            },
        )
    assert response.status_code == 200, response.text
    assert sandbox.outbox.queued() == []

    agent = sandbox.zendesk.users[seed.zendesk["agents"]["agent"]]
    sandbox.zendesk_update(sandbox.zendesk_ticket(ticket_id), {"status": "solved"}, agent)
    requester = seed.zendesk["users"]["top"]
    created = sandbox.zendesk_create_ticket(requester, "Internet down", "No signal since noon")
    await sandbox.flush_webhooks(server_client)

    events = [parse_zendesk(g.headers, g.body, configured) for g in server.got]
    assert [(e.kind, e.ticket.id) for e in events] == [
        ("ticket.updated", str(ticket_id)),
        ("ticket.created", str(created.id)),
    ]


async def test_a_skip_tag_keeps_a_ticket_out(
    sandbox: Sandbox,
    seed: DemoSeed,
    zendesk_settings: HelpdeskSettings,
    zendesk_kit: ZendeskKit,
    options: ClientOptions,
) -> None:
    await setup_zendesk(zendesk_settings, zendesk_kit, PUBLIC_URL, options=options)
    ticket = sandbox.zendesk_ticket(seed.zendesk["tickets"]["top_double_charge"])
    ticket.tags.append("hl-skip")

    sandbox.zendesk_end_user_update(ticket.id, "Any news?")

    assert sandbox.outbox.queued() == []


async def test_refused_credentials_name_the_variables_and_the_fix(
    sandbox: Sandbox,
    zendesk_settings: HelpdeskSettings,
    zendesk_kit: ZendeskKit,
    options: ClientOptions,
) -> None:
    wrong = dataclasses.replace(zendesk_settings, api_token=Secret("not-the-token"))

    with pytest.raises(ConfigError) as caught:
        await setup_zendesk(wrong, zendesk_kit, PUBLIC_URL, options=options)

    assert caught.value.key == "HL_ZENDESK_EMAIL / HL_ZENDESK_API_TOKEN"
    assert "401" in caught.value.problem and "Zendesk API" in caught.value.fix
    assert "not-the-token" not in str(caught.value)
    assert _writes(sandbox) == 0


async def test_a_same_named_event_webhook_is_not_taken_over(
    sandbox: Sandbox,
    zendesk_settings: HelpdeskSettings,
    zendesk_kit: ZendeskKit,
    options: ClientOptions,
) -> None:
    async with httpx.AsyncClient(transport=options.transport, base_url="http://127.0.0.1") as api:
        response = await api.post(
            "/zendesk/api/v2/webhooks",
            headers={"Authorization": sandbox.config.zendesk_auth_header()},
            json={
                "webhook": {
                    "name": "helpdesk-loyalty",
                    "endpoint": "https://elsewhere.example.test/events",
                    "http_method": "POST",
                    "request_format": "json",
                    "status": "active",
                    "subscriptions": ["zen:event-type:ticket.created"],
                }
            },
        )
    assert response.status_code == 201

    with pytest.raises(ConfigError) as caught:
        await setup_zendesk(zendesk_settings, zendesk_kit, PUBLIC_URL, options=options)

    assert "subscribed to events" in caught.value.problem
    assert "delete or rename" in caught.value.fix
    assert not sandbox.zendesk.triggers


async def test_plain_http_is_refused_before_any_call(
    sandbox: Sandbox,
    zendesk_settings: HelpdeskSettings,
    zendesk_kit: ZendeskKit,
    options: ClientOptions,
) -> None:
    with pytest.raises(ConfigError) as caught:
        await setup_zendesk(
            zendesk_settings, zendesk_kit, "http://hooks.example.test", options=options
        )

    assert caught.value.key == "--url" and "HTTPS" in caught.value.problem
    assert len(sandbox.calls) == 0
