"""The install kits in ``connectors/``: every file parses, and every body a trigger or rule
sends, once the helpdesk renders it, is accepted by our adapters."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from pathlib import Path

import pytest

from helpdesk_loyalty.adapters.base import HelpdeskSettings
from helpdesk_loyalty.adapters.freshdesk import parse_freshdesk, verify_freshdesk
from helpdesk_loyalty.adapters.zendesk import parse_zendesk, verify_zendesk
from helpdesk_loyalty.connectors import (
    FreshdeskKit,
    ZendeskKit,
    load_freshdesk_kit,
    load_zendesk_kit,
    public_base_url,
)
from helpdesk_loyalty.errors import ConfigError
from helpdesk_loyalty.sandbox import DemoSeed, Sandbox
from helpdesk_loyalty.secret import Secret

from .conftest import CONNECTORS


def test_every_connectors_json_file_parses() -> None:
    files = sorted(CONNECTORS.rglob("*.json"))
    assert {f.relative_to(CONNECTORS).as_posix() for f in files} >= {
        "zendesk/webhook.json",
        "zendesk/triggers.json",
        "zendesk/trigger_body.json",
        "freshdesk/automation_rules.json",
        "freshdesk/body_template.json",
    }
    for path in files:
        json.loads(path.read_text(encoding="utf-8"))


def test_each_kit_has_a_guide() -> None:
    for helpdesk in ("zendesk", "freshdesk"):
        guide = (CONNECTORS / helpdesk / "README.md").read_text(encoding="utf-8")
        assert f"helpdesk-loyalty setup {helpdesk}" in guide
        assert "hl-skip" in guide


def test_every_zendesk_trigger_body_renders_into_an_event_we_accept(
    sandbox: Sandbox, seed: DemoSeed, zendesk_settings: HelpdeskSettings, zendesk_kit: ZendeskKit
) -> None:
    secret = Secret("kit-test-signing-secret")
    settings = dataclasses.replace(zendesk_settings, webhook_secret=secret)
    ticket_id = seed.zendesk["tickets"]["top_double_charge"]
    bodies = zendesk_kit.trigger_bodies("01JWEBHOOK")
    assert len(bodies) == 3
    for definition, trigger in zip(zendesk_kit.triggers, bodies, strict=True):
        (action,) = trigger["actions"]
        webhook_id, template = action["value"]
        assert webhook_id == "01JWEBHOOK" and "{{hl." not in template
        # The event the sandbox would fill in is left empty: the template must carry its own.
        request = sandbox.render_zendesk_trigger(ticket_id, "", secret=secret, template=template)
        headers = {k.lower(): v for k, v in request.headers.items()}
        verify_zendesk(headers, request.body, settings, sandbox.now())
        event = parse_zendesk(headers, request.body, settings)
        assert event.kind == definition["event"]
        assert event.ticket.id == str(ticket_id)


def test_every_freshdesk_rule_body_renders_into_an_event_we_accept(
    sandbox: Sandbox,
    seed: DemoSeed,
    freshdesk_settings: HelpdeskSettings,
    freshdesk_kit: FreshdeskKit,
) -> None:
    settings = dataclasses.replace(freshdesk_settings, webhook_secret=Secret("kit-test-shared"))
    ticket_id = seed.freshdesk["tickets"]["top_double_charge"]
    assert [r.event for r in freshdesk_kit.rules] == ["ticket.created", "ticket.updated"]
    for rule in freshdesk_kit.rules:
        assert "{{hl." not in rule.body and rule.skip_tags == ("hl-skip",)
        request = sandbox.render_freshdesk(
            ticket_id,
            rule.event,
            template=rule.body,
            headers={settings.webhook_header: "kit-test-shared"},
        )
        headers = {k.lower(): v for k, v in request.headers.items()}
        verify_freshdesk(headers, request.body, settings, sandbox.now())
        event = parse_freshdesk(headers, request.body, settings)
        assert event.kind == rule.event
        assert event.ticket.id == str(ticket_id)


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "connectors"
    shutil.copytree(CONNECTORS, folder)
    return folder


def test_a_trigger_with_an_unknown_event_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    path = folder / "zendesk" / "triggers.json"
    path.write_text(path.read_text().replace('"ticket.created"', '"ticket.opened"'))

    with pytest.raises(ConfigError) as caught:
        load_zendesk_kit(folder)

    assert "ticket.opened" in caught.value.problem and "triggers.json" in caught.value.key


def test_a_body_without_the_event_placeholder_is_refused(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    path = folder / "freshdesk" / "body_template.json"
    path.write_text(path.read_text().replace("{{hl.event}}", "ticket.updated"))

    with pytest.raises(ConfigError) as caught:
        load_freshdesk_kit(folder)

    assert "{{hl.event}}" in caught.value.problem


def test_a_missing_kit_names_the_folder_option(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        load_zendesk_kit(tmp_path)

    assert "webhook.json" in caught.value.key and "--connectors" in caught.value.fix


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://hooks.example.com", "https://hooks.example.com"),
        ("https://hooks.example.com/", "https://hooks.example.com"),
        ("https://hooks.example.com/loyalty/webhooks/zendesk", "https://hooks.example.com/loyalty"),
        ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
    ],
)
def test_the_public_url_is_normalised(given: str, expected: str) -> None:
    assert public_base_url(given, "zendesk") == expected


@pytest.mark.parametrize(
    "given", ["http://hooks.example.com", "ftp://x", "https://u:p@hooks.example.com", "hooks"]
)
def test_a_public_url_that_is_not_https_is_refused(given: str) -> None:
    with pytest.raises(ConfigError) as caught:
        public_base_url(given, "zendesk")

    assert caught.value.key == "--url"


INSTALLED_CHECK = """
import sys
from pathlib import Path

import helpdesk_loyalty
from helpdesk_loyalty.connectors import default_connectors_dir, load_freshdesk_kit, load_zendesk_kit
from helpdesk_loyalty.sandbox import Sandbox, seed_demo

root = Path(sys.argv[1])
assert Path(helpdesk_loyalty.__file__).is_relative_to(root), helpdesk_loyalty.__file__
folder = default_connectors_dir()
assert folder.is_relative_to(root), folder
zendesk, freshdesk = load_zendesk_kit(folder), load_freshdesk_kit(folder)
sandbox = Sandbox()
seed = seed_demo(sandbox)
ticket = sandbox.zendesk_create_ticket(seed.zendesk["users"]["top"], "Hi", "Charged twice")
request = sandbox.render_zendesk_trigger(ticket.id, "ticket.created", secret="s")
print(len(zendesk.triggers), len(freshdesk.rules), len(request.body) > 0)
"""


def test_an_installed_wheel_ships_the_kits_that_setup_and_the_sandbox_read(
    tmp_path: Path,
) -> None:
    """``pip install helpdesk-loyalty`` (no source tree): ``setup``, ``check`` and the testing
    kit's sandbox still find ``connectors/``, shipped in the package."""
    import subprocess
    import sys
    import zipfile

    root = Path(__file__).resolve().parents[2]
    # Build from a copy of the tracked files: a build in the checkout leaves build/ behind,
    # and a stale build/lib would ship files that are no longer in connectors/.
    source = tmp_path / "source"
    listed = subprocess.run(
        ["git", "-C", str(root), "ls-files", "-z"], capture_output=True, check=True, timeout=60
    )
    for name in filter(None, listed.stdout.decode().split("\0")):
        origin, copy = root / name, source / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        if origin.is_symlink():
            copy.symlink_to(os.readlink(origin))
        elif origin.is_file():
            shutil.copy2(origin, copy)
    wheel_dir = tmp_path / "dist"
    command = [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"]
    built = subprocess.run(
        [*command, "--no-index", "-w", str(wheel_dir), str(source)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert built.returncode == 0, built.stderr
    [wheel] = wheel_dir.glob("helpdesk_loyalty-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        archive.extractall(site)
    shipped = {n for n in names if n.startswith("helpdesk_loyalty/_connectors/")}
    source = {
        "helpdesk_loyalty/_connectors/" + p.relative_to(CONNECTORS).as_posix()
        for p in CONNECTORS.rglob("*")
        if p.is_file()
    }
    assert shipped == source

    elsewhere = tmp_path / "elsewhere"  # no ./connectors here
    elsewhere.mkdir()
    ran = subprocess.run(
        [sys.executable, "-c", INSTALLED_CHECK, str(site)],
        cwd=elsewhere,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.split() == ["3", "2", "True"]
