"""The control API under ``/_sandbox/``: JSON endpoints for tests and the demo when the
sandbox runs in another process. In-process code uses :class:`~.sandbox.Sandbox` directly.

=======================================================  =========================================
``GET /_sandbox``                                        credentials, base paths, counts
``POST /_sandbox/reset``                                 empty everything
``POST /_sandbox/seed``                                  load the demo data; answers its ids
``GET|DELETE /_sandbox/calls``                           the call log (filters: helpdesk,
                                                         ticket_id, kind, status, method)
``GET|PUT|DELETE /_sandbox/faults``                      outage / fail_next / latency
``PUT /_sandbox/limits``                                 ``{"enabled": bool, "reset": bool}``
``POST /_sandbox/clock/advance``                         ``{"seconds": n}`` (fake clocks only)
``GET /_sandbox/webhooks``                               deliveries (``?body=1`` for bodies)
``POST /_sandbox/webhooks/flush``                        send the due deliveries
``/_sandbox/zendesk/...`` ``/_sandbox/freshdesk/...``    see :mod:`.control_tickets`
=======================================================  =========================================
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route

from .control_tickets import control_error, read_json, ticket_control_routes
from .sandbox import Sandbox
from .seed import seed_demo

__all__ = ["control_routes"]


def control_routes(sandbox: Sandbox) -> list[BaseRoute]:
    """The ``/_sandbox`` routes (paths relative to that mount)."""

    async def summary(request: Request) -> Response:
        config = sandbox.config
        return JSONResponse(
            {
                "zendesk": {
                    "base_path": "/zendesk",
                    "email": config.zendesk_email,
                    "api_token": config.zendesk_token.reveal(),
                    "account_id": config.zendesk_account_id,
                    "tickets": len(sandbox.zendesk.tickets),
                    "api_user_id": sandbox.zendesk.api_user.id,
                },
                "freshdesk": {
                    "base_path": "/freshdesk",
                    "api_key": config.freshdesk_key.reveal(),
                    "tickets": len(sandbox.freshdesk.tickets),
                    "api_agent_id": sandbox.freshdesk.api_agent.id,
                },
                "limits_enabled": sandbox.limits_enabled,
                "calls": len(sandbox.calls),
                "queued_webhooks": len(sandbox.outbox.queued()),
                "time": sandbox.now(),
            }
        )

    async def reset(request: Request) -> Response:
        sandbox.reset()
        return JSONResponse({"ok": True})

    async def seed(request: Request) -> Response:
        return JSONResponse(seed_demo(sandbox).to_json())

    async def calls(request: Request) -> Response:
        if request.method == "DELETE":
            sandbox.calls.clear()
            return JSONResponse({"ok": True})
        params = request.query_params
        status = params.get("status")
        kind = params.get("kind")
        if kind not in (None, "read", "write"):
            return control_error("bad_filter", "kind must be read or write")
        rows = sandbox.calls.select(
            helpdesk=params.get("helpdesk"),
            ticket_id=params.get("ticket_id"),
            kind=kind,  # type: ignore[arg-type]
            status=int(status) if status and status.isdigit() else None,
            method=params.get("method"),
        )
        return JSONResponse(
            {
                "calls": [r.to_json() for r in rows],
                "count": len(rows),
                "reads": sum(r.kind == "read" for r in rows),
                "writes": sum(r.kind == "write" for r in rows),
                "throttled": sum(r.status == 429 for r in rows),
            }
        )

    async def faults(request: Request) -> Response:
        if request.method == "DELETE":
            sandbox.faults.clear()
        elif request.method == "PUT":
            data = await read_json(request)
            if isinstance(data, Response):
                return data
            try:
                sandbox.faults.configure(data)
            except (TypeError, ValueError) as exc:
                return control_error("bad_faults", f"{exc}; send outage, fail_next, latency")
        return JSONResponse(sandbox.faults.to_json())

    async def limits(request: Request) -> Response:
        data = await read_json(request)
        if isinstance(data, Response):
            return data
        if "enabled" in data:
            sandbox.limits_enabled = bool(data["enabled"])
        if data.get("reset"):
            sandbox.zendesk_limits.clear()
            sandbox.freshdesk_limits.clear()
        return JSONResponse({"enabled": sandbox.limits_enabled})

    async def advance(request: Request) -> Response:
        data = await read_json(request)
        if isinstance(data, Response):
            return data
        move = getattr(sandbox.clock, "advance", None)
        if move is None:
            return control_error(
                "real_clock",
                "the sandbox runs on the real clock; start it with --fake-clock to move time",
                409,
            )
        move(float(data.get("seconds", 0)))
        return JSONResponse({"time": sandbox.now()})

    async def webhooks(request: Request) -> Response:
        body = request.query_params.get("body") in ("1", "true")
        return JSONResponse(
            {
                "deliveries": [d.to_json(body=body) for d in sandbox.outbox.deliveries],
                "queued": len(sandbox.outbox.queued()),
            }
        )

    async def flush(request: Request) -> Response:
        done = await sandbox.flush_webhooks()
        return JSONResponse({"deliveries": [d.to_json() for d in done]})

    def json_route(path: str, endpoint: Any, methods: list[str]) -> Route:
        return Route(path, endpoint, methods=methods)

    return [
        json_route("/", summary, ["GET"]),
        json_route("/reset", reset, ["POST"]),
        json_route("/seed", seed, ["POST"]),
        json_route("/calls", calls, ["GET", "DELETE"]),
        json_route("/faults", faults, ["GET", "PUT", "DELETE"]),
        json_route("/limits", limits, ["PUT"]),
        json_route("/clock/advance", advance, ["POST"]),
        json_route("/webhooks", webhooks, ["GET"]),
        json_route("/webhooks/flush", flush, ["POST"]),
        *ticket_control_routes(sandbox),
    ]
