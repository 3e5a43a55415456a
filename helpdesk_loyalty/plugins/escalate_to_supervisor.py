"""Escalate to supervisor: a customer wronged or at risk gets a supervisor who makes it right.

The rule adds the weights of distinct signals (asks for a person or a manager, threatens to
leave, a formal complaint, negative sentiment, a billing error or outage, repeat contacts, a
reopen, an SLA breach, a bad rating, a long wait) and escalates when the sum reaches
``threshold``, or the lower ``top_customer_threshold`` for top customers, so that a top customer
who is only mildly annoyed still gets a supervisor. It routes the ticket to the supervisor group,
raises its priority, tags it and asks for a follow-up once solved. See ``docs/rules.md``.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..actions import (
    Action,
    AddNote,
    AddTags,
    AssignGroup,
    RequestFollowUp,
    RuleResult,
    SetPriority,
)
from ..context import RuleContext
from ..hookspecs import hookimpl
from ..pluginconfig import Setting
from ..signals.detectors import Assessment, EscalationPolicy, assess_escalation, ordinal

__all__ = ["SETTINGS", "declare_settings", "evaluate_ticket"]

_P = EscalationPolicy
SETTINGS: tuple[Setting, ...] = (
    Setting(
        "supervisor_group_id", str, "", "helpdesk id of the supervisors' group; empty: do not route"
    ),
    Setting("supervisor_group_name", str, "Supervisors", "the group's name, as the note shows it"),
    Setting(
        "priority",
        str,
        "high",
        "priority to raise the ticket to (never lowered)",
        choices=("normal", "high", "urgent"),
    ),
    Setting("tags", list, ["loyalty-escalated"], "tags added when the rule matches"),
    Setting("follow_up_days", int, 3, "days after the ticket is solved to check the fix held"),
    Setting("threshold", float, _P.threshold, "score needed to escalate"),
    Setting(
        "top_customer_threshold",
        float,
        _P.top_customer_threshold,
        "score needed for a top customer",
    ),
    Setting(
        "wants_human_weight",
        float,
        _P.wants_human_weight,
        "asks for a person, a manager or a supervisor",
    ),
    Setting(
        "cancel_threat_weight",
        float,
        _P.cancel_threat_weight,
        "threatens to cancel, close the account or leave",
    ),
    Setting(
        "complaint_weight",
        float,
        _P.complaint_weight,
        "makes a formal complaint or threatens legal action",
    ),
    Setting(
        "extra_phrase_weight", float, _P.extra_phrase_weight, "one of this rule's extra_phrases"
    ),
    Setting(
        "strong_sentiment", float, _P.strong_sentiment, "sentiment at or below this is very upset"
    ),
    Setting(
        "strong_sentiment_weight",
        float,
        _P.strong_sentiment_weight,
        "weight of a very upset customer",
    ),
    Setting("mild_sentiment", float, _P.mild_sentiment, "sentiment at or below this is unhappy"),
    Setting(
        "mild_sentiment_weight", float, _P.mild_sentiment_weight, "weight of an unhappy customer"
    ),
    Setting("failure_weight", float, _P.failure_weight, "a billing error or a service failure"),
    Setting(
        "said_again_weight", float, _P.said_again_weight, "the customer says it keeps happening"
    ),
    Setting(
        "repeat_contacts",
        int,
        _P.repeat_contacts,
        "contacts in the repeat window that count as repeat",
    ),
    Setting(
        "repeat_contacts_weight", float, _P.repeat_contacts_weight, "weight of repeat contacts"
    ),
    Setting("reopened_weight", float, _P.reopened_weight, "weight of a reopened ticket"),
    Setting("sla_breached_weight", float, _P.sla_breached_weight, "weight of a breached SLA"),
    Setting(
        "bad_satisfaction_weight",
        float,
        _P.bad_satisfaction_weight,
        "weight of a bad satisfaction rating",
    ),
    Setting("waited_hours", float, _P.waited_hours, "hours of waiting that count as a long wait"),
    Setting("waited_weight", float, _P.waited_weight, "weight of a long wait"),
    Setting(
        "model_threshold",
        float,
        _P.model_threshold,
        "escalate when the text model reads an escalation at this probability and the phrases "
        "fall short (0 turns it off)",
    ),
    Setting("extra_phrases", list, [], 'more phrases that call for a supervisor, e.g. "ombudsman"'),
)


@hookimpl
def declare_settings() -> Sequence[Setting]:
    """The settings of ``[rules.escalate_to_supervisor]``."""
    return SETTINGS


def _reply(ctx: RuleContext, assessment: Assessment) -> tuple[str, ...]:
    seen = {e.signal for e in assessment.evidence}
    contacts = ctx.signals.ticket.contacts_in_window
    if "repeat_contacts" in seen:
        acknowledge = f"I can see this is the {ordinal(contacts)} time you've had to contact us."
    elif "phrase" in seen:
        acknowledge = "I can see what went wrong, and I understand your frustration."
    else:
        acknowledge = "Thank you for telling us; I understand your frustration."
    if "wants_human" in seen:
        act = "I've passed your case to a supervisor, who will contact you personally."
    elif "cancel_threat" in seen:
        act = "Before you decide anything, a supervisor is looking at how we make this right."
    else:
        act = "A supervisor has taken personal charge of getting this fixed."
    days = int(ctx.config.get("follow_up_days", 3))
    return (
        acknowledge,
        "I'm sorry: this isn't the service you should get from us.",
        act,
        f"Once it's fixed, we'll check back within {days} days that it stays fixed.",
    )


@hookimpl
def evaluate_ticket(ctx: RuleContext) -> RuleResult | None:
    """Escalate when the weighed signals reach the threshold (lower for top customers)."""
    assessment = assess_escalation(ctx.signals, EscalationPolicy.from_settings(ctx.config))
    if not assessment.fires:
        reason = f"escalation score {assessment.score:.2f} is below {assessment.threshold:.2f}"
        if assessment.score == 0 and assessment.reasons:
            reason = f"{assessment.reasons[0]} ({reason})"
        return RuleResult.no_match(reason, assessment.evidence)
    top = ctx.signals.customer.top_customer
    summary = ("Top customer at risk: " if top else "Customer at risk: ") + ", ".join(
        assessment.reasons[:3]
    )
    config = ctx.config
    actions: list[Action] = []
    if config.get("supervisor_group_id"):
        actions.append(
            AssignGroup(
                str(config["supervisor_group_id"]), str(config.get("supervisor_group_name", ""))
            )
        )
    actions.append(SetPriority(str(config.get("priority", "high"))))
    if config.get("tags"):
        actions.append(AddTags(tuple(config["tags"])))
    actions.append(
        RequestFollowUp(
            int(config.get("follow_up_days", 3)), "check the fix held and the customer is satisfied"
        )
    )
    actions.append(
        AddNote(
            "Supervisor: own the fix and reply personally, with a concrete next step; no "
            "excuses or policy quotes."
        )
    )
    return RuleResult(
        matched=True,
        summary=summary,
        evidence=assessment.evidence,
        actions=tuple(actions),
        reply=_reply(ctx, assessment),
    )
