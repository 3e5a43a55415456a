"""The built-in rules, one per module, loaded exactly the way third-party rule plugins are.

Each module in :data:`BUILTIN_RULES` implements ``declare_settings`` and ``evaluate_ticket``
and is registered under its module name, which is also the name of its ``[rules.<name>]``
table in the rules file. :mod:`~helpdesk_loyalty.plugins.credit_policy` is the bill credit
policy the credit rule uses; it is not a plugin.
"""

from __future__ import annotations

__all__ = ["BUILTIN_RULES"]

BUILTIN_RULES: tuple[str, ...] = (
    "escalate_to_supervisor",
    "suggest_bill_credit",
    "flag_struggling_payer",
)
