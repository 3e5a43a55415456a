"""The pytest plugin for rule authors (entry point ``pytest11``): fixtures over the testing kit.

Installed with helpdesk-loyalty, so a plugin's tests use these fixtures without a
``conftest.py``:

- ``make_context(plugin, text, customer={...}, config={...}, ...)``: a
  :class:`~helpdesk_loyalty.context.RuleContext` built from the domain types with real signals
  (see :func:`~helpdesk_loyalty.testkit.build_context`).
- ``run_rule(plugin, ctx_or_text, config={...})``: the rule's :class:`RuleResult`, called
  through pluggy with validated settings.
- ``loyalty_sandbox``: a :class:`~helpdesk_loyalty.testkit.LoyaltySandbox`, the sandbox
  helpdesk seeded with four customers, in-process.
- ``make_event(text, helpdesk="freshdesk", customer="overdue")``: a ticket opened in the
  sandbox and the event its signed webhook parses to, through the real adapter.
- ``run_engine(plugin, text, config={...}, helpdesk=..., customer=...)``: the whole service on
  one event against ``loyalty_sandbox``; an
  :class:`~helpdesk_loyalty.testkit.EngineOutcome` with the decision and what the ticket shows.

Assertions live in :mod:`helpdesk_loyalty.testkit`: ``assert_result``, ``assert_decision`` and
``assert_ticket_shows``. The kit is imported when a fixture is first used, so the plugin costs
nothing in test sessions that do not use it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from .context import RuleContext
    from .models import TicketEvent
    from .testkit import EngineOutcome, LoyaltySandbox

__all__ = ["loyalty_sandbox", "make_context", "make_event", "run_engine", "run_rule"]


@pytest.fixture
def loyalty_sandbox() -> LoyaltySandbox:
    """The sandbox helpdesk, seeded (customers ``top``, ``new``, ``overdue``, ``clinic``), on a
    fake clock, reached in-process."""
    from .testkit import LoyaltySandbox

    return LoyaltySandbox()


@pytest.fixture
def make_context() -> Callable[..., RuleContext]:
    """Build a rule context: ``make_context(plugin, text, customer=..., config=...)``."""
    from .testkit import build_context

    return build_context


@pytest.fixture
def run_rule() -> Callable[..., Any]:
    """Run one rule: ``run_rule(plugin, ctx_or_text, config=...)`` returns its result."""
    from .testkit import run_rule as run

    return run


@pytest.fixture
def make_event(loyalty_sandbox: LoyaltySandbox) -> Callable[..., TicketEvent]:
    """A realistic event: ``make_event(text, helpdesk=..., customer=..., subject=...)`` opens a
    sandbox ticket and parses its signed webhook with the real adapter."""
    return loyalty_sandbox.event


@pytest.fixture
def run_engine(loyalty_sandbox: LoyaltySandbox, tmp_path: Path) -> Callable[..., EngineOutcome]:
    """The whole service on one event: ``run_engine(plugin, text, config=..., helpdesk=...)``.
    Each call gets its own store and rules file under ``tmp_path``."""
    from .testkit import run_engine as run

    counter = itertools.count(1)

    def engine(plugin: object | None, text: str, **options: Any) -> EngineOutcome:
        workdir = tmp_path / f"engine-{next(counter)}"
        workdir.mkdir()
        options.setdefault("workdir", workdir)
        return run(loyalty_sandbox, plugin, text, **options)

    return engine
