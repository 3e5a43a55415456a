"""Freshdesk API v2 ticket routes of the sandbox (mounted under ``/freshdesk``).

``GET /api/v2/tickets/{id}`` takes ``include=requester,company,stats,conversations``;
``PUT`` takes a flat body and answers the ticket; ``POST .../notes`` adds a note (private by
default) and answers 201 with it; ``GET .../conversations`` lists replies and notes oldest
first, 30 a page.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from .freshdesk_catalog import catalog_routes, page_links
from .freshdesk_http import FreshdeskDialect, fd_json, includes, missing, read_flat, validation
from .freshdesk_records import FdAgent, FdTicket
from .freshdesk_state import FdInvalid
from .gate import guarded
from .sandbox import Sandbox
from .timefmt import iso_seconds

__all__ = ["freshdesk_routes"]

_SHOW_INCLUDES = ("conversations", "requester", "company", "stats")


class FreshdeskTickets:
    """Handlers of the ticket endpoints."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox

    def _ticket(self, request: Request) -> FdTicket | None:
        return self.sandbox.freshdesk.tickets.get(int(request.path_params["ticket_id"]))

    def ticket_json(self, ticket: FdTicket, wanted: list[str]) -> dict[str, Any]:
        """The ticket with the ``include`` objects ``wanted``."""
        state = self.sandbox.freshdesk
        data = ticket.to_json(state.field_names())
        if "requester" in wanted:
            contact = state.contacts.get(ticket.requester_id)
            data["requester"] = contact.embedded_json() if contact else None
        if "company" in wanted:
            company = state.companies.get(ticket.company_id or -1)
            data["company"] = {"id": company.id, "name": company.name} if company else {}
        if "conversations" in wanted:
            data["conversations"] = [c.to_json() for c in ticket.conversations[:10]]
        if "stats" in wanted:
            data["stats"] = {
                "agent_responded_at": None,
                "requester_responded_at": None,
                "first_responded_at": None,
                "status_updated_at": iso_seconds(ticket.updated_at),
                "reopened_at": None,
                "resolved_at": None,
                "closed_at": None,
                "pending_since": None,
            }
        return data

    async def show(self, request: Request, caller: FdAgent) -> Response:
        wanted = includes(request)
        bad = [w for w in wanted if w not in _SHOW_INCLUDES]
        if bad:
            return validation(
                [
                    {
                        "field": "include",
                        "code": "invalid_value",
                        "message": "It should be one/more of these values: "
                        f"'{','.join(_SHOW_INCLUDES)}'",
                    }
                ]
            )
        ticket = self._ticket(request)
        return fd_json(self.ticket_json(ticket, wanted)) if ticket else missing()

    async def update(self, request: Request, caller: FdAgent) -> Response:
        ticket = self._ticket(request)
        if ticket is None:
            return missing()
        data = await read_flat(request)
        if isinstance(data, Response):
            return data
        try:
            update = self.sandbox.freshdesk.update_ticket(ticket, data, self.sandbox.now())
        except FdInvalid as exc:
            return validation(exc.errors)
        self.sandbox.freshdesk_changed(ticket, update)
        return fd_json(self.ticket_json(ticket, []))

    async def create(self, request: Request, caller: FdAgent) -> Response:
        data = await read_flat(request)
        if isinstance(data, Response):
            return data
        try:
            ticket, update = self.sandbox.freshdesk.create_ticket(data, self.sandbox.now())
        except FdInvalid as exc:
            return validation(exc.errors)
        self.sandbox.freshdesk_changed(ticket, update)
        return fd_json(self.ticket_json(ticket, []), 201)

    async def add_note(self, request: Request, caller: FdAgent) -> Response:
        ticket = self._ticket(request)
        if ticket is None:
            return missing()
        data = await read_flat(request)
        if isinstance(data, Response):
            return data
        try:
            update = self.sandbox.freshdesk.add_note(ticket, data, self.sandbox.now())
        except FdInvalid as exc:
            return validation(exc.errors)
        self.sandbox.freshdesk_changed(ticket, update)
        assert update.conversation is not None
        return fd_json(update.conversation.to_json(), 201)

    async def conversations(self, request: Request, caller: FdAgent) -> Response:
        ticket = self._ticket(request)
        if ticket is None:
            return missing()
        rows, headers = page_links(request, [c.to_json() for c in ticket.conversations])
        return fd_json(rows, headers=headers)


def freshdesk_routes(sandbox: Sandbox) -> list[BaseRoute]:
    """Every Freshdesk route, each behind the gate."""
    dialect = FreshdeskDialect(sandbox)
    tickets = FreshdeskTickets(sandbox)

    def route(path: str, handler: Any, methods: list[str], *, update: bool = False) -> Route:
        return Route(path, guarded(sandbox, dialect, handler, update=update), methods=methods)

    routes: list[BaseRoute] = [
        route("/api/v2/tickets", tickets.create, ["POST"]),
        route("/api/v2/tickets/{ticket_id:int}", tickets.show, ["GET"]),
        route("/api/v2/tickets/{ticket_id:int}", tickets.update, ["PUT"], update=True),
        route("/api/v2/tickets/{ticket_id:int}/notes", tickets.add_note, ["POST"]),
        route("/api/v2/tickets/{ticket_id:int}/conversations", tickets.conversations, ["GET"]),
    ]
    routes += [
        route(path, handler, methods)
        for path, handler, methods in catalog_routes(sandbox, tickets.ticket_json)
    ]

    async def unknown(request: Request, caller: FdAgent) -> Response:
        return missing()

    routes.append(route("/{rest:path}", unknown, ["GET", "POST", "PUT", "PATCH", "DELETE"]))
    return routes
