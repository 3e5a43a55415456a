"""The one seam where helpdesk API calls are sent and every httpx failure is translated.

:class:`HelpdeskHttp` sends a request to the configured base URL only (no redirects, no other
host), waits for the account's :class:`~helpdesk_loyalty.ratelimit.AccountLimiter`, counts the
call into :class:`~helpdesk_loyalty.adapters.base.CallStats`, and retries briefly in the call
(tenacity, waiting on the injected clock) within ``ClientOptions.retry_budget`` seconds and
``max_attempts`` attempts. What is left is raised as one of our errors:

- 429 -> :class:`RateLimitedError` with ``retry_after`` (the whole account pauses too);
- connection errors, timeouts, 5xx, a body that is not JSON -> :class:`TransientHelpdeskError`;
- a write that was sent but got no answer (timeout, dropped connection, 500/502/504) ->
  :class:`OutcomeUnknownError`. Such a write is never re-sent in the call: the note may already
  be on the ticket, so the caller checks the decision marker first (DESIGN.md, decision 8);
- 409 -> :class:`ConflictError`; other 3xx/4xx -> :class:`PermanentHelpdeskError` with the
  vendor's message decoded by the adapter.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import random
import re
from collections.abc import Callable, Generator, Mapping, Sequence
from typing import Any

import httpx
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception

from ..errors import (
    ConflictError,
    HelpdeskError,
    OutcomeUnknownError,
    PermanentHelpdeskError,
    RateLimitedError,
    TransientHelpdeskError,
)
from ..ratelimit import AccountLimiter, CallKind
from ..secret import Secret
from .base import CallStats, ClientOptions
from .quota import parse_retry_after, remaining_quota, reset_after

__all__ = ["ErrorDecoder", "HelpdeskHttp", "SecretBasicAuth", "path_id"]

log = logging.getLogger(__name__)

PAUSE_FRESH = 0.1
"""Seconds one read of the account's shared pause serves a client."""
PAUSE_READ_TIMEOUT = 0.25
"""Longest wait for that read before the call goes on under the local limiter alone."""

ErrorDecoder = Callable[[Any, str], str]
"""Turns an error response (decoded JSON or ``None``, raw text) into a readable message."""

_MAX_BACKOFF = 8.0
_PATH_ID_RE = re.compile(r"^[0-9]{1,20}$")
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


class SecretBasicAuth(httpx.Auth):
    """HTTP Basic credentials revealed only while the ``Authorization`` header is built."""

    def __init__(self, username: Secret | str, password: Secret | str) -> None:
        self._username = username
        self._password = password

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        user = self._username.reveal() if isinstance(self._username, Secret) else self._username
        pwd = self._password.reveal() if isinstance(self._password, Secret) else self._password
        token = base64.b64encode(f"{user}:{pwd}".encode()).decode("ascii")
        request.headers["Authorization"] = f"Basic {token}"
        yield request

    def __repr__(self) -> str:
        return "SecretBasicAuth('***')"

    def redactions(self) -> tuple[str, ...]:
        """The forms the credentials take on the wire, to hide wherever a message quotes them
        (an error page echoing the request's ``Authorization`` header)."""
        user = self._username.reveal() if isinstance(self._username, Secret) else self._username
        pwd = self._password.reveal() if isinstance(self._password, Secret) else self._password
        pair = f"{user}:{pwd}"
        return (base64.b64encode(pair.encode()).decode("ascii"), pair)


def path_id(value: str, what: str) -> str:
    """``value`` checked to be a numeric id, safe to put in a URL path (both helpdesks number
    tickets and users); :class:`PermanentHelpdeskError` otherwise."""
    if not isinstance(value, str) or not _PATH_ID_RE.match(value):
        raise PermanentHelpdeskError(f"{what} must be a number, got {str(value)[:40]!r}")
    return value


def _retryable(exc: BaseException) -> bool:
    return isinstance(exc, TransientHelpdeskError) and not isinstance(exc, OutcomeUnknownError)


def _generic_error(data: Any, text: str) -> str:
    return text.strip()[:300] or "no error message"


class HelpdeskHttp:
    """Sends requests to one helpdesk account's API and translates what goes wrong."""

    def __init__(
        self,
        *,
        helpdesk: str,
        base_url: str,
        auth: httpx.Auth,
        timeout: float,
        options: ClientOptions,
        stats: CallStats,
        limiter: AccountLimiter,
        decode_error: ErrorDecoder = _generic_error,
        secrets: Sequence[Secret | None] = (),
    ) -> None:
        self.helpdesk = helpdesk
        self._base = httpx.URL(base_url.rstrip("/") + "/")
        self._options = options
        self._clock = options.clock
        self._stats = stats
        self._limiter = limiter
        self._pause_read_at = float("-inf")
        self._pause_warned_at = float("-inf")
        self._decode_error = decode_error
        revealed = [s.reveal() for s in secrets if s is not None]
        if isinstance(auth, SecretBasicAuth):
            revealed.extend(auth.redactions())
        # Longest first, so a secret inside another's encoded form cannot leave part of it.
        self._secrets = tuple(sorted((s for s in revealed if len(s) > 3), key=len, reverse=True))
        self._client = httpx.AsyncClient(
            base_url=self._base,
            auth=auth,
            timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
            follow_redirects=False,
            transport=options.transport,
            headers={"Accept": "application/json", "User-Agent": "helpdesk-loyalty"},
        )

    def __repr__(self) -> str:
        return f"HelpdeskHttp({self.helpdesk!r}, {str(self._base)!r})"

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._client.aclose()

    async def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str | int] | None = None,
        json: Any = None,
        kind: CallKind = "request",
    ) -> Any:
        """Send ``method path`` and return the decoded JSON body (``None`` when empty).

        ``kind="update"`` counts the call against the account's ticket-update limit too.
        """
        start = self._clock.time()

        def stop(state: RetryCallState) -> bool:
            spent = self._clock.time() - start
            return (
                state.attempt_number >= self._options.max_attempts
                or spent + state.upcoming_sleep > self._options.retry_budget
            )

        def before_sleep(state: RetryCallState) -> None:
            self._stats.retries += 1

        retrying = AsyncRetrying(
            stop=stop,
            wait=self._wait,
            retry=retry_if_exception(_retryable),
            sleep=self._clock.sleep,
            before_sleep=before_sleep,
            reraise=True,
        )
        return await retrying(self._attempt, method, path, params, json, kind, start)

    def _wait(self, state: RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome is not None else None
        if isinstance(exc, RateLimitedError):
            return exc.retry_after
        backoff = min(_MAX_BACKOFF, 0.5 * 2 ** (state.attempt_number - 1))
        return random.uniform(backoff / 2, backoff)

    async def _attempt(
        self,
        method: str,
        path: str,
        params: Mapping[str, str | int] | None,
        json: Any,
        kind: CallKind,
        start: float,
    ) -> Any:
        segments = path.split("?", 1)[0].split("/")
        if not path.startswith("/") or path.startswith("//") or ".." in segments:
            raise self._refused(method, path)
        await self._shared_pause()
        delay = self._limiter.delay(kind)
        budget_left = self._options.retry_budget - (self._clock.time() - start)
        if delay > budget_left:
            raise RateLimitedError(
                f"{self.helpdesk} account {self._limiter.account} is paused by its rate limit "
                f"for {delay:.0f} s more",
                retry_after=delay,
                status=None,
            )
        await self._limiter.acquire(kind, refresh=self._shared_pause)
        request = self._client.build_request(method, path, params=params, json=json)
        self._check_url(request.url, method, path)
        write = method.upper() != "GET"
        if write:
            self._stats.writes += 1
        else:
            self._stats.reads += 1
        try:
            response = await self._client.send(request)
        except httpx.HTTPError as exc:
            raise self._transport_error(exc, method, request.url.path, write) from exc
        return self._outcome(response, method, request.url.path, write)

    async def _shared_pause(self) -> None:
        """Take in a pause recorded for the account elsewhere (``ClientOptions.paused_until``):
        another worker's 429 holds this call too, even in a job claimed before it.

        One read serves the client for :data:`PAUSE_FRESH` seconds, and a read that takes
        longer than :data:`PAUSE_READ_TIMEOUT` is given up: a slow store must not eat the
        call's retry budget; the local limiter still holds meanwhile.
        """
        check = self._options.paused_until
        now = self._clock.time()
        if check is None or now - self._pause_read_at < PAUSE_FRESH:
            return
        self._pause_read_at = now
        try:
            until = await asyncio.wait_for(check(), PAUSE_READ_TIMEOUT)
        except Exception as exc:
            if now - self._pause_warned_at >= 60.0:
                self._pause_warned_at = now
                log.warning(
                    "could not read the shared rate-limit pause of %s (%s); this process "
                    "follows its own limiter until the store answers",
                    self._limiter.account,
                    type(exc).__name__,
                )
            return
        if until is not None:
            self._limiter.pause_until(until)

    def _check_url(self, url: httpx.URL, method: str, path: str) -> None:
        base = self._base
        if (
            url.scheme != base.scheme
            or url.host != base.host
            or url.port != base.port
            or not url.path.startswith(base.path)
        ):
            raise self._refused(method, path)

    def _refused(self, method: str, path: str) -> PermanentHelpdeskError:
        return PermanentHelpdeskError(
            f"{self.helpdesk} {method} {path[:100]!r} refused: it is not a path under the "
            f"configured base URL {self._base}"
        )

    def _message(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return text

    def _transport_error(
        self, exc: httpx.HTTPError, method: str, path: str, write: bool
    ) -> HelpdeskError:
        what = type(exc).__name__
        if isinstance(exc, _NOT_SENT):
            return TransientHelpdeskError(
                self._message(f"{self.helpdesk} {method} {path}: could not connect ({what})")
            )
        if isinstance(exc, httpx.UnsupportedProtocol | httpx.InvalidURL):
            return PermanentHelpdeskError(
                self._message(f"{self.helpdesk} {method} {path}: bad URL ({what})")
            )
        if write:
            return OutcomeUnknownError(
                self._message(
                    f"{self.helpdesk} {method} {path} was sent but no answer came back "
                    f"({what}); it may have been applied"
                )
            )
        return TransientHelpdeskError(
            self._message(f"{self.helpdesk} {method} {path} failed ({what})")
        )

    def _outcome(self, response: httpx.Response, method: str, path: str, write: bool) -> Any:
        status = response.status_code
        prefix = f"{self.helpdesk} {method} {path} answered {status}"
        if status == 429:
            self._stats.rate_limited += 1
            retry_after = parse_retry_after(response.headers.get("retry-after"), self._clock.time())
            until = self._clock.time() + retry_after
            self._limiter.pause_until(until)
            if self._options.on_rate_limited is not None:
                self._options.on_rate_limited(until)
            raise RateLimitedError(
                f"{prefix}: rate limited for {retry_after:.0f} s", retry_after=retry_after
            )
        self._observe_quota(response)
        if 200 <= status < 300:
            return self._decode_body(response, prefix, write)
        if 300 <= status < 400:
            target = httpx.URL(response.headers.get("location", "")).host or "elsewhere"
            raise PermanentHelpdeskError(
                f"{prefix}: a redirect to {target}, which is not followed; check the base URL "
                "(the helpdesk's own https://<name>.<vendor>.com address)",
                status=status,
            )
        detail = self._message(self._describe(response))
        if status == 409:
            raise ConflictError(
                f"{prefix}: the ticket changed since it was read ({detail})", status=status
            )
        if status >= 500:
            if status == 503 and "retry-after" in response.headers:
                wait = parse_retry_after(response.headers["retry-after"], self._clock.time())
                raise RateLimitedError(f"{prefix}: {detail}", retry_after=wait, status=status)
            if write and status != 503:
                raise OutcomeUnknownError(
                    f"{prefix}: {detail}; the write may have been applied", status=status
                )
            raise TransientHelpdeskError(f"{prefix}: {detail}", status=status)
        raise PermanentHelpdeskError(f"{prefix}: {detail}", status=status)

    def _observe_quota(self, response: httpx.Response) -> None:
        remaining = remaining_quota(response.headers)
        if remaining is not None:
            self._stats.last_remaining = remaining
            self._limiter.observe_remaining(remaining, reset_after(response.headers))

    def _describe(self, response: httpx.Response) -> str:
        try:
            data = response.json()
        except ValueError:
            data = None
        return self._decode_error(data, response.text)

    def _decode_body(self, response: httpx.Response, prefix: str, write: bool) -> Any:
        if not response.content.strip():
            return None
        try:
            return response.json()
        except ValueError as exc:
            if write:
                # The write was applied (2xx); only the echo of the ticket is lost.
                return None
            raise TransientHelpdeskError(
                f"{prefix} with a body that is not JSON (content-type "
                f"{response.headers.get('content-type', 'unknown')})",
                status=response.status_code,
            ) from exc
