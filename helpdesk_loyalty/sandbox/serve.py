"""Running the sandbox as a server on loopback, with webhooks sent as they are queued."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import uvicorn

from .app import create_sandbox_app
from .sandbox import Sandbox

__all__ = ["autoflush", "serve_sandbox"]

log = logging.getLogger(__name__)


async def autoflush(sandbox: Sandbox, interval: float = 0.5) -> None:
    """Send due webhook deliveries every ``interval`` seconds, forever."""
    while True:
        await asyncio.sleep(interval)
        try:
            await sandbox.flush_webhooks()
        except Exception:  # The loop must outlive one bad delivery; it is logged.
            log.exception("webhook flush failed")


async def serve_sandbox(
    sandbox: Sandbox,
    *,
    host: str = "127.0.0.1",
    port: int = 8900,
    flush_interval: float | None = 0.5,
    log_level: str = "warning",
) -> None:
    """Serve ``sandbox`` until cancelled; ``flush_interval=None`` leaves webhooks queued for
    ``POST /_sandbox/webhooks/flush``."""
    server = uvicorn.Server(
        uvicorn.Config(
            create_sandbox_app(sandbox), host=host, port=port, log_level=log_level, lifespan="off"
        )
    )
    flusher = None
    if flush_interval is not None:
        flusher = asyncio.create_task(autoflush(sandbox, flush_interval))
    try:
        await server.serve()
    finally:
        if flusher is not None:
            flusher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await flusher
