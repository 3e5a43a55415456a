"""The three detectors: the decisions the built-in rules make from signals.

Each rule calls its ``assess_*`` function on the event's :class:`Signals`; :func:`detect` calls
the same functions on signals computed from a text alone (no ticket history, an unknown
customer), which is what the evaluation measures. So a score in ``docs/rules.md`` is the score
of the code the rules run, not of a copy.

- **escalate** adds weights of distinct signals (asks for a person, threatens to leave, a formal
  complaint, negative sentiment, a failure, repeat contacts, a reopen, an SLA breach, a bad
  rating, a long wait) and compares the sum with a threshold that is lower for top customers.
- **credit** fires on a billing error or a service failure in the customer's words, or, with
  none named, when the text model reads a billing complaint (the rule then only asks for a
  check). Escalation and hardship consult the text model too when their phrases fall short.
- **flex** weighs distinct kinds of hardship evidence: a cause (lost job, medical bills), not
  being able to pay (can't afford, behind on payments, or overdue/failed payments in the
  customer's fields) and asking for flexible terms (payment plan, extension). A complaint that
  disputes a credit report or the debt weighs against them, and arrears the customer says are
  history ("I have been current since") do not count.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from ..models import Evidence
from . import CustomerSignals, PhraseMatch, Signals
from .compute import text_signals
from .config import SignalsConfig
from .lexicon import FALLBACK_KINDS, HARDSHIP_GROUPS
from .phrases import find_phrases, phrase_lexicon

__all__ = [
    "CREDIT_MODEL_THRESHOLD",
    "DETECTORS",
    "Assessment",
    "DetectorConfig",
    "EscalationPolicy",
    "HardshipPolicy",
    "Policy",
    "assess_escalation",
    "assess_hardship",
    "credit_failures",
    "credit_model_evidence",
    "detect",
    "detect_signals",
    "extra_matches",
    "ordinal",
    "signed",
]

DETECTORS = ("escalate", "credit", "flex")
FAILURE_CATEGORIES = ("billing_error", "service_failure")


def ordinal(n: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``11th``..."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def signed(value: float) -> str:
    """A score as agents read it: ``−0.71``, ``+0.20`` (a true minus sign)."""
    return f"{value:+.2f}".replace("-", "\u2212")


@dataclass(frozen=True)
class Assessment:
    """A detector's verdict: the score, the threshold it needed and the evidence behind it."""

    score: float
    threshold: float
    evidence: tuple[Evidence, ...] = ()
    reasons: tuple[str, ...] = ()

    @property
    def fires(self) -> bool:
        """Whether the score reaches the threshold."""
        return self.score + 1e-9 >= self.threshold


class Policy:
    """Base of the policies: built from a rule's validated settings, ignoring other keys."""

    @classmethod
    def from_settings(cls, settings: Mapping[str, Any]) -> Any:
        known = {f.name for f in fields(cls)}  # type: ignore[arg-type]
        values = {
            k: tuple(v) if isinstance(v, list) else v for k, v in settings.items() if k in known
        }
        return cls(**values)


@dataclass(frozen=True)
class EscalationPolicy(Policy):
    """Weights and thresholds of the escalation score (``[rules.escalate_to_supervisor]``)."""

    threshold: float = 1.0
    top_customer_threshold: float = 0.35
    wants_human_weight: float = 1.0
    cancel_threat_weight: float = 1.0
    complaint_weight: float = 1.0
    extra_phrase_weight: float = 1.0
    strong_sentiment: float = -0.6
    strong_sentiment_weight: float = 0.6
    mild_sentiment: float = -0.25
    mild_sentiment_weight: float = 0.35
    failure_weight: float = 0.3
    said_again_weight: float = 0.4
    repeat_contacts: int = 3
    repeat_contacts_weight: float = 0.5
    reopened_weight: float = 0.5
    sla_breached_weight: float = 0.4
    bad_satisfaction_weight: float = 0.5
    waited_hours: float = 48.0
    waited_weight: float = 0.3
    model_threshold: float = 0.6
    extra_phrases: tuple[str, ...] = ()


@dataclass(frozen=True)
class HardshipPolicy(Policy):
    """When a payer counts as struggling (``[rules.flag_struggling_payer]``).

    Each kind of evidence present adds its weight (a cause, not being able to pay, asking for
    terms); a complaint whose subject is a dispute (a credit report, a debt the customer says
    is not owed) takes ``other_issue_weight`` off; the payer is struggling at ``min_groups``.
    """

    min_groups: float = 2.0
    cause_weight: float = 1.0
    cannot_pay_weight: float = 1.0
    flex_ask_weight: float = 1.0
    other_issue_weight: float = 1.0
    model_threshold: float = 0.55
    overdue_days: int = 30
    failed_payments: int = 2
    extra_phrases: tuple[str, ...] = ()


def extra_matches(
    signals: Signals, category: str, phrases: Sequence[str]
) -> tuple[PhraseMatch, ...]:
    """A rule's own ``extra_phrases`` found in the customer's words (negation respected)."""
    if not phrases:
        return ()
    return find_phrases(signals.text.text, phrase_lexicon(category, tuple(phrases)))


def _first(matches: Sequence[PhraseMatch], category: str) -> PhraseMatch | None:
    return next((m for m in matches if m.category == category), None)


_Part = tuple[float, Evidence, str]  # weight, evidence, reason for the summary

CREDIT_MODEL_THRESHOLD = 0.8
"""The text model's probability at which a message with no named failure reads like a billing
complaint: chosen by cross-validation over the training files (docs/rules.md)."""


def _model_evidence(
    signals: Signals, detector: str, threshold: float, label: str
) -> Evidence | None:
    """The text model's opinion as evidence, when it reaches ``threshold`` (0: never asked)."""
    opinion = signals.text.opinion(detector)
    if opinion is None or threshold <= 0 or opinion.probability < threshold:
        return None
    return Evidence("text_model", opinion.describe(label), opinion.probability, threshold)


AMPLIFIERS = frozenset({"repeat_contacts", "waited_hours"})
_INTENTS = (
    ("wants_human", "wants_human_weight", "asks for a person", "asks for a manager or a person"),
    ("cancel_threat", "cancel_threat_weight", "threatens to leave", "threatens to leave"),
    ("complaint", "complaint_weight", "formal complaint", "makes a formal complaint"),
    ("escalate", "extra_phrase_weight", "escalation phrase", "used an escalation phrase"),
)


def _text_parts(signals: Signals, policy: EscalationPolicy) -> list[_Part]:
    text = signals.text
    matches = text.matches + extra_matches(signals, "escalate", policy.extra_phrases)
    parts: list[_Part] = []
    for category, weight_name, label, reason in _INTENTS:
        hit = _first(matches, category)
        if hit:
            evidence = Evidence(category, f"{label}: '{hit.phrase}'", hit.phrase)
            parts.append((getattr(policy, weight_name), evidence, reason))
    if text.sentiment <= policy.mild_sentiment:
        strong = text.sentiment <= policy.strong_sentiment
        limit = policy.strong_sentiment if strong else policy.mild_sentiment
        evidence = Evidence(
            "sentiment", f"sentiment {signed(text.sentiment)}", text.sentiment, limit
        )
        weight = policy.strong_sentiment_weight if strong else policy.mild_sentiment_weight
        parts.append((weight, evidence, "very upset" if strong else "unhappy"))
    failures = [m for m in matches if m.category in FAILURE_CATEGORIES]
    failure = next((m for m in failures if m.kind not in FALLBACK_KINDS), None) or next(
        iter(failures), None
    )
    if failure:
        evidence = Evidence("phrase", f"'{failure.phrase}'", failure.kind)
        parts.append((policy.failure_weight, evidence, failure.kind.replace("_", " ")))
    again = _first(matches, "repeat_contact")
    if again:
        evidence = Evidence(
            "repeat_contact", f"says it keeps happening: '{again.phrase}'", again.phrase
        )
        parts.append((policy.said_again_weight, evidence, "not the first time"))
    return parts


def _ticket_parts(signals: Signals, policy: EscalationPolicy) -> list[_Part]:
    ticket = signals.ticket
    parts: list[_Part] = []
    if ticket.contacts_in_window >= policy.repeat_contacts:
        n, days = ticket.contacts_in_window, ticket.window_days
        text = f"{ordinal(n)} contact in {days} days"
        evidence = Evidence("repeat_contacts", text, n, policy.repeat_contacts)
        parts.append((policy.repeat_contacts_weight, evidence, text))
    if ticket.reopened:
        times = f" {ticket.reopens} times" if ticket.reopens > 1 else ""
        evidence = Evidence("reopened", f"reopened{times}", ticket.reopens, 1)
        parts.append((policy.reopened_weight, evidence, "reopened"))
    if ticket.sla_breached:
        evidence = Evidence("sla_breached", "SLA breached", True)
        parts.append((policy.sla_breached_weight, evidence, "SLA breached"))
    if ticket.bad_satisfaction:
        evidence = Evidence("satisfaction", "rated us bad", "bad")
        parts.append((policy.bad_satisfaction_weight, evidence, "rated us bad"))
    if ticket.waited_hours is not None and ticket.waited_hours >= policy.waited_hours:
        text = f"waiting {ticket.waited_hours:.0f} h"
        evidence = Evidence("waited_hours", text, ticket.waited_hours, policy.waited_hours)
        parts.append((policy.waited_weight, evidence, text))
    return parts


def assess_escalation(signals: Signals, policy: EscalationPolicy) -> Assessment:
    """How strongly the customer was wronged or is at risk, weighed up for top customers."""
    parts = [p for p in _text_parts(signals, policy) + _ticket_parts(signals, policy) if p[0] > 0]
    customer = signals.customer
    threshold = policy.top_customer_threshold if customer.top_customer else policy.threshold
    model = _model_evidence(signals, "escalate", policy.model_threshold, "an escalation")
    if model is not None and sum(w for w, _, _ in parts) + 1e-9 < threshold:
        # The concepts fall short but the wording as a whole reads like an escalation: enough
        # on its own, as an ask for a manager is.
        parts.append((threshold, model, "reads like an escalation"))
    evidence = [e for _, e, _ in parts]
    if not any(e.signal not in AMPLIFIERS for e in evidence):
        # Coming back often or waiting long only weighs in when something is wrong: a loyal
        # customer writing a fourth time to say thank you is not at risk.
        return Assessment(0.0, threshold, tuple(evidence), ("no sign the customer was wronged",))
    if customer.top_customer and parts:
        value = customer.tier or customer.monthly_spend
        evidence.append(
            Evidence("customer_value", _value_text(signals), value, policy.top_customer_threshold)
        )
    score = round(sum(w for w, _, _ in parts), 4)
    return Assessment(score, threshold, tuple(evidence), tuple(r for _, _, r in parts))


def _value_text(signals: Signals) -> str:
    customer = signals.customer
    details = []
    if customer.tier:
        details.append(f"tier {customer.tier}")
    if customer.monthly_spend is not None:
        details.append(f"{customer.currency} {customer.monthly_spend:,.2f}/month")
    return "top customer" + (f" ({', '.join(details)})" if details else "")


def credit_model_evidence(
    signals: Signals, threshold: float = CREDIT_MODEL_THRESHOLD
) -> Evidence | None:
    """The text model's opinion that the words read like a billing complaint, as evidence, when
    it reaches ``threshold``. The credit rule uses it only when no failure is named, and then
    asks the agent to check the account before anything else."""
    return _model_evidence(signals, "credit", threshold, "a billing complaint")


def credit_failures(signals: Signals, extra_phrases: Sequence[str] = ()) -> tuple[PhraseMatch, ...]:
    """The billing errors and service failures in the customer's words, one per kind.

    A general-shape match (``FALLBACK_KINDS``) counts only when its category has nothing more
    specific, and two matches over the same words count once.
    """
    matches = signals.text.matches + extra_matches(signals, "billing_error", extra_phrases)
    specific = {m.category for m in matches if m.kind not in FALLBACK_KINDS}
    seen: set[str] = set()
    result: list[PhraseMatch] = []
    for match in matches:
        if match.category not in FAILURE_CATEGORIES or match.kind in seen:
            continue
        if match.kind in FALLBACK_KINDS and match.category in specific:
            continue
        phrase = match.phrase.lower()
        # Two concepts reading the same words ("internet has been down") are one failure.
        if any(phrase in r.phrase.lower() or r.phrase.lower() in phrase for r in result):
            continue
        seen.add(match.kind)
        result.append(match)
    return tuple(result)


def _text_hardship(signals: Signals, policy: HardshipPolicy) -> dict[str, Evidence]:
    """The kinds of hardship evidence in the customer's words, one evidence per group."""
    groups: dict[str, Evidence] = {}
    matches = signals.text.matches + extra_matches(signals, "hardship_extra", policy.extra_phrases)
    for match in matches:
        if match.category == "hardship":
            group = HARDSHIP_GROUPS.get(match.kind, "cause")
        elif match.category == "hardship_extra":
            group = "custom"
        else:
            continue
        groups.setdefault(group, Evidence("hardship", f"'{match.phrase}'", match.kind))
    can_pay = {m.kind for m in signals.text.matches if m.category == "can_pay"}
    if "cannot_pay" in groups and can_pay - {"recovered"}:
        # "I fell behind in 2018 ... I have been current since": arrears told as history.
        del groups["cannot_pay"]
    if "cause" in groups and "recovered" in can_pay:
        # "When I was off sick ... I'm back at work now": the cause is behind them.
        del groups["cause"]
    return groups


def _field_hardship(customer: CustomerSignals, policy: HardshipPolicy) -> Evidence | None:
    """Not being able to pay, as the customer's fields tell it (overdue, failed payments)."""
    if customer.days_overdue is not None and customer.days_overdue >= policy.overdue_days:
        return Evidence(
            "days_overdue",
            f"{customer.days_overdue} days overdue",
            customer.days_overdue,
            policy.overdue_days,
        )
    if customer.failed_payments is not None and customer.failed_payments >= policy.failed_payments:
        return Evidence(
            "failed_payments",
            f"{customer.failed_payments} failed payments",
            customer.failed_payments,
            policy.failed_payments,
        )
    if customer.payment_overdue:
        return Evidence(
            "payment_status", f"payment status {customer.payment_status}", customer.payment_status
        )
    return None


_HARDSHIP_REASONS = {
    "cause": "a cause of hardship",
    "cannot_pay": "can't keep up",
    "flex_ask": "asks for flexible terms",
    "custom": "a hardship phrase",
    "model": "reads like a struggling payer",
}


def assess_hardship(signals: Signals, policy: HardshipPolicy) -> Assessment:
    """How much hardship evidence there is (cause, cannot pay, asks for terms), weighed.

    Each kind present adds its weight; when the complaint is a dispute (about a credit report,
    or a debt the customer says is not owed) ``other_issue_weight`` is taken off, because
    hardship told there is usually the history behind the record rather than a request.
    """
    groups = _text_hardship(signals, policy)
    from_fields = _field_hardship(signals.customer, policy)
    if from_fields is not None:
        groups.setdefault("cannot_pay", from_fields)
    assessment = _weigh_hardship(signals, policy, groups)
    model = _model_evidence(signals, "flex", policy.model_threshold, "a struggling payer")
    # Only when the concepts fall short, and words saying the customer can pay now outweigh a
    # likeness.
    if model is not None and not assessment.fires and not signals.text.has("can_pay"):
        assessment = _weigh_hardship(signals, policy, {**groups, "model": model})
    return assessment


def _weigh_hardship(
    signals: Signals, policy: HardshipPolicy, groups: dict[str, Evidence]
) -> Assessment:
    weights = {
        "cause": policy.cause_weight,
        "cannot_pay": policy.cannot_pay_weight,
        "flex_ask": policy.flex_ask_weight,
        "custom": 1.0,
        # The wording as a whole reads like hardship: enough on its own, like two kinds.
        "model": policy.min_groups,
    }
    order = [g for g in _HARDSHIP_REASONS if g in groups]
    score = sum(weights[g] for g in order)
    evidence = [groups[g] for g in order]
    reasons = [_HARDSHIP_REASONS[g] for g in order]
    dispute = _first(signals.text.matches, "dispute")
    billing = _first(signals.text.matches, "billing_error")
    if dispute is not None and groups and policy.other_issue_weight:
        score -= policy.other_issue_weight
        evidence.append(Evidence("dispute", f"disputes a record: '{dispute.phrase}'", dispute.kind))
        reasons.append("the complaint is a dispute")
    elif billing is not None and groups and "flex_ask" not in groups and policy.other_issue_weight:
        score -= policy.other_issue_weight
        evidence.append(
            Evidence("billing_error", f"a billing error: '{billing.phrase}'", billing.kind)
        )
        reasons.append("the complaint is a billing error and asks for no terms")
    return Assessment(round(score, 4), policy.min_groups, tuple(evidence), tuple(reasons))


@dataclass(frozen=True)
class DetectorConfig:
    """What :func:`detect` needs: the signals configuration and each rule's policy."""

    signals: SignalsConfig = field(default_factory=SignalsConfig)
    escalation: EscalationPolicy = field(default_factory=EscalationPolicy)
    hardship: HardshipPolicy = field(default_factory=HardshipPolicy)
    credit_extra_phrases: tuple[str, ...] = ()
    credit_model_threshold: float = CREDIT_MODEL_THRESHOLD

    @classmethod
    def from_settings(
        cls, signals: SignalsConfig, rules: Mapping[str, Mapping[str, Any]]
    ) -> DetectorConfig:
        """From the signals configuration and the rules' validated settings, by rule name."""
        credit = rules.get("suggest_bill_credit", {})
        return cls(
            signals=signals,
            escalation=EscalationPolicy.from_settings(rules.get("escalate_to_supervisor", {})),
            hardship=HardshipPolicy.from_settings(rules.get("flag_struggling_payer", {})),
            credit_extra_phrases=tuple(credit.get("extra_phrases", ())),
            credit_model_threshold=float(credit.get("model_threshold", CREDIT_MODEL_THRESHOLD)),
        )


def detect_signals(signals: Signals, config: DetectorConfig) -> set[str]:
    """The detectors that fire on ``signals``."""
    fired = set()
    if assess_escalation(signals, config.escalation).fires:
        fired.add("escalate")
    if credit_failures(signals, config.credit_extra_phrases) or credit_model_evidence(
        signals, config.credit_model_threshold
    ):
        fired.add("credit")
    if assess_hardship(signals, config.hardship).fires:
        fired.add("flex")
    return fired


def detect(text: str, config: DetectorConfig | None = None) -> set[str]:
    """The detectors that fire on ``text`` alone: a new ticket from an unknown customer."""
    config = config or DetectorConfig()
    return detect_signals(Signals(text=text_signals(text, config.signals)), config)
