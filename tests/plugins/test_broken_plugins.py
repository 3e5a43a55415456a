"""Broken plugins never take the service down: ``serve`` starts with a plugin that raises at
import, one that raises in its hook and one that hangs; the other rules still decide and write;
``plugins``, in another process, reports each one's state, the quarantines that the running
service recorded included; and ``serve`` still stops cleanly."""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from pathlib import Path

import anyio
import httpx
import pytest
from pluginkit import clean_env, free_port, run, serving

from helpdesk_loyalty.clock import SystemClock
from helpdesk_loyalty.store import PluginHealth, SqliteStore
from helpdesk_loyalty.testkit import LoyaltySandbox

pytestmark = pytest.mark.anyio

PLUGINS = {
    "import_error.py": "raise RuntimeError('billing SDK not installed')\n",
    "raises.py": (
        "from helpdesk_loyalty import hookimpl\n\n"
        "@hookimpl\n"
        "def evaluate_ticket(ctx):\n"
        "    raise ValueError('customer record is malformed')\n"
    ),
    "hangs.py": (
        "import threading\n"
        "from helpdesk_loyalty import hookimpl\n\n"
        "@hookimpl\n"
        "def evaluate_ticket(ctx):\n"
        "    threading.Event().wait()  # never returns\n"
    ),
    "still_runs.py": (
        "from helpdesk_loyalty import AddTags, RuleResult, hookimpl\n\n"
        "@hookimpl\n"
        "def evaluate_ticket(ctx):\n"
        "    return RuleResult(matched=True, summary='the others run',"
        " actions=(AddTags(('others-still-run',)),))\n"
    ),
}


async def _until_quarantined(db: Path, names: set[str], timeout: float) -> dict[str, PluginHealth]:
    """Poll the service's store (read from this process) until ``names`` are quarantined."""
    store = SqliteStore(str(db))
    await store.open()
    try:
        with anyio.fail_after(timeout):
            while True:
                health = await store.plugin_health()
                if all(health.get(n, PluginHealth(n, "ok")).state == "quarantined" for n in names):
                    return health
                await asyncio.sleep(0.05)
    finally:
        await store.close()


async def test_serve_survives_broken_plugins_and_plugins_reports_each_state(
    tmp_path: Path,
) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    for name, source in PLUGINS.items():
        (rules / name).write_text(source, encoding="utf-8")
    (tmp_path / "rules.toml").write_text("", encoding="utf-8")
    db = tmp_path / "state.db"
    kit = LoyaltySandbox(SystemClock())  # serve checks signature times against the real clock
    sandbox_port, serve_port = free_port(), free_port()
    env = clean_env(
        **kit.env(f"http://127.0.0.1:{sandbox_port}"),
        HL_DATABASE_URL=f"sqlite:///{db}",
        HL_RULES_DIR=str(rules),
        HL_RULES_FILE=str(tmp_path / "rules.toml"),
        HL_RULE_TIMEOUT="0.5",
        HL_QUARANTINE_AFTER="2",
        HL_ZENDESK_API_USER_ID=str(kit.sandbox.zendesk.api_user.id),
        HL_LOG_LEVEL="WARNING",
    )
    async with serving(kit.app, sandbox_port):
        serve = await asyncio.create_subprocess_exec(
            *[sys.executable, "-m", "helpdesk_loyalty", "serve", "--port", str(serve_port)],
            cwd=tmp_path,
            env=env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            tickets = [
                kit.open_ticket(f"Second message about order {n}: nothing arrived.", customer="new")
                for n in (1, 2)
            ]
            async with httpx.AsyncClient(
                base_url=f"http://127.0.0.1:{serve_port}", trust_env=False, timeout=10
            ) as http:
                await _until_up(http, serve)
                for ticket in tickets:
                    request = kit.webhook(ticket)
                    answer = await http.post(
                        "/webhooks/zendesk", content=request.body, headers=dict(request.headers)
                    )
                    assert answer.status_code == 202, answer.text
                health = await _until_quarantined(db, {"raises", "hangs"}, timeout=60)
                await _until_tagged(kit, tickets, timeout=60)

            listed = await asyncio.to_thread(
                run,
                [sys.executable, "-m", "helpdesk_loyalty", "plugins", "--json"],
                cwd=tmp_path,
                env=env,
            )
            table = await asyncio.to_thread(
                run, [sys.executable, "-m", "helpdesk_loyalty", "plugins"], cwd=tmp_path, env=env
            )
        finally:
            serve.send_signal(signal.SIGINT)
            with anyio.fail_after(30):  # a hung plugin call must not keep the process alive
                _, stderr = await serve.communicate()
    err = stderr.decode()
    assert serve.returncode == 130, err  # the CLI's exit code after an interrupt
    assert "Traceback" not in err
    assert "import_error" in err and "billing SDK not installed" in err

    assert health["raises"].error == "ValueError: customer record is malformed"
    assert health["hangs"].error == "no answer within 0.5 s"
    assert listed.returncode == 0, listed.stderr
    rows = {row["name"]: row for row in json.loads(listed.stdout)}
    assert rows["import_error"]["state"] == "failed to load"
    assert "RuntimeError: billing SDK not installed" in rows["import_error"]["error"]
    assert (rows["raises"]["health"], rows["raises"]["last_error"]) == (
        "quarantined",
        "ValueError: customer record is malformed",
    )
    assert (rows["hangs"]["health"], rows["hangs"]["last_error"]) == (
        "quarantined",
        "no answer within 0.5 s",
    )
    for name in ("still_runs", "escalate_to_supervisor", "suggest_bill_credit"):
        assert (rows[name]["state"], rows[name]["health"]) == ("ok", "ok"), rows[name]
    assert table.returncode == 0, table.stderr
    [raises_line] = [line for line in table.stdout.splitlines() if line.startswith("raises ")]
    assert raises_line.split()[-2:] == ["ok", "quarantined"]
    assert "last error (" in table.stdout and "no answer within 0.5 s" in table.stdout


async def _until_up(http: httpx.AsyncClient, serve: asyncio.subprocess.Process) -> None:
    with anyio.fail_after(60):
        while True:
            if serve.returncode is not None:
                raise AssertionError(f"serve exited at start: {(await serve.communicate())[1]!r}")
            try:
                if (await http.get("/healthz")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.05)


async def _until_tagged(kit: LoyaltySandbox, tickets: list[str], timeout: float) -> None:
    with anyio.fail_after(timeout):
        while True:
            if all("others-still-run" in kit.shows(t).tags for t in tickets):
                return
            await asyncio.sleep(0.05)
