"""The built-in helpdesk adapters, registered like any plugin's: Zendesk and Freshdesk.

Each adapter reads its ``HL_<NAME>_*`` variables once, at start. Defaults stay below the
vendors' limits: Zendesk's Update Ticket endpoint allows 100 calls per minute per account
(support.zendesk.com article 8638126078234), Freshdesk Growth allows 80 ticket updates per minute
(support.freshdesk.com article 225439); Freshdesk's own webhook calls spend the same budget.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from urllib.parse import urlsplit

from ..errors import ConfigError
from ..hookspecs import hookimpl
from .base import ClientOptions, HelpdeskClient, HelpdeskSettings, HelpdeskSpec
from .envvars import (
    any_set,
    env_float,
    env_header,
    env_limit,
    env_secret,
    env_text,
    normalise_base_url,
)
from .freshdesk import FreshdeskClient, parse_freshdesk, verify_freshdesk
from .zendesk import ZendeskClient, parse_zendesk, verify_zendesk
from .zendesk.parse import INVOCATION_HEADER
from .zendesk.webhook import TIMESTAMP_HEADER

__all__ = [
    "ENV_DOC",
    "FRESHDESK",
    "ZENDESK",
    "freshdesk_settings_from_env",
    "register_helpdesks",
    "zendesk_settings_from_env",
]

# (variable, default, meaning), in the shape of config.SETTINGS_DOC, for the README table.
ENV_DOC: tuple[tuple[str, str, str], ...] = (
    ("HL_ZENDESK_SUBDOMAIN", "(unset)", "`acme` for https://acme.zendesk.com"),
    ("HL_ZENDESK_BASE_URL", "(unset)", "instead of the subdomain: the API's base URL"),
    ("HL_ZENDESK_EMAIL", "(unset)", "email of the agent the API token acts as"),
    ("HL_ZENDESK_API_TOKEN", "(unset)", "Zendesk API token"),
    ("HL_ZENDESK_WEBHOOK_SECRET", "(unset)", "the webhook's signing secret; unset = refuse"),
    ("HL_ZENDESK_SIGNATURE_TOLERANCE", "300", "seconds a signature timestamp may be off"),
    ("HL_ZENDESK_UPDATE_LIMIT", "90", "ticket updates per minute (Zendesk allows 100)"),
    ("HL_ZENDESK_REQUEST_LIMIT", "0", "API calls per minute; 0 = only 429s slow us"),
    ("HL_ZENDESK_API_USER_ID", "(looked up)", "id of the API user, to skip our own writes"),
    ("HL_ZENDESK_TIMEOUT", "10", "seconds per API request"),
    ("HL_FRESHDESK_DOMAIN", "(unset)", "`acme` for https://acme.freshdesk.com"),
    ("HL_FRESHDESK_BASE_URL", "(unset)", "instead of the domain: the API's base URL"),
    ("HL_FRESHDESK_API_KEY", "(unset)", "Freshdesk API key"),
    ("HL_FRESHDESK_WEBHOOK_SECRET", "(unset)", "shared secret the automation rule sends"),
    ("HL_FRESHDESK_WEBHOOK_HEADER", "X-Helpdesk-Loyalty-Secret", "header carrying it"),
    ("HL_FRESHDESK_WEBHOOK_USERNAME", "(unset)", "Basic user the webhook action sends"),
    ("HL_FRESHDESK_WEBHOOK_PASSWORD", "(unset)", "Basic password the webhook action sends"),
    ("HL_FRESHDESK_UPDATE_LIMIT", "70", "ticket updates per minute (Growth allows 80)"),
    ("HL_FRESHDESK_REQUEST_LIMIT", "0", "API calls per minute; 0 = only 429s slow us"),
    ("HL_FRESHDESK_TIMEOUT", "10", "seconds per API request"),
)
_SUBDOMAIN_RE = re.compile(r"^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


def _subdomain(name: str, value: str, suffix: str) -> str:
    lowered = value.lower().removeprefix("https://").rstrip("/").removesuffix(suffix)
    if not _SUBDOMAIN_RE.match(lowered):
        raise ConfigError(
            name, f"{value!r} is not a {suffix[1:]} subdomain", f"use the name before {suffix}"
        )
    return lowered


def _location(env: Mapping[str, str], prefix: str, key: str, suffix: str) -> tuple[str, str]:
    """``(base_url, account label)`` from ``<prefix>BASE_URL`` or the subdomain variable."""
    raw_url = env_text(env, f"{prefix}BASE_URL")
    if raw_url:
        base_url = normalise_base_url(f"{prefix}BASE_URL", raw_url)
        return base_url, urlsplit(base_url).netloc
    raw_name = env_text(env, f"{prefix}{key}")
    if raw_name is None:
        raise ConfigError(
            f"{prefix}{key}",
            "not set, but other " + prefix + "* variables are",
            f"set {prefix}{key} (the name in https://<name>{suffix}) or {prefix}BASE_URL",
        )
    sub = _subdomain(f"{prefix}{key}", raw_name, suffix)
    return f"https://{sub}{suffix}", sub


def _api_user(env: Mapping[str, str], name: str) -> str | None:
    value = env_text(env, name)
    if value is not None and not value.isdigit():
        raise ConfigError(name, f"{value!r} is not a user id", "use the numeric id of the API user")
    return value


def zendesk_settings_from_env(env: Mapping[str, str]) -> HelpdeskSettings | None:
    """Zendesk settings from ``HL_ZENDESK_*``; ``None`` when none of them is set."""
    prefix = "HL_ZENDESK_"
    if not any_set(env, prefix):
        return None
    base_url, label = _location(env, prefix, "SUBDOMAIN", ".zendesk.com")
    email = env_text(env, prefix + "EMAIL")
    token = env_secret(env, prefix + "API_TOKEN")
    if email is None or "@" not in email:
        raise ConfigError(
            "HL_ZENDESK_EMAIL",
            "not set" if email is None else f"{email!r} is not an email address",
            "set it to the email of the agent the API token acts as",
        )
    if token is None:
        raise ConfigError(
            "HL_ZENDESK_API_TOKEN",
            "not set",
            "create a token in Admin Center > Apps and integrations > APIs > Zendesk API",
        )
    return HelpdeskSettings(
        name="zendesk",
        account=f"zendesk:{label}",
        base_url=base_url,
        email=email,
        api_token=token,
        webhook_secret=env_secret(env, prefix + "WEBHOOK_SECRET"),
        signature_tolerance=env_float(env, prefix + "SIGNATURE_TOLERANCE", 300.0),
        update_limit=env_limit(env, prefix + "UPDATE_LIMIT", 90, "100 (Zendesk's Update Ticket)"),
        request_limit=env_limit(env, prefix + "REQUEST_LIMIT", 0, "the plan's requests/minute"),
        api_user_id=_api_user(env, prefix + "API_USER_ID"),
        timeout=env_float(env, prefix + "TIMEOUT", 10.0),
    )


def freshdesk_settings_from_env(env: Mapping[str, str]) -> HelpdeskSettings | None:
    """Freshdesk settings from ``HL_FRESHDESK_*``; ``None`` when none of them is set."""
    prefix = "HL_FRESHDESK_"
    if not any_set(env, prefix):
        return None
    base_url, label = _location(env, prefix, "DOMAIN", ".freshdesk.com")
    api_key = env_secret(env, prefix + "API_KEY")
    if api_key is None:
        raise ConfigError(
            "HL_FRESHDESK_API_KEY", "not set", "set it to the key from Profile settings"
        )
    username = env_text(env, prefix + "WEBHOOK_USERNAME")
    password = env_secret(env, prefix + "WEBHOOK_PASSWORD")
    if (username is None) != (password is None):
        raise ConfigError(
            "HL_FRESHDESK_WEBHOOK_USERNAME / HL_FRESHDESK_WEBHOOK_PASSWORD",
            "only one of the two is set",
            "set both (the webhook action's Basic credentials) or neither",
        )
    return HelpdeskSettings(
        name="freshdesk",
        account=f"freshdesk:{label}",
        base_url=base_url,
        api_token=api_key,
        webhook_secret=env_secret(env, prefix + "WEBHOOK_SECRET"),
        webhook_header=env_header(env, prefix + "WEBHOOK_HEADER", "X-Helpdesk-Loyalty-Secret"),
        webhook_username=username,
        webhook_password=password,
        update_limit=env_limit(env, prefix + "UPDATE_LIMIT", 70, "your plan's Ticket Update limit"),
        request_limit=env_limit(env, prefix + "REQUEST_LIMIT", 0, "the plan's requests/minute"),
        timeout=env_float(env, prefix + "TIMEOUT", 10.0),
    )


def _zendesk_client(settings: HelpdeskSettings, options: ClientOptions) -> HelpdeskClient:
    return ZendeskClient(settings, options)


def _freshdesk_client(settings: HelpdeskSettings, options: ClientOptions) -> HelpdeskClient:
    return FreshdeskClient(settings, options)


ZENDESK = HelpdeskSpec(
    name="zendesk",
    verify=verify_zendesk,
    parse=parse_zendesk,
    client=_zendesk_client,
    settings_from_env=zendesk_settings_from_env,
    description="Zendesk Support: signed webhooks (trigger or event subscription), API v2",
    replay_headers=(INVOCATION_HEADER, TIMESTAMP_HEADER),
)
FRESHDESK = HelpdeskSpec(
    name="freshdesk",
    verify=verify_freshdesk,
    parse=parse_freshdesk,
    client=_freshdesk_client,
    settings_from_env=freshdesk_settings_from_env,
    description="Freshdesk: automation-rule webhooks with a shared secret, API v2",
)


@hookimpl
def register_helpdesks() -> Sequence[HelpdeskSpec]:
    """The built-in adapters: Zendesk and Freshdesk."""
    return (ZENDESK, FRESHDESK)
