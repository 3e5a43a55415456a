"""The Zendesk API client: reads with side-loading, one ``PUT`` per update.

Endpoints and behaviour relied on (Zendesk Support API v2, https://developer.zendesk.com/
api-reference/):

- ``GET /api/v2/tickets/{id}.json?include=users,organizations`` reads a ticket with its people
  and organizations in one call (side-loading).
- ``GET /api/v2/users/{id}/tickets/requested.json`` lists a requester's tickets; with
  ``include=users,organizations`` the requester and organization come in the same call.
- ``PUT /api/v2/tickets/{id}.json`` takes the internal note (``comment.public: false``), tags,
  priority, group and custom fields at once. ``tags`` replaces the list, so we send the merged
  list; ``safe_update`` with ``updated_stamp`` makes a stale write fail with 409 instead of
  overwriting someone's tags. Write-only ``metadata`` lands in the audit, marking our writes.
- Auth: ``{email}/token:{api_token}`` as HTTP Basic.
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
    describe_zendesk_error,
    organization_from_api,
    person_from_api,
    ticket_from_api,
)

__all__ = ["ZendeskClient"]


def _list(data: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    value = data.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        raise PayloadError(f"{key} must be a list of objects")
    return value


def _object(data: Any, key: str) -> Mapping[str, Any]:
    value = data.get(key) if isinstance(data, Mapping) else None
    if not isinstance(value, Mapping):
        raise PayloadError(f"the response has no {key!r} object")
    return value


def _field_id(key: str) -> int | str:
    return int(key) if key.isdigit() else key


class ZendeskClient:
    """:class:`~helpdesk_loyalty.adapters.base.HelpdeskClient` for one Zendesk account."""

    helpdesk = "zendesk"

    def __init__(
        self,
        settings: HelpdeskSettings,
        options: ClientOptions | None = None,
        *,
        limiter: AccountLimiter | None = None,
    ) -> None:
        options = options or ClientOptions()
        if not settings.email or settings.api_token is None or not settings.api_token:
            raise ConfigError(
                "HL_ZENDESK_EMAIL / HL_ZENDESK_API_TOKEN",
                "the Zendesk API client needs an agent email and an API token",
                "set both (Admin Center > Apps and integrations > APIs > Zendesk API)",
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
            helpdesk="Zendesk",
            base_url=self._base_url,
            auth=SecretBasicAuth(f"{settings.email}/token", settings.api_token),
            timeout=settings.timeout,
            options=options,
            stats=self.stats,
            limiter=self.limiter,
            decode_error=describe_zendesk_error,
            secrets=(settings.api_token,),
        )

    def __repr__(self) -> str:
        return f"ZendeskClient(account={self.account!r})"

    async def _get(self, path: str, params: Mapping[str, str | int] | None = None) -> Any:
        return await self._http.request("GET", path, params=params)

    def _shape_error(self, what: str, exc: PayloadError) -> PermanentHelpdeskError:
        return PermanentHelpdeskError(f"Zendesk returned an unexpected {what}: {exc.detail}")

    def _people(self, data: Mapping[str, Any]) -> tuple[dict[str, Person], dict[str, Organization]]:
        users = {p.id: p for p in map(person_from_api, _list(data, "users"))}
        orgs = {o.id: o for o in map(organization_from_api, _list(data, "organizations"))}
        return users, orgs

    async def fetch_ticket(self, ticket_id: str) -> TicketBundle:
        """One call: the ticket with its requester and organization side-loaded."""
        tid = path_id(ticket_id, "ticket id")
        data = await self._get(f"/api/v2/tickets/{tid}.json", {"include": "users,organizations"})
        try:
            ticket = ticket_from_api(_object(data, "ticket"), self._base_url)
            users, orgs = self._people(data)
        except PayloadError as exc:
            raise self._shape_error("ticket", exc) from exc
        requester = users.get(ticket.requester_id or "")
        org_id = ticket.organization_id or (requester.organization_id if requester else None)
        return TicketBundle(ticket, requester, orgs.get(org_id or ""))

    async def fetch_requester(self, requester_id: str) -> RequesterBundle:
        """One call: the requester's 100 most recently updated tickets, with the requester and
        organization side-loaded (``requester`` is ``None`` if they have no tickets at all)."""
        rid = path_id(requester_id, "requester id")
        data = await self._get(
            f"/api/v2/users/{rid}/tickets/requested.json",
            {
                "sort_by": "updated_at",
                "sort_order": "desc",
                "per_page": 100,
                "include": "users,organizations",
            },
        )
        try:
            if not isinstance(data, Mapping):
                raise PayloadError("the body is not a JSON object")
            tickets = tuple(ticket_from_api(t, self._base_url) for t in _list(data, "tickets"))
            users, orgs = self._people(data)
        except PayloadError as exc:
            raise self._shape_error("ticket list", exc) from exc
        requester = users.get(rid)
        org = orgs.get(requester.organization_id or "") if requester else None
        return RequesterBundle(requester, org, tickets)

    def update_body(self, ticket: Ticket, update: TicketUpdate) -> dict[str, Any]:
        """The ``{"ticket": {...}}`` body that writes ``update`` in one ``PUT``."""
        body: dict[str, Any] = {
            "metadata": {"helpdesk_loyalty": {"decision_id": update.decision_id}},
        }
        if update.note is not None:
            body["comment"] = {"html_body": render_html(update.note), "public": False}
        if update.add_tags:
            body["tags"] = list(update.merged_tags(ticket.tags))
        priority = update.effective_priority(ticket.priority)
        if priority is not None:
            body["priority"] = priority
        if update.group_id is not None:
            body["group_id"] = _field_id(update.group_id)
        if update.fields:
            body["custom_fields"] = [
                {"id": _field_id(key), "value": value} for key, value in update.fields.items()
            ]
        # Without a stamp there is nothing to compare; leaving safe_update out turns the check
        # off (per the docs, safe_update: false still checks).
        if ticket.updated_stamp is not None:
            body["safe_update"] = True
            body["updated_stamp"] = ticket.updated_stamp
        return {"ticket": body}

    async def apply_update(self, ticket: Ticket, update: TicketUpdate) -> WriteResult:
        """One ``PUT`` with note, merged tags, priority, group and fields; 409 ->
        :class:`~helpdesk_loyalty.errors.ConflictError`."""
        if update.is_empty():
            return WriteResult(calls=0, ticket=ticket)
        tid = path_id(ticket.id, "ticket id")
        data = await self._http.request(
            "PUT",
            f"/api/v2/tickets/{tid}.json",
            json=self.update_body(ticket, update),
            kind="update",
        )
        after = None
        if isinstance(data, Mapping) and isinstance(data.get("ticket"), Mapping):
            try:
                after = ticket_from_api(data["ticket"], self._base_url)
            except PayloadError:
                after = None
        return WriteResult(calls=1, ticket=after)

    async def has_marker(self, ticket_id: str, decision_id: str) -> bool:
        """Whether one of the 100 newest comments carries the marker of ``decision_id``."""
        tid = path_id(ticket_id, "ticket id")
        data = await self._get(
            f"/api/v2/tickets/{tid}/comments.json", {"sort_order": "desc", "per_page": 100}
        )
        try:
            comments = _list(data if isinstance(data, Mapping) else {}, "comments")
        except PayloadError as exc:
            raise self._shape_error("comment list", exc) from exc
        for comment in comments:
            for key in ("body", "plain_body", "html_body"):
                text = comment.get(key)
                if isinstance(text, str) and find_marker(text) == decision_id:
                    return True
        return False

    async def whoami(self) -> Person:
        """The API user (``GET /api/v2/users/me.json``)."""
        data = await self._get("/api/v2/users/me.json")
        try:
            return person_from_api(_object(data, "user"))
        except PayloadError as exc:
            raise self._shape_error("user", exc) from exc

    async def aclose(self) -> None:
        """Close connections."""
        await self._http.aclose()
