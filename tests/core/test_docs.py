"""Documentation that polices itself: every setting and command is in the README."""

from __future__ import annotations

from pathlib import Path

from helpdesk_loyalty.adapters.builtin import ENV_DOC
from helpdesk_loyalty.cli import build_parser
from helpdesk_loyalty.config import SETTINGS_DOC

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme_with_its_default() -> None:
    for name, default, _meaning in (*SETTINGS_DOC, *ENV_DOC):
        assert f"| `{name}` | `{default}` |" in README, f"{name} missing from the README table"


def test_every_command_is_in_the_readme() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for command in sub.choices:  # type: ignore[union-attr]
        assert f"`{command}" in README, f"command {command} is not documented in the README"


def test_the_readme_names_the_two_commands_ci_runs() -> None:
    assert "./dev demo" in README and "./dev test" in README
    assert "./dev test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
