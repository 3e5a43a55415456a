"""Freshdesk read endpoints besides a single ticket: the API agent, contacts, companies,
groups, ticket fields, the ticket list and ticket search.

``GET /api/v2/tickets`` filters by ``requester_id``, ``email``, ``company_id`` and
``updated_since``, orders by ``order_by`` (``created_at`` default, ``due_by``, ``updated_at``,
``status``) and ``order_type`` (``desc`` default), and, like Freshdesk, lists only tickets
created in the last 30 days unless ``updated_since`` is given. Lists page with ``page`` /
``per_page`` (30 default, 100 at most) and a ``Link: <...>; rel="next"`` header.
``GET /api/v2/search/tickets?query="..."`` takes ``field:value`` clauses joined by ``AND`` /
``OR`` (no parentheses) over ``requester_id``, ``company_id``, ``status``, ``priority``,
``group_id``, ``agent_id``, ``tag`` and ``type``; it answers ``{"results", "total"}``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from .freshdesk_http import fd_json, includes, missing, validation
from .freshdesk_records import PRIORITY_NAMES, SOURCE_NAMES, FdAgent, FdTicket
from .freshdesk_state import TICKET_TYPES, FreshdeskState
from .sandbox import Sandbox
from .timefmt import parse_stamp

__all__ = ["catalog_routes", "page_links"]

TicketJson = Callable[[FdTicket, list[str]], dict[str, Any]]
_LIST_PARAMS = {
    "requester_id",
    "email",
    "company_id",
    "updated_since",
    "order_by",
    "order_type",
    "include",
    "page",
    "per_page",
}
_ORDER = ("created_at", "due_by", "updated_at", "status")
_SEARCH_FIELDS = {
    "requester_id": "requester_id",
    "company_id": "company_id",
    "status": "status",
    "priority": "priority",
    "group_id": "group_id",
    "agent_id": "responder_id",
    "type": "type",
}


def page_links(
    request: Request, rows: list[Any], *, per_page_default: int = 30
) -> tuple[list[Any], dict[str, str]]:
    """One page of ``rows`` and the ``Link`` header pointing at the next one, if any."""
    raw_per_page = request.query_params.get("per_page", "")
    raw_page = request.query_params.get("page", "")
    per_page = min(100, int(raw_per_page)) if raw_per_page.isdigit() else per_page_default
    page = max(1, int(raw_page)) if raw_page.isdigit() else 1
    chunk = rows[(page - 1) * per_page : page * per_page]
    headers = {}
    if page * per_page < len(rows):
        following = request.url.include_query_params(page=page + 1, per_page=per_page)
        headers["Link"] = f'<{following}>; rel="next"'
    return chunk, headers


def _default_fields(state: FreshdeskState) -> list[dict[str, Any]]:
    statuses = {str(k): [v, v] for k, v in state.statuses.items()}
    rows: list[tuple[str, str, str, Any]] = [
        ("requester", "Search a requester", "default_requester", None),
        ("subject", "Subject", "default_subject", None),
        ("ticket_type", "Type", "default_ticket_type", list(TICKET_TYPES)),
        ("source", "Source", "default_source", {v: k for k, v in SOURCE_NAMES.items()}),
        ("status", "Status", "default_status", statuses),
        ("priority", "Priority", "default_priority", {v: k for k, v in PRIORITY_NAMES.items()}),
        ("group", "Group", "default_group", {g.name: g.id for g in state.groups.values()}),
        ("agent", "Agent", "default_agent", {a.name: a.id for a in state.agents.values()}),
        ("description", "Description", "default_description", None),
    ]
    out = []
    for position, (name, label, type_, choices) in enumerate(rows, start=1):
        entry: dict[str, Any] = {
            "id": 43_300_000_000 - position,
            "name": name,
            "label": label,
            "description": label,
            "position": position,
            "type": type_,
            "default": True,
            "required_for_closure": False,
            "required_for_agents": False,
        }
        if choices is not None:
            entry["choices"] = choices
        out.append(entry)
    return out


def _clause(text: str) -> Callable[[FdTicket], bool]:
    name, sep, raw = text.partition(":")
    name, raw = name.strip(), raw.strip().strip("'")
    if not sep or (name not in _SEARCH_FIELDS and name != "tag"):
        raise ValueError(f"unsupported clause {text!r}")
    if name == "tag":
        return lambda t: raw in t.tags
    attr = _SEARCH_FIELDS[name]
    value: Any = None if raw == "null" else (int(raw) if raw.isdigit() else raw)
    return lambda t: getattr(t, attr) == value


def _search(query: str) -> Callable[[FdTicket], bool]:
    if len(query) < 2 or not (query.startswith('"') and query.endswith('"')) or len(query) > 514:
        raise ValueError("the query must be wrapped in double quotes and at most 512 characters")
    alternatives = [[_clause(c) for c in part.split(" AND ")] for part in query[1:-1].split(" OR ")]
    return lambda t: any(all(test(t) for test in group) for group in alternatives)


def catalog_routes(sandbox: Sandbox, ticket_json: TicketJson) -> list[tuple[str, Any, list[str]]]:
    """``(path, handler, methods)`` of the read endpoints (the caller adds the gate)."""

    async def me(request: Request, caller: FdAgent) -> Response:
        return fd_json(caller.to_json())

    async def contact(request: Request, caller: FdAgent) -> Response:
        found = sandbox.freshdesk.contacts.get(int(request.path_params["contact_id"]))
        return fd_json(found.to_json()) if found else missing()

    async def company(request: Request, caller: FdAgent) -> Response:
        found = sandbox.freshdesk.companies.get(int(request.path_params["company_id"]))
        return fd_json(found.to_json()) if found else missing()

    async def groups(request: Request, caller: FdAgent) -> Response:
        rows, headers = page_links(
            request, [g.to_json() for g in sandbox.freshdesk.groups.values()]
        )
        return fd_json(rows, headers=headers)

    async def ticket_fields(request: Request, caller: FdAgent) -> Response:
        custom = [f.to_json() for f in sandbox.freshdesk.ticket_fields.values()]
        return fd_json(_default_fields(sandbox.freshdesk) + custom)

    async def list_tickets(request: Request, caller: FdAgent) -> Response:
        params = request.query_params
        errors = [
            {"field": k, "message": "Unexpected/invalid field in request", "code": "invalid_field"}
            for k in params
            if k not in _LIST_PARAMS
        ]
        order_by = params.get("order_by", "created_at")
        if order_by not in _ORDER:
            errors.append(
                {
                    "field": "order_by",
                    "code": "invalid_value",
                    "message": f"It should be one of these values: '{','.join(_ORDER)}'",
                }
            )
        wanted = includes(request)
        if any(w not in ("requester", "stats", "description") for w in wanted):
            errors.append(
                {
                    "field": "include",
                    "code": "invalid_value",
                    "message": "It should be one/more of these values: "
                    "'requester,stats,description'",
                }
            )
        since = parse_stamp(params.get("updated_since")) if "updated_since" in params else None
        if "updated_since" in params and since is None:
            errors.append(
                {
                    "field": "updated_since",
                    "code": "invalid_value",
                    "message": "It should be in the 'valid date' format",
                }
            )
        if errors:
            return validation(errors)
        rows = list(sandbox.freshdesk.tickets.values())
        if since is not None:
            rows = [t for t in rows if t.updated_at >= since]
        else:
            rows = [t for t in rows if t.created_at >= sandbox.now() - 30 * 86_400]
        for key in ("requester_id", "company_id"):
            if key in params:
                rows = [t for t in rows if str(getattr(t, key)) == params[key]]
        if "email" in params:
            found = sandbox.freshdesk.contact_by_email(params["email"])
            rows = [t for t in rows if found is not None and t.requester_id == found.id]
        rows.sort(
            key=lambda t: (getattr(t, order_by), t.id),
            reverse=params.get("order_type", "desc") == "desc",
        )
        chunk, headers = page_links(request, rows)
        items = []
        for ticket in chunk:
            item = ticket_json(ticket, [w for w in wanted if w == "requester"])
            if "description" not in wanted:
                item.pop("description", None)
                item.pop("description_text", None)
            items.append(item)
        return fd_json(items, headers=headers)

    async def search(request: Request, caller: FdAgent) -> Response:
        try:
            test = _search(request.query_params.get("query", ""))
        except ValueError as exc:
            return validation([{"field": "query", "message": str(exc), "code": "invalid_value"}])
        rows = sorted(
            (t for t in sandbox.freshdesk.tickets.values() if test(t)),
            key=lambda t: t.created_at,
            reverse=True,
        )
        raw_page = request.query_params.get("page", "1")
        page = int(raw_page) if raw_page.isdigit() else 1
        if not 1 <= page <= 10:
            return validation(
                [
                    {
                        "field": "page",
                        "code": "invalid_value",
                        "message": "It should be between 1 and 10",
                    }
                ]
            )
        chunk = rows[(page - 1) * 30 : page * 30]
        results = [ticket_json(t, []) for t in chunk]
        return fd_json({"results": results, "total": len(rows)})

    return [
        ("/api/v2/agents/me", me, ["GET"]),
        ("/api/v2/contacts/{contact_id:int}", contact, ["GET"]),
        ("/api/v2/companies/{company_id:int}", company, ["GET"]),
        ("/api/v2/groups", groups, ["GET"]),
        ("/api/v2/ticket_fields", ticket_fields, ["GET"]),
        ("/api/v2/tickets", list_tickets, ["GET"]),
        ("/api/v2/search/tickets", search, ["GET"]),
    ]
