"""Admin calls to a helpdesk account, for ``setup`` and ``check``: reads, writes or a dry run.

Requests go through the adapters' one HTTP seam (:class:`~.adapters.http.HelpdeskHttp`), with
the same credentials and error decoding as the API clients. On top of it, refused credentials
become :class:`~helpdesk_loyalty.errors.ConfigError` naming the variable to fix: 401 means
the key or token is wrong, 403 that the user lacks the rights (Zendesk webhooks and triggers
are admin-only), and a Freshdesk domain that does not answer means ``HL_FRESHDESK_DOMAIN`` is
wrong. A dry run sends the reads and only records the writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from .adapters.base import CallStats, ClientOptions, HelpdeskSettings
from .adapters.freshdesk.mapping import describe_freshdesk_error
from .adapters.http import HelpdeskHttp, SecretBasicAuth
from .adapters.zendesk.mapping import describe_zendesk_error
from .errors import (
    ConfigError,
    HelpdeskError,
    PermanentHelpdeskError,
    RateLimitedError,
    TransientHelpdeskError,
)
from .ratelimit import AccountLimiter

__all__ = ["AdminApi", "PlannedRequest"]

_MAX_PAGES = 100
_FIXES = {
    ("zendesk", 401): (
        "HL_ZENDESK_EMAIL / HL_ZENDESK_API_TOKEN",
        "Zendesk refused them (401)",
        "set the email of an admin and a token from Admin Center > Apps and integrations > "
        "APIs > Zendesk API",
    ),
    ("zendesk", 403): (
        "HL_ZENDESK_EMAIL",
        "Zendesk denied the call (403)",
        "use an admin's email and token: webhooks and triggers are admin-only",
    ),
    ("freshdesk", 401): (
        "HL_FRESHDESK_API_KEY",
        "Freshdesk refused it (401): the API key is wrong",
        "copy the key from Profile settings > View API key (your avatar, top right)",
    ),
    ("freshdesk", 403): (
        "HL_FRESHDESK_API_KEY",
        "Freshdesk denied the call (403)",
        "use an admin agent's key; API access needs the Growth plan or above",
    ),
}


@dataclass(frozen=True)
class PlannedRequest:
    """A write, sent or (in a dry run) only planned: method, path and JSON body."""

    method: str
    path: str
    body: Any = None


class AdminApi:
    """Admin reads and writes against one Zendesk or Freshdesk account."""

    def __init__(
        self,
        settings: HelpdeskSettings,
        options: ClientOptions | None = None,
        *,
        dry_run: bool = False,
    ) -> None:
        if settings.name not in ("zendesk", "freshdesk"):
            raise ConfigError("--helpdesk", f"{settings.name!r} has no setup", "use zendesk")
        if settings.api_token is None:
            raise ConfigError(f"HL_{settings.name.upper()}_API_TOKEN", "not set", "set it")
        options = options or ClientOptions()
        self.helpdesk = settings.name
        self.settings = settings
        self.dry_run = dry_run
        self.writes: list[PlannedRequest] = []
        self.stats = CallStats()
        zendesk = settings.name == "zendesk"
        self._http = HelpdeskHttp(
            helpdesk="Zendesk" if zendesk else "Freshdesk",
            base_url=settings.base_url,
            auth=SecretBasicAuth(f"{settings.email}/token", settings.api_token)
            if zendesk
            else SecretBasicAuth(settings.api_token, "X"),
            timeout=settings.timeout,
            options=options,
            stats=self.stats,
            limiter=AccountLimiter(settings.account, clock=options.clock),
            decode_error=describe_zendesk_error if zendesk else describe_freshdesk_error,
            secrets=(settings.api_token,),
        )

    async def __aenter__(self) -> AdminApi:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close connections."""
        await self._http.aclose()

    async def _call(
        self, method: str, path: str, params: Mapping[str, str | int] | None, body: Any
    ) -> Any:
        try:
            return await self._http.request(method, path, params=params, json=body)
        except HelpdeskError as exc:
            fix = _FIXES.get((self.helpdesk, exc.status or 0))
            if fix is not None:
                raise ConfigError(*fix) from exc
            raise

    async def get(self, path: str, params: Mapping[str, str | int] | None = None) -> Any:
        """``GET path``: the decoded JSON body."""
        return await self._call("GET", path, params, None)

    async def send(self, method: str, path: str, body: Any = None) -> Any:
        """A write; in a dry run it is only recorded and ``None`` comes back."""
        self.writes.append(PlannedRequest(method, path, body))
        if self.dry_run:
            return None
        return await self._call(method, path, None, body)

    async def whoami(self) -> Mapping[str, Any]:
        """The API user (Zendesk ``users/me``) or agent (Freshdesk ``agents/me``): one read
        that proves the credentials and the account address."""
        path = "/api/v2/users/me.json" if self.helpdesk == "zendesk" else "/api/v2/agents/me"
        try:
            data = await self.get(path)
        except (PermanentHelpdeskError, TransientHelpdeskError) as exc:
            wrong_place = exc.status in (301, 302, 303, 307, 308, 404) or (
                exc.status is None and not isinstance(exc, RateLimitedError)
            )
            if not wrong_place:
                raise
            prefix = f"HL_{self.helpdesk.upper()}_"
            name = prefix + ("SUBDOMAIN" if self.helpdesk == "zendesk" else "DOMAIN")
            raise ConfigError(
                f"{name} / {prefix}BASE_URL",
                f"{self.settings.base_url} does not answer as a {self.helpdesk} account ({exc})",
                f"set {name} to the name in your helpdesk's address (acme for "
                f"https://acme.{self.helpdesk}.com)",
            ) from exc
        record = data.get("user") if self.helpdesk == "zendesk" and data else data
        if not isinstance(record, Mapping):
            raise PermanentHelpdeskError(f"{path} answered without a user record")
        return record

    async def zendesk_pages(
        self, path: str, key: str, params: Mapping[str, str | int] | None = None
    ) -> list[Mapping[str, Any]]:
        """Every row of a Zendesk offset-paged list (``page``/``per_page``, ``next_page``)."""
        rows: list[Mapping[str, Any]] = []
        for page in range(1, _MAX_PAGES + 1):
            data = await self.get(path, {**(params or {}), "per_page": 100, "page": page})
            rows.extend(_rows(data, key, path))
            if not data.get("next_page"):
                break
        return rows

    async def zendesk_cursor_pages(
        self, path: str, key: str, params: Mapping[str, str | int] | None = None
    ) -> list[Mapping[str, Any]]:
        """Every row of a Zendesk cursor-paged list (``page[size]``, ``meta.after_cursor``)."""
        rows: list[Mapping[str, Any]] = []
        query: dict[str, str | int] = {**(params or {}), "page[size]": 100}
        for _ in range(_MAX_PAGES):
            data = await self.get(path, query)
            rows.extend(_rows(data, key, path))
            meta = data.get("meta") or {}
            if not meta.get("has_more") or not meta.get("after_cursor"):
                break
            query["page[after]"] = str(meta["after_cursor"])
        return rows

    async def freshdesk_pages(self, path: str) -> list[Mapping[str, Any]]:
        """Every row of a Freshdesk list (``page``/``per_page``; a short page is the last)."""
        rows: list[Mapping[str, Any]] = []
        for page in range(1, _MAX_PAGES + 1):
            data = await self.get(path, {"per_page": 100, "page": page})
            chunk = _rows({"rows": data}, "rows", path)
            rows.extend(chunk)
            if len(chunk) < 100:
                break
        return rows


def _rows(data: Any, key: str, path: str) -> list[Mapping[str, Any]]:
    value = data.get(key) if isinstance(data, Mapping) else None
    if not isinstance(value, list) or not all(isinstance(v, Mapping) for v in value):
        raise PermanentHelpdeskError(f"{path} answered without a {key!r} list")
    return value
