"""Fixtures for the adapter tests: settings for both helpdesks, recorded payloads, a fake clock."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from helpdesk_loyalty.adapters.base import HelpdeskSettings
from helpdesk_loyalty.clock import FakeClock
from helpdesk_loyalty.secret import Secret

PAYLOADS = Path(__file__).resolve().parent.parent / "payloads"

ZENDESK_TOKEN = "zd-token-SECRET-4f9a2c"
ZENDESK_WEBHOOK_SECRET = "zd-signing-SECRET-77aa"
FRESHDESK_KEY = "fd-key-SECRET-b3d1e0"
FRESHDESK_WEBHOOK_SECRET = "fd-shared-SECRET-c0ffee"


@pytest.fixture
def zendesk_settings() -> HelpdeskSettings:
    return HelpdeskSettings(
        name="zendesk",
        account="zendesk:acme",
        base_url="https://acme.zendesk.com",
        email="bot@acme.example",
        api_token=Secret(ZENDESK_TOKEN),
        webhook_secret=Secret(ZENDESK_WEBHOOK_SECRET),
        update_limit=90,
        timeout=5.0,
    )


@pytest.fixture
def freshdesk_settings() -> HelpdeskSettings:
    return HelpdeskSettings(
        name="freshdesk",
        account="freshdesk:acme",
        base_url="https://acme.freshdesk.com",
        api_token=Secret(FRESHDESK_KEY),
        webhook_secret=Secret(FRESHDESK_WEBHOOK_SECRET),
        update_limit=70,
        timeout=5.0,
    )


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def payload() -> Callable[[str], bytes]:
    """The raw bytes of ``tests/payloads/<helpdesk>/<name>.json``."""

    def load(name: str) -> bytes:
        return (PAYLOADS / f"{name}.json").read_bytes()

    return load


@pytest.fixture
def payload_json() -> Callable[[str], Any]:
    """The decoded JSON of a recorded payload."""

    def load(name: str) -> Any:
        return json.loads((PAYLOADS / f"{name}.json").read_text(encoding="utf-8"))

    return load
