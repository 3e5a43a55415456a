"""One rule on one context, called the way the engine calls it: through pluggy, with its
settings validated. Exceptions propagate, so a test shows the rule's own traceback."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from ..actions import RuleResult
from ..context import RuleContext
from .contexts import build_context
from .plugin import load_plugin

__all__ = ["run_rule"]


def run_rule(
    plugin: object,
    ctx_or_text: RuleContext | str,
    *,
    config: Mapping[str, Any] | None = None,
    name: str | None = None,
    **context: Any,
) -> RuleResult | None:
    """Call ``plugin``'s ``evaluate_ticket`` once and return what it returned.

    ``ctx_or_text`` is a context (from ``make_context``) or the customer's words, from which a
    context is built with ``context`` keywords (see
    :func:`~helpdesk_loyalty.testkit.contexts.build_context`: ``customer``, ``subject``,
    ``contacts``...). ``config`` is the plugin's ``[rules.<name>]`` table; given with a context,
    it replaces the context's settings. A return value the engine would refuse (not a
    :class:`RuleResult` or ``None``) fails here.
    """
    rule, host = load_plugin(plugin, name=name, config=config)
    if isinstance(ctx_or_text, str):
        ctx = build_context(plugin, ctx_or_text, name=name, config=config, **context)
    elif config is not None:
        settings = host.settings_of(rule)
        ctx = dataclasses.replace(
            ctx_or_text, config=settings, mode=str(settings.get("mode", ctx_or_text.mode))
        )
    else:
        ctx = ctx_or_text
    if rule not in host.rules():
        raise AssertionError(f"plugin {rule} has no evaluate_ticket hook: it is not a rule")
    results = host.caller(rule, "evaluate_ticket")(ctx=ctx)
    result = results[0] if results else None
    if result is not None and not isinstance(result, RuleResult):
        raise AssertionError(
            f"{rule} returned {type(result).__name__}; the engine records anything but a "
            "RuleResult or None as an error"
        )
    return result
