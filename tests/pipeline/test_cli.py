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
