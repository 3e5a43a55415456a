"""The testing kit for rule plugins: contexts, the sandbox helpdesk, the whole engine, and
assertions. :mod:`helpdesk_loyalty.testing` offers it as pytest fixtures (entry point
``pytest11``), so a plugin's tests need no ``conftest.py``.

Three levels, fastest first:

- :func:`run_rule` calls one rule on a context built from the domain types
  (:func:`build_context`): no helpdesk, no store.
- :meth:`LoyaltySandbox.event` renders the webhook a helpdesk would send and parses it with the
  real adapter, for a context from a realistic event.
- :func:`run_engine` runs the whole service (built-in rules plus the plugin) on one event
  against the sandbox helpdesk and returns the decision and what the ticket shows.
"""

from __future__ import annotations

from .assertions import assert_decision, assert_result, assert_ticket_shows
from .contexts import NOW, build_context
from .plugin import load_plugin, plugin_name
from .rule import run_rule
from .sandbox import HELPDESKS, LoyaltySandbox
from .service import EngineOutcome, run_engine, run_engine_async
from .shows import TicketShows, ticket_shows

__all__ = [
    "HELPDESKS",
    "NOW",
    "EngineOutcome",
    "LoyaltySandbox",
    "TicketShows",
    "assert_decision",
    "assert_result",
    "assert_ticket_shows",
    "build_context",
    "load_plugin",
    "plugin_name",
    "run_engine",
    "run_engine_async",
    "run_rule",
    "ticket_shows",
]
