"""Zendesk signatures: accepted when signed right, refused otherwise, closed by default."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
from collections.abc import Callable

import pytest

from helpdesk_loyalty.adapters.base import HelpdeskSettings
from helpdesk_loyalty.adapters.zendesk.webhook import sign_zendesk, verify_zendesk
from helpdesk_loyalty.errors import AuthenticationError, NotConfiguredError
from helpdesk_loyalty.secret import Secret

NOW = 1_767_225_600.0  # 2026-01-01T00:00:00Z
STAMP = "2026-01-01T00:00:00Z"


SECRET = "zd-signing-SECRET-77aa"  # the webhook secret of the zendesk_settings fixture


def signed(body: bytes, *, secret: str = SECRET, ts: str = STAMP) -> dict[str, str]:
    return {
        "x-zendesk-webhook-signature": sign_zendesk(Secret(secret), ts, body),
        "x-zendesk-webhook-signature-timestamp": ts,
        "x-zendesk-webhook-invocation-id": "8350205582",
    }


def test_signature_matches_the_documented_formula() -> None:
    body = b'{"a": 1}'
    expected = base64.b64encode(
        hmac.new(b"s3cret", STAMP.encode() + body, hashlib.sha256).digest()
    ).decode()
    assert sign_zendesk("s3cret", STAMP, body) == expected


def test_the_fixture_secret_is_the_one_signed_with(zendesk_settings: HelpdeskSettings) -> None:
    assert zendesk_settings.webhook_secret == Secret(SECRET)


def test_accepts_a_correctly_signed_body(
    zendesk_settings: HelpdeskSettings, payload: Callable[[str], bytes]
) -> None:
    body = payload("zendesk/event_comment_added")
    verify_zendesk(signed(body), body, zendesk_settings, NOW)


def test_header_names_are_matched_case_insensitively(zendesk_settings: HelpdeskSettings) -> None:
    body = b"{}"
    headers = {k.title(): v for k, v in signed(body).items()}
    verify_zendesk(headers, body, zendesk_settings, NOW)


def test_rejects_a_wrong_secret(zendesk_settings: HelpdeskSettings) -> None:
    body = b'{"ticket": 1}'
    with pytest.raises(AuthenticationError, match="does not match") as caught:
        verify_zendesk(signed(body, secret="another-secret"), body, zendesk_settings, NOW)
    assert SECRET not in str(caught.value)


def test_rejects_a_tampered_body(zendesk_settings: HelpdeskSettings) -> None:
    headers = signed(b'{"priority": "low"}')
    with pytest.raises(AuthenticationError):
        verify_zendesk(headers, b'{"priority": "urgent"}', zendesk_settings, NOW)


def test_rejects_a_stale_timestamp(zendesk_settings: HelpdeskSettings) -> None:
    body = b"{}"
    with pytest.raises(AuthenticationError, match="old"):
        verify_zendesk(signed(body), body, zendesk_settings, NOW + 301)


def test_rejects_a_future_timestamp(zendesk_settings: HelpdeskSettings) -> None:
    body = b"{}"
    with pytest.raises(AuthenticationError, match="future"):
        verify_zendesk(signed(body), body, zendesk_settings, NOW - 301)


def test_accepts_inside_the_tolerance_both_ways(zendesk_settings: HelpdeskSettings) -> None:
    body = b"{}"
    verify_zendesk(signed(body), body, zendesk_settings, NOW + 299)
    verify_zendesk(signed(body), body, zendesk_settings, NOW - 299)


def test_tolerance_comes_from_settings(zendesk_settings: HelpdeskSettings) -> None:
    strict = dataclasses.replace(zendesk_settings, signature_tolerance=10.0)
    body = b"{}"
    with pytest.raises(AuthenticationError):
        verify_zendesk(signed(body), body, strict, NOW + 11)


@pytest.mark.parametrize(
    "missing", ["x-zendesk-webhook-signature", "x-zendesk-webhook-signature-timestamp"]
)
def test_rejects_a_missing_header(zendesk_settings: HelpdeskSettings, missing: str) -> None:
    body = b"{}"
    headers = signed(body)
    del headers[missing]
    with pytest.raises(AuthenticationError, match=missing):
        verify_zendesk(headers, body, zendesk_settings, NOW)


def test_rejects_an_unreadable_timestamp(zendesk_settings: HelpdeskSettings) -> None:
    body = b"{}"
    with pytest.raises(AuthenticationError, match="ISO-8601"):
        verify_zendesk(signed(body, ts="yesterday"), body, zendesk_settings, NOW)


@pytest.mark.parametrize("secret", [None, Secret("")])
def test_fails_closed_without_a_secret(
    zendesk_settings: HelpdeskSettings, secret: Secret | None
) -> None:
    open_settings = dataclasses.replace(zendesk_settings, webhook_secret=secret)
    body = b"{}"
    with pytest.raises(NotConfiguredError, match="HL_ZENDESK_WEBHOOK_SECRET"):
        verify_zendesk(signed(body, secret=""), body, open_settings, NOW)
