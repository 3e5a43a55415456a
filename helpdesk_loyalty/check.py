"""``check``: a configuration verified against the live helpdesk, with the fix for each failure.

For each configured helpdesk: the credentials work (one read of the API user), every group
and ticket field the rules file names exists (:mod:`.rulerefs`), the webhook secret is set,
and, on Zendesk, the webhook and triggers of ``connectors/zendesk/`` are installed, active,
pointing at ``--url`` and signing with the configured secret. With ``--url``, the server must
answer ``GET /healthz`` from here: that proves it runs and the address resolves, though not
that the helpdesk's side can reach it through its own network.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from .adapters.base import ClientOptions, HelpdeskSettings
from .adapters.builtin import freshdesk_settings_from_env, zendesk_settings_from_env
from .adminapi import AdminApi
from .check_zendesk import zendesk_install_checks
from .checkreport import CheckResult, failed_check
from .clock import Clock, SystemClock
from .config import Settings
from .connectors import default_connectors_dir, load_zendesk_kit, public_base_url
from .errors import ConfigError, LoyaltyError
from .rulerefs import Reference, match_field, match_group, rule_references
from .runtime import load_rules_file

__all__ = ["CheckOptions", "run_checks"]

_READERS = {"zendesk": zendesk_settings_from_env, "freshdesk": freshdesk_settings_from_env}


@dataclass(frozen=True)
class CheckOptions:
    """Seams for tests: an httpx transport per helpdesk, one for the ``/healthz`` probe."""

    transports: Mapping[str, Any] = field(default_factory=dict)
    probe_transport: Any = None
    clock: Clock = field(default_factory=SystemClock)


async def _reference_checks(
    api: AdminApi, refs: Sequence[Reference], scope: str
) -> list[CheckResult]:
    out: list[CheckResult] = []
    groups = [r for r in refs if r.kind == "group"]
    fields = [r for r in refs if r.kind == "field"]
    if groups:
        rows = await (
            api.zendesk_pages("/api/v2/groups", "groups")
            if scope == "zendesk"
            else api.freshdesk_pages("/api/v2/groups")
        )
        for ref in groups:
            found = match_group(ref, rows)
            out.append(CheckResult(scope, "ok" if found.ok else "fail", found.detail, found.fix))
    if fields:
        if scope == "zendesk":
            items = await api.zendesk_pages("/api/v2/ticket_fields", "ticket_fields")
        else:
            data = await api.get("/api/v2/ticket_fields")
            items = [f for f in data if isinstance(f, Mapping)] if isinstance(data, list) else []
        for ref in fields:
            found = match_field(ref, items, scope)
            out.append(CheckResult(scope, "ok" if found.ok else "fail", found.detail, found.fix))
    if not refs:
        out.append(CheckResult(scope, "skip", "the rules file names no groups or fields"))
    return out


def _secret_check(settings: HelpdeskSettings, url: str | None) -> CheckResult:
    scope = settings.name
    if scope == "zendesk":
        if settings.webhook_secret:
            return CheckResult(scope, "ok", "HL_ZENDESK_WEBHOOK_SECRET is set")
        return CheckResult(
            scope,
            "fail",
            "HL_ZENDESK_WEBHOOK_SECRET is not set, so /webhooks/zendesk refuses every request",
            f"run `helpdesk-loyalty setup zendesk --url {url or 'PUBLIC_URL'}` and set it to "
            "the value it prints",
        )
    if settings.webhook_secret or (settings.webhook_username and settings.webhook_password):
        return CheckResult(scope, "ok", "a webhook secret (header or Basic credentials) is set")
    return CheckResult(
        scope,
        "fail",
        "neither HL_FRESHDESK_WEBHOOK_SECRET nor Basic credentials are set, so "
        "/webhooks/freshdesk refuses every request",
        f"run `helpdesk-loyalty setup freshdesk --url {url or 'PUBLIC_URL'}` and set "
        "HL_FRESHDESK_WEBHOOK_SECRET to the value it prints",
    )


async def _check_helpdesk(
    settings: HelpdeskSettings,
    refs: Sequence[Reference],
    base_url: str | None,
    connectors: Path,
    options: ClientOptions,
) -> list[CheckResult]:
    scope = settings.name
    out: list[CheckResult] = []
    async with AdminApi(settings, options) as api:
        try:
            me = await api.whoami()
        except LoyaltyError as exc:
            out.append(failed_check(scope, exc))
            out.append(CheckResult(scope, "skip", "groups, fields and webhook: not checked"))
            return [*out, _secret_check(settings, base_url)]
        email = me.get("email") or (me.get("contact") or {}).get("email")
        out.append(CheckResult(scope, "ok", f"credentials work ({email}, {settings.base_url})"))
        try:
            out += await _reference_checks(api, refs, scope)
        except LoyaltyError as exc:
            out.append(failed_check(scope, exc))
        out.append(_secret_check(settings, base_url))
        if scope == "freshdesk":
            out.append(
                CheckResult(
                    scope,
                    "skip",
                    "automation rules: Freshdesk's API does not show webhook actions; check "
                    "both helpdesk-loyalty rules are active in Admin > Workflows > Automations",
                )
            )
            return out
        if me.get("role") != "admin":
            out.append(
                CheckResult(
                    scope,
                    "skip",
                    f"webhook and triggers: {email} is not an admin; run check with an admin's "
                    "email and token to include them",
                )
            )
            return out
        try:
            kit = load_zendesk_kit(connectors)
            out += await zendesk_install_checks(api, kit, base_url)
        except LoyaltyError as exc:
            out.append(failed_check(scope, exc))
    return out


async def _reachable(base_url: str, transport: Any) -> CheckResult:
    target = f"{base_url}/healthz"
    fix = (
        "start `helpdesk-loyalty serve` behind this address (HTTPS) and route /healthz and "
        "/webhooks/* to it"
    )
    try:
        async with httpx.AsyncClient(
            transport=transport, timeout=10.0, follow_redirects=False
        ) as client:
            response = await client.get(target)
    except httpx.HTTPError as exc:
        return CheckResult("", "fail", f"{target} could not be reached ({type(exc).__name__})", fix)
    if response.status_code != 200:
        return CheckResult("", "fail", f"{target} answered {response.status_code}", fix)
    return CheckResult("", "ok", f"{target} answers 200 from this machine")


async def run_checks(
    env: Mapping[str, str],
    *,
    helpdesk: str | None = None,
    url: str | None = None,
    connectors: Path | None = None,
    options: CheckOptions | None = None,
) -> list[CheckResult]:
    """Every check, in order; a :class:`ConfigError` becomes a failed check with its fix."""
    options = options or CheckOptions()
    out: list[CheckResult] = []
    refs: list[Reference] = []
    try:
        rules = load_rules_file(Settings.from_env(env))
        refs = rule_references(rules)
        where = rules.path or "(no rules file: defaults)"
        out.append(CheckResult("", "ok", f"rules file {where}: {len(refs)} group/field names"))
    except ConfigError as exc:
        out.append(failed_check("", exc))
    names = [helpdesk] if helpdesk else list(_READERS)
    configured = 0
    for name in names:
        try:
            settings = _READERS[name](env)
        except ConfigError as exc:
            out.append(failed_check(name, exc))
            continue
        if settings is None:
            if helpdesk:
                out.append(_not_configured(name))
            continue
        configured += 1
        client_options = ClientOptions(
            transport=options.transports.get(name), clock=options.clock, max_attempts=2
        )
        base_url = _base_url(url, name, out)
        folder = connectors or default_connectors_dir()
        out += await _check_helpdesk(settings, refs, base_url, folder, client_options)
    if not helpdesk and configured == 0 and not any(r.status == "fail" for r in out):
        out.append(_not_configured("zendesk or freshdesk"))
    if url is None:
        out.append(CheckResult("", "skip", "reachability: pass --url PUBLIC_URL to check it"))
    else:
        base = _base_url(url, "", out)
        if base is not None:
            out.append(await _reachable(base, options.probe_transport))
    return out


def _base_url(url: str | None, helpdesk: str, out: list[CheckResult]) -> str | None:
    if url is None:
        return None
    try:
        return public_base_url(url, helpdesk or "zendesk")
    except ConfigError as exc:
        if not helpdesk:
            out.append(failed_check("", exc))
        return None


def _not_configured(name: str) -> CheckResult:
    prefix = "HL_ZENDESK_*" if name == "zendesk" else "HL_FRESHDESK_*"
    if " or " in name:
        prefix = "HL_ZENDESK_* or HL_FRESHDESK_*"
    return CheckResult(
        "", "fail", f"{name}: not configured", f"set the {prefix} variables (see the README)"
    )
