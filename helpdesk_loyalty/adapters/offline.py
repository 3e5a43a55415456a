"""A client for replaying payloads without a helpdesk: reads find nothing, writes are refused."""

from __future__ import annotations

from ..errors import PermanentHelpdeskError
from ..models import Person, Ticket
from ..update import TicketUpdate
from .base import CallStats, RequesterBundle, TicketBundle, WriteResult

__all__ = ["OfflineClient"]


class OfflineClient:
    """Stands in for a helpdesk that is not configured (``receive`` without credentials)."""

    def __init__(self, helpdesk: str, account: str) -> None:
        self.helpdesk = helpdesk
        self.account = account
        self.stats = CallStats()

    async def fetch_ticket(self, ticket_id: str) -> TicketBundle:
        raise PermanentHelpdeskError(
            f"the payload carries no ticket text and {self.helpdesk} is not configured, so ticket "
            f"{ticket_id} cannot be read; set the HL_{self.helpdesk.upper()}_* variables"
        )

    async def fetch_requester(self, requester_id: str) -> RequesterBundle:
        return RequesterBundle(requester=Person(id=requester_id))

    async def apply_update(self, ticket: Ticket, update: TicketUpdate) -> WriteResult:
        raise PermanentHelpdeskError(f"{self.helpdesk} is not configured: nothing can be written")

    async def has_marker(self, ticket_id: str, decision_id: str) -> bool:
        return False

    async def whoami(self) -> Person:
        raise PermanentHelpdeskError(f"{self.helpdesk} is not configured")

    async def aclose(self) -> None:
        return None
