"""The ASGI app: the webhook receiver, health, and the read-only ledger and ops endpoints.

The receiver does as little as it can: read the body (bounded), verify, parse, one durable
insert, answer. It answers 2xx only after the event is committed; a redelivery is acknowledged
and ignored. When the store cannot take the event it answers 503 with ``Retry-After`` (Zendesk
retries 503 with ``Retry-After`` under 60 s, but never a 500). Bad input gets a 4xx with
``{"error": code, "detail": what is wrong and how to fix it}`` and is not stored.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import AsyncIterator, Callable, Coroutine
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import (
    AuthenticationError,
    NotConfiguredError,
    PayloadError,
    StoreUnavailableError,
    WebhookError,
)
from .inbound import job_payload
from .ops import ops_routes
from .runtime import Runtime, settle_startup
from .store.base import Accepted, InboundRecord

__all__ = ["create_app", "error_response"]

log = logging.getLogger("helpdesk_loyalty.receiver")
JSON_TYPES = ("application/json", "text/json")


def error_response(
    status: int, code: str, detail: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    """The one shape of every error answer."""
    return JSONResponse({"error": code, "detail": detail}, status_code=status, headers=headers)


def _lowered_headers(request: Request) -> dict[str, str]:
    # One pass over the raw ASGI headers; Starlette's Headers decode on every lookup.
    return {
        name.decode("latin-1").lower(): value.decode("latin-1")
        for name, value in request.scope["headers"]
    }


async def _read_body(request: Request, headers: dict[str, str], limit: int) -> bytes:
    declared = headers.get("content-length")
    if declared is not None:
        try:
            too_big = int(declared) > limit
        except ValueError:
            raise PayloadError(
                "Content-Length is not a number", code="bad_content_length"
            ) from None
        if too_big:
            raise PayloadError(
                f"body is {declared} bytes; the limit is {limit} (HL_MAX_BODY_BYTES)",
                code="body_too_large",
                status_code=413,
            )
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadError(
                f"body exceeds {limit} bytes (HL_MAX_BODY_BYTES)",
                code="body_too_large",
                status_code=413,
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _receiver(
    runtime_ref: Callable[[], Runtime],
) -> Callable[[Request], Coroutine[Any, Any, JSONResponse]]:
    async def receive(request: Request) -> JSONResponse:
        runtime = runtime_ref()
        runtime.intake.arrived()
        helpdesk = request.path_params["helpdesk"]
        spec = runtime.specs.get(helpdesk)
        if spec is None:
            known = ", ".join(sorted(runtime.specs)) or "none"
            return error_response(
                404,
                "unknown_helpdesk",
                f"no adapter named {helpdesk!r}; this server knows: {known}",
            )
        settings = runtime.helpdesks.get(helpdesk)
        if settings is None:
            raise NotConfiguredError(
                f"{helpdesk} is not configured on this server, so /webhooks/{helpdesk} refuses "
                f"every request; set the HL_{helpdesk.upper()}_* variables (see README)"
            )
        headers = _lowered_headers(request)
        content_type = headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type not in JSON_TYPES:
            return error_response(
                415,
                "unsupported_media_type",
                f"Content-Type is {content_type or 'missing'!r}; send application/json",
            )
        body = await _read_body(request, headers, runtime.settings.max_body_bytes)
        spec.verify(headers, body, settings, runtime.clock.time())
        try:
            event = spec.parse(headers, body, settings)
        except (ValueError, RecursionError) as exc:
            # json.loads raises these, not JSONDecodeError, for numbers over int()'s digit
            # limit and for nesting deeper than the recursion limit: malformed input, not a
            # server fault (a 5xx would make the helpdesk deliver it again and again).
            raise PayloadError(
                f"the body could not be read as JSON ({type(exc).__name__}); send the body "
                f"template from connectors/{helpdesk}/",
                code="unreadable_body",
            ) from exc
        if "\x00" in event.event_id:
            raise PayloadError(
                "the event id contains a NUL character (\\u0000), which cannot be stored as a "
                f"key; send the body template from connectors/{helpdesk}/"
            )
        record = InboundRecord(
            source=helpdesk,
            account=event.account,
            event_key=event.event_id,
            ticket_id=event.ticket_id,
            kind=event.kind,
            payload=job_payload(spec, headers, body, event),
            requester_id=event.ticket.requester_id,
            body_sha256=hashlib.sha256(body).hexdigest(),
        )
        outcome = await runtime.store.accept_event(record)
        if outcome is Accepted.DUPLICATE:
            return JSONResponse(
                {"status": "duplicate", "event_id": event.event_id}, status_code=200
            )
        return JSONResponse({"status": "accepted", "event_id": event.event_id}, status_code=202)

    return receive


async def _webhook_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, WebhookError)
    if isinstance(exc, AuthenticationError):
        log.warning("refused %s %s: %s", request.method, request.url.path, exc.code)
    return error_response(exc.status_code, exc.code, exc.detail)


async def _store_unavailable(request: Request, exc: Exception) -> JSONResponse:
    retry_after = getattr(exc, "retry_after", 30)
    log.error("store unavailable on %s: %s", request.url.path, exc)
    return error_response(
        503,
        "store_unavailable",
        "the event could not be stored; retry after the delay given",
        {"Retry-After": str(retry_after)},
    )


class CatchAllMiddleware:
    """Turns an unexpected exception into 503 + ``Retry-After``: Zendesk never retries a 500."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception:
            log.exception("unexpected error on %s", scope.get("path"))
            if started:
                raise
            response = error_response(
                503,
                "internal_error",
                "the server failed; retry after the delay given",
                {"Retry-After": "30"},
            )
            await response(scope, receive, send)


def create_app(
    runtime: Runtime | Callable[[], Coroutine[Any, Any, Runtime]],
    *,
    run_worker: bool = True,
    settle: bool = False,
) -> Starlette:
    """The app. ``runtime`` is a factory the lifespan calls at start-up (and closes at
    shutdown), or a :class:`Runtime` the caller opened and will close (tests).
    ``settle``: once started, warm the detectors and keep the start-up heap out of garbage
    collections (:func:`.runtime.settle_startup`; ``serve`` sets it)."""
    holder: dict[str, Runtime] = {}
    if isinstance(runtime, Runtime):
        holder["runtime"] = runtime

    def current() -> Runtime:
        return holder["runtime"]

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[dict[str, Any]]:
        owned = not isinstance(runtime, Runtime)
        rt = await runtime() if not isinstance(runtime, Runtime) else runtime
        holder["runtime"] = rt
        if settle:
            settle_startup(rt)
        stop = asyncio.Event()
        task = asyncio.create_task(rt.worker.run(stop)) if run_worker else None
        try:
            yield {"runtime": rt}
        finally:
            stop.set()
            if task is not None:
                await task
            if owned:
                await rt.close()

    async def healthz(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> JSONResponse:
        await current().store.ping()
        return JSONResponse({"status": "ready", "helpdesks": sorted(current().helpdesks)})

    routes = [
        Route("/webhooks/{helpdesk}", _receiver(current), methods=["POST"]),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
        *ops_routes(current),
    ]
    return Starlette(
        routes=routes,
        lifespan=lifespan,
        middleware=[Middleware(CatchAllMiddleware)],
        exception_handlers={
            WebhookError: _webhook_error,
            StoreUnavailableError: _store_unavailable,
        },
    )
