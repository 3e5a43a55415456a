"""Webhook deliveries waiting to be sent, and the helpdesks' retry behaviour.

Nothing is sent until :meth:`Outbox.flush` runs, so tests decide when webhooks arrive.

Zendesk (quoted from "Creating and monitoring webhooks", secondary sources): 409 is retried up
to 3 times; 429 and 503 only when ``Retry-After`` is under 60 s (after that wait); timeouts up
to 5 times; any other failure is final. Every attempt of one invocation carries the same
``x-zendesk-webhook-invocation-id``. Freshdesk (its KB, secondary): a failed call is retried
about 5, 30 and 60 minutes later, then given up.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any, Literal

import httpx

from ..clock import Clock
from .webhooks import ZENDESK_TIMEOUT, WebhookRequest, deliver

__all__ = ["Attempt", "Delivery", "Outbox"]

State = Literal["queued", "delivered", "failed"]
_FRESHDESK_BACKOFF = (300.0, 1800.0, 3600.0)
_ZENDESK_TRIES = {409: 3, "timeout": 5, "retry_after": 3}


@dataclass(frozen=True)
class Attempt:
    """One try: when, the status answered (``None`` if none came) and the error if any."""

    at: float
    status: int | None
    error: str | None = None


@dataclass
class Delivery:
    """One webhook invocation and its attempts."""

    id: int
    helpdesk: str
    url: str
    request: WebhookRequest
    due_at: float
    state: State = "queued"
    attempts: list[Attempt] = field(default_factory=list)
    retries: dict[str, int] = field(default_factory=dict)

    @property
    def last_status(self) -> int | None:
        """The status of the latest attempt."""
        return self.attempts[-1].status if self.attempts else None

    def to_json(self, *, body: bool = False) -> dict[str, Any]:
        """A JSON summary (with the body text when ``body``)."""
        data: dict[str, Any] = {
            "id": self.id,
            "helpdesk": self.helpdesk,
            "url": self.url,
            "state": self.state,
            "due_at": self.due_at,
            "method": self.request.method,
            "headers": dict(self.request.headers),
            "meta": dict(self.request.meta),
            "attempts": [{"at": a.at, "status": a.status, "error": a.error} for a in self.attempts],
        }
        if body:
            data["body"] = self.request.body.decode("utf-8")
        return data


class Outbox:
    """Queued webhook deliveries of one sandbox."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.deliveries: list[Delivery] = []
        self._ids = itertools.count(1)

    def add(self, helpdesk: str, request: WebhookRequest, url: str | None = None) -> Delivery:
        """Queue ``request`` for ``url`` (default: ``request.url``)."""
        target = url or request.url
        if not target:
            raise ValueError("a webhook delivery needs a URL")
        delivery = Delivery(next(self._ids), helpdesk, target, request, self.clock.time())
        self.deliveries.append(delivery)
        return delivery

    def queued(self) -> list[Delivery]:
        """Deliveries not yet delivered or given up."""
        return [d for d in self.deliveries if d.state == "queued"]

    def clear(self) -> None:
        """Forget every delivery."""
        self.deliveries.clear()

    async def flush(self, client: httpx.AsyncClient) -> list[Delivery]:
        """Send every due delivery, with immediate retries where the helpdesk makes them.

        Returns the deliveries attempted. Retries that must wait (``Retry-After``, Freshdesk's
        minutes-long backoff) stay queued with a later ``due_at``.
        """
        touched: list[Delivery] = []
        while True:
            now = self.clock.time()
            due = [d for d in self.queued() if d.due_at <= now]
            if not due:
                return touched
            for delivery in due:
                await self._attempt(delivery, client)
                if delivery not in touched:
                    touched.append(delivery)

    async def _attempt(self, delivery: Delivery, client: httpx.AsyncClient) -> None:
        now = self.clock.time()
        try:
            response = await deliver(
                delivery.request, delivery.url, client, timeout=ZENDESK_TIMEOUT
            )
        except httpx.TimeoutException as exc:
            delivery.attempts.append(Attempt(now, None, f"timeout: {exc!r}"))
            self._retry(delivery, "timeout", None)
            return
        except httpx.HTTPError as exc:
            delivery.attempts.append(Attempt(now, None, f"{type(exc).__name__}: {exc}"))
            self._retry(delivery, "error", None)
            return
        delivery.attempts.append(Attempt(now, response.status_code))
        if 200 <= response.status_code < 300:
            delivery.state = "delivered"
            return
        self._retry(delivery, response.status_code, response.headers.get("retry-after"))

    def _retry(self, delivery: Delivery, why: int | str, retry_after: str | None) -> None:
        now = self.clock.time()
        if delivery.helpdesk == "freshdesk":
            tries = delivery.retries.get("backoff", 0)
            if tries >= len(_FRESHDESK_BACKOFF):
                delivery.state = "failed"
                return
            delivery.retries["backoff"] = tries + 1
            delivery.due_at = now + _FRESHDESK_BACKOFF[tries]
            return
        key: int | str = why
        wait = 0.0
        if why in (429, 503):
            seconds = _seconds(retry_after)
            if seconds is None or seconds >= 60:
                delivery.state = "failed"
                return
            key, wait = "retry_after", seconds
        limit = _ZENDESK_TRIES.get(key)
        used = delivery.retries.get(str(key), 0)
        if limit is None or used >= limit:
            delivery.state = "failed"
            return
        delivery.retries[str(key)] = used + 1
        delivery.due_at = now + wait


def _seconds(value: str | None) -> float | None:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None
