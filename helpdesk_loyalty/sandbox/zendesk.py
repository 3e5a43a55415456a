"""Zendesk Tickets API routes of the sandbox (mounted under ``/zendesk``).

Paths take the ``.json`` suffix or not, as Zendesk accepts both. ``include=users,organizations``
(and ``groups``) side-loads the people and organizations the tickets reference.
``safe_update`` + ``updated_stamp``: when ``safe_update`` is present (true or false: per the
docs only leaving it out turns the check off) and the stamp is not the ticket's current
``updated_at``, the answer is 409 ``UpdateConflict`` and nothing changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Route

from .gate import api_base, guarded
from .sandbox import Sandbox
from .timefmt import parse_stamp
from .zendesk_admin import admin_routes
from .zendesk_audit import ZdInvalid
from .zendesk_catalog import catalog_routes, sideload, ticket_page
from .zendesk_http import ZendeskDialect, not_found, read_body, zd_json
from .zendesk_records import ZdTicket, ZdUser

__all__ = ["zendesk_routes"]

_CONFLICT = {
    "error": "UpdateConflict",
    "description": "Safe Update prevented the update due to outdated ticket data. "
    "Please fetch the latest ticket data and try again.",
}


def both(path: str) -> list[str]:
    """``path`` with and without the ``.json`` suffix."""
    return [f"{path}.json", path]


class ZendeskTickets:
    """Handlers of the ticket endpoints."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox

    def _ticket(self, request: Request) -> ZdTicket | None:
        return self.sandbox.zendesk.tickets.get(int(request.path_params["ticket_id"]))

    def _ticket_json(self, request: Request, ticket: ZdTicket) -> dict[str, Any]:
        return ticket.to_json(api_base(request), self.sandbox.zendesk.custom_fields())

    async def me(self, request: Request, caller: ZdUser) -> Response:
        return zd_json({"user": caller.to_json(api_base(request))})

    async def show(self, request: Request, caller: ZdUser) -> Response:
        ticket = self._ticket(request)
        if ticket is None:
            return not_found()
        body: dict[str, Any] = {"ticket": self._ticket_json(request, ticket)}
        body.update(sideload(self.sandbox.zendesk, request, [ticket]))
        return zd_json(body)

    async def update(self, request: Request, caller: ZdUser) -> Response:
        ticket = self._ticket(request)
        if ticket is None:
            return not_found()
        data = await read_body(request, "ticket")
        if isinstance(data, Response):
            return data
        if "safe_update" in data:
            stamp = parse_stamp(data.get("updated_stamp"))
            if stamp is None or int(stamp) != int(ticket.updated_at):
                return zd_json(_CONFLICT, 409)
        try:
            audit = self.sandbox.zendesk_update(ticket, data, caller)
        except ZdInvalid as exc:
            return zd_json(exc.body(), 422)
        return zd_json({"ticket": self._ticket_json(request, ticket), "audit": audit.to_json()})

    async def create(self, request: Request, caller: ZdUser) -> Response:
        data = await read_body(request, "ticket")
        if isinstance(data, Response):
            return data
        try:
            ticket, audit = self.sandbox.zendesk_create(data, caller)
        except ZdInvalid as exc:
            return zd_json(exc.body(), 422)
        return zd_json(
            {"ticket": self._ticket_json(request, ticket), "audit": audit.to_json()}, 201
        )

    async def comments(self, request: Request, caller: ZdUser) -> Response:
        ticket = self._ticket(request)
        if ticket is None:
            return not_found()
        rows = list(ticket.comments)
        if request.query_params.get("sort_order") == "desc":
            rows.reverse()
        body: dict[str, Any] = {
            "comments": [c.to_json() for c in rows],
            "next_page": None,
            "previous_page": None,
            "count": len(rows),
        }
        if "users" in request.query_params.get("include", "").split(","):
            ids = list(dict.fromkeys(c.author_id for c in rows))
            users = self.sandbox.zendesk.users
            body["users"] = [users[i].partial_json(api_base(request)) for i in ids if i in users]
        return zd_json(body)

    async def requested(self, request: Request, caller: ZdUser) -> Response:
        user_id = int(request.path_params["user_id"])
        if user_id not in self.sandbox.zendesk.users:
            return not_found()
        rows: Iterable[ZdTicket] = (
            t for t in self.sandbox.zendesk.tickets.values() if t.requester_id == user_id
        )
        return ticket_page(self.sandbox.zendesk, request, list(rows), "tickets")


def zendesk_routes(sandbox: Sandbox) -> list[BaseRoute]:
    """Every Zendesk route, each behind the gate."""
    dialect = ZendeskDialect(sandbox)
    tickets = ZendeskTickets(sandbox)

    def route(
        path: str, handler: Any, methods: list[str], *, update: bool = False
    ) -> list[BaseRoute]:
        endpoint = guarded(sandbox, dialect, handler, update=update)
        return [Route(p, endpoint, methods=methods) for p in both(path)]

    routes: list[BaseRoute] = []
    routes += route("/api/v2/users/me", tickets.me, ["GET"])
    routes += route("/api/v2/tickets", tickets.create, ["POST"])
    routes += route("/api/v2/tickets/{ticket_id:int}", tickets.show, ["GET"])
    routes += route("/api/v2/tickets/{ticket_id:int}", tickets.update, ["PUT"], update=True)
    routes += route("/api/v2/tickets/{ticket_id:int}/comments", tickets.comments, ["GET"])
    routes += route("/api/v2/users/{user_id:int}/tickets/requested", tickets.requested, ["GET"])
    for path, handler, methods in [*catalog_routes(sandbox), *admin_routes(sandbox)]:
        routes += route(path, handler, methods)

    async def unknown(request: Request, caller: ZdUser) -> Response:
        return zd_json({"error": "InvalidEndpoint", "description": "Not found"}, 404)

    routes.append(
        Route(
            "/{rest:path}",
            guarded(sandbox, dialect, unknown),
            methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
        )
    )
    return routes
