"""The worked example of docs/plugins.md is real: the package in docs/examples/enterprise_invoice
installs, passes its own tests with the kit, and replays its saved payload with ``receive``
exactly as the guide shows."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from pluginkit import ROOT, clean_env, pip_install, run

EXAMPLE = ROOT / "docs" / "examples" / "enterprise_invoice"
GUIDE = ROOT / "docs" / "plugins.md"


def test_the_example_installs_passes_its_tests_and_replays_as_the_guide_shows(
    tmp_path: Path, plugin_venv: Path
) -> None:
    package = tmp_path / "enterprise_invoice"
    shutil.copytree(
        EXAMPLE, package, ignore=shutil.ignore_patterns("*.egg-info", "__pycache__", ".*cache")
    )
    pip_install(plugin_venv, package)

    tests = run([str(plugin_venv), "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=package)
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "11 passed" in tests.stdout

    env = clean_env(
        HL_DATABASE_URL=f"sqlite:///{tmp_path / 'not-there.db'}",
        HL_RULES_FILE=str(EXAMPLE / "rules.toml"),
    )
    replay = run(
        [str(plugin_venv), "-m", "helpdesk_loyalty", "receive", str(EXAMPLE / "payload.json")],
        cwd=ROOT,  # the rules/ folder with the accounts_enrichment plugin the example uses
        env=env,
    )
    assert replay.returncode == 0, replay.stderr
    assert "enterprise_invoice [act] matched — Enterprise invoice failed 2 times" in replay.stdout
    guide = GUIDE.read_text(encoding="utf-8")
    for line in _ours(replay.stdout):
        assert line in guide, f"docs/plugins.md does not show: {line!r}"
    assert not (tmp_path / "not-there.db").exists()


def _ours(output: str) -> list[str]:
    """The replay's lines about this rule and the update: the built-in rules' own lines (their
    wording is theirs to change) and the decision id (new on every run) are left out."""
    lines, rule = [], None
    for line in output.splitlines():
        found = re.match(r"^  (\w+) \[", line)
        if found:
            rule = found.group(1)
        elif not line.startswith("      · "):
            rule = None
        ours = rule in (None, "enterprise_invoice") and line.strip()
        if ours and "helpdesk-loyalty decision" not in line:
            lines.append(line.rstrip())
    return lines
