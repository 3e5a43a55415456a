"""What a rule returns: a result with evidence, and actions for the ticket.

Actions describe intent, not HTTP. The planner merges the actions of every rule into one
:class:`~helpdesk_loyalty.update.TicketUpdate` and the rule's mode decides how far each goes:

========================  ==================================  ==============================
action                    ``suggest`` mode                    ``act`` mode
========================  ==================================  ==============================
:class:`AddTags`          tags added                          tags added
:class:`AddNote`          lines in the internal note          lines in the internal note
:class:`SetPriority`      shown in the note as a suggestion   raised (never lowered)
:class:`AssignGroup`      shown in the note as a suggestion   ticket routed to the group
:class:`SetField`         shown in the note as a suggestion   custom field set
:class:`SuggestCredit`    note line; never applied            note line; never applied
:class:`RequestFollowUp`  follow-up note once solved          follow-up note once solved
========================  ==================================  ==============================

``shadow`` writes nothing: the decision only reaches the ledger.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .models import Evidence

__all__ = [
    "Action",
    "AddNote",
    "AddTags",
    "AssignGroup",
    "RequestFollowUp",
    "RuleResult",
    "SetField",
    "SetPriority",
    "SuggestCredit",
    "describe_action",
]


@dataclass(frozen=True)
class AddTags:
    """Add tags to the ticket (merged with the tags it already has)."""

    tags: tuple[str, ...]


@dataclass(frozen=True)
class AddNote:
    """Extra lines for the internal note (guidance for the agent)."""

    text: str


@dataclass(frozen=True)
class SetPriority:
    """Raise the ticket's priority (``low``/``normal``/``high``/``urgent``); never lowers it."""

    priority: str


@dataclass(frozen=True)
class AssignGroup:
    """Route the ticket to a group (by the helpdesk's group id)."""

    group_id: str
    group_name: str = ""


@dataclass(frozen=True)
class SetField:
    """Set a ticket custom field (Zendesk field id, Freshdesk ``cf_*`` name)."""

    field: str
    value: Any


@dataclass(frozen=True)
class SuggestCredit:
    """Suggest a bill credit. Money never moves by itself: a person applies it.

    ``needs_approval`` is set when the amount is above the policy's approval threshold.
    ``basis`` explains the amount in words (``"25% of a $80.00 monthly bill, repeat failure"``).
    """

    amount: float
    currency: str
    reason: str
    basis: str = ""
    needs_approval: bool = False


@dataclass(frozen=True)
class RequestFollowUp:
    """When the ticket is solved, leave a note after ``days`` asking to check the fix held."""

    days: int
    check: str


Action = AddTags | AddNote | SetPriority | AssignGroup | SetField | SuggestCredit | RequestFollowUp


def describe_action(action: Action) -> str:
    """One line saying what the action does, for notes and the ledger."""
    match action:
        case AddTags(tags=tags):
            return "tag " + ", ".join(tags)
        case AddNote(text=text):
            return "note: " + text
        case SetPriority(priority=priority):
            return f"priority {priority}"
        case AssignGroup(group_id=group_id, group_name=name):
            return f"route to group {name or group_id}"
        case SetField(field=name, value=value):
            return f"set field {name} = {value}"
        case SuggestCredit(amount=amount, currency=currency, needs_approval=approval):
            suffix = " (needs approval)" if approval else ""
            return f"suggest credit {currency} {amount:.2f}{suffix}"
        case RequestFollowUp(days=days):
            return f"follow up {days} days after solved"
    raise TypeError(f"not an action: {action!r}")


@dataclass(frozen=True)
class RuleResult:
    """What one rule decided for one event.

    ``summary`` says in one line what went wrong for the customer ("Billed twice for October").
    ``evidence`` lists the signals behind it; ``reply`` suggests words for the agent to use with
    the customer (acknowledge, apologise, act, follow up). ``reason`` says, when the rule did not
    match, why not (for the ledger: "credit cap reached for this period").
    """

    matched: bool
    summary: str = ""
    evidence: tuple[Evidence, ...] = ()
    actions: tuple[Action, ...] = ()
    reply: tuple[str, ...] = ()
    reason: str = ""

    @classmethod
    def no_match(cls, reason: str, evidence: tuple[Evidence, ...] = ()) -> RuleResult:
        """A result for a rule that looked and decided to do nothing, with the reason."""
        return cls(matched=False, reason=reason, evidence=evidence)
