"""helpdesk-loyalty: loyalty-building customer service on every helpdesk ticket.

The public API for plugin authors is re-exported here: the hook marker, the result and action
types, the context and the domain model.
"""

from __future__ import annotations

from .actions import (
    Action,
    AddNote,
    AddTags,
    AssignGroup,
    RequestFollowUp,
    RuleResult,
    SetField,
    SetPriority,
    SuggestCredit,
)
from .context import EnrichmentContext, RuleContext
from .hookspecs import hookimpl
from .models import (
    Comment,
    CreditRecord,
    Evidence,
    Organization,
    Person,
    Ticket,
    TicketEvent,
    TicketSummary,
)
from .pluginconfig import Setting
from .signals import CustomerSignals, PhraseMatch, Signals, TextSignals, TicketSignals

__version__ = "0.1.0"

__all__ = [
    "Action",
    "AddNote",
    "AddTags",
    "AssignGroup",
    "Comment",
    "CreditRecord",
    "CustomerSignals",
    "EnrichmentContext",
    "Evidence",
    "Organization",
    "Person",
    "PhraseMatch",
    "RequestFollowUp",
    "RuleContext",
    "RuleResult",
    "SetField",
    "SetPriority",
    "Setting",
    "Signals",
    "SuggestCredit",
    "TextSignals",
    "Ticket",
    "TicketEvent",
    "TicketSignals",
    "TicketSummary",
    "__version__",
    "hookimpl",
]
