"""Every built-in rule declares its settings, and the shipped rules file is valid for each."""

from __future__ import annotations

import importlib
import tomllib
from pathlib import Path

import pytest

from helpdesk_loyalty.errors import ConfigError
from helpdesk_loyalty.pluginconfig import MODE_SETTING, validate_table
from helpdesk_loyalty.plugins import BUILTIN_RULES

RULES = tomllib.loads(
    (Path(__file__).resolve().parents[2] / "rules" / "rules.toml").read_text("utf-8")
)


@pytest.mark.parametrize("name", BUILTIN_RULES)
def test_the_rules_file_table_of_each_rule_validates(name: str) -> None:
    module = importlib.import_module(f"helpdesk_loyalty.plugins.{name}")
    settings = validate_table(
        name, (MODE_SETTING, *module.declare_settings()), RULES["rules"][name]
    )
    assert settings["mode"] == "suggest"
    declared = {s.name for s in module.declare_settings()}
    assert set(RULES["rules"][name]) - {"mode"} == declared, "the example file shows every setting"


@pytest.mark.parametrize("name", BUILTIN_RULES)
def test_each_rule_is_a_pluggy_plugin_with_both_hooks(name: str) -> None:
    module = importlib.import_module(f"helpdesk_loyalty.plugins.{name}")
    for hook in ("declare_settings", "evaluate_ticket"):
        assert hasattr(getattr(module, hook), "helpdesk_loyalty_impl")


def test_a_misspelt_setting_is_refused_with_the_fix() -> None:
    module = importlib.import_module("helpdesk_loyalty.plugins.suggest_bill_credit")
    with pytest.raises(ConfigError) as caught:
        validate_table("suggest_bill_credit", module.declare_settings(), {"cap_per_tickt": 10})
    assert "cap_per_ticket" in caught.value.fix
