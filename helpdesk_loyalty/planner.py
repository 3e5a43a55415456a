"""The planner: turns every rule's result into ONE ticket update, honouring each rule's mode.

``shadow`` results reach the ledger only. ``suggest`` results add their tags and a note section;
priority, group and field changes appear in the note as suggestions. ``act`` results also change
priority (only upwards), group and fields. When two acting rules want different groups or values
for one field, the rule earlier in ``[defaults] precedence`` wins and the other is mentioned in
the note. Credits are always only suggested: money never moves by itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from .actions import (
    AddNote,
    AddTags,
    AssignGroup,
    RequestFollowUp,
    SetField,
    SetPriority,
    SuggestCredit,
    describe_action,
)
from .engine import RuleRun
from .models import CreditRecord, priority_rank
from .update import Note, NoteSection, TicketUpdate

__all__ = ["FollowUpRequest", "Plan", "plan_update"]

DEFAULT_PRECEDENCE = ("escalate_to_supervisor", "flag_struggling_payer", "suggest_bill_credit")


@dataclass(frozen=True)
class FollowUpRequest:
    """A rule asked for a follow-up once the ticket is solved."""

    rule: str
    days: int
    check: str


@dataclass(frozen=True)
class Plan:
    """The update to write (``None`` when there is nothing), credits to remember and follow-ups."""

    update: TicketUpdate | None
    credits: tuple[CreditRecord, ...] = ()
    follow_ups: tuple[FollowUpRequest, ...] = ()
    writing_rules: tuple[str, ...] = field(default_factory=tuple)


def _ordered(runs: Sequence[RuleRun], precedence: Sequence[str]) -> list[RuleRun]:
    order = {name: i for i, name in enumerate(precedence)}
    return sorted(runs, key=lambda r: (order.get(r.rule, len(order)), r.rule))


def plan_update(
    decision_id: str,
    runs: Sequence[RuleRun],
    *,
    customer_key: str,
    ticket_id: str,
    now: datetime,
    precedence: Sequence[str] = DEFAULT_PRECEDENCE,
) -> Plan:
    """Merge the matched results of ``runs`` into one plan."""
    sections: list[NoteSection] = []
    tags: list[str] = []
    priority: str | None = None
    group: str | None = None
    fields: dict[str, object] = {}
    credits: list[CreditRecord] = []
    follow_ups: list[FollowUpRequest] = []
    writers: list[str] = []

    for run in _ordered(runs, precedence):
        result = run.result
        if run.status != "matched" or result is None or run.mode not in ("suggest", "act"):
            continue
        acting = run.mode == "act"
        writers.append(run.rule)
        lines: list[str] = []
        guidance: list[str] = []
        for action in result.actions:
            match action:
                case AddTags(tags=new):
                    tags.extend(t for t in new if t not in tags)
                case AddNote(text=text):
                    guidance.append(text)
                case SetPriority(priority=wanted) if acting:
                    if priority_rank(wanted) > priority_rank(priority):
                        priority = wanted
                    lines.append(f"Priority raised to {wanted}")
                case AssignGroup(group_id=gid, group_name=gname) if acting:
                    if group is None:
                        group = gid
                        lines.append(f"Routed to {gname or gid}")
                    elif group != gid:
                        lines.append(
                            f"Would route to {gname or gid}; a rule with precedence routed it"
                        )
                case SetField(field=name, value=value) if acting:
                    if name not in fields:
                        fields[name] = value
                        lines.append(f"Field {name} set to {value}")
                    elif fields[name] != value:
                        lines.append(f"Would set field {name} to {value}; kept {fields[name]}")
                case SuggestCredit() as credit:
                    approval = ", needs approval" if credit.needs_approval else ""
                    lines.append(
                        f"Suggested credit: {credit.currency} {credit.amount:.2f}{approval} "
                        "(not applied: a person reviews and applies it)"
                    )
                    if credit.basis:
                        lines.append(f"Basis: {credit.basis}")
                    credits.append(
                        CreditRecord(
                            customer_key,
                            credit.amount,
                            credit.currency,
                            now,
                            ticket_id,
                            decision_id,
                        )
                    )
                case RequestFollowUp(days=days, check=check):
                    follow_ups.append(FollowUpRequest(run.rule, days, check))
                    lines.append(f"Follow up {days} days after it is solved: {check}")
                case _:
                    lines.append("Suggested: " + describe_action(action))
        sections.append(
            NoteSection(
                rule=run.rule,
                headline=result.summary or run.rule.replace("_", " "),
                evidence=tuple(e.text for e in result.evidence),
                actions=tuple(lines),
                reply=result.reply,
                guidance=tuple(guidance),
            )
        )

    if not sections:
        return Plan(update=None)
    update = TicketUpdate(
        decision_id=decision_id,
        note=Note(decision_id=decision_id, sections=tuple(sections)),
        add_tags=tuple(tags),
        priority=priority,
        group_id=group,
        fields=fields,
    )
    return Plan(
        update=update,
        credits=tuple(credits),
        follow_ups=tuple(follow_ups),
        writing_rules=tuple(writers),
    )
