"""The hook set polices itself: every hook spec is documented in full, the plugin guide shows
the current docstrings, the host knows every hook, and every hook has a test that implements it.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest

from helpdesk_loyalty.hookdoc import END, SECTIONS, START, hook_specs, render_hook_reference
from helpdesk_loyalty.host import HOOK_NAMES

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "plugins.md"
SPECS = {spec.__name__: spec for spec in hook_specs()}


def test_the_hook_specs_are_the_hooks_the_host_knows() -> None:
    assert set(SPECS) == set(HOOK_NAMES)


@pytest.mark.parametrize("name", sorted(SPECS))
def test_every_hook_documents_arguments_return_when_sync_and_ordering(name: str) -> None:
    doc = inspect.cleandoc(SPECS[name].__doc__ or "")
    for parameter in inspect.signature(SPECS[name]).parameters:
        assert f":param {parameter}:" in doc, f"{name} does not document its argument {parameter}"
    assert ":returns:" in doc, f"{name} does not document what it returns"
    for section in SECTIONS:
        assert re.search(rf"^{section}: \S", doc, re.MULTILINE), f"{name} lacks '{section}: ...'"


def test_the_plugin_guide_shows_the_current_hook_reference() -> None:
    guide = GUIDE.read_text(encoding="utf-8")
    start, end = guide.index(START), guide.index(END) + len(END)
    assert guide[start:end] == render_hook_reference(), (
        "docs/plugins.md is out of date: run python -m helpdesk_loyalty.hookdoc docs/plugins.md"
    )


@pytest.mark.parametrize("name", sorted(SPECS))
def test_every_hook_has_a_section_in_the_plugin_guide(name: str) -> None:
    assert f"### `{name}`" in GUIDE.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(SPECS))
def test_every_hook_is_implemented_by_a_plugin_in_some_test(name: str) -> None:
    implemented = re.compile(rf"^\s*(?:async )?def {name}\(", re.MULTILINE)
    tests = [p for p in (ROOT / "tests").rglob("test_*.py") if p != Path(__file__)]
    hits = [p for p in tests if implemented.search(p.read_text(encoding="utf-8"))]
    assert hits, f"no test implements the hook {name}: add one that exercises it"
