"""The helpdesk adapter contract: inbound (verify + parse webhooks) and outbound (API client).

An adapter is the only code that knows a vendor's JSON. Inbound, it turns a verified webhook into a
helpdesk-neutral :class:`~helpdesk_loyalty.models.TicketEvent`; outbound, it reads ticket
context and writes one :class:`~helpdesk_loyalty.update.TicketUpdate`. Zendesk and Freshdesk are
built in; a plugin can offer another through the ``register_helpdesks`` hook. Both built-in
adapters pass one contract test suite against the sandbox helpdesk.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..clock import Clock, SystemClock
from ..models import Organization, Person, Ticket, TicketEvent, TicketSummary, empty_mapping
from ..secret import Secret
from ..update import TicketUpdate

__all__ = [
    "CallStats",
    "ClientOptions",
    "HelpdeskClient",
    "HelpdeskSettings",
    "HelpdeskSpec",
    "RequesterBundle",
    "TicketBundle",
    "WriteResult",
]


@dataclass(frozen=True)
class HelpdeskSettings:
    """Settings for one helpdesk account, read once at start from ``HL_<NAME>_*``.

    ``account`` is the rate-limit and ordering scope (``zendesk:acme``). ``update_limit`` and
    ``request_limit`` are per minute for this process (0 = no proactive limit; a 429 still
    pauses the account). ``webhook_secret`` is the Zendesk signing secret or the Freshdesk
    shared header secret; ``webhook_username``/``webhook_password`` are Freshdesk Basic
    credentials. ``extra`` carries adapter-specific values for third-party adapters.
    """

    name: str
    account: str
    base_url: str
    email: str | None = None
    api_token: Secret | None = None
    webhook_secret: Secret | None = None
    webhook_header: str = "X-Helpdesk-Loyalty-Secret"
    webhook_username: str | None = None
    webhook_password: Secret | None = None
    signature_tolerance: float = 300.0
    update_limit: int = 90
    request_limit: int = 0
    api_user_id: str | None = None
    timeout: float = 10.0
    extra: Mapping[str, Any] = field(default_factory=empty_mapping)


@dataclass(frozen=True)
class TicketBundle:
    """A ticket read with its requester and organization (side-loaded where the API allows)."""

    ticket: Ticket
    requester: Person | None = None
    organization: Organization | None = None


@dataclass(frozen=True)
class RequesterBundle:
    """A requester with their organization and recent tickets, most recently updated first.

    The tickets are full :class:`Ticket` records, so the current ticket's exact
    ``updated_stamp`` and tags come with them when it is among them.
    """

    requester: Person | None
    organization: Organization | None = None
    tickets: tuple[Ticket, ...] = ()

    def summaries(self) -> tuple[TicketSummary, ...]:
        """The tickets as summaries, newest created first (tickets without a time are left out)."""
        rows = [
            TicketSummary(id=t.id, created_at=t.created_at, status=t.status, subject=t.subject)
            for t in self.tickets
            if t.created_at is not None
        ]
        return tuple(sorted(rows, key=lambda s: s.created_at, reverse=True))


@dataclass(frozen=True)
class WriteResult:
    """What a write did: how many write calls it took and the ticket state after, if known."""

    calls: int
    ticket: Ticket | None = None


@dataclass
class CallStats:
    """Counters of API calls, for benchmarks and ``check``: reads, writes, 429s, retries."""

    reads: int = 0
    writes: int = 0
    rate_limited: int = 0
    retries: int = 0
    last_remaining: int | None = None


class HelpdeskClient(Protocol):
    """Outbound API of one helpdesk account.

    Errors are translated at this seam: :class:`~helpdesk_loyalty.errors.RateLimitedError`
    (429, with ``retry_after``), :class:`~helpdesk_loyalty.errors.TransientHelpdeskError`
    (timeouts, connection errors, 5xx, after short in-call retries),
    :class:`~helpdesk_loyalty.errors.OutcomeUnknownError` (a write sent without an answer),
    :class:`~helpdesk_loyalty.errors.ConflictError` (Zendesk ``safe_update`` 409) and
    :class:`~helpdesk_loyalty.errors.PermanentHelpdeskError` (other 4xx, with the vendor's
    message decoded). Clients only talk to their configured base URL and follow no redirects.
    """

    helpdesk: str
    account: str
    stats: CallStats

    async def fetch_ticket(self, ticket_id: str) -> TicketBundle:
        """Read a ticket with its requester and organization in as few calls as the API allows
        (Zendesk: one, side-loading ``users,organizations``)."""

    async def fetch_requester(self, requester_id: str) -> RequesterBundle:
        """Read a requester, their organization and their recent tickets (one call on Zendesk)."""

    async def apply_update(self, ticket: Ticket, update: TicketUpdate) -> WriteResult:
        """Write ``update`` to ``ticket``: the internal note (private), tags merged with
        ``ticket.tags``, priority (only raised), group and custom fields. Zendesk: one ``PUT``
        with ``safe_update`` and ``updated_stamp=ticket.updated_stamp``; Freshdesk: ``PUT`` then
        ``POST .../notes``."""

    async def has_marker(self, ticket_id: str, decision_id: str) -> bool:
        """Whether the ticket already shows the note of ``decision_id`` (outcome-unknown check)."""

    async def whoami(self) -> Person:
        """The API user we write as (its id is how our own writes are recognised)."""

    async def aclose(self) -> None:
        """Close connections."""


@dataclass(frozen=True)
class ClientOptions:
    """How a client is built besides its settings: the HTTP transport (tests and the sandbox
    pass ``httpx.ASGITransport``), the clock the rate limiter and retries wait on, and how long
    one call may spend waiting in short in-call retries before it gives the job back to the
    store to retry later. ``on_rate_limited(until)`` is told of every 429 as it arrives (the
    runtime records the pause in the store, so every worker of the account waits, not only the
    one that waits out a short ``Retry-After`` inside its call); it must not block.
    ``paused_until()`` is asked before every request for a pause recorded elsewhere (another
    worker's 429, from the store), so a job already under way stops calling too."""

    transport: Any = None
    clock: Clock = field(default_factory=SystemClock)
    retry_budget: float = 20.0
    max_attempts: int = 3
    on_rate_limited: Callable[[float], None] | None = None
    paused_until: Callable[[], Awaitable[float | None]] | None = None


@dataclass(frozen=True)
class HelpdeskSpec:
    """An adapter, as registered (built in or through the ``register_helpdesks`` hook).

    - ``verify(headers, body, settings, now)`` raises
      :class:`~helpdesk_loyalty.errors.AuthenticationError` /
      :class:`~helpdesk_loyalty.errors.NotConfiguredError`; headers are lower-cased.
    - ``parse(headers, body, settings)`` returns the event or raises
      :class:`~helpdesk_loyalty.errors.PayloadError` naming the field that is wrong.
    - ``client(settings, options)`` builds the API client.
    - ``settings_from_env(env)`` reads ``HL_<NAME>_*``; returns ``None`` when the helpdesk is
      not configured at all.
    - ``replay_headers``: the (lower-cased) headers ``parse`` reads. When given, an accepted
      event is stored as its raw body and these headers, and parsed again by the worker
      (cheaper for the receiver); ``None`` stores the parsed event. Never name a header that
      carries a secret.
    """

    name: str
    verify: Callable[[Mapping[str, str], bytes, HelpdeskSettings, float], None]
    parse: Callable[[Mapping[str, str], bytes, HelpdeskSettings], TicketEvent]
    client: Callable[[HelpdeskSettings, ClientOptions], HelpdeskClient]
    settings_from_env: Callable[[Mapping[str, str]], HelpdeskSettings | None]
    description: str = ""
    replay_headers: tuple[str, ...] | None = None
