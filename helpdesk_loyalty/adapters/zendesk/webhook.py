"""Zendesk webhook signatures: how Zendesk signs a request, and how we check it.

Zendesk signs every webhook request, trigger-connected or event-subscribed alike:
``X-Zendesk-Webhook-Signature = base64(HMAC-SHA256(secret, timestamp + raw_body))`` with the
timestamp from ``X-Zendesk-Webhook-Signature-Timestamp``, joined with no separator, and the
signing secret used as-is (not base64-decoded), per
https://developer.zendesk.com/documentation/webhooks/verifying/ . Zendesk documents no replay
window, so we reject timestamps further than ``signature_tolerance`` seconds from now in either
direction and rely on the inbox's dedupe for replays inside the window.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Mapping

from ...errors import AuthenticationError, NotConfiguredError
from ...models import parse_time
from ...secret import Secret
from ..base import HelpdeskSettings

__all__ = ["SIGNATURE_HEADER", "TIMESTAMP_HEADER", "sign_zendesk", "verify_zendesk"]

SIGNATURE_HEADER = "x-zendesk-webhook-signature"
TIMESTAMP_HEADER = "x-zendesk-webhook-signature-timestamp"


def sign_zendesk(secret: Secret | str, timestamp: str, body: bytes) -> str:
    """The signature Zendesk sends for ``body`` at ``timestamp`` (used by tests and the sandbox)."""
    key = secret.reveal() if isinstance(secret, Secret) else secret
    mac = hmac.new(key.encode("utf-8"), timestamp.encode("utf-8") + body, hashlib.sha256)
    return base64.b64encode(mac.digest()).decode("ascii")


def verify_zendesk(
    headers: Mapping[str, str], body: bytes, settings: HelpdeskSettings, now: float
) -> None:
    """Accept a Zendesk webhook request or raise.

    :raises NotConfiguredError: no signing secret is configured (the endpoint fails closed).
    :raises AuthenticationError: a signature header is missing, the signature does not match,
        or the timestamp is unreadable or outside ``settings.signature_tolerance`` of ``now``.
    """
    secret = settings.webhook_secret
    if secret is None or not secret:
        raise NotConfiguredError(
            "the Zendesk endpoint has no signing secret, so it refuses every request; set "
            "HL_ZENDESK_WEBHOOK_SECRET to the webhook's signing secret (Admin Center > Webhooks "
            "> the webhook > Signing secret)"
        )
    lowered = {key.lower(): value for key, value in headers.items()}
    signature = lowered.get(SIGNATURE_HEADER)
    timestamp = lowered.get(TIMESTAMP_HEADER)
    if not signature or not timestamp:
        missing = SIGNATURE_HEADER if not signature else TIMESTAMP_HEADER
        raise AuthenticationError(
            f"missing header {missing}: only signed requests from the Zendesk webhook are accepted"
        )
    expected = sign_zendesk(secret, timestamp, body)
    if not hmac.compare_digest(expected.encode("ascii"), signature.strip().encode("utf-8")):
        raise AuthenticationError(
            "the webhook signature does not match; check that HL_ZENDESK_WEBHOOK_SECRET is the "
            "signing secret of this webhook"
        )
    try:
        signed_at = parse_time(timestamp)
    except ValueError:
        signed_at = None
    if signed_at is None:
        raise AuthenticationError(f"header {TIMESTAMP_HEADER} is not an ISO-8601 time")
    skew = now - signed_at.timestamp()
    if abs(skew) > settings.signature_tolerance:
        direction = "old" if skew > 0 else "far in the future"
        raise AuthenticationError(
            f"the signature timestamp is {abs(skew):.0f} s {direction} (tolerance "
            f"{settings.signature_tolerance:.0f} s); check the server clock, or raise "
            "HL_ZENDESK_SIGNATURE_TOLERANCE"
        )
