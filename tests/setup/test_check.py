"""``check`` against the sandbox: ✓ on a good configuration, ✗ with the fix for each thing
that is wrong (credentials, a group or field, the secret, the webhook, reachability)."""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest

from helpdesk_loyalty.adapters.base import ClientOptions, HelpdeskSettings
from helpdesk_loyalty.check import CheckOptions, run_checks
from helpdesk_loyalty.checkreport import CheckResult, format_checks
from helpdesk_loyalty.cli import main
from helpdesk_loyalty.clock import FakeClock
from helpdesk_loyalty.connectors import ZendeskKit
from helpdesk_loyalty.sandbox import DemoSeed, Sandbox
from helpdesk_loyalty.setup_zendesk import setup_zendesk

from .conftest import PUBLIC_URL, Server

pytestmark = pytest.mark.anyio


def _rules(tmp_path: Path, group: object, field: object, extra: str = "") -> str:
    path = tmp_path / "rules.toml"
    path.write_text(
        "[rules.escalate_to_supervisor]\n"
        'mode = "suggest"\n'
        f'supervisor_group_id = "{group}"\n'
        'supervisor_group_name = "Supervisors"\n'
        "[rules.suggest_bill_credit]\n"
        f'credit_field = "{field}"\n'
        "[rules.flag_struggling_payer]\n"
        'dunning_hold_field = ""\n' + extra,
        encoding="utf-8",
    )
    return str(path)


def _fails(results: list[CheckResult]) -> list[CheckResult]:
    return [r for r in results if r.status == "fail"]


def _one_fail(results: list[CheckResult]) -> CheckResult:
    failed = _fails(results)
    assert len(failed) == 1, format_checks(results)
    return failed[0]


@pytest.fixture
def check_options(options: ClientOptions, server: Server) -> CheckOptions:
    return CheckOptions(
        transports={"zendesk": options.transport, "freshdesk": options.transport},
        probe_transport=httpx.ASGITransport(app=server.app()),
        clock=FakeClock(),
    )


@pytest.fixture
async def installed(
    sandbox: Sandbox,
    zendesk_settings: HelpdeskSettings,
    zendesk_kit: ZendeskKit,
    options: ClientOptions,
) -> str:
    """``setup zendesk`` has run; the signing secret it printed."""
    report = await setup_zendesk(zendesk_settings, zendesk_kit, PUBLIC_URL, options=options)
    assert report.signing_secret is not None
    return report.signing_secret.reveal()


@pytest.fixture
def good_env(
    tmp_path: Path, seed: DemoSeed, zendesk_env: dict[str, str], installed: str
) -> dict[str, str]:
    ids = seed.zendesk
    rules = _rules(tmp_path, ids["groups"]["supervisors"], ids["fields"]["credit_suggested"])
    return {**zendesk_env, "HL_ZENDESK_WEBHOOK_SECRET": installed, "HL_RULES_FILE": rules}


async def test_a_good_configuration_passes_every_check(
    good_env: dict[str, str], check_options: CheckOptions
) -> None:
    results = await run_checks(good_env, url=PUBLIC_URL, options=check_options)
    text = format_checks(results)

    assert _fails(results) == [], text
    assert text.endswith("all checks passed")
    assert "'Supervisors'" in text and "'Credit suggested'" in text
    assert "signing secret" in text and "3 triggers installed and active" in text
    assert f"{PUBLIC_URL}/healthz answers 200" in text
    assert good_env["HL_ZENDESK_WEBHOOK_SECRET"] not in text
    assert all(line.startswith(("✓", "-", "all")) for line in text.splitlines())


async def test_a_missing_group_id_lists_the_groups_to_choose_from(
    tmp_path: Path, seed: DemoSeed, good_env: dict[str, str], check_options: CheckOptions
) -> None:
    field = seed.zendesk["fields"]["credit_suggested"]
    env = {**good_env, "HL_RULES_FILE": _rules(tmp_path, "360001234567", field)}

    failed = _one_fail(await run_checks(env, url=PUBLIC_URL, options=check_options))

    assert "supervisor_group_id = 360001234567: no group has this id" in failed.detail
    assert f"{seed.zendesk['groups']['supervisors']} (Supervisors)" in failed.fix


async def test_names_instead_of_ids_get_the_id_to_use(
    tmp_path: Path, seed: DemoSeed, good_env: dict[str, str], check_options: CheckOptions
) -> None:
    extra = '[fields]\npayment_plan = "Payment plan offered"\n'
    env = {**good_env, "HL_RULES_FILE": _rules(tmp_path, "Supervisors", "Credit suggested", extra)}

    results = await run_checks(env, options=check_options)

    fixes = {r.fix for r in _fails(results)}
    ids = seed.zendesk
    assert fixes == {
        f'set supervisor_group_id = "{ids["groups"]["supervisors"]}"',
        f'set credit_field = "{ids["fields"]["credit_suggested"]}"',
        f'set payment_plan = "{ids["fields"]["payment_plan"]}"',
    }


async def test_a_wrong_token_fails_the_credentials_and_skips_the_rest(
    good_env: dict[str, str], check_options: CheckOptions
) -> None:
    env = {**good_env, "HL_ZENDESK_API_TOKEN": "wrong-token"}

    results = await run_checks(env, options=check_options)

    failed = _one_fail(results)
    assert failed.detail.startswith("HL_ZENDESK_EMAIL / HL_ZENDESK_API_TOKEN")
    assert "Admin Center" in failed.fix
    assert any(r.status == "skip" and "not checked" in r.detail for r in results)
    assert "wrong-token" not in format_checks(results)


async def test_an_unset_secret_says_to_run_setup(
    good_env: dict[str, str], check_options: CheckOptions
) -> None:
    env = {k: v for k, v in good_env.items() if k != "HL_ZENDESK_WEBHOOK_SECRET"}

    failed = _one_fail(await run_checks(env, url=PUBLIC_URL, options=check_options))

    assert "HL_ZENDESK_WEBHOOK_SECRET is not set" in failed.detail
    assert f"setup zendesk --url {PUBLIC_URL}" in failed.fix


async def test_a_secret_that_is_not_the_webhooks_is_caught(
    good_env: dict[str, str], check_options: CheckOptions
) -> None:
    env = {**good_env, "HL_ZENDESK_WEBHOOK_SECRET": "a-stale-secret"}

    failed = _one_fail(await run_checks(env, options=check_options))

    assert "is not the signing secret" in failed.detail
    assert "a-stale-secret" not in failed.detail + failed.fix


async def test_a_webhook_pointing_elsewhere_is_caught(
    good_env: dict[str, str], check_options: CheckOptions
) -> None:
    other = "https://loyalty.example.test"

    failed = _one_fail(await run_checks(good_env, url=other, options=check_options))

    assert f"its endpoint is {PUBLIC_URL}/webhooks/zendesk" in failed.detail
    assert f"setup zendesk --url {other}" in failed.fix


async def test_no_webhook_says_to_run_setup(
    sandbox: Sandbox, good_env: dict[str, str], check_options: CheckOptions
) -> None:
    sandbox.zendesk.webhooks.clear()
    sandbox.zendesk.triggers.clear()

    failed = _one_fail(await run_checks(good_env, options=check_options))

    assert "no webhook named 'helpdesk-loyalty'" in failed.detail
    assert "setup zendesk" in failed.fix


async def test_an_unhealthy_or_unreachable_server_is_reported(
    good_env: dict[str, str], check_options: CheckOptions, server: Server
) -> None:
    server.health_status = 503
    failed = _one_fail(await run_checks(good_env, url=PUBLIC_URL, options=check_options))
    assert failed.detail == f"{PUBLIC_URL}/healthz answered 503"

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    unreachable = CheckOptions(
        transports=check_options.transports, probe_transport=httpx.MockTransport(refuse)
    )
    failed = _one_fail(await run_checks(good_env, url=PUBLIC_URL, options=unreachable))
    assert "could not be reached (ConnectError)" in failed.detail
    assert "helpdesk-loyalty serve" in failed.fix

    results = await run_checks(good_env, options=check_options)
    assert any(r.status == "skip" and "--url" in r.detail for r in results)


async def test_freshdesk_fields_are_checked_by_their_cf_name(
    tmp_path: Path,
    seed: DemoSeed,
    freshdesk_env: dict[str, str],
    check_options: CheckOptions,
) -> None:
    group = seed.freshdesk["groups"]["supervisors"]
    env = {
        **freshdesk_env,
        "HL_FRESHDESK_WEBHOOK_SECRET": "shared",
        "HL_RULES_FILE": _rules(tmp_path, group, "cf_credit_suggested"),
    }
    results = await run_checks(env, helpdesk="freshdesk", options=check_options)
    assert _fails(results) == [], format_checks(results)

    env["HL_RULES_FILE"] = _rules(tmp_path, group, "Credit suggested")
    failed = _one_fail(await run_checks(env, helpdesk="freshdesk", options=check_options))
    assert failed.fix == 'set credit_field = "cf_credit_suggested"'


async def test_a_half_configured_helpdesk_names_the_missing_variable(
    tmp_path: Path, check_options: CheckOptions
) -> None:
    env = {"HL_ZENDESK_SUBDOMAIN": "acme", "HL_RULES_FILE": _rules(tmp_path, "", "")}

    failed = _one_fail(await run_checks(env, options=check_options))

    assert failed.detail.startswith("HL_ZENDESK_EMAIL")


def test_the_command_exits_1_and_says_what_to_set_when_nothing_is_configured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in [n for n in os.environ if n.startswith("HL_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("HL_RULES_FILE", _rules(tmp_path, "", ""))

    assert main(["check"]) == 1

    out = capsys.readouterr().out
    assert "✗ zendesk or freshdesk: not configured" in out
    assert "fix: set the HL_ZENDESK_* or HL_FRESHDESK_* variables" in out


async def test_an_agent_token_checks_what_an_agent_may_read(
    good_env: dict[str, str], check_options: CheckOptions
) -> None:
    env = {**good_env, "HL_ZENDESK_EMAIL": "alex@sandbox.example"}

    results = await run_checks(env, options=check_options)

    assert _fails(results) == [], format_checks(results)
    (skipped,) = [r for r in results if r.status == "skip" and "webhook and triggers" in r.detail]
    assert "alex@sandbox.example is not an admin" in skipped.detail
    assert any(r.status == "ok" and "'Supervisors'" in r.detail for r in results)
