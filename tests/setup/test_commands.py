"""The ``setup`` and ``check`` commands end to end: the command line against the sandbox
helpdesk served on loopback, settings from the environment, results on stdout."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from helpdesk_loyalty.cli import main
from helpdesk_loyalty.sandbox import Sandbox, create_sandbox_app, seed_demo

from .conftest import PUBLIC_URL


@pytest.fixture
def served() -> Iterator[tuple[Sandbox, str]]:
    """A seeded sandbox on a loopback port; its address."""
    sandbox = Sandbox()
    seed_demo(sandbox)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_sandbox_app(sandbox), lifespan="off", log_level="warning", ws="none")
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the sandbox did not start"
        time.sleep(0.01)
    try:
        yield sandbox, f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    for name in list(os.environ):
        if name.startswith("HL_") or name.lower().endswith("_proxy"):
            monkeypatch.delenv(name)
    rules = tmp_path / "rules.toml"
    rules.write_text('[rules.escalate_to_supervisor]\nsupervisor_group_id = ""\n')
    monkeypatch.setenv("HL_RULES_FILE", str(rules))
    return monkeypatch


def _outcomes(out: str) -> list[str]:
    """The outcome column of the step lines (``  trigger  <title>  <outcome>  <id>``)."""
    return [x.split()[-2] for x in out.splitlines() if x.startswith(("  webhook", "  trigger"))]


def _line(out: str, name: str) -> str:
    (line,) = [x for x in out.splitlines() if x.startswith(f"{name}=")]
    return line.split("=", 1)[1]


def test_setup_zendesk_twice_then_check(
    served: tuple[Sandbox, str],
    clean_env: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sandbox, address = served
    clean_env.setenv("HL_ZENDESK_BASE_URL", f"{address}/zendesk")
    clean_env.setenv("HL_ZENDESK_EMAIL", sandbox.config.zendesk_email)
    clean_env.setenv("HL_ZENDESK_API_TOKEN", sandbox.config.zendesk_token.reveal())

    assert main(["setup", "zendesk", "--url", PUBLIC_URL]) == 0
    first = capsys.readouterr().out
    assert main(["setup", "zendesk", "--url", PUBLIC_URL]) == 0
    second = capsys.readouterr().out

    assert len(sandbox.zendesk.webhooks) == 1 and len(sandbox.zendesk.triggers) == 3
    assert _outcomes(first) == ["created"] * 4 and _outcomes(second) == ["unchanged"] * 4
    secret = _line(second, "HL_ZENDESK_WEBHOOK_SECRET")
    assert secret == next(iter(sandbox.zendesk.webhooks.values())).signing_secret

    clean_env.setenv("HL_ZENDESK_WEBHOOK_SECRET", secret)
    assert main(["check", "--helpdesk", "zendesk"]) == 0
    assert "all checks passed" in capsys.readouterr().out

    clean_env.setenv("HL_ZENDESK_API_TOKEN", "wrong")
    assert main(["check"]) == 1
    assert "fix: set the email of an admin" in capsys.readouterr().out


def test_setup_freshdesk_with_a_wrong_key_exits_2_with_the_fix(
    served: tuple[Sandbox, str],
    clean_env: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sandbox, address = served
    clean_env.setenv("HL_FRESHDESK_BASE_URL", f"{address}/freshdesk")
    clean_env.setenv("HL_FRESHDESK_API_KEY", "wrong-key")

    assert main(["setup", "freshdesk", "--url", PUBLIC_URL]) == 2

    captured = capsys.readouterr()
    assert "HL_FRESHDESK_API_KEY" in captured.err and "View API key" in captured.err
    assert "wrong-key" not in captured.err + captured.out
    assert len(sandbox.calls) == 1


def test_setup_without_credentials_names_the_variables(
    clean_env: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["setup", "zendesk", "--url", PUBLIC_URL, "--dry-run"]) == 2
    assert "HL_ZENDESK_SUBDOMAIN, HL_ZENDESK_EMAIL and HL_ZENDESK_API_TOKEN" in (
        capsys.readouterr().err
    )

    clean_env.setenv("HL_ZENDESK_SUBDOMAIN", "acme")
    assert main(["setup", "zendesk", "--url", PUBLIC_URL]) == 2
    assert "HL_ZENDESK_EMAIL: not set" in capsys.readouterr().err
