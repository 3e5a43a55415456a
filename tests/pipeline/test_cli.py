"""The commands an admin runs: receive (dry-run and --apply), why, jobs, inbox stats."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from helpdesk_loyalty.cli import main
from helpdesk_loyalty.sandbox import Sandbox, seed_demo

from .rig import ZD_SECRET, Rig

pytestmark = pytest.mark.anyio


def _saved_payload(tmp_path: Path) -> Path:
    sandbox = Sandbox()
    seed = seed_demo(sandbox)
    ticket = sandbox.zendesk_create_ticket(
        seed.zendesk["users"]["top"], "Charged twice", "I was charged twice for March. Fix it!"
    )
    request = sandbox.render_zendesk_trigger(ticket.id, "ticket.created", secret=ZD_SECRET)
    path = tmp_path / "payload.json"
    path.write_text(
        json.dumps(
            {
                "helpdesk": "zendesk",
                "headers": dict(request.headers),
                "body": json.loads(request.body),
            }
        )
    )
    return path


def test_receive_is_a_dry_run_that_prints_the_decision_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    payload = _saved_payload(tmp_path)
    db = tmp_path / "never-created.db"
    for key in [k for k in __import__("os").environ if k.startswith("HL_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("HL_DATABASE_URL", f"sqlite:///{db}")
    monkeypatch.setenv("HL_RULES_DIR", "")
    monkeypatch.chdir(tmp_path)  # no rules/rules.toml here: defaults apply
    assert main(["receive", str(payload)]) == 0
    out = capsys.readouterr().out
    assert "suggest_bill_credit [suggest] matched" in out
    assert "would write (dry-run; nothing was stored or sent)" in out
    assert "helpdesk-loyalty decision" in out
    assert not db.exists()


def test_hook_trace_shows_each_rule_call_in_a_cli_command(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    payload = _saved_payload(tmp_path)
    for key in [k for k in __import__("os").environ if k.startswith("HL_")]:
        monkeypatch.delenv(key)
    monkeypatch.setenv("HL_DATABASE_URL", f"sqlite:///{tmp_path / 'unused.db'}")
    monkeypatch.setenv("HL_RULES_DIR", "")
    monkeypatch.chdir(tmp_path)
    assert main(["receive", str(payload)]) == 0
    assert not [r for r in caplog.records if r.name == "helpdesk_loyalty.hooks"]

    monkeypatch.setenv("HL_TRACE_HOOKS", "true")
    assert main(["receive", str(payload)]) == 0
    traced = [r.getMessage() for r in caplog.records if r.name == "helpdesk_loyalty.hooks"]
    calls = [line for line in traced if "evaluate_ticket" in line]
    assert calls, traced[:5]
    # One call per rule, each traced with the plugin that answered.
    for rule in ("escalate_to_supervisor", "suggest_bill_credit", "flag_struggling_payer"):
        assert any(rule in line for line in traced), rule


def test_an_unknown_log_level_is_refused_with_the_variable_and_the_fix(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("HL_LOG_LEVEL", "LOUD")
    assert main(["plugins"]) == 2
    err = capsys.readouterr().err
    assert "HL_LOG_LEVEL is 'LOUD'" in err and "use DEBUG, INFO, WARNING or ERROR" in err


def test_receive_refuses_a_file_that_is_not_a_saved_payload(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]")
    assert main(["receive", str(bad)]) == 2
    assert "has no 'body'" in capsys.readouterr().err


async def test_why_and_jobs_read_the_store_the_service_wrote(
    rig: Rig, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    user = rig.seed.zendesk["users"]["top"]
    ticket_id = rig.sandbox.zendesk_create_ticket(user, "Charged twice", "Charged twice again!").id
    assert (await rig.post(rig.zendesk_trigger(ticket_id))).status_code == 202
    await rig.drain()
    monkeypatch.setenv("HL_DATABASE_URL", rig.env["HL_DATABASE_URL"])
    import asyncio

    loop = asyncio.get_running_loop()
    code = await loop.run_in_executor(None, main, ["why", str(ticket_id)])
    out = capsys.readouterr().out
    assert code == 0
    assert f"Ticket {ticket_id}" in out and "suggest_bill_credit [suggest] MATCHED" in out
    assert "flag_struggling_payer [suggest] NOT MATCHED" in out and "applied" in out
    code = await loop.run_in_executor(None, main, ["inbox", "stats", "--json"])
    stats = json.loads(capsys.readouterr().out)
    assert code == 0 and stats["inbox_events"] == 1 and stats["jobs_by_status"].get("done") == 1
    code = await loop.run_in_executor(None, main, ["jobs", "list", "--json"])
    jobs = json.loads(capsys.readouterr().out)
    assert code == 0 and [j["kind"] for j in jobs] == ["write"]
    code = await loop.run_in_executor(None, main, ["jobs", "retry", str(jobs[0]["id"])])
    assert code == 1 and "only dead jobs" in capsys.readouterr().out
