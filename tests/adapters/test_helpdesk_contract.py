"""One contract, both adapters: the same behaviour from Zendesk and Freshdesk, through the
sandbox helpdesk driven in-process (``httpx.ASGITransport``)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass

import httpx
import pytest

from helpdesk_loyalty.adapters.base import ClientOptions, HelpdeskClient, HelpdeskSettings
from helpdesk_loyalty.adapters.freshdesk import FreshdeskClient, parse_freshdesk, verify_freshdesk
from helpdesk_loyalty.adapters.zendesk import ZendeskClient, parse_zendesk, verify_zendesk
from helpdesk_loyalty.clock import FakeClock
from helpdesk_loyalty.errors import ConflictError
from helpdesk_loyalty.models import Ticket
from helpdesk_loyalty.sandbox import DemoSeed, Sandbox, create_sandbox_app, seed_demo
from helpdesk_loyalty.secret import Secret
from helpdesk_loyalty.update import Note, NoteSection, TicketUpdate, marker_for

DECISION = "01JH2Q8ZK3M5N7P9R1T3V5X7Z9"
NOTE = Note(
    decision_id=DECISION,
    sections=(
        NoteSection(
            rule="escalate_to_supervisor",
            headline="Top customer billed twice: escalate",
            evidence=("second billing mistake this quarter",),
        ),
    ),
)
UPDATE = TicketUpdate(
    decision_id=DECISION, note=NOTE, add_tags=("make-it-right",), priority="urgent"
)


@dataclass
class Rig:
    """A client wired to the sandbox, and how to look at the sandbox's side of things."""

    helpdesk: str
    client: HelpdeskClient
    sandbox: Sandbox
    ticket_id: str
    requester_id: str
    other_ticket_ids: set[str]
    private_notes: Callable[[str, str], int]
    tags: Callable[[str], list[str]]
    writes_per_update: int


def _zendesk(sandbox: Sandbox, options: ClientOptions) -> Rig:
    ids = seed_demo(sandbox).zendesk
    settings = HelpdeskSettings(
        name="zendesk",
        account="zendesk:sandbox",
        base_url="http://sandbox.test/zendesk",
        email=sandbox.config.zendesk_email,
        api_token=sandbox.config.zendesk_token,
    )

    def private_notes(ticket_id: str, marker: str) -> int:
        comments = sandbox.zendesk_ticket(ticket_id).comments
        return sum(1 for c in comments if not c.public and marker in c.body + c.html_body)

    return Rig(
        "zendesk",
        ZendeskClient(settings, options),
        sandbox,
        str(ids["tickets"]["top_double_charge"]),
        str(ids["users"]["top"]),
        {str(ids["tickets"][k]) for k in ("top_invoice_vat", "top_outage")},
        private_notes,
        lambda ticket_id: list(sandbox.zendesk_ticket(ticket_id).tags),
        1,
    )


def _freshdesk(sandbox: Sandbox, options: ClientOptions) -> Rig:
    ids = seed_demo(sandbox).freshdesk
    settings = HelpdeskSettings(
        name="freshdesk",
        account="freshdesk:sandbox",
        base_url="http://sandbox.test/freshdesk",
        api_token=sandbox.config.freshdesk_key,
    )

    def private_notes(ticket_id: str, marker: str) -> int:
        conversations = sandbox.freshdesk_ticket(ticket_id).conversations
        return sum(1 for c in conversations if c.private and marker in c.body)

    return Rig(
        "freshdesk",
        FreshdeskClient(settings, options),
        sandbox,
        str(ids["tickets"]["top_double_charge"]),
        str(ids["contacts"]["top"]),
        {str(ids["tickets"][k]) for k in ("top_invoice_vat", "top_outage")},
        private_notes,
        lambda ticket_id: list(sandbox.freshdesk_ticket(ticket_id).tags),
        2,
    )


@pytest.fixture(params=["zendesk", "freshdesk"])
async def rig(request: pytest.FixtureRequest) -> AsyncIterator[Rig]:
    clock = FakeClock()
    sandbox = Sandbox(clock=clock)
    transport = httpx.ASGITransport(app=create_sandbox_app(sandbox))
    options = ClientOptions(transport=transport, clock=clock)
    built = (_zendesk if request.param == "zendesk" else _freshdesk)(sandbox, options)
    yield built
    await built.client.aclose()


@pytest.mark.anyio
async def test_fetch_ticket(rig: Rig) -> None:
    bundle = await rig.client.fetch_ticket(rig.ticket_id)
    ticket = bundle.ticket
    assert ticket.id == rig.ticket_id
    assert ticket.subject == "Charged twice for the March invoice"
    assert "billed twice for invoice INV-2041" in ticket.description
    assert ticket.priority == "high"
    assert ticket.status in ("new", "open")
    assert "billing" in ticket.tags
    assert ticket.requester_id == rig.requester_id
    assert ticket.updated_stamp
    assert bundle.requester is not None and bundle.requester.name == "Maya Chen"
    assert bundle.organization is not None and bundle.organization.name == "Aurora Logistics"


@pytest.mark.anyio
async def test_fetch_requester(rig: Rig) -> None:
    bundle = await rig.client.fetch_requester(rig.requester_id)
    assert bundle.requester is not None
    assert bundle.requester.email == "maya.chen@aurora-logistics.example"
    assert bundle.organization is not None
    assert bundle.organization.fields["monthly_spend"] == 48_000
    ids = [t.id for t in bundle.tickets]
    assert set(ids) == rig.other_ticket_ids | {rig.ticket_id}
    stamps = [t.updated_at for t in bundle.tickets]
    assert all(s is not None for s in stamps)
    assert stamps == sorted(stamps, reverse=True)  # type: ignore[type-var]
    current = next(t for t in bundle.tickets if t.id == rig.ticket_id)
    assert current.updated_stamp and "billing" in current.tags


@pytest.mark.anyio
async def test_apply_update_leaves_one_private_note_with_merged_tags(rig: Rig) -> None:
    marker = marker_for(DECISION)
    before = rig.tags(rig.ticket_id)
    assert await rig.client.has_marker(rig.ticket_id, DECISION) is False
    ticket = (await rig.client.fetch_ticket(rig.ticket_id)).ticket
    writes_before = rig.sandbox.calls.writes(rig.ticket_id)

    result = await rig.client.apply_update(ticket, UPDATE)

    assert result.calls == rig.writes_per_update
    assert rig.sandbox.calls.writes(rig.ticket_id) - writes_before == rig.writes_per_update
    assert rig.private_notes(rig.ticket_id, marker) == 1
    assert rig.tags(rig.ticket_id) == [*before, "make-it-right"]
    assert await rig.client.has_marker(rig.ticket_id, DECISION) is True
    after = (await rig.client.fetch_ticket(rig.ticket_id)).ticket
    assert after.priority == "urgent"
    assert after.tags == (*before, "make-it-right")


@pytest.mark.anyio
async def test_a_marker_of_another_decision_is_not_ours(rig: Rig) -> None:
    ticket = (await rig.client.fetch_ticket(rig.ticket_id)).ticket
    await rig.client.apply_update(ticket, UPDATE)
    assert await rig.client.has_marker(rig.ticket_id, "01JH2Q8ZK3M5N7P9R1T3V5XOTHER") is False


@pytest.mark.anyio
async def test_whoami(rig: Rig) -> None:
    me = await rig.client.whoami()
    assert me.id.isdigit()
    assert me.email


@pytest.mark.anyio
async def test_zendesk_rejects_a_stale_stamp() -> None:
    # Zendesk only: Freshdesk has no conditional update.
    clock = FakeClock()
    sandbox = Sandbox(clock=clock)
    transport = httpx.ASGITransport(app=create_sandbox_app(sandbox))
    rig = _zendesk(sandbox, ClientOptions(transport=transport, clock=clock))
    ticket = (await rig.client.fetch_ticket(rig.ticket_id)).ticket
    stale = Ticket(id=ticket.id, tags=ticket.tags, updated_stamp="2020-01-01T00:00:00Z")
    with pytest.raises(ConflictError):
        await rig.client.apply_update(stale, UPDATE)
    await rig.client.aclose()
    assert rig.private_notes(rig.ticket_id, marker_for(DECISION)) == 0
    assert "make-it-right" not in rig.tags(rig.ticket_id)


# -- inbound: what the sandbox sends, in each vendor's shape, verifies and parses ----------------

WEBHOOK_SECRET = "sandbox-signing-secret"


def _lowered(headers: Mapping[str, str]) -> dict[str, str]:
    return {key.lower(): value for key, value in headers.items()}


@pytest.fixture
def seeded() -> tuple[Sandbox, DemoSeed]:
    sandbox = Sandbox(clock=FakeClock())
    return sandbox, seed_demo(sandbox)


@pytest.mark.parametrize("event", ["ticket.created", "ticket.updated"])
def test_zendesk_trigger_webhooks_verify_and_parse(
    seeded: tuple[Sandbox, DemoSeed], event: str
) -> None:
    sandbox, ids = seeded
    ticket_id = ids.zendesk["tickets"]["top_double_charge"]
    settings = HelpdeskSettings(
        name="zendesk",
        account="zendesk:sandbox",
        base_url="http://sandbox.test/zendesk",
        webhook_secret=Secret(WEBHOOK_SECRET),
    )
    request = sandbox.render_zendesk_trigger(ticket_id, event, secret=WEBHOOK_SECRET)
    headers = _lowered(request.headers)
    verify_zendesk(headers, request.body, settings, sandbox.now())
    parsed = parse_zendesk(headers, request.body, settings)
    assert parsed.kind == event
    assert parsed.ticket_id == str(ticket_id)
    assert parsed.event_id == headers["x-zendesk-webhook-invocation-id"]
    assert parsed.ticket.subject == "Charged twice for the March invoice"
    assert parsed.ticket.priority == "high"
    assert "billing" in parsed.ticket.tags
    assert parsed.ticket.requester_id == str(ids.zendesk["users"]["top"])
    assert parsed.ticket.updated_stamp is None
    assert parsed.complete


@pytest.mark.parametrize(
    ("event_type", "kind"),
    [
        ("comment_added", "comment.added"),
        ("created", "ticket.created"),
        ("status_changed", "ticket.updated"),
    ],
)
def test_zendesk_event_envelopes_verify_and_parse(
    seeded: tuple[Sandbox, DemoSeed], event_type: str, kind: str
) -> None:
    sandbox, ids = seeded
    ticket_id = ids.zendesk["tickets"]["top_double_charge"]
    settings = HelpdeskSettings(
        name="zendesk",
        account="zendesk:sandbox",
        base_url="http://sandbox.test/zendesk",
        webhook_secret=Secret(WEBHOOK_SECRET),
    )
    previous = "new" if event_type == "status_changed" else None
    request = sandbox.render_zendesk_event(
        ticket_id, event_type, secret=WEBHOOK_SECRET, previous=previous
    )
    headers = _lowered(request.headers)
    verify_zendesk(headers, request.body, settings, sandbox.now())
    parsed = parse_zendesk(headers, request.body, settings)
    assert parsed.kind == kind
    assert parsed.ticket_id == str(ticket_id)
    assert parsed.ticket.updated_stamp
    if kind == "comment.added":
        assert parsed.comment is not None and parsed.comment.body
    if event_type == "status_changed":
        assert parsed.changes["status"][0] == "new"


@pytest.mark.parametrize("event", ["ticket.created", "ticket.updated"])
def test_freshdesk_automation_webhooks_authenticate_and_parse(
    seeded: tuple[Sandbox, DemoSeed], event: str
) -> None:
    sandbox, ids = seeded
    ticket_id = ids.freshdesk["tickets"]["top_double_charge"]
    settings = HelpdeskSettings(
        name="freshdesk",
        account="freshdesk:sandbox",
        base_url="http://sandbox.test/freshdesk",
        webhook_secret=Secret(WEBHOOK_SECRET),
    )
    request = sandbox.render_freshdesk(
        ticket_id, event, headers={"X-Helpdesk-Loyalty-Secret": WEBHOOK_SECRET}
    )
    headers = _lowered(request.headers)
    verify_freshdesk(headers, request.body, settings, sandbox.now())
    parsed = parse_freshdesk(headers, request.body, settings)
    assert parsed.kind == event
    assert parsed.ticket_id == str(ticket_id)
    assert parsed.ticket.subject == "Charged twice for the March invoice"
    assert parsed.ticket.priority == "high"
    assert "billing" in parsed.ticket.tags
    assert "billed twice for invoice INV-2041" in parsed.ticket.description
    assert parsed.event_id.startswith(f"{ticket_id}:")
