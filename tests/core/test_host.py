"""Plugins load the same way from everywhere; broken ones are reported, not fatal."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpdesk_loyalty import RuleContext, RuleResult, Setting, hookimpl
from helpdesk_loyalty.config import RulesFile, Settings
from helpdesk_loyalty.errors import ConfigError
from helpdesk_loyalty.host import PluginHost

GOOD_RULE = """
from helpdesk_loyalty import RuleResult, Setting, hookimpl

__version__ = "1.2.3"

@hookimpl
def declare_settings():
    return [Setting("threshold", int, 3, "how many")]

@hookimpl
def evaluate_ticket(ctx):
    return RuleResult(matched=ctx.config["threshold"] > 1)
"""


def _load(
    tmp_path: Path, rules: dict[str, dict[str, object]] | None = None, **settings: object
) -> PluginHost:
    rules_file = RulesFile(path=None, defaults={}, rules=rules or {}, sections={})
    return PluginHost.load(
        Settings(rules_dir=tmp_path, **settings),
        rules_file,  # type: ignore[arg-type]
        builtins=(),
        entry_points=False,
    )


def test_rules_folder_plugins_load_with_validated_settings(tmp_path: Path) -> None:
    (tmp_path / "my_rule.py").write_text(GOOD_RULE)
    host = _load(tmp_path, {"my_rule": {"threshold": 5, "mode": "shadow"}})
    info = host.infos["my_rule"]
    assert info.source == "rules-dir" and info.version == "1.2.3"
    assert info.hooks == ("declare_settings", "evaluate_ticket") or set(info.hooks) == {
        "declare_settings",
        "evaluate_ticket",
    }
    assert dict(info.settings) == {"mode": "shadow", "threshold": 5}
    assert host.rules() == ["my_rule"]


def test_a_plugin_that_fails_to_import_is_reported_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "broken.py").write_text("import not_a_module_anywhere\n")
    (tmp_path / "my_rule.py").write_text(GOOD_RULE)
    host = _load(tmp_path)
    assert host.rules() == ["my_rule"]
    [failure] = host.failures()
    assert failure.name == "broken"
    assert "ModuleNotFoundError" in (failure.error or "")


def test_strict_mode_turns_a_broken_plugin_into_a_start_up_error(tmp_path: Path) -> None:
    (tmp_path / "broken.py").write_text("raise RuntimeError('boom at import')\n")
    with pytest.raises(ConfigError) as err:
        _load(tmp_path, plugins_strict=True)
    assert "broken" in str(err.value) and "boom at import" in str(err.value)
    assert "HL_PLUGINS_STRICT" in str(err.value)


def test_a_bad_setting_names_the_plugin_the_key_and_the_fix(tmp_path: Path) -> None:
    (tmp_path / "my_rule.py").write_text(GOOD_RULE)
    with pytest.raises(ConfigError) as err:
        _load(tmp_path, {"my_rule": {"threshold": "many"}})
    message = str(err.value)
    assert "[rules.my_rule] threshold" in message and "whole number" in message
    with pytest.raises(ConfigError) as err:
        _load(tmp_path, {"my_rule": {"treshold": 2}})
    assert "treshold" in str(err.value) and "threshold" in str(err.value)
    with pytest.raises(ConfigError) as err:
        _load(tmp_path, {"my_rule": {"mode": "loud"}})
    assert "off | shadow | suggest | act" in str(err.value)


def test_a_table_for_an_unknown_plugin_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as err:
        _load(tmp_path, {"escalate_to_supervisr": {"mode": "act"}})
    assert "escalate_to_supervisr" in str(err.value)


def test_block_and_allow_lists(tmp_path: Path) -> None:
    (tmp_path / "my_rule.py").write_text(GOOD_RULE)
    (tmp_path / "other_rule.py").write_text(GOOD_RULE)
    assert _load(tmp_path, plugins_block=("my_rule",)).rules() == ["other_rule"]
    assert _load(tmp_path, plugins_allow=("my_rule",)).rules() == ["my_rule"]


class Declares:
    @hookimpl
    def declare_settings(self) -> list[Setting]:
        raise RuntimeError("declaration bug")

    @hookimpl
    def evaluate_ticket(self, ctx: RuleContext) -> RuleResult:
        return RuleResult(matched=False)


def test_a_plugin_whose_declaration_raises_is_skipped(tmp_path: Path) -> None:
    host = PluginHost.load(
        Settings(rules_dir=None),
        RulesFile.empty(),
        builtins=(),
        extra={"declares": Declares()},
        entry_points=False,
    )
    assert host.rules() == []
    assert "declaration bug" in (host.infos["declares"].error or "")
