"""``check`` on Zendesk: is the kit of ``connectors/zendesk/`` installed as setup leaves it?

The webhook is found by name and must be active, connected to triggers and (with ``--url``)
point at ``<url>/webhooks/zendesk``; its signing secret, read back from the Webhooks API, must
be the configured ``HL_ZENDESK_WEBHOOK_SECRET`` (compared in constant time, never shown); each
trigger must exist, be active and match the kit.
"""

from __future__ import annotations

from .adminapi import AdminApi
from .checkreport import CheckResult
from .connectors import ZendeskKit
from .setup_zendesk import trigger_differs

__all__ = ["zendesk_install_checks"]

_SCOPE = "zendesk"
_CONDITIONAL = "conditional_ticket_events"


async def _secret_matches(api: AdminApi, hook_id: str) -> CheckResult | None:
    configured = api.settings.webhook_secret
    if not configured:
        return None
    data = await api.get(f"/api/v2/webhooks/{hook_id}/signing_secret")
    record = data.get("signing_secret") if isinstance(data, dict) else None
    actual = record.get("secret") if isinstance(record, dict) else None
    if isinstance(actual, str) and configured.matches(actual):
        return CheckResult(
            _SCOPE, "ok", "HL_ZENDESK_WEBHOOK_SECRET is the webhook's signing secret"
        )
    return CheckResult(
        _SCOPE,
        "fail",
        f"HL_ZENDESK_WEBHOOK_SECRET is not the signing secret of webhook {hook_id}, so every "
        "delivery will be refused",
        "set it to the HL_ZENDESK_WEBHOOK_SECRET line `helpdesk-loyalty setup zendesk` prints "
        "(or Admin Center > Apps and integrations > Webhooks > the webhook > Reveal secret)",
    )


async def zendesk_install_checks(
    api: AdminApi, kit: ZendeskKit, base_url: str | None
) -> list[CheckResult]:
    """The webhook, its signing secret and the triggers, one result each."""
    name = kit.webhook_name
    setup = f"run `helpdesk-loyalty setup zendesk --url {base_url or 'PUBLIC_URL'}`"
    rows = await api.zendesk_cursor_pages(
        "/api/v2/webhooks", "webhooks", {"filter[name_contains]": name}
    )
    same = [r for r in rows if r.get("name") == name]
    if not same:
        return [
            CheckResult(
                _SCOPE,
                "fail",
                f"no webhook named {name!r}",
                f"{setup}: it creates the webhook and the triggers",
            )
        ]
    hook = same[0]
    hook_id = str(hook.get("id"))
    problems = []
    if hook.get("status") != "active":
        problems.append("it is inactive")
    if _CONDITIONAL not in (hook.get("subscriptions") or []):
        problems.append("it is subscribed to events, so triggers cannot use it")
    expected = f"{base_url}/webhooks/zendesk" if base_url else None
    if expected is not None and hook.get("endpoint") != expected:
        problems.append(f"its endpoint is {hook.get('endpoint')}, not {expected}")
    out = [
        CheckResult(
            _SCOPE,
            "fail",
            f"webhook {name!r} ({hook_id}): " + "; ".join(problems),
            f"{setup}: it updates the webhook in place",
        )
        if problems
        else CheckResult(
            _SCOPE, "ok", f"webhook {name!r} ({hook_id}) is active, endpoint {hook.get('endpoint')}"
        )
    ]
    secret = await _secret_matches(api, hook_id)
    if secret is not None:
        out.append(secret)
    triggers = await api.zendesk_pages("/api/v2/triggers", "triggers")
    missing, inactive, changed = [], [], []
    wanted_all = kit.trigger_bodies(hook_id)
    for wanted in wanted_all:
        title = str(wanted["title"])
        found = [t for t in triggers if t.get("title") == title]
        if not found:
            missing.append(title)
        elif found[0].get("active") is False:
            inactive.append(title)
        elif trigger_differs(found[0], wanted):
            changed.append(title)
    trouble = [
        f"{label}: {', '.join(repr(t) for t in titles)}"
        for label, titles in (("missing", missing), ("inactive", inactive), ("changed", changed))
        if titles
    ]
    if trouble:
        out.append(
            CheckResult(
                _SCOPE,
                "fail",
                "triggers " + "; ".join(trouble),
                f"{setup}: it creates or updates the triggers in place",
            )
        )
    else:
        out.append(
            CheckResult(
                _SCOPE, "ok", f"{len(wanted_all)} triggers installed and active, sending to it"
            )
        )
    return out
