"""What every sandbox API call passes through: faults, authentication, the rate limit, and
the call log. Each helpdesk supplies a :class:`Dialect` that says it in its own words."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from starlette.requests import Request
from starlette.responses import Response

from .calllog import CallRecord
from .faults import Fault
from .ratelimit import AccountLimits, LimitResult
from .sandbox import Sandbox

__all__ = ["Dialect", "Handler", "api_base", "guarded", "relative_path"]

Handler = Callable[[Request, Any], Awaitable[Response]]


class Dialect(Protocol):
    """How one helpdesk authenticates, limits and phrases its errors."""

    helpdesk: str

    def limits(self) -> AccountLimits:
        """The account's limiter."""

    def authenticate(self, request: Request) -> Any | None:
        """The calling user, or ``None`` when the credentials are missing or wrong."""

    def unauthorized(self) -> Response:
        """The 401 answer."""

    def credits(self, request: Request) -> int:
        """What this call costs against the rate limit."""

    def throttled(self, result: LimitResult) -> Response:
        """The 429 answer."""

    def fault(self, fault: Fault) -> Response:
        """The answer for an injected fault."""

    def rate_headers(self, request: Request, result: LimitResult, credits: int) -> dict[str, str]:
        """Rate-limit headers for the answer."""


def api_base(request: Request) -> str:
    """The helpdesk's API root as the client reached it (``http://host:port/zendesk``)."""
    return f"{request.url.scheme}://{request.url.netloc}{request.scope.get('root_path', '')}"


def relative_path(request: Request) -> str:
    """The request path below the helpdesk's mount point."""
    root = request.scope.get("root_path", "")
    path = request.url.path
    return path[len(root) :] if root and path.startswith(root) else path


def guarded(
    sandbox: Sandbox, dialect: Dialect, handler: Handler, *, update: bool = False
) -> Callable[[Request], Awaitable[Response]]:
    """Wrap ``handler`` (which gets the request and the authenticated caller) in the gate.

    ``update`` marks calls that also spend the account's ticket-update budget.
    """

    async def endpoint(request: Request) -> Response:
        faults = sandbox.faults
        await faults.delay(faults.latency)
        fault = faults.take(dialect.helpdesk, request.method)
        credits = 0
        if fault is not None and not fault.after_apply:
            await faults.delay(fault.hang)
            response = dialect.fault(fault)
            standing = dialect.limits().peek(sandbox.now())
            response.headers.update(dialect.rate_headers(request, standing, 0))
        else:
            caller = dialect.authenticate(request)
            if caller is None:
                response = dialect.unauthorized()
                standing = dialect.limits().peek(sandbox.now())
                response.headers.update(dialect.rate_headers(request, standing, 0))
            else:
                credits = dialect.credits(request)
                result = dialect.limits().take(sandbox.now(), credits, endpoint=update)
                if result.allowed:
                    response = await handler(request, caller)
                    if fault is not None:
                        await faults.delay(fault.hang)
                        response = dialect.fault(fault)
                else:
                    credits = 0
                    response = dialect.throttled(result)
                response.headers.update(dialect.rate_headers(request, result, credits))
        ticket_id = request.path_params.get("ticket_id")
        sandbox.calls.record(
            CallRecord(
                helpdesk=dialect.helpdesk,
                method=request.method,
                path=relative_path(request),
                status=response.status_code,
                kind="read" if request.method in ("GET", "HEAD") else "write",
                time=sandbox.now(),
                query=request.url.query,
                ticket_id=None if ticket_id is None else str(ticket_id),
                credits=credits,
                fault=fault is not None,
            )
        )
        return response

    return endpoint
