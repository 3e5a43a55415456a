"""The Freshdesk API client: ticket reads, a ticket ``PUT`` plus a private note ``POST``.

Endpoints and behaviour relied on (Freshdesk API v2, https://developers.freshdesk.com/api/):

- Auth is HTTP Basic with the API key as user name and ``X`` as password.
- ``GET /api/v2/tickets/{id}?include=requester,company`` reads the ticket with a partial
  requester (id, name, email, phone) and the company in one call. Each ``include`` costs extra
  API credits (``X-RateLimit-Used-CurrentRequest`` shows them), still cheaper than two more calls.
- ``GET /api/v2/tickets?requester_id=`` lists a requester's tickets (by default only those
  created in the last 30 days, which covers the repeat-contact signals). Contacts and companies
  carry the custom fields rules read, which no ticket include returns, so
  :meth:`FreshdeskClient.fetch_requester` reads the contact and the company too: up to three
  calls, counted in :attr:`FreshdeskClient.stats`.
- ``PUT /api/v2/tickets/{id}`` takes a flat body; ``tags`` is treated as the full list.
- ``POST /api/v2/tickets/{id}/notes`` with ``"private": true`` adds the internal note.
- Errors come as ``{"description": ..., "errors": [{"field", "message", "code"}]}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...errors import ConfigError, PayloadError, PermanentHelpdeskError
from ...models import Organization, Person, Ticket
from ...notes import render_html
from ...ratelimit import AccountLimiter
from ...update import TicketUpdate, find_marker
from ..base import (
    CallStats,
    ClientOptions,
    HelpdeskSettings,
    RequesterBundle,
    TicketBundle,
    WriteResult,
)
from ..http import HelpdeskHttp, SecretBasicAuth, path_id
from .mapping import (
    PRIORITY_CODES,
    company_of,
    describe_freshdesk_error,
    organization_from_company,
    person_from_contact,
    requester_of,
    ticket_from_api,
)

__all__ = ["FreshdeskClient"]

_PAGE = 100
_MAX_CONVERSATION_PAGES = 10


def _group_id(value: str) -> int | str:
    return int(value) if value.isdigit() else value


class FreshdeskClient:
    """:class:`~helpdesk_loyalty.adapters.base.HelpdeskClient` for one Freshdesk account."""

    helpdesk = "freshdesk"

    def __init__(
        self,
        settings: HelpdeskSettings,
        options: ClientOptions | None = None,
        *,
        limiter: AccountLimiter | None = None,
    ) -> None:
        options = options or ClientOptions()
        if settings.api_token is None or not settings.api_token:
            raise ConfigError(
                "HL_FRESHDESK_API_KEY",
                "the Freshdesk API client needs an API key",
                "set it to the key from Profile settings > View API key",
            )
        self.account = settings.account
        self.stats = CallStats()
        self._base_url = settings.base_url.rstrip("/")
        self.limiter = limiter or AccountLimiter(
            settings.account,
            clock=options.clock,
            update_limit=settings.update_limit,
            request_limit=settings.request_limit,
        )
        self._http = HelpdeskHttp(
            helpdesk="Freshdesk",
            base_url=self._base_url,
            auth=SecretBasicAuth(settings.api_token, "X"),
            timeout=settings.timeout,
            options=options,
            stats=self.stats,
            limiter=self.limiter,
            decode_error=describe_freshdesk_error,
            secrets=(settings.api_token,),
        )

    def __repr__(self) -> str:
        return f"FreshdeskClient(account={self.account!r})"

    async def _get_object(
        self, path: str, what: str, params: Mapping[str, str | int] | None = None
    ) -> Mapping[str, Any]:
        data = await self._http.request("GET", path, params=params)
        if not isinstance(data, Mapping):
            raise PermanentHelpdeskError(f"Freshdesk returned an unexpected {what}: not an object")
        return data

    def _shape_error(self, what: str, exc: PayloadError) -> PermanentHelpdeskError:
        return PermanentHelpdeskError(f"Freshdesk returned an unexpected {what}: {exc.detail}")

    async def fetch_ticket(self, ticket_id: str) -> TicketBundle:
        """One call: the ticket with its (partial) requester and its company."""
        tid = path_id(ticket_id, "ticket id")
        data = await self._get_object(
            f"/api/v2/tickets/{tid}", "ticket", {"include": "requester,company"}
        )
        try:
            return TicketBundle(
                ticket_from_api(data, self._base_url), requester_of(data), company_of(data)
            )
        except PayloadError as exc:
            raise self._shape_error("ticket", exc) from exc

    async def _ticket(self, ticket_id: str) -> Ticket:
        data = await self._get_object(f"/api/v2/tickets/{ticket_id}", "ticket")
        try:
            return ticket_from_api(data, self._base_url)
        except PayloadError as exc:
            raise self._shape_error("ticket", exc) from exc

    async def fetch_requester(self, requester_id: str) -> RequesterBundle:
        """Up to three calls: the requester's recent tickets (newest update first), the
        contact with its custom fields, and the contact's company."""
        rid = path_id(requester_id, "requester id")
        listed = await self._http.request(
            "GET",
            "/api/v2/tickets",
            params={
                "requester_id": rid,
                "order_by": "updated_at",
                "order_type": "desc",
                "per_page": _PAGE,
            },
        )
        if not isinstance(listed, list):
            raise PermanentHelpdeskError("Freshdesk returned an unexpected ticket list: not a list")
        try:
            contact: Mapping[str, Any] | None = await self._get_object(
                f"/api/v2/contacts/{rid}", "contact"
            )
        except PermanentHelpdeskError as exc:
            if exc.status != 404:
                raise
            contact = None  # a deleted contact keeps its tickets
        try:
            tickets = tuple(
                ticket_from_api(t, self._base_url) for t in listed if isinstance(t, Mapping)
            )
            requester = person_from_contact(contact) if contact is not None else None
        except PayloadError as exc:
            raise self._shape_error("requester", exc) from exc
        company: Organization | None = None
        if requester is not None and requester.organization_id is not None:
            cid = path_id(requester.organization_id, "company id")
            raw = await self._get_object(f"/api/v2/companies/{cid}", "company")
            try:
                company = organization_from_company(raw)
            except PayloadError as exc:
                raise self._shape_error("company", exc) from exc
        return RequesterBundle(requester, company, tickets)

    def ticket_body(self, ticket: Ticket, update: TicketUpdate) -> dict[str, Any]:
        """The flat ``PUT`` body for ``update`` (empty when only a note is to be written)."""
        body: dict[str, Any] = {}
        priority = update.effective_priority(ticket.priority)
        if priority is not None:
            body["priority"] = PRIORITY_CODES[priority]
        if update.group_id is not None:
            body["group_id"] = _group_id(update.group_id)
        if update.add_tags:
            body["tags"] = list(update.merged_tags(ticket.tags))
        if update.fields:
            body["custom_fields"] = dict(update.fields)
        return body

    async def apply_update(self, ticket: Ticket, update: TicketUpdate) -> WriteResult:
        """``PUT`` the ticket when there is more than a note, then ``POST`` the private note.

        Freshdesk has no conditional update like Zendesk's ``safe_update``, and ``tags``
        replaces the list: read, merge, write. A snapshot that came from a webhook
        (``updated_stamp`` unset) may be minutes old, so the ticket is read again right before
        the ``PUT`` when tags are to be merged; one read by the worker just before is trusted.
        A tag someone adds between that read and the ``PUT`` is still lost: the window is one
        round trip.
        """
        if update.is_empty():
            return WriteResult(calls=0, ticket=ticket)
        tid = path_id(ticket.id, "ticket id")
        if update.add_tags and ticket.updated_stamp is None:
            ticket = await self._ticket(tid)
        calls = 0
        after: Ticket | None = None
        body = self.ticket_body(ticket, update)
        if body:
            data = await self._http.request(
                "PUT", f"/api/v2/tickets/{tid}", json=body, kind="update"
            )
            calls += 1
            if isinstance(data, Mapping):
                try:
                    after = ticket_from_api(data, self._base_url)
                except PayloadError:
                    after = None
        if update.note is not None:
            await self._http.request(
                "POST",
                f"/api/v2/tickets/{tid}/notes",
                json={"body": render_html(update.note), "private": True},
            )
            calls += 1
        return WriteResult(calls=calls, ticket=after)

    async def has_marker(self, ticket_id: str, decision_id: str) -> bool:
        """Whether a conversation of the ticket carries the marker of ``decision_id``.

        Conversations come oldest first, 100 a page; pages are read until the marker shows or
        a short page ends the list (at most 10 pages).
        """
        tid = path_id(ticket_id, "ticket id")
        for page in range(1, _MAX_CONVERSATION_PAGES + 1):
            data = await self._http.request(
                "GET",
                f"/api/v2/tickets/{tid}/conversations",
                params={"per_page": _PAGE, "page": page},
            )
            if not isinstance(data, list):
                raise PermanentHelpdeskError(
                    "Freshdesk returned an unexpected conversation list: not a list"
                )
            for item in data:
                if not isinstance(item, Mapping):
                    continue
                for key in ("body_text", "body"):
                    text = item.get(key)
                    if isinstance(text, str) and find_marker(text) == decision_id:
                        return True
            if len(data) < _PAGE:
                return False
        return False

    async def whoami(self) -> Person:
        """The agent the API key belongs to (``GET /api/v2/agents/me``)."""
        data = await self._get_object("/api/v2/agents/me", "agent")
        contact = data.get("contact")
        try:
            person = person_from_contact(
                {**(contact if isinstance(contact, Mapping) else {}), "id": data.get("id")}
            )
        except PayloadError as exc:
            raise self._shape_error("agent", exc) from exc
        return person

    async def aclose(self) -> None:
        """Close connections."""
        await self._http.aclose()
