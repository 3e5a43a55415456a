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
        (recorded as "not matched"). Anything else is recorded as an error.

    When: once per inbound event that is not our own write and does not solve the ticket, after
    the context and the signals are built, for every rule whose mode is not ``off`` and that is
    not quarantined.

    Sync or async: sync only, and pure: no network, no disk, no sleeping. The call runs on a
    thread of its own with a time budget (``HL_RULE_TIMEOUT``, 2 s by default); a rule that
    raises, returns something else or runs out of time is recorded in the ledger, the other
    rules still run, and after ``HL_QUARANTINE_AFTER`` failures in a row the rule is
    quarantined (``plugins`` shows it, with the last error).

    Ordering: rules run one by one in name order; their actions are merged into one update
    afterwards (``[defaults] precedence`` settles a group or field two rules both set), so the
    order of calls never changes the outcome.
    """


@hookspec
def declare_settings() -> Sequence[Setting]:  # type: ignore[empty-body]
    """Declare the settings this plugin reads from its table in the rules file.

    :returns: a sequence of :class:`~helpdesk_loyalty.pluginconfig.Setting` (name, type,
        default, help). The plugin's table ``[rules.<name>]`` is validated against it at start:
        an unknown key, a wrong type or a missing required value stops start-up with a message
        that names the plugin, the key and the fix. ``mode`` is declared for every rule already.
        The validated values reach the plugin as ``ctx.config``.

    When: once, at start, for every loaded plugin (``serve``, ``worker``, ``receive`` and
    ``plugins`` all load plugins the same way). A plugin without this hook takes no settings.

    Sync or async: sync. A declaration that raises skips that plugin (reported by
    ``plugins``), it does not stop start-up.

    Ordering: none; each plugin declares only its own settings.
    """


@hookspec
def enrich_signals(
    ctx: EnrichmentContext,
) -> Mapping[str, Any] | Awaitable[Mapping[str, Any]] | None:
    """Add signals from outside the helpdesk (a billing system, a CRM) before the rules run.

    :param ctx: an :class:`~helpdesk_loyalty.context.EnrichmentContext` with the event, the
        ticket, the customer, ``customer_key`` and this plugin's settings.
    :returns: a mapping of signal names to JSON-compatible values, or ``None``. The result is
        available to rules as ``ctx.signals.extra[<plugin name>]``; a mapping with the keys
        ``monthly_spend``, ``tier``, ``plan``, ``payment_status``, ``days_overdue`` or
        ``failed_payments`` also fills the customer signals where the helpdesk had none.

    When: once per event that goes to the rules, after the context is gathered and before the
    signals are computed, for every enrichment plugin that is not quarantined.

    Sync or async: either; an ``async def`` implementation is awaited on the event loop (I/O
    belongs here, not in rules), a sync one runs on a thread of its own. Each call has a time
    budget (``HL_ENRICH_TIMEOUT``, 1 s by default); a plugin that fails or runs late is recorded,
    its signals are missing and the rules still run. Repeated failures quarantine it.

    Ordering: plugins are called one by one in name order. When two of them fill the same
    customer signal, the plugin whose name sorts first wins; the helpdesk's own fields always
    win over enrichment.
    """


@hookspec
def register_helpdesks() -> Sequence[HelpdeskSpec]:  # type: ignore[empty-body]
    """Offer helpdesk adapters beyond the built-in Zendesk and Freshdesk ones.

    :returns: a sequence of :class:`~helpdesk_loyalty.adapters.base.HelpdeskSpec`, each naming
        the helpdesk (the ``/webhooks/<name>`` path), how to verify and parse its webhooks, and
        how to build its API client from settings. Its ``replay_headers`` (optional) names the
        headers the parser reads, when parsing the same body again later gives the same event:
        the receiver then stores the raw body for the worker instead of the parsed event, which
        makes the acknowledgement cheaper.

    When: once, at start, before any webhook is received (the built-in adapters arrive through
    this hook too).

    Sync or async: sync. A plugin whose hook raises is reported and skipped; a name already
    taken by another adapter stops start-up.

    Ordering: plugins are asked in name order; the order has no effect because names must be
    unique.
    """
