"""Freshdesk webhook authentication: shared header, Basic credentials, both, or refuse."""

from __future__ import annotations

import base64
import dataclasses

import pytest

from helpdesk_loyalty.adapters.base import HelpdeskSettings
from helpdesk_loyalty.adapters.freshdesk.auth import verify_freshdesk
from helpdesk_loyalty.errors import AuthenticationError, NotConfiguredError
from helpdesk_loyalty.secret import Secret

NOW = 1_767_225_600.0
SHARED = "fd-shared-SECRET-c0ffee"  # the webhook secret of the freshdesk_settings fixture


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


@pytest.fixture
def basic_only(freshdesk_settings: HelpdeskSettings) -> HelpdeskSettings:
    return dataclasses.replace(
        freshdesk_settings,
        webhook_secret=None,
        webhook_username="freshdesk-hook",
        webhook_password=Secret("hook-PASSWORD-9"),
    )


def test_shared_secret_header_accepted(freshdesk_settings: HelpdeskSettings) -> None:
    verify_freshdesk({"x-helpdesk-loyalty-secret": SHARED}, b"{}", freshdesk_settings, NOW)


def test_the_header_name_is_configurable(freshdesk_settings: HelpdeskSettings) -> None:
    custom = dataclasses.replace(freshdesk_settings, webhook_header="X-Our-Token")
    verify_freshdesk({"x-our-token": SHARED}, b"{}", custom, NOW)
    with pytest.raises(AuthenticationError, match="X-Our-Token"):
        verify_freshdesk({"x-helpdesk-loyalty-secret": SHARED}, b"{}", custom, NOW)


def test_wrong_shared_secret_refused(freshdesk_settings: HelpdeskSettings) -> None:
    with pytest.raises(AuthenticationError) as caught:
        verify_freshdesk({"x-helpdesk-loyalty-secret": "guess"}, b"{}", freshdesk_settings, NOW)
    assert caught.value.status_code == 401
    assert SHARED not in str(caught.value)


def test_missing_shared_secret_refused(freshdesk_settings: HelpdeskSettings) -> None:
    with pytest.raises(AuthenticationError, match="missing header"):
        verify_freshdesk({}, b"{}", freshdesk_settings, NOW)


def test_basic_credentials_accepted(basic_only: HelpdeskSettings) -> None:
    headers = {"authorization": basic("freshdesk-hook", "hook-PASSWORD-9")}
    verify_freshdesk(headers, b"{}", basic_only, NOW)


@pytest.mark.parametrize(
    "authorization",
    [
        basic("freshdesk-hook", "wrong"),
        basic("someone", "hook-PASSWORD-9"),
        "Basic not-base64!!",
        "Bearer hook-PASSWORD-9",
        basic("freshdesk-hook", "hook-PASSWORD-9")[:-4],
    ],
)
def test_wrong_basic_credentials_refused(basic_only: HelpdeskSettings, authorization: str) -> None:
    with pytest.raises(AuthenticationError) as caught:
        verify_freshdesk({"authorization": authorization}, b"{}", basic_only, NOW)
    assert "hook-PASSWORD-9" not in str(caught.value)


def test_missing_basic_credentials_refused(basic_only: HelpdeskSettings) -> None:
    with pytest.raises(AuthenticationError, match="Basic"):
        verify_freshdesk({}, b"{}", basic_only, NOW)


def test_both_configured_means_both_required(basic_only: HelpdeskSettings) -> None:
    both = dataclasses.replace(basic_only, webhook_secret=Secret(SHARED))
    good_basic = basic("freshdesk-hook", "hook-PASSWORD-9")
    verify_freshdesk(
        {"authorization": good_basic, "x-helpdesk-loyalty-secret": SHARED}, b"{}", both, NOW
    )
    with pytest.raises(AuthenticationError):
        verify_freshdesk({"authorization": good_basic}, b"{}", both, NOW)
    with pytest.raises(AuthenticationError):
        verify_freshdesk({"x-helpdesk-loyalty-secret": SHARED}, b"{}", both, NOW)


@pytest.mark.parametrize(
    "changes",
    [
        {"webhook_secret": None},
        {"webhook_secret": Secret("")},
        {"webhook_secret": None, "webhook_username": "only-a-user"},
    ],
)
def test_fails_closed_when_nothing_is_configured(
    freshdesk_settings: HelpdeskSettings, changes: dict[str, object]
) -> None:
    bare = dataclasses.replace(freshdesk_settings, **changes)  # type: ignore[arg-type]
    with pytest.raises(NotConfiguredError, match="HL_FRESHDESK_WEBHOOK_SECRET"):
        verify_freshdesk({"x-helpdesk-loyalty-secret": ""}, b"{}", bare, NOW)
