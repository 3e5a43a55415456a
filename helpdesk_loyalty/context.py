"""The context a rule decides from, and the context an enrichment plugin reads.

A hook takes one context object, so adding a field here never breaks a plugin.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .models import (
    CreditRecord,
    Organization,
    Person,
    Ticket,
    TicketEvent,
    TicketSummary,
    empty_mapping,
)
from .signals import Signals

__all__ = ["EnrichmentContext", "RuleContext"]


@dataclass(frozen=True)
class EnrichmentContext:
    """What an enrichment plugin gets: the event, the ticket, the people, its own settings.

    ``customer_key`` identifies the paying customer across tickets (organization if there is
    one, else requester), for looking up accounts in outside systems.
    """

    event: TicketEvent
    ticket: Ticket
    requester: Person | None
    organization: Organization | None
    customer_key: str
    config: Mapping[str, Any]
    now: datetime


@dataclass(frozen=True)
class RuleContext:
    """Everything a rule may look at. Rules do no I/O: what they need is here.

    - ``event``: the inbound event; ``ticket``: the ticket's state when the event was handled.
    - ``requester`` / ``organization``: the customer, with their custom fields.
    - ``history``: the requester's other recent tickets, newest first.
    - ``credits``: credits suggested to this customer before (for caps), newest first.
    - ``signals``: text, ticket, customer and enrichment signals, computed once per event.
    - ``config``: this rule's own validated settings from the rules file.
    - ``rule``: the rule's name; ``mode``: its mode (a rule may explain more in ``shadow``).
    - ``now``: the time to decide at (tests move it).
    """

    rule: str
    event: TicketEvent
    ticket: Ticket
    requester: Person | None
    organization: Organization | None
    history: tuple[TicketSummary, ...]
    credits: tuple[CreditRecord, ...]
    signals: Signals
    config: Mapping[str, Any]
    now: datetime
    customer_key: str
    mode: str = "suggest"
    extra: Mapping[str, Any] = field(default_factory=empty_mapping)
