"""The one exception tree of helpdesk-loyalty.

Every error the service raises on purpose is one of these. Foreign exceptions (httpx, sqlite3,
psycopg, tomllib) are translated at one seam per boundary and chained with ``raise ... from exc``.

    LoyaltyError
    ├── ConfigError                 bad setting or rules file; names the key, the value and the fix
    ├── WebhookError                an inbound request we refuse (answered with a 4xx)
    │   ├── AuthenticationError     missing / wrong signature or shared secret      -> 401
    │   ├── NotConfiguredError      no secret configured: the endpoint fails closed  -> 401
    │   └── PayloadError            not JSON, wrong shape, missing field, unknown
    │                               event type, body too large        -> 400 / 413 / 422
    ├── HelpdeskError               talking to a helpdesk API failed
    │   ├── TransientHelpdeskError  worth retrying later (timeout, connection, 5xx)
    │   │   ├── RateLimitedError    429; carries ``retry_after`` seconds
    │   │   └── OutcomeUnknownError the request may have been applied (timeout after send)
    │   ├── ConflictError           409 from ``safe_update``: re-read and re-plan
    │   └── PermanentHelpdeskError  4xx that retrying cannot fix (auth, validation, not found)
    ├── StoreError                  the durable store failed
    │   └── StoreUnavailableError   cannot take work right now -> receiver answers 503 + Retry-After
    └── RuleError                   a rule plugin raised, timed out or returned garbage
        └── RuleTimeoutError

Catch broadly in three places only: the ASGI exception handlers, the worker loop and the CLI.
"""

from __future__ import annotations

__all__ = [
    "AuthenticationError",
    "ConfigError",
    "ConflictError",
    "HelpdeskError",
    "LoyaltyError",
    "NotConfiguredError",
    "OutcomeUnknownError",
    "PayloadError",
    "PermanentHelpdeskError",
    "RateLimitedError",
    "RuleError",
    "RuleTimeoutError",
    "StoreError",
    "StoreUnavailableError",
    "TransientHelpdeskError",
    "WebhookError",
]


class LoyaltyError(Exception):
    """Base of every error helpdesk-loyalty raises on purpose."""


class ConfigError(LoyaltyError):
    """A setting, the rules file or a plugin's settings table is wrong.

    The message names the key, the offending value and how to fix it.
    """

    def __init__(self, key: str, problem: str, fix: str) -> None:
        self.key = key
        self.problem = problem
        self.fix = fix
        super().__init__(f"{key}: {problem}. Fix: {fix}")


class WebhookError(LoyaltyError):
    """An inbound webhook request that is refused with a 4xx.

    ``code`` is the short machine-readable error, ``detail`` says what is wrong and how to fix it.
    """

    status_code = 400
    code = "bad_request"

    def __init__(self, detail: str, *, code: str | None = None, status_code: int | None = None):
        self.detail = detail
        if code is not None:
            self.code = code
        if status_code is not None:
            self.status_code = status_code
        super().__init__(detail)


class AuthenticationError(WebhookError):
    """The request is not proven to come from the helpdesk."""

    status_code = 401
    code = "unauthenticated"


class NotConfiguredError(AuthenticationError):
    """No secret is configured for this endpoint, so it refuses everything (fails closed)."""

    code = "not_configured"


class PayloadError(WebhookError):
    """The body is not something we can turn into a ticket event."""

    status_code = 400
    code = "invalid_payload"


class HelpdeskError(LoyaltyError):
    """A call to a helpdesk API failed. ``status`` is the HTTP status when there was one."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        self.status = status
        super().__init__(message)


class TransientHelpdeskError(HelpdeskError):
    """Retrying later may succeed: timeouts, connection errors, 5xx."""


class RateLimitedError(TransientHelpdeskError):
    """The helpdesk answered 429. Wait ``retry_after`` seconds before the next call to it."""

    def __init__(self, message: str, *, retry_after: float, status: int | None = 429) -> None:
        self.retry_after = retry_after
        super().__init__(message, status=status)


class OutcomeUnknownError(TransientHelpdeskError):
    """The request was sent but no answer came back: it may have been applied."""


class ConflictError(HelpdeskError):
    """The ticket changed since we read it (``safe_update`` 409): re-read and re-plan."""


class PermanentHelpdeskError(HelpdeskError):
    """A 4xx that retrying will not fix: bad credentials, validation, ticket gone."""


class StoreError(LoyaltyError):
    """The durable store failed."""


class StoreUnavailableError(StoreError):
    """The store cannot take work right now; callers answer 503 with ``Retry-After``."""

    def __init__(self, message: str, *, retry_after: int = 30) -> None:
        self.retry_after = retry_after
        super().__init__(message)


class RuleError(LoyaltyError):
    """A rule plugin raised, returned something that is not a result, or ran out of time."""

    def __init__(self, rule: str, message: str) -> None:
        self.rule = rule
        super().__init__(f"rule {rule!r}: {message}")


class RuleTimeoutError(RuleError):
    """A rule did not return within its time budget."""
