"""What one Zendesk ticket update did: its audit (comment and field changes) and its errors.

Triggers and event subscriptions read the audit; ``PUT`` and ``POST`` answer with it, as the
Tickets API does (``{"ticket": ..., "audit": ...}``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .timefmt import iso_seconds
from .zendesk_records import ZdComment

__all__ = ["ZdAudit", "ZdChange", "ZdInvalid", "invalid"]


class ZdInvalid(Exception):
    """A 422 ``RecordInvalid``; ``details`` maps a field to its errors, as Zendesk answers."""

    def __init__(self, details: dict[str, list[dict[str, str]]]) -> None:
        self.details = details
        super().__init__(str(details))

    def body(self) -> dict[str, Any]:
        """The JSON error body."""
        return {
            "error": "RecordInvalid",
            "description": "Record validation errors",
            "details": self.details,
        }


def invalid(field_name: str, description: str, error: str = "InvalidValue") -> ZdInvalid:
    """A :class:`ZdInvalid` for one field."""
    return ZdInvalid({field_name: [{"description": description, "error": error}]})


@dataclass
class ZdChange:
    """One field changed by an update: ``field`` is ``status``, ``priority``, ``type``,
    ``subject``, ``group_id``, ``assignee_id``, ``tags`` or a custom field id as a string.
    ``rule`` is the ``(id, title)`` of the trigger that made the change, if one did."""

    field: str
    previous: Any
    value: Any
    rule: tuple[int, str] | None = None


@dataclass
class ZdAudit:
    """One ticket update: who, when, the comment it added and the fields it changed."""

    id: int
    ticket_id: int
    author_id: int
    created_at: float
    is_create: bool
    via_channel: str
    comment: ZdComment | None = None
    changes: dict[str, ZdChange] = field(default_factory=dict)
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        """Whether nothing happened (Zendesk records no audit then)."""
        return not self.is_create and self.comment is None and not self.changes

    def record(
        self, name: str, previous: Any, value: Any, rule: tuple[int, str] | None = None
    ) -> None:
        """Note a change; a second change to one field keeps the first ``previous``."""
        if previous == value:
            return
        earlier = self.changes.get(name)
        if earlier is not None:
            previous = earlier.previous
            rule = rule or earlier.rule
            if previous == value:
                del self.changes[name]
                return
        self.changes[name] = ZdChange(name, previous, value, rule)

    def to_json(self) -> dict[str, Any]:
        """The audit as the Tickets API returns it next to the ticket."""
        events: list[dict[str, Any]] = []
        next_id = self.id * 10
        if self.comment is not None:
            events.append(self.comment.to_json())
        for change in self.changes.values():
            next_id += 1
            kind = "Create" if self.is_create else "Change"
            event: dict[str, Any] = {
                "id": next_id,
                "type": kind,
                "field_name": change.field,
                "value": change.value,
            }
            if not self.is_create:
                event["previous_value"] = change.previous
            if change.rule is not None:
                event["via"] = {
                    "channel": "rule",
                    "source": {
                        "from": {"id": change.rule[0], "title": change.rule[1]},
                        "rel": "trigger",
                    },
                }
            events.append(event)
        return {
            "id": self.id,
            "ticket_id": self.ticket_id,
            "created_at": iso_seconds(self.created_at),
            "author_id": self.author_id,
            "metadata": {"system": {"ip_address": "127.0.0.1"}, "custom": dict(self.metadata)},
            "events": events,
            "via": {"channel": self.via_channel, "source": {"from": {}, "to": {}, "rel": None}},
        }
