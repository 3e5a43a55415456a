"""Webhook requests the sandbox sends: their shape, Zendesk's signature, and sending them.

Zendesk signs every webhook request (developer.zendesk.com/documentation/webhooks/verifying):
``X-Zendesk-Webhook-Signature = base64(HMAC-SHA256(secret, timestamp + raw_body))`` with the
secret string used as-is as the key, and the timestamp sent in
``X-Zendesk-Webhook-Signature-Timestamp``. Freshdesk signs nothing; its automation webhooks
carry whatever Basic credentials and custom headers the rule was given.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass, field

import httpx

from ..models import empty_mapping
from .config import basic_auth
from .zendesk_hooks import ZdWebhook

__all__ = [
    "ZENDESK_TIMEOUT",
    "WebhookRequest",
    "deliver",
    "sign_zendesk",
    "zendesk_headers",
    "zendesk_webhook_request",
]

# Zendesk gives a receiver 12 s before it counts the request as timed out ("Creating and
# monitoring webhooks", quoted by several third parties).
ZENDESK_TIMEOUT = 12.0


@dataclass(frozen=True)
class WebhookRequest:
    """One webhook request: method, headers and the exact body bytes that were signed.

    ``url`` is where it goes when the sandbox knows (a webhook's endpoint); renderers called
    directly leave it ``None`` and the caller picks the URL.
    """

    method: str
    headers: Mapping[str, str]
    body: bytes
    url: str | None = None
    meta: Mapping[str, str] = field(default_factory=empty_mapping)

    def header(self, name: str) -> str | None:
        """A header by case-insensitive name."""
        wanted = name.lower()
        return next((v for k, v in self.headers.items() if k.lower() == wanted), None)


def sign_zendesk(secret: str, timestamp: str, body: bytes) -> str:
    """Zendesk's webhook signature of ``body`` sent at ``timestamp``."""
    digest = hmac.new(secret.encode("utf-8"), timestamp.encode("utf-8") + body, hashlib.sha256)
    return base64.b64encode(digest.digest()).decode("ascii")


def zendesk_headers(
    *,
    secret: str,
    timestamp: str,
    body: bytes,
    webhook_id: str,
    invocation_id: str,
    account_id: int,
    extra: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """The headers Zendesk puts on a webhook request (anatomy-of-a-webhook-request)."""
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "Zendesk Webhook",
        "X-Zendesk-Account-Id": str(account_id),
        "X-Zendesk-Webhook-Id": webhook_id,
        "X-Zendesk-Webhook-Invocation-Id": invocation_id,
        "X-Zendesk-Webhook-Signature": sign_zendesk(secret, timestamp, body),
        "X-Zendesk-Webhook-Signature-Timestamp": timestamp,
    }
    headers.update(extra or {})
    return headers


def zendesk_webhook_request(
    hook: ZdWebhook,
    body: bytes,
    *,
    timestamp: str,
    invocation_id: str,
    account_id: int,
    meta: Mapping[str, str] | None = None,
) -> WebhookRequest:
    """The signed request ``hook`` sends with ``body``: its authentication and (to HTTPS
    endpoints only, as the webhook docs say) its custom headers added."""
    if hook.http_method in ("GET", "DELETE"):
        body = b""
    extra: dict[str, str] = {}
    auth = hook.authentication
    if auth is not None:
        data = auth["data"]
        if auth["type"] == "bearer_token":
            extra["Authorization"] = f"Bearer {data['token']}"
        elif auth["type"] == "basic_auth":
            extra["Authorization"] = basic_auth(data["username"], data["password"])
        else:
            extra[data["name"]] = data["value"]
    if hook.endpoint.startswith("https://"):
        extra.update(hook.custom_headers)
    headers = zendesk_headers(
        secret=hook.signing_secret,
        timestamp=timestamp,
        body=body,
        webhook_id=hook.id,
        invocation_id=invocation_id,
        account_id=account_id,
        extra=extra,
    )
    return WebhookRequest(hook.http_method, headers, body, hook.endpoint, dict(meta or {}))


async def deliver(
    request: WebhookRequest,
    url: str,
    client: httpx.AsyncClient,
    *,
    timeout: float = ZENDESK_TIMEOUT,
) -> httpx.Response:
    """Send ``request`` to ``url`` with ``client``; httpx errors propagate to the caller."""
    body = b"" if request.method in ("GET", "DELETE") else request.body
    return await client.request(
        request.method, url, headers=dict(request.headers), content=body, timeout=timeout
    )
