"""Realistic demo data, the same story in both helpdesks.

Four customers: a top customer on an enterprise plan with a high monthly spend and two recent
tickets before today's billing error; a customer who signed up five days ago; a small business
with overdue payments asking for time to pay; a clinic whose installation appointment was
missed. Groups "Support", "Supervisors" and "Billing"; custom ticket fields for the suggested
credit and the payment plan offered. Billing facts live in organization fields (Zendesk) and
company custom fields (Freshdesk) under the same keys: ``monthly_spend``, ``tier``, ``plan``,
``payment_status``, ``days_overdue``, ``failed_payments``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .freshdesk_records import FdAgent
from .sandbox import Sandbox

__all__ = ["DemoSeed", "seed_demo"]

DAY = 86_400.0
HOUR = 3_600.0


@dataclass(frozen=True)
class Customer:
    """One demo customer: the person, their organization and its billing facts."""

    key: str
    person: str
    email: str
    organization: str
    domain: str
    since_days: float
    billing: dict[str, Any]
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Story:
    """One demo ticket: who, what, when (hours ago) and how it stands."""

    key: str
    customer: str
    subject: str
    body: str
    hours_ago: float
    priority: str = "normal"
    status: str = "open"
    tags: tuple[str, ...] = ()


CUSTOMERS = (
    Customer(
        "top",
        "Maya Chen",
        "maya.chen@aurora-logistics.example",
        "Aurora Logistics",
        "aurora-logistics.example",
        3 * 365,
        {
            "monthly_spend": 48_000,
            "tier": "platinum",
            "plan": "enterprise",
            "payment_status": "current",
            "days_overdue": 0,
            "failed_payments": 0,
        },
        ("vip", "enterprise"),
    ),
    Customer(
        "new",
        "Theo Park",
        "theo@bramble.example",
        "Bramble & Co",
        "bramble.example",
        5,
        {
            "monthly_spend": 49,
            "tier": "standard",
            "plan": "starter",
            "payment_status": "current",
            "days_overdue": 0,
            "failed_payments": 0,
        },
    ),
    Customer(
        "overdue",
        "Sam Rivera",
        "sam@northwind-bakery.example",
        "Northwind Bakery",
        "northwind-bakery.example",
        2 * 365,
        {
            "monthly_spend": 320,
            "tier": "standard",
            "plan": "growth",
            "payment_status": "overdue",
            "days_overdue": 45,
            "failed_payments": 3,
        },
    ),
    Customer(
        "clinic",
        "Dr. Lena Okafor",
        "lena@kestrel-dental.example",
        "Kestrel Dental",
        "kestrel-dental.example",
        400,
        {
            "monthly_spend": 1_250,
            "tier": "gold",
            "plan": "business",
            "payment_status": "current",
            "days_overdue": 0,
            "failed_payments": 0,
        },
    ),
)

STORIES = (
    Story(
        "top_invoice_vat",
        "top",
        "Invoice shows the wrong VAT rate",
        "Our February invoice applies 25% VAT instead of 20%. Can you correct it?",
        12 * 24,
        status="solved",
        tags=("billing",),
    ),
    Story(
        "top_outage",
        "top",
        "Dashboard down this morning",
        "The tracking dashboard has been unreachable since 7am. Our dispatchers are blind.",
        5 * 24,
        priority="high",
        status="solved",
        tags=("outage",),
    ),
    Story(
        "top_double_charge",
        "top",
        "Charged twice for the March invoice",
        "Hi, we were billed twice for invoice INV-2041 ($4,000 each). This is the second "
        "billing mistake this quarter and honestly I'm getting fed up. I need this refunded "
        "today, and I'd like to speak to a manager.",
        2,
        priority="high",
        tags=("billing",),
    ),
    Story(
        "new_question",
        "new",
        "How do I add a second user?",
        "We just signed up last week. How do I invite my business partner to the account?",
        3,
        status="new",
    ),
    Story(
        "overdue_hardship",
        "overdue",
        "Can't pay this month, can we work something out?",
        "I lost my biggest wholesale client and my card payment failed again. I can't afford "
        "the full amount this month. Is there any way to split it or delay it? I really "
        "don't want to lose the service.",
        1,
        tags=("billing",),
    ),
    Story(
        "clinic_missed_install",
        "clinic",
        "Technician never showed up",
        "We closed the clinic for the afternoon for the installation and nobody came. "
        "Nobody called either. This is unacceptable.",
        4,
        priority="high",
    ),
)


@dataclass
class DemoSeed:
    """The ids the demo data got, by key, in each helpdesk."""

    zendesk: dict[str, dict[str, int]] = field(default_factory=dict)
    freshdesk: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """A JSON-compatible dict."""
        return {"zendesk": self.zendesk, "freshdesk": self.freshdesk}


def _date(ts: float) -> str:
    return datetime.fromtimestamp(ts, tz=UTC).strftime("%Y-%m-%d")


def _seed_zendesk(sandbox: Sandbox, now: float) -> dict[str, dict[str, int]]:
    state = sandbox.zendesk
    ids: dict[str, dict[str, int]] = {
        "groups": {},
        "users": {},
        "organizations": {},
        "fields": {},
        "tickets": {},
        "agents": {},
    }
    start = now - 4 * 365 * DAY
    for name in ("Support", "Supervisors", "Billing"):
        ids["groups"][name.lower()] = state.add_group(name, now=start).id
    for key, name, email, group in (
        ("agent", "Alex Morgan", "alex@sandbox.example", "support"),
        ("supervisor", "Jordan Lee", "jordan@sandbox.example", "supervisors"),
    ):
        agent = state.add_user(
            name, email, "agent", now=start, default_group_id=ids["groups"][group]
        )
        ids["agents"][key] = agent.id
    ids["fields"]["credit_suggested"] = state.add_ticket_field(
        "Credit suggested", "decimal", now=start
    ).id
    ids["fields"]["payment_plan"] = state.add_ticket_field(
        "Payment plan offered",
        "tagger",
        now=start,
        options=["payment_plan_installments", "payment_plan_deferral"],
    ).id
    for customer in CUSTOMERS:
        since = now - customer.since_days * DAY
        org = state.add_organization(
            customer.organization,
            now=since,
            organization_fields=dict(customer.billing),
            tags=list(customer.tags),
            domain_names=[customer.domain],
        )
        user = state.add_user(
            customer.person,
            customer.email,
            "end-user",
            now=since,
            organization_id=org.id,
            tags=list(customer.tags),
            user_fields={"customer_since": _date(since), "vip": "vip" in customer.tags},
        )
        ids["organizations"][customer.key] = org.id
        ids["users"][customer.key] = user.id
    support = state.users[ids["agents"]["agent"]]
    for story in STORIES:
        at = now - story.hours_ago * HOUR
        requester = state.users[ids["users"][story.customer]]
        ticket, _ = state.create_ticket(
            {
                "subject": story.subject,
                "comment": {"body": story.body},
                "requester_id": requester.id,
                "priority": story.priority,
                "tags": list(story.tags),
                "group_id": ids["groups"]["support"],
            },
            requester,
            at,
            via="web",
        )
        if story.status != "new":
            state.update_ticket(
                ticket, {"status": "open", "assignee_id": support.id}, support, at + 600
            )
        if story.status == "solved":
            state.update_ticket(
                ticket,
                {
                    "status": "solved",
                    "comment": {"body": "Sorted: thanks for your patience!", "public": True},
                },
                support,
                at + 2 * HOUR,
            )
        ids["tickets"][story.key] = ticket.id
    return ids


def _seed_freshdesk(sandbox: Sandbox, now: float) -> dict[str, dict[str, int]]:
    state = sandbox.freshdesk
    ids: dict[str, dict[str, int]] = {
        "groups": {},
        "contacts": {},
        "companies": {},
        "tickets": {},
        "agents": {},
    }
    start = now - 4 * 365 * DAY
    for name in ("Support", "Supervisors", "Billing"):
        ids["groups"][name.lower()] = state.add_group(name, now=start).id
    state.add_ticket_field("credit_suggested", "Credit suggested", "custom_decimal", now=start)
    state.add_ticket_field(
        "payment_plan",
        "Payment plan offered",
        "custom_dropdown",
        now=start,
        choices=["Installments", "Deferral"],
    )
    for key, name, email, group in (
        ("agent", "Alex Morgan", "alex@sandbox.example", "support"),
        ("supervisor", "Jordan Lee", "jordan@sandbox.example", "supervisors"),
    ):
        agent = FdAgent(state.next_id("contact"), name, email, start, [ids["groups"][group]])
        state.agents[agent.id] = agent
        ids["agents"][key] = agent.id
    for customer in CUSTOMERS:
        since = now - customer.since_days * DAY
        company = state.add_company(
            customer.organization,
            now=since,
            domains=[customer.domain],
            custom_fields=dict(customer.billing),
            account_tier=str(customer.billing["plan"]).capitalize(),
        )
        contact = state.add_contact(
            customer.person,
            customer.email,
            now=since,
            company_id=company.id,
            tags=list(customer.tags),
            custom_fields={"customer_since": _date(since)},
        )
        ids["companies"][customer.key] = company.id
        ids["contacts"][customer.key] = contact.id
    codes = {"low": 1, "normal": 2, "high": 3, "urgent": 4}
    for story in STORIES:
        at = now - story.hours_ago * HOUR
        ticket, _ = state.create_ticket(
            {
                "subject": story.subject,
                "description": f"<div>{story.body}</div>",
                "requester_id": ids["contacts"][story.customer],
                "priority": codes[story.priority],
                "tags": list(story.tags),
                "group_id": ids["groups"]["support"],
            },
            at,
        )
        if story.status == "solved":
            state.add_note(
                ticket,
                {
                    "body": "<div>Sorted: thanks for your patience!</div>",
                    "private": False,
                    "user_id": ids["agents"]["agent"],
                },
                at + HOUR,
            )
            state.update_ticket(
                ticket, {"status": 4, "responder_id": ids["agents"]["agent"]}, at + 2 * HOUR
            )
        ids["tickets"][story.key] = ticket.id
    return ids


def seed_demo(sandbox: Sandbox) -> DemoSeed:
    """Load the demo data into both accounts (no triggers or rules run) and return its ids."""
    now = sandbox.now()
    return DemoSeed(_seed_zendesk(sandbox, now), _seed_freshdesk(sandbox, now))
