"""The call log: every API call the sandbox answered, for tests and benchmarks to count."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any, Literal

__all__ = ["CallLog", "CallRecord"]

Kind = Literal["read", "write"]


@dataclass(frozen=True)
class CallRecord:
    """One API call: which helpdesk, what was asked, how it was answered and when.

    ``kind`` is ``read`` for GET and ``write`` otherwise; ``ticket_id`` is the ticket in the
    path when there is one; ``credits`` what it cost against the rate limit; ``fault`` whether
    an injected fault shaped the answer.
    """

    helpdesk: str
    method: str
    path: str
    status: int
    kind: Kind
    time: float
    query: str = ""
    ticket_id: str | None = None
    credits: int = 0
    fault: bool = False

    def to_json(self) -> dict[str, Any]:
        """A JSON-compatible dict."""
        return asdict(self)


class CallLog:
    """An append-only list of :class:`CallRecord` with counting helpers."""

    def __init__(self) -> None:
        self._records: list[CallRecord] = []

    def record(self, entry: CallRecord) -> None:
        """Append ``entry``."""
        self._records.append(entry)

    def clear(self) -> None:
        """Forget every call."""
        self._records.clear()

    def select(
        self,
        *,
        helpdesk: str | None = None,
        ticket_id: str | int | None = None,
        kind: Kind | None = None,
        status: int | None = None,
        method: str | None = None,
    ) -> list[CallRecord]:
        """The calls matching every filter given."""
        wanted = None if ticket_id is None else str(ticket_id)
        return [
            r
            for r in self._records
            if (helpdesk is None or r.helpdesk == helpdesk)
            and (wanted is None or r.ticket_id == wanted)
            and (kind is None or r.kind == kind)
            and (status is None or r.status == status)
            and (method is None or r.method == method.upper())
        ]

    def reads(self, ticket_id: str | int | None = None, *, helpdesk: str | None = None) -> int:
        """How many reads (of ``ticket_id``, when given)."""
        return len(self.select(helpdesk=helpdesk, ticket_id=ticket_id, kind="read"))

    def writes(self, ticket_id: str | int | None = None, *, helpdesk: str | None = None) -> int:
        """How many writes (to ``ticket_id``, when given)."""
        return len(self.select(helpdesk=helpdesk, ticket_id=ticket_id, kind="write"))

    def throttled(self, *, helpdesk: str | None = None) -> int:
        """How many calls were answered 429."""
        return len(self.select(helpdesk=helpdesk, status=429))

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[CallRecord]:
        return iter(list(self._records))
