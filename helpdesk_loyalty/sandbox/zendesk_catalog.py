"""Zendesk read endpoints besides tickets: users, organizations, groups, ticket fields and
search, plus the side-loading and paging they share with the ticket lists.

Lists page with ``page`` / ``per_page`` (at most 100) and answer ``next_page`` as a URL or
``null``; ``sort_by`` / ``sort_order`` sort ticket lists.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .gate import api_base
from .sandbox import Sandbox
from .zendesk_http import not_found, zd_json
from .zendesk_records import PRIORITIES, STATUSES, ZdTicket, ZdUser
from .zendesk_search import SearchError, search_tickets
from .zendesk_state import ZendeskState

__all__ = ["catalog_routes", "sideload", "ticket_page"]

_SORT: dict[str, Callable[[ZdTicket], Any]] = {
    "id": lambda t: t.id,
    "created_at": lambda t: (t.created_at, t.id),
    "updated_at": lambda t: (t.updated_at, t.id),
    "status": lambda t: STATUSES.index(t.status),
    "priority": lambda t: PRIORITIES.index(t.priority) if t.priority else -1,
    "subject": lambda t: t.subject.lower(),
}


def sideload(state: ZendeskState, request: Request, tickets: list[ZdTicket]) -> dict[str, Any]:
    """The ``users`` / ``organizations`` / ``groups`` lists ``include=`` asks for."""
    include = {p.strip() for p in request.query_params.get("include", "").split(",")}
    base = api_base(request)
    out: dict[str, Any] = {}
    if "users" in include:
        ids = dict.fromkeys(
            i for t in tickets for i in (t.requester_id, t.submitter_id, t.assignee_id) if i
        )
        out["users"] = [state.users[i].partial_json(base) for i in ids if i in state.users]
    if "organizations" in include:
        ids = dict.fromkeys(t.organization_id for t in tickets if t.organization_id)
        out["organizations"] = [
            state.organizations[i].to_json(base) for i in ids if i in state.organizations
        ]
    if "groups" in include:
        ids = dict.fromkeys(t.group_id for t in tickets if t.group_id)
        out["groups"] = [state.groups[i].to_json(base) for i in ids if i in state.groups]
    return out


def _int(request: Request, name: str, default: int, top: int) -> int:
    raw = request.query_params.get(name, "")
    return max(1, min(top, int(raw))) if raw.isdigit() else default


def ticket_page(state: ZendeskState, request: Request, rows: list[ZdTicket], key: str) -> Response:
    """One page of ``rows`` under ``key``, sorted, with side-loads and paging links."""
    sort_key = _SORT.get(request.query_params.get("sort_by", "id"), _SORT["id"])
    rows = sorted(rows, key=sort_key, reverse=request.query_params.get("sort_order") == "desc")
    per_page = _int(request, "per_page", 100, 100)
    page = _int(request, "page", 1, 10_000)
    chunk = rows[(page - 1) * per_page : page * per_page]
    base = api_base(request)
    fields = state.custom_fields()
    items = []
    for ticket in chunk:
        item = ticket.to_json(base, fields)
        if key == "results":
            item["result_type"] = "ticket"
        items.append(item)

    def link(number: int) -> str:
        return str(request.url.include_query_params(page=number, per_page=per_page))

    body: dict[str, Any] = {
        key: items,
        "next_page": link(page + 1) if page * per_page < len(rows) else None,
        "previous_page": link(page - 1) if page > 1 else None,
        "count": len(rows),
    }
    if key == "results":
        body["facets"] = None
    body.update(sideload(state, request, chunk))
    return zd_json(body)


def catalog_routes(sandbox: Sandbox) -> list[tuple[str, Any, list[str]]]:
    """``(path, handler, methods)`` of the read endpoints (the caller adds the gate)."""

    async def user(request: Request, caller: ZdUser) -> Response:
        found = sandbox.zendesk.users.get(int(request.path_params["user_id"]))
        return zd_json({"user": found.to_json(api_base(request))}) if found else not_found()

    async def organization(request: Request, caller: ZdUser) -> Response:
        found = sandbox.zendesk.organizations.get(int(request.path_params["org_id"]))
        if found is None:
            return not_found()
        return zd_json({"organization": found.to_json(api_base(request))})

    async def groups(request: Request, caller: ZdUser) -> Response:
        rows = [g.to_json(api_base(request)) for g in sandbox.zendesk.groups.values()]
        return zd_json(
            {"groups": rows, "next_page": None, "previous_page": None, "count": len(rows)}
        )

    async def ticket_fields(request: Request, caller: ZdUser) -> Response:
        rows = [
            f.to_json(api_base(request))
            for f in sorted(sandbox.zendesk.ticket_fields.values(), key=lambda f: f.position)
        ]
        return zd_json(
            {"ticket_fields": rows, "next_page": None, "previous_page": None, "count": len(rows)}
        )

    async def search(request: Request, caller: ZdUser) -> Response:
        query = request.query_params.get("query", "")
        try:
            rows = search_tickets(sandbox.zendesk, query, sandbox.now())
        except SearchError as exc:
            return zd_json({"error": "InvalidQuery", "description": str(exc)}, 400)
        return ticket_page(sandbox.zendesk, request, rows, "results")

    return [
        ("/api/v2/users/{user_id:int}", user, ["GET"]),
        ("/api/v2/organizations/{org_id:int}", organization, ["GET"]),
        ("/api/v2/groups", groups, ["GET"]),
        ("/api/v2/ticket_fields", ticket_fields, ["GET"]),
        ("/api/v2/search", search, ["GET"]),
    ]
