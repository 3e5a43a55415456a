"""The one update per ticket: what the planner produces and the helpdesk adapters write.

A :class:`TicketUpdate` is helpdesk-neutral. The Zendesk adapter sends it as a single ``PUT``;
the Freshdesk adapter as a ticket ``PUT`` plus a private note ``POST``. It carries the decision
id, and the rendered note carries it too as a marker, so a write whose outcome is unknown can be
checked before it is sent again and our own writes are recognised when they come back as events.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .models import empty_mapping, freeze, priority_rank

__all__ = [
    "MARKER_PREFIX",
    "Note",
    "NoteSection",
    "TicketUpdate",
    "find_marker",
    "marker_for",
]

MARKER_PREFIX = "helpdesk-loyalty decision"
_MARKER_RE = re.compile(r"helpdesk-loyalty decision ([0-9a-zA-Z_-]{8,64})")


def marker_for(decision_id: str) -> str:
    """The marker text a note carries for ``decision_id``."""
    return f"{MARKER_PREFIX} {decision_id}"


def find_marker(text: str) -> str | None:
    """The decision id of the marker in ``text``, or ``None``."""
    match = _MARKER_RE.search(text)
    return match.group(1) if match else None


@dataclass(frozen=True)
class NoteSection:
    """One rule's part of the note: a headline, the evidence, the suggested actions and words."""

    rule: str
    headline: str
    evidence: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    reply: tuple[str, ...] = ()
    guidance: tuple[str, ...] = ()


@dataclass(frozen=True)
class Note:
    """The internal note: one section per rule that matched, and the decision marker."""

    decision_id: str
    sections: tuple[NoteSection, ...]
    title: str = "Loyalty check"


@dataclass(frozen=True)
class TicketUpdate:
    """Everything to write to one ticket for one decision.

    ``add_tags`` are merged with the ticket's current tags at write time (Zendesk ``tags``
    replaces the list). ``priority`` only ever raises. ``fields`` maps custom-field keys (Zendesk
    field ids, Freshdesk ``cf_*`` names) to values.
    """

    decision_id: str
    note: Note | None = None
    add_tags: tuple[str, ...] = ()
    priority: str | None = None
    group_id: str | None = None
    fields: Mapping[str, Any] = field(default_factory=empty_mapping)

    def is_empty(self) -> bool:
        """Whether there is nothing to write."""
        return (
            self.note is None
            and not self.add_tags
            and self.priority is None
            and self.group_id is None
            and not self.fields
        )

    def merged_tags(self, current: tuple[str, ...]) -> tuple[str, ...]:
        """The full tag list to send: ``current`` plus ours, order kept, no duplicates."""
        merged = list(current)
        for tag in self.add_tags:
            if tag not in merged:
                merged.append(tag)
        return tuple(merged)

    def effective_priority(self, current: str | None) -> str | None:
        """The priority to send, or ``None`` when ours would not raise ``current``."""
        if self.priority is None or priority_rank(self.priority) <= priority_rank(current):
            return None
        return self.priority

    def to_json(self) -> dict[str, Any]:
        """A JSON-compatible dict (for the outbox)."""
        note = None
        if self.note is not None:
            note = {
                "decision_id": self.note.decision_id,
                "title": self.note.title,
                "sections": [
                    {
                        "rule": s.rule,
                        "headline": s.headline,
                        "evidence": list(s.evidence),
                        "actions": list(s.actions),
                        "reply": list(s.reply),
                        "guidance": list(s.guidance),
                    }
                    for s in self.note.sections
                ],
            }
        return {
            "decision_id": self.decision_id,
            "note": note,
            "add_tags": list(self.add_tags),
            "priority": self.priority,
            "group_id": self.group_id,
            "fields": dict(self.fields),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TicketUpdate:
        """The inverse of :meth:`to_json`."""
        raw_note = data.get("note")
        note = None
        if raw_note:
            note = Note(
                decision_id=raw_note["decision_id"],
                title=raw_note.get("title", "Loyalty check"),
                sections=tuple(
                    NoteSection(
                        rule=s["rule"],
                        headline=s["headline"],
                        evidence=tuple(s.get("evidence", ())),
                        actions=tuple(s.get("actions", ())),
                        reply=tuple(s.get("reply", ())),
                        guidance=tuple(s.get("guidance", ())),
                    )
                    for s in raw_note["sections"]
                ),
            )
        return cls(
            decision_id=data["decision_id"],
            note=note,
            add_tags=tuple(data.get("add_tags", ())),
            priority=data.get("priority"),
            group_id=data.get("group_id"),
            fields=freeze(data.get("fields")),
        )
