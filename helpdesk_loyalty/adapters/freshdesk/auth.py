"""Freshdesk webhook authentication: a shared secret header and/or HTTP Basic credentials.

Freshdesk signs nothing: the automation rule's "Trigger Webhook" action can only add Basic
credentials ("Requires authentication") and custom headers (Zulip's Freshdesk integration docs;
no HMAC is documented). So the endpoint checks whatever is configured, all of it, in constant
time, and refuses everything when nothing is configured.
"""

from __future__ import annotations

import base64
import binascii
import hmac
from collections.abc import Mapping

from ...errors import AuthenticationError, NotConfiguredError
from ..base import HelpdeskSettings

__all__ = ["verify_freshdesk"]


def _basic_credentials(header: str | None) -> tuple[str, str] | None:
    if not header or header[:6].lower() != "basic ":
        return None
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    username, sep, password = decoded.partition(":")
    return (username, password) if sep else None


def _same(expected: str, given: str) -> bool:
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8", "surrogateescape"))


def verify_freshdesk(
    headers: Mapping[str, str], body: bytes, settings: HelpdeskSettings, now: float
) -> None:
    """Accept a Freshdesk webhook request or raise.

    With ``webhook_secret`` set, the header named ``webhook_header`` must carry it; with
    ``webhook_username``/``webhook_password`` set, the request must carry those Basic
    credentials; with both set, both are required.

    :raises NotConfiguredError: neither a shared secret nor Basic credentials are configured.
    :raises AuthenticationError: a configured check is missing from the request or wrong.
    """
    secret = settings.webhook_secret if settings.webhook_secret else None
    expected_user = settings.webhook_username or None
    expected_password = settings.webhook_password if settings.webhook_password else None
    if secret is None and (expected_user is None or expected_password is None):
        raise NotConfiguredError(
            "the Freshdesk endpoint has no shared secret and no Basic credentials, so it "
            "refuses every request; set HL_FRESHDESK_WEBHOOK_SECRET (sent by the automation "
            f"rule in the {settings.webhook_header} header) and/or HL_FRESHDESK_WEBHOOK_USERNAME "
            "and HL_FRESHDESK_WEBHOOK_PASSWORD"
        )
    lowered = {key.lower(): value for key, value in headers.items()}
    if secret is not None:
        given = lowered.get(settings.webhook_header.lower())
        if not given:
            raise AuthenticationError(
                f"missing header {settings.webhook_header}: add it with the shared secret to the "
                "automation rule's webhook action"
            )
        if not secret.matches(given.strip()):
            raise AuthenticationError(
                f"wrong shared secret in header {settings.webhook_header}; it must equal "
                "HL_FRESHDESK_WEBHOOK_SECRET"
            )
    if expected_user is not None and expected_password is not None:
        credentials = _basic_credentials(lowered.get("authorization"))
        if credentials is None:
            raise AuthenticationError(
                "missing HTTP Basic credentials: tick 'Requires authentication' in the "
                "automation rule's webhook action and enter the configured username and password"
            )
        username, password = credentials
        # Both comparisons always run, so timing does not tell which part was wrong.
        user_ok = _same(expected_user, username)
        password_ok = expected_password.matches(password)
        if not (user_ok and password_ok):
            raise AuthenticationError("wrong HTTP Basic credentials for the Freshdesk webhook")
