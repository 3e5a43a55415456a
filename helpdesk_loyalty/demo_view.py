"""How the demo prints a ticket: what is on it now in the sandbox, and why (from the ledger)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from .store.base import LedgerEntry

if TYPE_CHECKING:
    from .demo import DemoTicket
    from .sandbox import Sandbox

__all__ = ["TicketView", "print_ticket"]

FD_PRIORITIES = {1: "low", 2: "medium", 3: "high", 4: "urgent"}


@dataclass(frozen=True)
class TicketView:
    """A demo ticket once opened: its id in the sandbox and the requester's id."""

    demo: DemoTicket
    ticket_id: str
    requester: int


def _state(sandbox: Sandbox, helpdesk: str, ticket_id: str) -> dict[str, Any]:
    if helpdesk == "zendesk":
        zt = sandbox.zendesk_ticket(ticket_id)
        groups = sandbox.zendesk.groups
        notes = [c.body for c in zt.comments if not c.public]
        org = sandbox.zendesk.organizations.get(zt.organization_id or -1)
        return {
            "tags": list(zt.tags),
            "priority": zt.priority or "-",
            "group": groups[zt.group_id].name if zt.group_id in groups else "-",
            "notes": notes,
            "customer": org.name if org else "",
            "fields": {k: v for k, v in zt.custom_fields.items() if v not in (None, "")},
        }
    ft = sandbox.freshdesk_ticket(ticket_id)
    fgroups = sandbox.freshdesk.groups
    company = sandbox.freshdesk.companies.get(ft.company_id or -1)
    return {
        "tags": list(ft.tags),
        "priority": FD_PRIORITIES.get(ft.priority, str(ft.priority)),
        "group": fgroups[ft.group_id].name if ft.group_id in fgroups else "-",
        "notes": [c.body_text for c in ft.conversations if c.private],
        "customer": company.name if company else "",
        "fields": {k: v for k, v in ft.custom_fields.items() if v not in (None, "")},
    }


def _what_was_set(applied: Sequence[LedgerEntry], state: Mapping[str, Any]) -> tuple[str, str]:
    """Priority and group as the update set them (the ticket's values, by name), or
    ``unchanged`` when no update of the event touched them."""
    set_priority = any(r.detail.get("priority") for r in applied)
    set_group = any(r.detail.get("group_id") for r in applied)
    return (
        state["priority"] if set_priority else "unchanged",
        state["group"] if set_group else "unchanged",
    )


def _why(rows: Sequence[LedgerEntry]) -> list[str]:
    decided = [r for r in rows if r.what == "decided"]
    if not decided:
        return [r.detail.get("reason", r.what) for r in rows if r.what == "skipped"]
    lines = []
    for rule in decided[-1].detail.get("rules", ()):
        text = rule.get("summary") or rule.get("reason") or rule.get("error") or ""
        lines.append(
            f"{rule['rule']} [{rule['mode']}]: {rule['status'].replace('_', ' ')}"
            + (f" — {text}" if text else "")
        )
        evidence = "; ".join(e["text"] for e in rule.get("evidence", ()))
        if evidence and rule["status"] == "matched":
            lines.append(f"    evidence: {evidence}")
    return lines


def print_ticket(
    view: TicketView,
    rows: Sequence[LedgerEntry],
    sandbox: Sandbox,
    helpdesk: str,
    ids: Mapping[str, Any],
    out: TextIO,
) -> None:
    """One ticket's story: who, what was written back, and why."""
    state = _state(sandbox, helpdesk, view.ticket_id)
    applied = [r for r in rows if r.what == "applied"]
    print(
        f"\n━━ #{view.ticket_id} “{view.demo.subject}” — {state['customer']} "
        f"(expected: {view.demo.expect})",
        file=out,
    )
    if not applied:
        print("   written back: nothing", file=out)
    else:
        calls = sum(int(r.detail.get("calls", 0)) for r in applied)
        print(f"   written back in {calls} API call(s):", file=out)
        priority, group = _what_was_set(applied, state)
        print(f"     priority: {priority}   group: {group}", file=out)
        print(f"     tags: {', '.join(state['tags']) or '-'}", file=out)
        if state["fields"]:
            print(f"     fields: {state['fields']}", file=out)
        for note in state["notes"]:
            print("     internal note:", file=out)
            for line in note.strip().splitlines():
                if line.strip():
                    print(f"       {line.strip()}", file=out)
    print("   why:", file=out)
    for line in _why(rows):
        print(f"     {line}", file=out)
