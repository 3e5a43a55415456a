"""The built-in adapters' registration and their ``HL_<NAME>_*`` settings."""

from __future__ import annotations

import pytest

from helpdesk_loyalty.adapters.base import ClientOptions
from helpdesk_loyalty.adapters.builtin import (
    ENV_DOC,
    freshdesk_settings_from_env,
    register_helpdesks,
    zendesk_settings_from_env,
)
from helpdesk_loyalty.adapters.freshdesk import FreshdeskClient
from helpdesk_loyalty.adapters.zendesk import ZendeskClient
from helpdesk_loyalty.errors import ConfigError
from helpdesk_loyalty.secret import Secret

ZENDESK_ENV = {
    "HL_ZENDESK_SUBDOMAIN": "acme",
    "HL_ZENDESK_EMAIL": "bot@acme.example",
    "HL_ZENDESK_API_TOKEN": "tok-SECRET-1",
    "HL_ZENDESK_WEBHOOK_SECRET": "sign-SECRET-2",
}
FRESHDESK_ENV = {"HL_FRESHDESK_DOMAIN": "acme", "HL_FRESHDESK_API_KEY": "key-SECRET-3"}


@pytest.mark.anyio
async def test_both_adapters_are_registered_and_build_clients() -> None:
    specs = {spec.name: spec for spec in register_helpdesks()}
    assert set(specs) == {"zendesk", "freshdesk"}
    zd_settings = specs["zendesk"].settings_from_env(ZENDESK_ENV)
    fd_settings = specs["freshdesk"].settings_from_env(FRESHDESK_ENV)
    assert zd_settings is not None and fd_settings is not None
    zd = specs["zendesk"].client(zd_settings, ClientOptions())
    fd = specs["freshdesk"].client(fd_settings, ClientOptions())
    assert isinstance(zd, ZendeskClient) and isinstance(fd, FreshdeskClient)
    await zd.aclose()
    await fd.aclose()


def test_unconfigured_helpdesks_are_none() -> None:
    assert zendesk_settings_from_env({"HL_FRESHDESK_DOMAIN": "x", "HL_ZENDESK_EMAIL": " "}) is None
    assert freshdesk_settings_from_env(ZENDESK_ENV) is None


def test_zendesk_defaults() -> None:
    settings = zendesk_settings_from_env(ZENDESK_ENV)
    assert settings is not None
    assert settings.account == "zendesk:acme"
    assert settings.base_url == "https://acme.zendesk.com"
    assert settings.api_token == Secret("tok-SECRET-1")
    assert settings.webhook_secret == Secret("sign-SECRET-2")
    assert (settings.signature_tolerance, settings.update_limit, settings.request_limit) == (
        300.0,
        90,
        0,
    )
    assert settings.api_user_id is None
    assert "tok-SECRET-1" not in repr(settings)


def test_zendesk_base_url_and_overrides() -> None:
    env = {
        **ZENDESK_ENV,
        "HL_ZENDESK_BASE_URL": "http://127.0.0.1:8765/",
        "HL_ZENDESK_SIGNATURE_TOLERANCE": "60",
        "HL_ZENDESK_UPDATE_LIMIT": "50",
        "HL_ZENDESK_REQUEST_LIMIT": "300",
        "HL_ZENDESK_API_USER_ID": "381100099",
        "HL_ZENDESK_TIMEOUT": "2.5",
    }
    settings = zendesk_settings_from_env(env)
    assert settings is not None
    assert settings.base_url == "http://127.0.0.1:8765"
    assert settings.account == "zendesk:127.0.0.1:8765"
    assert (settings.signature_tolerance, settings.update_limit, settings.request_limit) == (
        60.0,
        50,
        300,
    )
    assert (settings.api_user_id, settings.timeout) == ("381100099", 2.5)


def test_subdomain_may_be_given_as_the_host() -> None:
    env = {**ZENDESK_ENV, "HL_ZENDESK_SUBDOMAIN": "Acme.zendesk.com"}
    settings = zendesk_settings_from_env(env)
    assert settings is not None and settings.base_url == "https://acme.zendesk.com"


@pytest.mark.parametrize(
    ("changes", "variable"),
    [
        ({"HL_ZENDESK_UPDATE_LIMIT": "lots"}, "HL_ZENDESK_UPDATE_LIMIT"),
        ({"HL_ZENDESK_UPDATE_LIMIT": "-1"}, "HL_ZENDESK_UPDATE_LIMIT"),
        ({"HL_ZENDESK_SIGNATURE_TOLERANCE": "0"}, "HL_ZENDESK_SIGNATURE_TOLERANCE"),
        ({"HL_ZENDESK_TIMEOUT": "soon"}, "HL_ZENDESK_TIMEOUT"),
        ({"HL_ZENDESK_SUBDOMAIN": "acme corp"}, "HL_ZENDESK_SUBDOMAIN"),
        ({"HL_ZENDESK_SUBDOMAIN": ""}, "HL_ZENDESK_SUBDOMAIN"),
        ({"HL_ZENDESK_BASE_URL": "http://acme.zendesk.com"}, "HL_ZENDESK_BASE_URL"),
        ({"HL_ZENDESK_BASE_URL": "https://u:p@acme.zendesk.com"}, "HL_ZENDESK_BASE_URL"),
        ({"HL_ZENDESK_BASE_URL": "acme.zendesk.com"}, "HL_ZENDESK_BASE_URL"),
        ({"HL_ZENDESK_EMAIL": ""}, "HL_ZENDESK_EMAIL"),
        ({"HL_ZENDESK_API_TOKEN": ""}, "HL_ZENDESK_API_TOKEN"),
        ({"HL_ZENDESK_API_USER_ID": "me"}, "HL_ZENDESK_API_USER_ID"),
    ],
)
def test_bad_zendesk_values_name_the_variable(changes: dict[str, str], variable: str) -> None:
    with pytest.raises(ConfigError) as caught:
        zendesk_settings_from_env({**ZENDESK_ENV, **changes})
    assert caught.value.key == variable
    assert caught.value.fix
    assert "tok-SECRET-1" not in str(caught.value)


def test_freshdesk_defaults_and_credentials() -> None:
    env = {
        **FRESHDESK_ENV,
        "HL_FRESHDESK_WEBHOOK_SECRET": "shared-SECRET",
        "HL_FRESHDESK_WEBHOOK_USERNAME": "hook",
        "HL_FRESHDESK_WEBHOOK_PASSWORD": "pw-SECRET",
    }
    settings = freshdesk_settings_from_env(env)
    assert settings is not None
    assert settings.account == "freshdesk:acme"
    assert settings.base_url == "https://acme.freshdesk.com"
    assert settings.webhook_header == "X-Helpdesk-Loyalty-Secret"
    assert settings.webhook_username == "hook"
    assert settings.webhook_password == Secret("pw-SECRET")
    assert (settings.update_limit, settings.request_limit) == (70, 0)


@pytest.mark.parametrize(
    ("changes", "variable"),
    [
        ({"HL_FRESHDESK_DOMAIN": "acme.example.com"}, "HL_FRESHDESK_DOMAIN"),
        ({"HL_FRESHDESK_API_KEY": ""}, "HL_FRESHDESK_API_KEY"),
        ({"HL_FRESHDESK_WEBHOOK_HEADER": "X Bad Header"}, "HL_FRESHDESK_WEBHOOK_HEADER"),
        ({"HL_FRESHDESK_UPDATE_LIMIT": "1.5"}, "HL_FRESHDESK_UPDATE_LIMIT"),
        ({"HL_FRESHDESK_WEBHOOK_USERNAME": "hook"}, "HL_FRESHDESK_WEBHOOK_USERNAME"),
    ],
)
def test_bad_freshdesk_values_name_the_variable(changes: dict[str, str], variable: str) -> None:
    with pytest.raises(ConfigError) as caught:
        freshdesk_settings_from_env({**FRESHDESK_ENV, **changes})
    assert variable in caught.value.key


class RecordingEnv(dict[str, str]):
    """An environment that remembers which variables were looked up."""

    def __init__(self, values: dict[str, str]) -> None:
        super().__init__(values)
        self.read: set[str] = set()

    def get(self, key: str, default: object = None) -> object:  # type: ignore[override]
        self.read.add(key)
        return super().get(key, default)


def test_every_variable_read_is_documented() -> None:
    documented = {name for name, _default, _meaning in ENV_DOC}
    env = RecordingEnv({**ZENDESK_ENV, **FRESHDESK_ENV})
    zendesk_settings_from_env(env)
    freshdesk_settings_from_env(env)
    assert env.read == documented
