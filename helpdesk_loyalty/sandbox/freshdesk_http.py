"""Freshdesk's way of saying things over HTTP: auth, limits, errors and JSON bodies.

Facts modelled (developers.freshdesk.com/api, support.freshdesk.com 225439): Basic auth with the
API key as username and any password; 401 ``{"code": "invalid_credentials", ...}``; JSON bodies
need ``Content-Type: application/json`` (415 otherwise); every response carries
``X-RateLimit-Total``, ``X-RateLimit-Remaining`` and ``X-RateLimit-Used-CurrentRequest``
(``include`` costs extra credits: +1 each on a ticket, +2 each on a list); over the limit the
answer is 429 with ``Retry-After``. A missing record answers 404 with an empty body.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from .faults import Fault
from .freshdesk_records import FdAgent
from .gate import relative_path
from .ratelimit import AccountLimits, LimitResult
from .sandbox import Sandbox

__all__ = ["FreshdeskDialect", "fd_json", "includes", "missing", "read_flat", "validation"]

_CODES = {
    500: "internal_error",
    502: "bad_gateway",
    503: "service_unavailable",
    504: "gateway_timeout",
    429: "rate_limit_exceeded",
    403: "access_denied",
}


def fd_json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> JSONResponse:
    """A JSON answer with Freshdesk's content type."""
    return JSONResponse(
        data, status_code=status, headers=headers, media_type="application/json; charset=utf-8"
    )


def missing() -> Response:
    """404 for a record that does not exist."""
    return Response(status_code=404)


def validation(errors: list[dict[str, str]]) -> JSONResponse:
    """400 ``Validation failed`` with ``errors``."""
    return fd_json({"description": "Validation failed", "errors": errors}, 400)


def includes(request: Request) -> list[str]:
    """The names in ``include=``."""
    return [p.strip() for p in request.query_params.get("include", "").split(",") if p.strip()]


async def read_flat(request: Request) -> dict[str, Any] | Response:
    """The flat JSON object of the body, or the 415/400 answer."""
    if "application/json" not in request.headers.get("content-type", ""):
        return fd_json(
            {
                "code": "invalid_content_type",
                "message": "Content-Type header should have application/json",
            },
            415,
        )
    try:
        data = json.loads(await request.body() or b"{}")
    except ValueError:
        return fd_json(
            {"code": "invalid_json", "message": "Request body has invalid json format"}, 400
        )
    if not isinstance(data, dict):
        return fd_json(
            {"code": "invalid_json", "message": "Request body must be a JSON object"}, 400
        )
    return data


class FreshdeskDialect:
    """The gate's Freshdesk side."""

    helpdesk = "freshdesk"

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox

    def limits(self) -> AccountLimits:
        return self.sandbox.freshdesk_limits

    def authenticate(self, request: Request) -> FdAgent | None:
        scheme, _, value = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "basic":
            return None
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        key = decoded.partition(":")[0]
        return (
            self.sandbox.freshdesk.api_agent
            if self.sandbox.config.freshdesk_key.matches(key)
            else None
        )

    def unauthorized(self) -> Response:
        return fd_json(
            {
                "code": "invalid_credentials",
                "message": "You have to be logged in to perform this action.",
            },
            401,
        )

    def credits(self, request: Request) -> int:
        extra = len(includes(request))
        if request.method != "GET" or not extra:
            return 1
        listing = relative_path(request).rstrip("/") == "/api/v2/tickets"
        return 1 + extra * (2 if listing else 1)

    def throttled(self, result: LimitResult) -> Response:
        return fd_json(
            {
                "code": "rate_limit_exceeded",
                "message": "You have exceeded the limit of requests per minute",
            },
            429,
            {"Retry-After": str(result.retry_after)},
        )

    def fault(self, fault: Fault) -> Response:
        headers = {} if fault.retry_after is None else {"Retry-After": str(fault.retry_after)}
        return fd_json(
            {
                "code": _CODES.get(fault.status, "error"),
                "message": f"Injected fault: HTTP {fault.status}",
            },
            fault.status,
            headers,
        )

    def rate_headers(self, request: Request, result: LimitResult, credits: int) -> dict[str, str]:
        return {
            "X-RateLimit-Total": str(result.general.limit),
            "X-RateLimit-Remaining": str(result.general.remaining),
            "X-RateLimit-Used-CurrentRequest": str(credits),
        }
