"""``setup freshdesk``: the exact values an admin pastes into two automation rules.

Freshdesk's Automations API exists, but whether it can create a "Trigger Webhook" action, and
in what shape, is not documented (see the API reference notes), so setup does not write: it
checks the API key and the domain with one read (``GET /api/v2/agents/me``) and prints, rule by
rule, what to click and what to paste: the callback URL, the secret header (Freshdesk signs
nothing, so a shared secret in a custom header is the protection), the Basic credentials when
configured, and the JSON body with ``{{hl.event}}`` filled in.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .adapters.base import ClientOptions, HelpdeskSettings
from .adminapi import AdminApi
from .connectors import FreshdeskKit, FreshdeskRule, public_base_url
from .secret import Secret

__all__ = ["FreshdeskSetupReport", "format_freshdesk_setup", "setup_freshdesk"]

_DEFAULT_HEADER = "X-Helpdesk-Loyalty-Secret"


@dataclass
class FreshdeskSetupReport:
    """What to paste into Freshdesk, after the API key and domain were checked."""

    settings: HelpdeskSettings
    kit: FreshdeskKit
    agent: Mapping[str, Any]
    base_url: str
    secret: Secret
    secret_source: str
    warnings: list[str] = field(default_factory=list)

    @property
    def header(self) -> str:
        """The custom header that carries the secret."""
        return self.settings.webhook_header

    def webhook_values(self) -> dict[str, Any]:
        """The Trigger Webhook action's values (they hold the secret)."""
        return self.kit.webhook_values(self.base_url, self.header, self.secret.reveal())

    def env_lines(self) -> list[str]:
        """``HL_FRESHDESK_*=value`` lines for the server's environment."""
        host = self.settings.base_url.removeprefix("https://")
        if host.endswith(".freshdesk.com") and "/" not in host:
            lines = [f"HL_FRESHDESK_DOMAIN={host.removesuffix('.freshdesk.com')}"]
        else:
            lines = [f"HL_FRESHDESK_BASE_URL={self.settings.base_url}"]
        lines.append("# HL_FRESHDESK_API_KEY: keep the key setup ran with")
        lines.append(f"HL_FRESHDESK_WEBHOOK_SECRET={self.secret.reveal()}")
        if self.header != _DEFAULT_HEADER:
            lines.append(f"HL_FRESHDESK_WEBHOOK_HEADER={self.header}")
        return lines


async def setup_freshdesk(
    settings: HelpdeskSettings,
    kit: FreshdeskKit,
    url: str,
    *,
    secret: str | None = None,
    options: ClientOptions | None = None,
) -> FreshdeskSetupReport:
    """Check the API key and domain with one read, then gather the values to paste.

    The shared secret is ``secret`` (``--secret``), else ``HL_FRESHDESK_WEBHOOK_SECRET``, else
    a new random one.

    :raises ConfigError: the key is refused (401: the fix says where to find it), the domain
        does not answer as a Freshdesk account, or ``url`` is not HTTPS.
    """
    base_url = public_base_url(url, "freshdesk")
    async with AdminApi(settings, options) as api:
        agent = await api.whoami()
    warnings: list[str] = []
    configured = settings.webhook_secret
    if secret:
        chosen, source = Secret(secret), "given with --secret"
        if configured is not None and not configured.matches(secret):
            warnings.append(
                "HL_FRESHDESK_WEBHOOK_SECRET differs from --secret: set it to the value below"
            )
    elif configured is not None:
        chosen, source = configured, "from HL_FRESHDESK_WEBHOOK_SECRET"
    else:
        chosen = Secret(secrets.token_urlsafe(32))
        source = "new: set HL_FRESHDESK_WEBHOOK_SECRET to it (below)"
    raw_contact = agent.get("contact")
    contact: Mapping[str, Any] = raw_contact if isinstance(raw_contact, Mapping) else {}
    return FreshdeskSetupReport(
        settings=settings,
        kit=kit,
        agent={"id": agent.get("id"), "email": contact.get("email"), "name": contact.get("name")},
        base_url=base_url,
        secret=chosen,
        secret_source=source,
        warnings=warnings,
    )


def _rule_lines(number: int, rule: FreshdeskRule, report: FreshdeskSetupReport) -> list[str]:
    hook = report.webhook_values()
    lines = [
        f'{number}. Tab "{rule.tab}" > New rule',
        f"   Rule name: {rule.name}",
    ]
    if rule.performer:
        lines.append(f"   When an action performed by: {rule.performer}")
    if rule.events:
        lines.append(f"   Involves any of these events: {', '.join(rule.events)}")
    for cond in rule.conditions:
        lines.append(
            f"   On tickets with these properties: {cond.get('field')} "
            f"{cond.get('operator')} {cond.get('value')}"
        )
    lines.append("   Perform these actions: Trigger Webhook")
    lines.append(f"     Request type: {hook.get('request_type', 'POST')}")
    lines.append(f"     Callback URL: {hook.get('callback_url')}")
    settings = report.settings
    if settings.webhook_username and settings.webhook_password is not None:
        lines.append(
            f"     Requires authentication: ticked; Username: {settings.webhook_username}; "
            f"Password: {settings.webhook_password.reveal()}"
        )
    else:
        lines.append("     Requires authentication: leave unticked (the secret header protects it)")
    for name, value in (hook.get("custom_headers") or {}).items():
        lines.append(f"     Custom headers: {name}: {value}")
    lines.append(f"     Encoding: {hook.get('encoding', 'JSON')}")
    lines.append(f"     Content: {hook.get('content', 'Advanced')}, with this body:")
    lines += ["       " + line for line in rule.body.splitlines()]
    return lines


def format_freshdesk_setup(report: FreshdeskSetupReport) -> str:
    """The values to paste, as text for stdout (they hold the shared secret)."""
    agent = report.agent
    lines = [
        f"Freshdesk {report.settings.base_url}: the API key works "
        f"(agent {agent.get('name') or agent.get('id')} <{agent.get('email') or '-'}>)",
        f"Shared secret: {report.secret_source}",
        *[f"  ! {w}" for w in report.warnings],
        "",
        f"Create {len(report.kit.rules)} automation rules: Admin > Workflows > Automations.",
    ]
    for number, rule in enumerate(report.kit.rules, start=1):
        lines.append("")
        lines += _rule_lines(number, rule, report)
    lines += ["", "Put these in the server's environment:", *report.env_lines()]
    return "\n".join(lines)
