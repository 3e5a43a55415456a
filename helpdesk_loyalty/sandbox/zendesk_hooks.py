"""Zendesk webhooks and triggers as records, and the validation of webhook payloads.

Webhooks API facts modelled (developer.zendesk.com, api-reference/webhooks): ids are ULID-like
strings; a webhook is either connected to triggers (``["conditional_ticket_events"]``) or
subscribed to ``zen:event-type:*`` events, never both, and that can't change after creation;
event webhooks must be ``POST`` + ``json``; the signing secret is only shown by
``GET /api/v2/webhooks/{id}/signing_secret``; stored credentials are never shown again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from .timefmt import iso_seconds

__all__ = ["CONDITIONAL", "WebhookInvalid", "ZdTrigger", "ZdWebhook", "check_webhook"]

CONDITIONAL = "conditional_ticket_events"
EVENT_PREFIX = "zen:event-type:"
_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
_FORMATS = ("json", "xml", "form_encoded")
_AUTH_DATA = {
    "api_key": ("name", "value"),
    "basic_auth": ("username", "password"),
    "bearer_token": ("token",),
}


class WebhookInvalid(Exception):
    """A 400 from the Webhooks API; ``errors`` is its ``errors`` list."""

    def __init__(self, pointer: str, detail: str, code: str = "InvalidValue") -> None:
        self.errors = [
            {
                "code": code,
                "title": "Invalid value" if code == "InvalidValue" else "Required field missing",
                "detail": detail,
                "source": {"pointer": f"/webhook/{pointer}"},
            }
        ]
        super().__init__(detail)


@dataclass
class ZdWebhook:
    """A webhook; ``authentication`` keeps its credentials, which responses never show."""

    id: str
    name: str
    endpoint: str
    http_method: str
    request_format: str
    status: str
    subscriptions: list[str]
    signing_secret: str
    created_at: float
    updated_at: float
    created_by: int
    authentication: dict[str, Any] | None = None
    custom_headers: dict[str, str] = field(default_factory=dict)
    description: str = ""

    @property
    def connected_to_triggers(self) -> bool:
        """Whether triggers and automations may use it (not an event webhook)."""
        return CONDITIONAL in self.subscriptions

    def subscribed(self, event_type: str) -> bool:
        """Whether it receives ``zen:event-type:{event_type}``."""
        return f"{EVENT_PREFIX}{event_type}" in self.subscriptions

    def to_json(self) -> dict[str, Any]:
        """The webhook as the API shows it (no credentials, no secret)."""
        data: dict[str, Any] = {
            "id": self.id,
            "name": self.name,
            "status": self.status,
            "subscriptions": list(self.subscriptions),
            "created_at": iso_seconds(self.created_at),
            "created_by": str(self.created_by),
            "updated_at": iso_seconds(self.updated_at),
            "updated_by": str(self.created_by),
            "endpoint": self.endpoint,
            "http_method": self.http_method,
            "request_format": self.request_format,
            "description": self.description,
        }
        if self.authentication:
            shown = {
                "type": self.authentication["type"],
                "add_position": self.authentication.get("add_position", "header"),
            }
            if self.authentication["type"] == "basic_auth":
                shown["data"] = {"username": self.authentication["data"]["username"]}
            data["authentication"] = shown
        if self.custom_headers:
            data["custom_headers"] = {k: "" for k in self.custom_headers}
        return data


@dataclass
class ZdTrigger:
    """A trigger: ``conditions`` is ``{"all": [...], "any": [...]}``, ``actions`` a list."""

    id: int
    title: str
    conditions: dict[str, list[dict[str, Any]]]
    actions: list[dict[str, Any]]
    created_at: float
    updated_at: float
    position: int
    active: bool = True
    description: str = ""
    category_id: str | None = None

    def to_json(self, base: str) -> dict[str, Any]:
        """The trigger as the Triggers API shows it."""
        return {
            "url": f"{base}/api/v2/triggers/{self.id}.json",
            "id": self.id,
            "title": self.title,
            "raw_title": self.title,
            "active": self.active,
            "default": False,
            "position": self.position,
            "description": self.description,
            "category_id": self.category_id,
            "conditions": {k: [dict(c) for c in v] for k, v in self.conditions.items()},
            "actions": [dict(a) for a in self.actions],
            "created_at": iso_seconds(self.created_at),
            "updated_at": iso_seconds(self.updated_at),
        }


def check_webhook(
    data: Mapping[str, Any], *, partial: bool = False, current: ZdWebhook | None = None
) -> dict[str, Any]:
    """The validated fields of a ``{"webhook": data}`` body; raises :class:`WebhookInvalid`.

    ``partial`` is for PATCH: only the fields given are checked. ``current`` is the webhook
    being changed: its connection method (triggers or events) may not change.
    """
    out: dict[str, Any] = {}
    required = ("name", "endpoint", "http_method", "request_format", "status")
    for key in required:
        if key not in data:
            if not partial and current is None:
                raise WebhookInvalid(key, f"{key} is required", "RequiredFieldMissing")
            continue
        value = data[key]
        if not isinstance(value, str) or not value.strip():
            raise WebhookInvalid(key, f"{key} must be a non-empty string")
        out[key] = value
    if "endpoint" in out:
        parts = urlsplit(out["endpoint"])
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise WebhookInvalid("endpoint", "endpoint must be an http(s) URL")
    if "http_method" in out:
        out["http_method"] = out["http_method"].upper()
        if out["http_method"] not in _METHODS:
            raise WebhookInvalid("http_method", f"http_method must be one of {_METHODS}")
    if "request_format" in out and out["request_format"] not in _FORMATS:
        raise WebhookInvalid("request_format", f"request_format must be one of {_FORMATS}")
    if "status" in out and out["status"] not in ("active", "inactive"):
        raise WebhookInvalid("status", "status must be active or inactive")
    if "subscriptions" in data:
        out["subscriptions"] = _subscriptions(data["subscriptions"], current)
    elif current is None and not partial:
        out["subscriptions"] = [CONDITIONAL]
    subs = out.get("subscriptions", current.subscriptions if current else [CONDITIONAL])
    if CONDITIONAL not in subs:
        method = out.get("http_method", current.http_method if current else "POST")
        fmt = out.get("request_format", current.request_format if current else "json")
        if method != "POST" or fmt != "json":
            raise WebhookInvalid("subscriptions", "event subscriptions need POST and json")
    if data.get("authentication") is not None:
        out["authentication"] = _authentication(data["authentication"])
    if "custom_headers" in data:
        headers = data["custom_headers"] or {}
        if not isinstance(headers, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in headers.items()
        ):
            raise WebhookInvalid("custom_headers", "custom_headers must map names to strings")
        out["custom_headers"] = dict(headers)
    secret = data.get("signing_secret")
    if isinstance(secret, Mapping) and isinstance(secret.get("secret"), str):
        out["signing_secret"] = secret["secret"]
    if isinstance(data.get("description"), str):
        out["description"] = data["description"]
    return out


def _subscriptions(raw: Any, current: ZdWebhook | None) -> list[str]:
    if not isinstance(raw, list) or not raw or not all(isinstance(s, str) for s in raw):
        raise WebhookInvalid("subscriptions", "subscriptions must be a non-empty list")
    conditional = [s for s in raw if s == CONDITIONAL]
    events = [s for s in raw if s.startswith(EVENT_PREFIX)]
    if len(conditional) + len(events) != len(raw):
        raise WebhookInvalid("subscriptions", f"unknown subscription in {raw}")
    if conditional and events:
        raise WebhookInvalid(
            "subscriptions", "a webhook is either connected to triggers or subscribed to events"
        )
    if current is not None and bool(conditional) != current.connected_to_triggers:
        raise WebhookInvalid("subscriptions", "the connection method can't be changed")
    return list(dict.fromkeys(raw))


def _authentication(raw: Any) -> dict[str, Any]:
    if not isinstance(raw, Mapping) or raw.get("type") not in _AUTH_DATA:
        raise WebhookInvalid("authentication", f"type must be one of {sorted(_AUTH_DATA)}")
    data = raw.get("data")
    keys = _AUTH_DATA[raw["type"]]
    if not isinstance(data, Mapping) or not all(isinstance(data.get(k), str) for k in keys):
        raise WebhookInvalid("authentication", f"{raw['type']} needs data with {keys}")
    return {
        "type": raw["type"],
        "add_position": raw.get("add_position", "header"),
        "data": {k: data[k] for k in keys},
    }
