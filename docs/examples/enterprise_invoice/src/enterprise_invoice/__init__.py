"""Enterprise invoice: a helpdesk-loyalty rule.

An Enterprise customer whose invoice payment failed twice is not a dunning case: it is an
account at risk, and the account manager should talk to them before any reminder goes out. The
rule routes such tickets to the account managers' group, tags them and tells the agent why.

It reads two customer signals that helpdesk-loyalty maps from the helpdesk's fields (see
``[customer_fields]`` in the rules file): ``plan`` and ``failed_payments``. Like every rule it
is synchronous and does no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence

from helpdesk_loyalty import (
    Action,
    AddNote,
    AddTags,
    AssignGroup,
    Evidence,
    RuleContext,
    RuleResult,
    Setting,
    hookimpl,
)

SETTINGS: tuple[Setting, ...] = (
    Setting(
        "account_manager_group_id",
        str,
        "",
        "the account managers' group id in your helpdesk ('' = tag and note only)",
    ),
    Setting("min_failed_payments", int, 2, "failed payments that make it an account at risk"),
    Setting("tag", str, "account-manager", "tag added to the ticket"),
)


@hookimpl
def declare_settings() -> Sequence[Setting]:
    """The settings of ``[rules.enterprise_invoice]``."""
    return SETTINGS


@hookimpl
def evaluate_ticket(ctx: RuleContext) -> RuleResult:
    """Route an Enterprise customer with repeated failed payments to the account manager."""
    customer = ctx.signals.customer
    failed = customer.failed_payments or 0
    needed = int(ctx.config["min_failed_payments"])
    if customer.plan != "enterprise":
        return RuleResult.no_match(f"plan is {customer.plan or 'unknown'}, not enterprise")
    counted = Evidence("failed_payments", f"{failed} failed invoice payments", failed, needed)
    if failed < needed:
        return RuleResult.no_match(f"{failed} failed payments, fewer than {needed}", (counted,))
    actions: list[Action] = [
        AddTags((str(ctx.config["tag"]),)),
        AddNote(
            "Enterprise account at risk: its account manager calls the customer before any "
            "payment reminder goes out."
        ),
    ]
    group = str(ctx.config["account_manager_group_id"])
    if group:
        actions.append(AssignGroup(group, "Account managers"))
    return RuleResult(
        matched=True,
        summary=f"Enterprise invoice failed {failed} times",
        evidence=(Evidence("plan", "on the Enterprise plan", customer.plan, "enterprise"), counted),
        actions=tuple(actions),
        reply=(
            "I'm sorry the invoice payment didn't go through; your account manager will call "
            "you today to sort it out with you.",
        ),
    )
