"""The install kits in ``connectors/``: what an admin puts on the helpdesk side, as data.

``connectors/zendesk/`` holds the webhook definition (``webhook.json``), the triggers
(``triggers.json``) and the body every trigger sends (``trigger_body.json``);
``connectors/freshdesk/`` the automation rules (``automation_rules.json``) and their body
(``body_template.json``). Our own placeholders are filled in here: ``{{hl.url}}`` (the public
address of the server), ``{{hl.webhook_id}}``, ``{{hl.body}}`` (the body template) and
``{{hl.event}}`` (``ticket.created`` / ``ticket.updated``, per trigger or rule). The vendors'
placeholders (``{{ticket.id}}``...) are left for the helpdesk to render.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import ConfigError

__all__ = [
    "SHIPPED_CONNECTORS_DIR",
    "FreshdeskKit",
    "FreshdeskRule",
    "ZendeskKit",
    "default_connectors_dir",
    "fill",
    "fill_deep",
    "load_freshdesk_kit",
    "load_zendesk_kit",
    "public_base_url",
]

_LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
_EVENTS = ("ticket.created", "ticket.updated")


SHIPPED_CONNECTORS_DIR = Path(__file__).resolve().parent / "_connectors"
"""The kits as released: ``helpdesk_loyalty/_connectors`` is the project's ``connectors/``
(a link in the source tree, a copy in the wheel), so an installed package has them too."""


def default_connectors_dir() -> Path:
    """``./connectors`` when it exists (an admin's edited copy, or ``/app`` in the image),
    else the kits shipped in the package."""
    here = Path("connectors")
    return here if here.is_dir() else SHIPPED_CONNECTORS_DIR


def fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with each ``{{hl.<name>}}`` of ``values`` replaced (vendor placeholders stay)."""
    for name, value in values.items():
        text = text.replace("{{hl." + name + "}}", value)
    return text


def public_base_url(url: str, helpdesk: str) -> str:
    """The server's public address as given to ``--url``, without a trailing slash or a
    ``/webhooks/<helpdesk>`` suffix. HTTPS is required except on loopback: Zendesk only sends
    custom headers to HTTPS endpoints, and the Freshdesk secret travels in a header."""
    parts = urlsplit(url.strip())
    fix = "pass the server's public address, e.g. --url https://hooks.example.com"
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ConfigError("--url", f"{url!r} is not an http(s) URL", fix)
    if parts.scheme == "http" and parts.hostname not in _LOOPBACK:
        raise ConfigError("--url", f"{url!r} is not HTTPS", "serve the webhook over https://")
    if parts.username or parts.password or parts.query or parts.fragment:
        raise ConfigError("--url", "the URL carries credentials, a query or a fragment", fix)
    path = parts.path.rstrip("/").removesuffix(f"/webhooks/{helpdesk}")
    return f"{parts.scheme}://{parts.netloc}{path}"


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(
            str(path), "does not exist", "pass --connectors pointing at the connectors folder"
        ) from exc
    except json.JSONDecodeError as exc:
        raise ConfigError(str(path), f"is not valid JSON ({exc})", "fix the line shown") from exc


def fill_deep(value: Any, values: Mapping[str, str]) -> Any:
    """:func:`fill` applied to every string (keys included) of a JSON value."""
    if isinstance(value, str):
        return fill(value, values)
    if isinstance(value, list):
        return [fill_deep(v, values) for v in value]
    if isinstance(value, Mapping):
        return {fill(str(k), values): fill_deep(v, values) for k, v in value.items()}
    return value


def _body_template(folder: Path, data: Mapping[str, Any], default: str) -> str:
    path = folder / str(data.get("body_template", default))
    _read_json(path)
    text = path.read_text(encoding="utf-8").strip()
    if "{{hl.event}}" not in text:
        raise ConfigError(
            str(path),
            "has no {{hl.event}} placeholder",
            'keep "event": "{{hl.event}}" in the body: it tells created from updated',
        )
    return text


def _event(path: Path, title: str, raw: Any) -> str:
    if raw not in _EVENTS:
        raise ConfigError(
            f"{path} {title!r}", f"event {raw!r} is not known", f"use one of {_EVENTS}"
        )
    return str(raw)


@dataclass(frozen=True)
class ZendeskKit:
    """The Zendesk kit: webhook definition, trigger definitions and the body template."""

    webhook: Mapping[str, Any]
    triggers: tuple[Mapping[str, Any], ...]
    body_template: str

    @property
    def webhook_name(self) -> str:
        """The name the webhook is found by (setup is idempotent by name)."""
        return str(self.webhook["name"])

    def webhook_body(self, base_url: str) -> dict[str, Any]:
        """The webhook's fields with its endpoint under ``base_url``."""
        return dict(fill_deep(self.webhook, {"url": base_url}))

    def body_for(self, event: str) -> str:
        """The body a trigger sends for ``event``: the template with ``{{hl.event}}`` filled."""
        return fill(self.body_template, {"event": event})

    def trigger_bodies(self, webhook_id: str) -> list[dict[str, Any]]:
        """Each trigger's fields as the Triggers API takes them, connected to ``webhook_id``."""
        out = []
        for definition in self.triggers:
            trigger = {k: v for k, v in definition.items() if k != "event"}
            body = self.body_for(str(definition["event"]))
            # The body goes in whole, after the other placeholders: it holds the vendor's own.
            trigger["actions"] = [
                {**a, "value": [body if v == "{{hl.body}}" else v for v in a["value"]]}
                if a.get("field") == "notification_webhook" and isinstance(a.get("value"), list)
                else a
                for a in fill_deep(trigger["actions"], {"webhook_id": webhook_id})
            ]
            trigger.setdefault("active", True)
            out.append(trigger)
        return out


def load_zendesk_kit(folder: Path) -> ZendeskKit:
    """Read and check ``<folder>/zendesk``; :class:`ConfigError` names the file and the fix."""
    zd = folder / "zendesk"
    hook = _read_json(zd / "webhook.json")
    if not isinstance(hook, Mapping) or not isinstance(hook.get("webhook"), Mapping):
        raise ConfigError(str(zd / "webhook.json"), 'has no "webhook" object', "restore the file")
    if not str(hook["webhook"].get("name", "")).strip():
        raise ConfigError(str(zd / "webhook.json"), "the webhook has no name", "give it a name")
    data = _read_json(zd / "triggers.json")
    rows = data.get("triggers") if isinstance(data, Mapping) else None
    if not isinstance(rows, list) or not rows:
        raise ConfigError(str(zd / "triggers.json"), 'has no "triggers" list', "restore the file")
    titles = set()
    for row in rows:
        title = str(row.get("title", "")) if isinstance(row, Mapping) else ""
        if not title or title in titles or not isinstance(row.get("actions"), list):
            raise ConfigError(
                str(zd / "triggers.json"),
                f"trigger {title!r} has no title, a duplicate title or no actions",
                "give every trigger a unique title and an actions list",
            )
        titles.add(title)
        _event(zd / "triggers.json", title, row.get("event"))
    template = _body_template(zd, data, "trigger_body.json")
    return ZendeskKit(dict(hook["webhook"]), tuple(dict(r) for r in rows), template)


@dataclass(frozen=True)
class FreshdeskRule:
    """One automation rule as an admin clicks it together."""

    name: str
    tab: str
    event: str
    performer: str | None
    events: tuple[str, ...]
    conditions: tuple[Mapping[str, str], ...]
    body: str

    @property
    def skip_tags(self) -> tuple[str, ...]:
        """Tags whose presence keeps the rule from firing ("Tags does not contain")."""
        return tuple(
            c["value"]
            for c in self.conditions
            if c.get("field") == "Tags" and c.get("operator", "").lower() == "does not contain"
        )


@dataclass(frozen=True)
class FreshdeskKit:
    """The Freshdesk kit: the Trigger Webhook action's settings and the rules."""

    webhook: Mapping[str, Any]
    rules: tuple[FreshdeskRule, ...]

    def webhook_values(self, base_url: str, header: str, secret: str) -> dict[str, Any]:
        """The action's settings with the URL, header name and secret filled in."""
        return dict(fill_deep(self.webhook, {"url": base_url, "header": header, "secret": secret}))


def load_freshdesk_kit(folder: Path) -> FreshdeskKit:
    """Read and check ``<folder>/freshdesk``; :class:`ConfigError` names the file and the fix."""
    fd = folder / "freshdesk"
    path = fd / "automation_rules.json"
    data = _read_json(path)
    if not isinstance(data, Mapping) or not isinstance(data.get("webhook"), Mapping):
        raise ConfigError(str(path), 'has no "webhook" object', "restore the file")
    rows = data.get("rules")
    if not isinstance(rows, list) or not rows or not all(isinstance(r, Mapping) for r in rows):
        raise ConfigError(str(path), 'has no "rules" list', "restore the file")
    template = _body_template(fd, data, "body_template.json")
    rules = []
    for row in rows:
        name = str(row.get("name", ""))
        event = _event(path, name, row.get("event"))
        rules.append(
            FreshdeskRule(
                name=name,
                tab=str(row.get("tab", "")),
                event=event,
                performer=row.get("performer"),
                events=tuple(row.get("events") or ()),
                conditions=tuple(dict(c) for c in row.get("conditions") or ()),
                body=fill(template, {"event": event}),
            )
        )
    return FreshdeskKit(dict(data["webhook"]), tuple(rules))
