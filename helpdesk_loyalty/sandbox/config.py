"""How a sandbox is set up: credentials, account names and per-minute limits."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field
from pathlib import Path

from ..secret import Secret

__all__ = ["DEFAULT_CONNECTORS_DIR", "SandboxConfig", "basic_auth"]

# The kits the package ships (helpdesk_loyalty/_connectors, the project's connectors/), so the
# sandbox renders the admin's templates in an installed package too.
DEFAULT_CONNECTORS_DIR = Path(__file__).resolve().parents[1] / "_connectors"


def basic_auth(username: str, password: str) -> str:
    """The value of an ``Authorization: Basic`` header."""
    raw = f"{username}:{password}".encode()
    return "Basic " + base64.b64encode(raw).decode("ascii")


@dataclass(frozen=True)
class SandboxConfig:
    """Credentials and limits of the two sandbox accounts.

    Zendesk accepts ``Basic base64("{email}/token:{token}")`` (any user of the account with the
    account's API token, as Zendesk's own API tokens allow) and ``Bearer {bearer}`` when a bearer
    token is set. Freshdesk accepts ``Basic base64("{key}:X")`` with any password. Limits are
    per minute and per account; ``limits_enabled`` turns them all off.
    """

    zendesk_email: str = "api@sandbox.example"
    zendesk_token: Secret = field(default_factory=lambda: Secret("zd-sandbox-token"))
    zendesk_bearer: Secret | None = None
    zendesk_subdomain: str = "sandbox"
    zendesk_account_id: int = 9_100_200
    freshdesk_key: Secret = field(default_factory=lambda: Secret("fd-sandbox-key"))
    freshdesk_domain: str = "sandbox"
    zendesk_requests_per_minute: int = 700
    zendesk_updates_per_minute: int = 100
    freshdesk_calls_per_minute: int = 400
    freshdesk_updates_per_minute: int = 160
    limits_enabled: bool = True
    connectors_dir: Path = DEFAULT_CONNECTORS_DIR

    def zendesk_auth_header(self) -> str:
        """The ``Authorization`` header value of the Zendesk API user."""
        return basic_auth(f"{self.zendesk_email}/token", self.zendesk_token.reveal())

    def freshdesk_auth_header(self) -> str:
        """The ``Authorization`` header value of the Freshdesk API agent."""
        return basic_auth(self.freshdesk_key.reveal(), "X")
