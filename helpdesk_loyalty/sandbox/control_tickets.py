"""Control endpoints that act on tickets as the people on the helpdesk side would.

==============================================================  ==============================
``GET /_sandbox/zendesk/tickets/{id}``                          ticket + comments (unmetered)
``POST /_sandbox/zendesk/tickets``                              an end user opens a ticket:
                                                                ``{requester_id, subject, body,
                                                                ...ticket fields}``
``POST /_sandbox/zendesk/tickets/{id}/end_user_update``         ``{comment, author_id?}``
``POST /_sandbox/zendesk/tickets/{id}/render``                  ``{kind: trigger|event, event,
                                                                secret, previous?}``
``GET /_sandbox/freshdesk/tickets/{id}``                        ticket + conversations
``POST /_sandbox/freshdesk/tickets``                            ``{requester_id, subject,
                                                                description, ...}``
``POST /_sandbox/freshdesk/tickets/{id}/customer_reply``        ``{body}``
``POST /_sandbox/freshdesk/tickets/{id}/render``                ``{event, triggered_event?,
                                                                headers?, username?, password?}``
``GET|POST /_sandbox/freshdesk/automations``                    automation rules with a webhook
==============================================================  ==============================

Changes made here run triggers and automation rules like any other change.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from .freshdesk_state import FdInvalid
from .sandbox import Sandbox
from .webhooks import WebhookRequest
from .zendesk_audit import ZdInvalid

__all__ = ["control_error", "read_json", "ticket_control_routes"]

Endpoint = Callable[[Request], Awaitable[Response]]


def control_error(code: str, detail: str, status: int = 400) -> JSONResponse:
    """A control API error: ``{"error": code, "detail": what is wrong and the fix}``."""
    return JSONResponse({"error": code, "detail": detail}, status_code=status)


async def read_json(request: Request) -> dict[str, Any] | Response:
    """The JSON object of the body (empty body: ``{}``), or the 400 answer."""
    try:
        data = json.loads(await request.body() or b"{}")
    except ValueError:
        return control_error("invalid_json", "send a JSON object body")
    if not isinstance(data, dict):
        return control_error("invalid_json", "send a JSON object body")
    return data


def _need(data: dict[str, Any], *keys: str) -> None:
    missing = [k for k in keys if k not in data]
    if missing:
        raise ValueError(f"missing {', '.join(missing)} in the body")


def _request_json(request: WebhookRequest) -> dict[str, Any]:
    return {
        "method": request.method,
        "headers": dict(request.headers),
        "body": request.body.decode("utf-8"),
    }


def _with_body(handler: Callable[[Request, dict[str, Any]], Any]) -> Endpoint:
    async def endpoint(request: Request) -> Response:
        data = await read_json(request)
        if isinstance(data, Response):
            return data
        try:
            return JSONResponse(await handler(request, data))
        except KeyError as exc:
            return control_error("not_found", f"no such record: {exc}", 404)
        except ZdInvalid as exc:
            return JSONResponse(exc.body(), status_code=422)
        except FdInvalid as exc:
            return JSONResponse(exc.body(), status_code=400)
        except (TypeError, ValueError) as exc:
            return control_error("bad_request", str(exc))

    return endpoint


def ticket_control_routes(sandbox: Sandbox) -> list[BaseRoute]:
    """The ticket-level control routes."""

    def zd_base(request: Request) -> str:
        return str(request.base_url).rstrip("/") + "/zendesk"

    def zd_ticket(request: Request, ticket_id: int) -> dict[str, Any]:
        ticket = sandbox.zendesk_ticket(ticket_id)
        return {
            "ticket": ticket.to_json(zd_base(request), sandbox.zendesk.custom_fields()),
            "comments": [c.to_json() for c in ticket.comments],
        }

    def fd_ticket(ticket_id: int) -> dict[str, Any]:
        ticket = sandbox.freshdesk_ticket(ticket_id)
        return {
            "ticket": ticket.to_json(sandbox.freshdesk.field_names()),
            "conversations": [c.to_json() for c in ticket.conversations],
        }

    def tid(request: Request) -> int:
        return int(request.path_params["ticket_id"])

    async def zd_show(request: Request, data: dict[str, Any]) -> Any:
        return zd_ticket(request, tid(request))

    async def zd_create(request: Request, data: dict[str, Any]) -> Any:
        _need(data, "requester_id", "subject", "body")
        fields = {k: v for k, v in data.items() if k not in ("requester_id", "subject", "body")}
        ticket = sandbox.zendesk_create_ticket(
            int(data["requester_id"]), str(data["subject"]), str(data["body"]), **fields
        )
        return zd_ticket(request, ticket.id)

    async def zd_reply(request: Request, data: dict[str, Any]) -> Any:
        _need(data, "comment")
        author = data.get("author_id")
        sandbox.zendesk_end_user_update(
            tid(request), str(data["comment"]), author_id=int(author) if author else None
        )
        return zd_ticket(request, tid(request))

    async def zd_render(request: Request, data: dict[str, Any]) -> Any:
        _need(data, "secret")
        if data.get("kind", "trigger") == "event":
            rendered = sandbox.render_zendesk_event(
                tid(request),
                str(data.get("event", "comment_added")),
                secret=str(data["secret"]),
                previous=data.get("previous"),
            )
        else:
            rendered = sandbox.render_zendesk_trigger(
                tid(request), str(data.get("event", "ticket.updated")), secret=str(data["secret"])
            )
        return _request_json(rendered)

    async def fd_show(request: Request, data: dict[str, Any]) -> Any:
        return fd_ticket(tid(request))

    async def fd_create(request: Request, data: dict[str, Any]) -> Any:
        _need(data, "requester_id", "subject", "description")
        fields = {
            k: v for k, v in data.items() if k not in ("requester_id", "subject", "description")
        }
        ticket = sandbox.freshdesk_create_ticket(
            int(data["requester_id"]), str(data["subject"]), str(data["description"]), **fields
        )
        return fd_ticket(ticket.id)

    async def fd_reply(request: Request, data: dict[str, Any]) -> Any:
        _need(data, "body")
        sandbox.freshdesk_customer_reply(tid(request), str(data["body"]))
        return fd_ticket(tid(request))

    async def fd_render(request: Request, data: dict[str, Any]) -> Any:
        rendered = sandbox.render_freshdesk(
            tid(request),
            str(data.get("event", "ticket.updated")),
            triggered_event=data.get("triggered_event"),
            headers=data.get("headers"),
            username=data.get("username"),
            password=data.get("password"),
        )
        return _request_json(rendered)

    async def automations(request: Request, data: dict[str, Any]) -> Any:
        if request.method == "POST":
            _need(data, "kind", "url")
            known = {
                "name",
                "template",
                "performer",
                "skip_tags",
                "headers",
                "username",
                "password",
                "method",
            }
            unknown = set(data) - known - {"kind", "url"}
            if unknown:
                raise ValueError(
                    f"unknown keys {sorted(unknown)}; known: kind, url, {', '.join(sorted(known))}"
                )
            sandbox.add_freshdesk_automation(
                str(data["kind"]), str(data["url"]), **{k: v for k, v in data.items() if k in known}
            )
        return {"automations": [r.to_json() for r in sandbox.freshdesk_automations.values()]}

    one = "/{helpdesk}/tickets/{ticket_id:int}"
    return [
        Route(one.replace("{helpdesk}", "zendesk"), _with_body(zd_show), methods=["GET"]),
        Route("/zendesk/tickets", _with_body(zd_create), methods=["POST"]),
        Route(
            "/zendesk/tickets/{ticket_id:int}/end_user_update",
            _with_body(zd_reply),
            methods=["POST"],
        ),
        Route("/zendesk/tickets/{ticket_id:int}/render", _with_body(zd_render), methods=["POST"]),
        Route(one.replace("{helpdesk}", "freshdesk"), _with_body(fd_show), methods=["GET"]),
        Route("/freshdesk/tickets", _with_body(fd_create), methods=["POST"]),
        Route(
            "/freshdesk/tickets/{ticket_id:int}/customer_reply",
            _with_body(fd_reply),
            methods=["POST"],
        ),
        Route("/freshdesk/tickets/{ticket_id:int}/render", _with_body(fd_render), methods=["POST"]),
        Route("/freshdesk/automations", _with_body(automations), methods=["GET", "POST"]),
    ]
