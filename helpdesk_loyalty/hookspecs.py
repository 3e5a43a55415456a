"""Hook specifications: the contract between helpdesk-loyalty and its plugins.

A plugin is a module or object with functions marked ``@hookimpl`` whose names match the specs
below. Built-in rules, entry-point plugins (group ``helpdesk_loyalty``) and ``*.py`` files in the
``rules/`` folder are all loaded the same way; each loaded plugin has a name (the module name
for built-ins and ``rules/`` files, the entry-point name otherwise), and a plugin that implements
:func:`evaluate_ticket` is a *rule* of that name.

The engine calls every implementation **on its own**, never as one pluggy fan-out, so one
plugin that raises or hangs cannot stop the others: the failure is recorded in the decision
ledger and, after repeated failures, the plugin is quarantined.
"""

from __future__ import annotations

from collections.abc import Awaitable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from .actions import RuleResult
    from .adapters.base import HelpdeskSpec
    from .context import EnrichmentContext, RuleContext
    from .pluginconfig import Setting

__all__ = [
    "PROJECT",
    "declare_settings",
    "enrich_signals",
    "evaluate_ticket",
    "hookimpl",
    "hookspec",
    "register_helpdesks",
]

PROJECT = "helpdesk_loyalty"
hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def evaluate_ticket(ctx: RuleContext) -> RuleResult | None:
    """Decide what, if anything, should happen on a ticket. This hook makes a plugin a rule.

    :param ctx: a :class:`~helpdesk_loyalty.context.RuleContext`: the event, the ticket, the
        requester and organization, recent history, credits suggested before, the computed
        signals, this rule's settings (``ctx.config``) and the time to decide at (``ctx.now``).
    :returns: a :class:`~helpdesk_loyalty.actions.RuleResult` with ``matched``, the evidence,
        the actions and the suggested reply; or ``None`` when the rule does not apply at all
        (recorded as "not matched").

    When: once per inbound event that is not our own write, after the context is built, for
    every rule whose mode is not ``off`` and that is not quarantined.

    Sync only, and pure: no network, no disk, no sleeping. The call runs in a worker thread
    with a time budget (``rule_timeout``, 2 s by default); a rule that raises or runs out of
    time is recorded in the ledger and the other rules still run.

    Ordering: rules run one by one in name order; their actions are merged into one update
    afterwards, so order never changes the outcome.
    """


@hookspec
def declare_settings() -> Sequence[Setting]:  # type: ignore[empty-body]
    """Declare the settings this plugin reads from its table in the rules file.

    :returns: a sequence of :class:`~helpdesk_loyalty.pluginconfig.Setting` (name, type,
        default, help). The plugin's table ``[rules.<name>]`` is validated against it at start:
        an unknown key, a wrong type or a missing required value stops start-up with a message
        that names the plugin, the key and the fix. ``mode`` is declared for every rule already.

    When: once, at start, for every loaded plugin. Sync. Order does not matter.
    """


@hookspec
def enrich_signals(
    ctx: EnrichmentContext,
) -> Mapping[str, Any] | Awaitable[Mapping[str, Any]] | None:
    """Add signals from outside the helpdesk (a billing system, a CRM) before the rules run.

    :param ctx: an :class:`~helpdesk_loyalty.context.EnrichmentContext` with the event, the
        ticket, the customer, ``customer_key`` and this plugin's settings.
    :returns: a mapping of signal names to JSON-compatible values, or ``None``. May be a
        coroutine function (``async def``): I/O belongs here, not in rules. The result is
        available to rules as ``ctx.signals.extra[<plugin name>]``; a mapping with the keys
        ``monthly_spend``, ``tier``, ``plan``, ``payment_status``, ``days_overdue`` or
        ``failed_payments`` also fills the customer signals where the helpdesk had none.

    When: once per event, before the rules, for every enrichment plugin. Each call has a time
    budget (``enrich_timeout``, 1 s by default); a plugin that fails or runs late is recorded
    and its signals are missing, the rules still run.
    """


@hookspec
def register_helpdesks() -> Sequence[HelpdeskSpec]:  # type: ignore[empty-body]
    """Offer helpdesk adapters beyond the built-in Zendesk and Freshdesk ones.

    :returns: a sequence of :class:`~helpdesk_loyalty.adapters.base.HelpdeskSpec`, each naming
        the helpdesk (the ``/webhooks/<name>`` path), how to verify and parse its webhooks, and
        how to build its API client from settings.

    When: once, at start. Sync. A name already taken by another adapter stops start-up.
    """
