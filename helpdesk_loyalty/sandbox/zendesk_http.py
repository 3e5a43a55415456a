"""Zendesk's way of saying things over HTTP: auth, limits, errors and JSON bodies.

Facts modelled (developer.zendesk.com api-reference/introduction): API tokens authenticate as
``{email}/token:{token}`` with Basic auth and may act as any user of the account, OAuth as
``Bearer``; a failed login answers 401 ``{"error": "Couldn't authenticate you"}``; every
response carries ``X-Rate-Limit`` and ``X-Rate-Limit-Remaining``, ticketing endpoints also
``ratelimit-limit``, ``ratelimit-remaining`` and ``ratelimit-reset``; over the limit the answer
is 429 with ``Retry-After`` in seconds; Update Ticket has its own 100/min account budget.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from .faults import Fault
from .gate import relative_path
from .ratelimit import AccountLimits, LimitResult
from .sandbox import Sandbox
from .zendesk_records import ZdUser

__all__ = ["ZendeskDialect", "not_found", "read_body", "zd_json"]

_REASONS = {
    500: "InternalServerError",
    502: "BadGateway",
    503: "ServiceUnavailable",
    504: "GatewayTimeout",
    429: "APIRateLimitExceeded",
    409: "Conflict",
    403: "Forbidden",
    404: "RecordNotFound",
}


def zd_json(data: Any, status: int = 200) -> JSONResponse:
    """A JSON answer with Zendesk's content type."""
    return JSONResponse(data, status_code=status, media_type="application/json; charset=utf-8")


def not_found() -> JSONResponse:
    """404 for a record that does not exist."""
    return zd_json({"error": "RecordNotFound", "description": "Not found"}, 404)


async def read_body(request: Request, wrapper: str | None) -> dict[str, Any] | Response:
    """The JSON object of the body (unwrapped from ``{wrapper: ...}``), or the 400 answer."""
    raw = await request.body()
    try:
        data = json.loads(raw or b"{}")
    except ValueError:
        return zd_json(
            {"error": "InvalidJSON", "description": "The request body is not valid JSON"}, 400
        )
    if wrapper is not None:
        data = data.get(wrapper) if isinstance(data, dict) else None
    if not isinstance(data, dict):
        what = f'{{"{wrapper}": {{...}}}}' if wrapper else "a JSON object"
        return zd_json(
            {"error": "InvalidValue", "description": f"The request body must be {what}"}, 400
        )
    return data


class ZendeskDialect:
    """The gate's Zendesk side."""

    helpdesk = "zendesk"

    def __init__(self, sandbox: Sandbox) -> None:
        self.sandbox = sandbox

    def limits(self) -> AccountLimits:
        return self.sandbox.zendesk_limits

    def authenticate(self, request: Request) -> ZdUser | None:
        config, state = self.sandbox.config, self.sandbox.zendesk
        header = request.headers.get("authorization", "")
        scheme, _, value = header.partition(" ")
        if scheme.lower() == "bearer":
            bearer = config.zendesk_bearer
            return state.api_user if bearer and bearer.matches(value.strip()) else None
        if scheme.lower() != "basic":
            return None
        try:
            decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        username, _, token = decoded.partition(":")
        if not username.endswith("/token") or not config.zendesk_token.matches(token):
            return None
        user = state.user_by_email(username.removesuffix("/token"))
        return user if user is not None and user.role != "end-user" else None

    def unauthorized(self) -> Response:
        return zd_json({"error": "Couldn't authenticate you"}, 401)

    def credits(self, request: Request) -> int:
        return 1

    def throttled(self, result: LimitResult) -> Response:
        headers = {"Retry-After": str(result.retry_after)}
        if not result.general.allowed:
            return PlainTextResponse(
                "Number of allowed API requests per minute exceeded",
                status_code=429,
                headers=headers,
            )
        body = {
            "error": "APIRateLimitExceeded",
            "description": "Number of allowed ticket updates per minute exceeded",
        }
        return JSONResponse(body, status_code=429, headers=headers)

    def fault(self, fault: Fault) -> Response:
        headers = {} if fault.retry_after is None else {"Retry-After": str(fault.retry_after)}
        body = {
            "error": _REASONS.get(fault.status, "Error"),
            "description": f"Injected fault: HTTP {fault.status}",
        }
        return JSONResponse(body, status_code=fault.status, headers=headers)

    def rate_headers(self, request: Request, result: LimitResult, credits: int) -> dict[str, str]:
        general = result.general
        remaining = general.remaining
        headers = {"X-Rate-Limit": str(general.limit), "X-Rate-Limit-Remaining": str(remaining)}
        if not relative_path(request).startswith("/api/v2/webhooks"):
            headers.update(
                {
                    "ratelimit-limit": str(general.limit),
                    "ratelimit-remaining": str(remaining),
                    "ratelimit-reset": str(general.reset),
                }
            )
        return headers
