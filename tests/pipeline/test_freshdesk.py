"""Freshdesk end to end, and the same decisions from equivalent Zendesk and Freshdesk events."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from helpdesk_loyalty.update import find_marker

from .rig import FD_HEADER, Rig

pytestmark = pytest.mark.anyio

TEXT = (
    "Charged twice and the internet is down",
    "I was charged twice this month and my internet has been down for three days. "
    "This is the third time I'm writing. I want to speak to a manager.",
)


def _open_fd(rig: Rig, customer: str, subject: str, body: str, **fields: Any) -> int:
    contact = rig.seed.freshdesk["contacts"][customer]
    return rig.sandbox.freshdesk_create_ticket(
        contact, subject, f"<div><p>{body}</p></div>", **fields
    ).id


async def test_a_freshdesk_webhook_with_the_shared_secret_leaves_one_private_note_and_merged_tags(
    rig: Rig,
) -> None:
    ticket_id = _open_fd(rig, "top", *TEXT, tags=["billing", "priority-account"])
    response = await rig.post(rig.freshdesk_webhook(ticket_id), "freshdesk")
    assert response.status_code == 202
    await rig.drain()

    ticket = rig.sandbox.freshdesk_ticket(ticket_id)
    notes = [c for c in ticket.conversations if c.private]
    assert len(notes) == 1 and find_marker(notes[0].body) is not None
    assert {"billing", "priority-account", "loyalty-escalated", "loyalty-credit-suggested"} <= set(
        ticket.tags
    )
    writes = rig.sandbox.calls.select(ticket_id=ticket_id, kind="write")
    assert [(w.method, w.status) for w in writes] == [("PUT", 200), ("POST", 201)]


async def test_the_same_freshdesk_delivery_twice_is_stored_once_and_noted_once(rig: Rig) -> None:
    """Freshdesk sends no event id and retries after 5, 30 and 60 minutes: a redelivered
    body gets the same composite key and is acknowledged as a duplicate."""
    ticket_id = _open_fd(rig, "top", *TEXT)
    request = rig.freshdesk_webhook(ticket_id)
    first = await rig.post(request, "freshdesk")
    again = await rig.post(request, "freshdesk")
    assert (first.status_code, again.status_code) == (202, 200)
    assert again.json()["status"] == "duplicate"
    assert again.json()["event_id"] == first.json()["event_id"]
    await rig.drain()

    assert (await rig.runtime.store.stats()).inbox_events == 1
    notes = [c for c in rig.sandbox.freshdesk_ticket(ticket_id).conversations if c.private]
    assert len(notes) == 1


@pytest.mark.parametrize("secret", [None, "wrong-secret"])
async def test_a_wrong_or_missing_shared_secret_gets_401_and_nothing_is_stored(
    rig: Rig, secret: str | None
) -> None:
    ticket_id = _open_fd(rig, "top", *TEXT)
    headers = {FD_HEADER: secret} if secret else {}
    request = rig.sandbox.render_freshdesk(ticket_id, "ticket.created", headers=headers)
    response = await rig.post(request, "freshdesk")
    assert response.status_code == 401
    assert response.json()["error"] and response.json()["detail"]
    assert (await rig.runtime.store.stats()).inbox_events == 0


async def test_basic_credentials_are_accepted_when_configured(tmp_path: Any) -> None:
    from .rig import open_rig

    rig = await open_rig(
        tmp_path,
        env={
            "HL_FRESHDESK_WEBHOOK_SECRET": "",
            "HL_FRESHDESK_WEBHOOK_USERNAME": "freshdesk",
            "HL_FRESHDESK_WEBHOOK_PASSWORD": "basic-pass-123",
        },
    )
    try:
        ticket_id = _open_fd(rig, "top", *TEXT)
        good = rig.sandbox.render_freshdesk(
            ticket_id, "ticket.created", username="freshdesk", password="basic-pass-123"
        )
        assert good.headers.get("Authorization", "").startswith("Basic ")
        assert (await rig.post(good, "freshdesk")).status_code == 202
        bad = dict(good.headers)
        bad["Authorization"] = "Basic " + base64.b64encode(b"freshdesk:nope").decode()
        response = await rig.client.post("/webhooks/freshdesk", content=good.body, headers=bad)
        assert response.status_code == 401
    finally:
        await rig.close()


def _rules_view(rows: list[Any]) -> list[tuple[str, str, str, tuple[str, ...]]]:
    [decided] = [r for r in rows if r.what == "decided"]
    return [
        (r["rule"], r["status"], r["summary"] or r["reason"], tuple(r["actions"]))
        for r in decided.detail["rules"]
    ]


@pytest.mark.parametrize(
    "customer,subject,body",
    [
        ("top", *TEXT),
        (
            "overdue",
            "Can't pay this month",
            "I lost my job last month and I can't afford the full bill. Can I pay in installments?",
        ),
        ("new", "Question", "How do I add a second user to my account?"),
        (
            "clinic",
            "Technician never came",
            "We closed for the afternoon for the installation and the technician never showed up.",
        ),
    ],
)
async def test_equivalent_zendesk_and_freshdesk_events_get_the_same_decisions(
    rig: Rig, customer: str, subject: str, body: str
) -> None:
    zd = rig.sandbox.zendesk_create_ticket(rig.seed.zendesk["users"][customer], subject, body).id
    fd = _open_fd(rig, customer, subject, body)
    assert (await rig.post(rig.zendesk_trigger(zd))).status_code == 202
    assert (await rig.post(rig.freshdesk_webhook(fd), "freshdesk")).status_code == 202
    await rig.drain()
    zendesk_view = _rules_view(await rig.ledger(zd, "zendesk"))
    freshdesk_view = _rules_view(await rig.ledger(fd, "freshdesk"))

    # Group ids differ between the accounts; everything else must match.
    def strip_ids(view: list[Any]) -> list[Any]:
        return [
            (r, s, t, tuple(a for a in acts if "route to group" not in a)) for r, s, t, acts in view
        ]

    assert strip_ids(zendesk_view) == strip_ids(freshdesk_view)
