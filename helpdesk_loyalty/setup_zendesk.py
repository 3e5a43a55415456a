"""``setup zendesk``: install the webhook and the triggers of ``connectors/zendesk/``.

Idempotent by name: the webhook is found by its name and each trigger by its title; what is
missing is created, what differs from the kit is replaced (``PUT``, same id), what matches is
left alone, so running setup twice leaves one webhook and one set of triggers. The webhook has
no authentication: every request is signed (``X-Zendesk-Webhook-Signature``), and the signing
secret, read from ``GET /api/v2/webhooks/{id}/signing_secret``, is what the server verifies
with (developer.zendesk.com, webhooks API). A dry run sends only reads.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .adapters.base import ClientOptions, HelpdeskSettings
from .adminapi import AdminApi, PlannedRequest
from .connectors import ZendeskKit, public_base_url
from .errors import ConfigError, PermanentHelpdeskError
from .secret import Secret

__all__ = [
    "SetupStep",
    "ZendeskSetupReport",
    "format_zendesk_setup",
    "setup_zendesk",
    "trigger_differs",
]

_CONDITIONAL = "conditional_ticket_events"
_PLACEHOLDER_ID = "<webhook id>"


@dataclass(frozen=True)
class SetupStep:
    """What setup did (or, in a dry run, would do) to one webhook or trigger."""

    kind: str
    name: str
    outcome: str
    id: str | None = None


@dataclass
class ZendeskSetupReport:
    """The outcome of :func:`setup_zendesk`; :meth:`env_lines` are the settings to configure."""

    settings: HelpdeskSettings
    endpoint: str
    dry_run: bool
    api_user: Mapping[str, Any]
    steps: list[SetupStep] = field(default_factory=list)
    writes: list[PlannedRequest] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    signing_secret: Secret | None = None

    def env_lines(self) -> list[str]:
        """``HL_ZENDESK_*=value`` lines; the signing secret is revealed here on purpose."""
        base = self.settings.base_url
        host = base.removeprefix("https://")
        if host.endswith(".zendesk.com") and "/" not in host:
            lines = [f"HL_ZENDESK_SUBDOMAIN={host.removesuffix('.zendesk.com')}"]
        else:
            lines = [f"HL_ZENDESK_BASE_URL={base}"]
        lines.append(f"HL_ZENDESK_EMAIL={self.settings.email}")
        lines.append("# HL_ZENDESK_API_TOKEN: keep the token setup ran with")
        if self.api_user.get("id") is not None:
            lines.append(f"HL_ZENDESK_API_USER_ID={self.api_user['id']}")
        if self.signing_secret is not None:
            lines.append(f"HL_ZENDESK_WEBHOOK_SECRET={self.signing_secret.reveal()}")
        else:
            lines.append("# HL_ZENDESK_WEBHOOK_SECRET: printed by setup zendesk without --dry-run")
        return lines


def _canon(value: Any) -> Any:
    """A value as compared: JSON bodies decoded, scalars as text (Zendesk echoes strings)."""
    if isinstance(value, str):
        try:
            decoded = json.loads(value)
        except ValueError:
            return value
        return decoded if isinstance(decoded, dict | list) else value
    if isinstance(value, list):
        return [_canon(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _canon(v) for k, v in value.items()}
    if isinstance(value, bool):
        return "true" if value else "false"
    return None if value is None else str(value)


def _conditions(raw: Any) -> dict[str, list[Any]]:
    raw = raw if isinstance(raw, Mapping) else {}
    return {
        group: [
            [c.get("field"), c.get("operator"), _canon(c.get("value"))]
            for c in raw.get(group) or []
            if isinstance(c, Mapping)
        ]
        for group in ("all", "any")
    }


def trigger_differs(current: Mapping[str, Any], wanted: Mapping[str, Any]) -> bool:
    """Whether the trigger as Zendesk shows it differs from ``wanted`` in any field given."""
    for key, value in wanted.items():
        if key == "conditions":
            if _conditions(current.get(key)) != _conditions(value):
                return True
        elif key == "actions":
            have = [[a.get("field"), _canon(a.get("value"))] for a in current.get(key) or []]
            if have != [[a.get("field"), _canon(a.get("value"))] for a in value]:
                return True
        elif _canon(current.get(key)) != _canon(value):
            return True
    return False


def _created_id(data: Any, key: str) -> str:
    record = data.get(key) if isinstance(data, Mapping) else None
    if not isinstance(record, Mapping) or record.get("id") is None:
        raise PermanentHelpdeskError(f"Zendesk created the {key} but answered without its id")
    return str(record["id"])


async def _ensure_webhook(
    api: AdminApi, kit: ZendeskKit, base_url: str, report: ZendeskSetupReport
) -> str | None:
    wanted = kit.webhook_body(base_url)
    name = kit.webhook_name
    rows = await api.zendesk_cursor_pages(
        "/api/v2/webhooks", "webhooks", {"filter[name_contains]": name}
    )
    same = [r for r in rows if r.get("name") == name]
    dry = api.dry_run
    if not same:
        data = await api.send("POST", "/api/v2/webhooks", {"webhook": wanted})
        hook_id = None if dry else _created_id(data, "webhook")
        report.steps.append(
            SetupStep("webhook", name, "would create" if dry else "created", hook_id)
        )
        return hook_id
    if len(same) > 1:
        others = ", ".join(str(r.get("id")) for r in same[1:])
        report.warnings.append(
            f"{len(same)} webhooks are named {name!r}; setup keeps {same[0].get('id')}. Delete "
            f"the others ({others}) in Admin Center > Apps and integrations > Webhooks"
        )
    current = same[0]
    hook_id = str(current.get("id"))
    if _CONDITIONAL not in (current.get("subscriptions") or []):
        raise ConfigError(
            f"webhook {name!r} ({hook_id})",
            "is subscribed to events, so triggers cannot use it (Zendesk never changes a "
            "webhook's connection method)",
            "delete or rename it in Admin Center > Apps and integrations > Webhooks, then run "
            "setup zendesk again",
        )
    if any(_canon(current.get(k)) != _canon(v) for k, v in wanted.items()):
        await api.send("PUT", f"/api/v2/webhooks/{hook_id}", {"webhook": wanted})
        outcome = "would update" if dry else "updated"
    else:
        outcome = "unchanged"
    report.steps.append(SetupStep("webhook", name, outcome, hook_id))
    return hook_id


async def _ensure_triggers(
    api: AdminApi, kit: ZendeskKit, hook_id: str, report: ZendeskSetupReport
) -> None:
    rows = await api.zendesk_pages("/api/v2/triggers", "triggers")
    dry = api.dry_run
    for wanted in kit.trigger_bodies(hook_id):
        title = str(wanted["title"])
        found = [r for r in rows if r.get("title") == title]
        if not found:
            data = await api.send("POST", "/api/v2/triggers", {"trigger": wanted})
            new_id = None if dry else _created_id(data, "trigger")
            outcome = "would create" if dry else "created"
            report.steps.append(SetupStep("trigger", title, outcome, new_id))
            continue
        if len(found) > 1:
            others = ", ".join(str(r.get("id")) for r in found[1:])
            report.warnings.append(
                f"{len(found)} triggers are titled {title!r}; setup keeps {found[0].get('id')}. "
                f"Delete the others ({others}) in Admin Center > Objects and rules > Triggers"
            )
        trigger_id = str(found[0].get("id"))
        outcome = "unchanged"
        if trigger_differs(found[0], wanted):
            await api.send("PUT", f"/api/v2/triggers/{trigger_id}", {"trigger": wanted})
            outcome = "would update" if dry else "updated"
        report.steps.append(SetupStep("trigger", title, outcome, trigger_id))


async def setup_zendesk(
    settings: HelpdeskSettings,
    kit: ZendeskKit,
    url: str,
    *,
    dry_run: bool = False,
    options: ClientOptions | None = None,
) -> ZendeskSetupReport:
    """Create or update the kit's webhook (endpoint ``<url>/webhooks/zendesk``) and triggers
    in the account of ``settings``, and read the webhook's signing secret.

    :raises ConfigError: the credentials are refused, the user is not an admin, ``url`` is not
        HTTPS, or a webhook of that name exists but cannot serve triggers.
    """
    base_url = public_base_url(url, "zendesk")
    async with AdminApi(settings, options, dry_run=dry_run) as api:
        me = await api.whoami()
        report = ZendeskSetupReport(
            settings=settings,
            endpoint=f"{base_url}/webhooks/zendesk",
            dry_run=dry_run,
            api_user={k: me.get(k) for k in ("id", "email", "name", "role")},
        )
        hook_id = await _ensure_webhook(api, kit, base_url, report)
        await _ensure_triggers(api, kit, hook_id or _PLACEHOLDER_ID, report)
        if hook_id is not None and not dry_run:
            data = await api.get(f"/api/v2/webhooks/{hook_id}/signing_secret")
            secret = (data or {}).get("signing_secret", {}).get("secret")
            if not isinstance(secret, str) or not secret:
                raise PermanentHelpdeskError("Zendesk answered without the signing secret")
            report.signing_secret = Secret(secret)
        report.writes = list(api.writes)
    return report


def format_zendesk_setup(report: ZendeskSetupReport) -> str:
    """The report as text for stdout (it holds the signing secret)."""
    user = report.api_user
    lines = [
        f"Zendesk {report.settings.base_url}, as {user.get('email')} ({user.get('role')})",
    ]
    for step in report.steps:
        lines.append(f"  {step.kind:<8} {step.name:<48} {step.outcome:<12} {step.id or ''}")
    lines += [f"  ! {w}" for w in report.warnings]
    lines.append(f"Webhook endpoint: {report.endpoint}")
    if report.dry_run:
        lines.append("")
        lines.append(f"Dry run: nothing was changed. {len(report.writes)} write(s) would be sent:")
        for request in report.writes:
            lines.append(f"{request.method} {request.path}")
            lines.append(json.dumps(request.body, indent=2, ensure_ascii=False))
    lines.append("")
    lines.append("Put these in the server's environment:")
    lines += report.env_lines()
    return "\n".join(lines)
