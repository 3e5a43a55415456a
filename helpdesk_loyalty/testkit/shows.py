"""What a sandbox ticket shows an agent: tags, priority, group, internal notes, custom fields.

Read from the sandbox's own state, after the service wrote through the helpdesk API, so a test
asserts on the outcome an agent would see rather than on what the service meant to send.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..models import empty_mapping
from ..sandbox import Sandbox

__all__ = ["TicketShows", "ticket_shows"]

# Freshdesk priorities are numbers (developers.freshdesk.com/api/#tickets: 1 low .. 4 urgent).
_FRESHDESK_PRIORITIES = {1: "low", 2: "medium", 3: "high", 4: "urgent"}


@dataclass(frozen=True)
class TicketShows:
    """A ticket as the helpdesk shows it now. ``notes`` are the internal (private) notes as
    plain text, oldest first; ``group`` is the group's name, ``group_id`` its id."""

    helpdesk: str
    ticket_id: str
    tags: tuple[str, ...] = ()
    priority: str | None = None
    group: str | None = None
    group_id: str | None = None
    notes: tuple[str, ...] = ()
    fields: Mapping[str, Any] = field(default_factory=empty_mapping)

    @property
    def note(self) -> str:
        """Every internal note, joined: for ``"..." in shows.note``."""
        return "\n\n".join(self.notes)


def ticket_shows(sandbox: Sandbox, helpdesk: str, ticket_id: str | int) -> TicketShows:
    """Read ticket ``ticket_id`` of ``helpdesk`` (``zendesk`` or ``freshdesk``) from the sandbox."""
    if helpdesk == "zendesk":
        zt = sandbox.zendesk_ticket(ticket_id)
        zgroup = sandbox.zendesk.groups.get(zt.group_id or -1)
        return TicketShows(
            helpdesk,
            str(zt.id),
            tuple(zt.tags),
            zt.priority,
            zgroup.name if zgroup else None,
            str(zt.group_id) if zt.group_id is not None else None,
            tuple(c.body for c in zt.comments if not c.public),
            {str(k): v for k, v in zt.custom_fields.items() if v not in (None, "")},
        )
    ft = sandbox.freshdesk_ticket(ticket_id)
    fgroup = sandbox.freshdesk.groups.get(ft.group_id or -1)
    return TicketShows(
        helpdesk,
        str(ft.id),
        tuple(ft.tags),
        _FRESHDESK_PRIORITIES.get(ft.priority, str(ft.priority)),
        fgroup.name if fgroup else None,
        str(ft.group_id) if ft.group_id is not None else None,
        tuple(c.body_text for c in ft.conversations if c.private),
        {k: v for k, v in ft.custom_fields.items() if v not in (None, "")},
    )
