"""Configuration of the signals: the ``[signals]`` and ``[customer_fields]`` rules-file tables.

``[customer_fields]`` says where each company keeps customer value, plan and payment status:
each signal maps to a list of field paths tried in order, ``organization.<key>`` or
``user.<key>`` (``requester.<key>`` is the same as ``user.<key>``)::

    [customer_fields]
    monthly_spend = ["organization.monthly_spend", "user.monthly_spend"]
    payment_status = ["user.payment_status"]

``[signals]`` holds the windows and thresholds the signals share (who is a top customer, how
far back repeat contacts count, extra phrases per category). Bad values stop start-up with a
:class:`~helpdesk_loyalty.errors.ConfigError` naming the key and the fix.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from . import CustomerSignals
from .lexicon import CATEGORIES
from .phrases import Lexicon, compile_lexicon, default_lexicon

if TYPE_CHECKING:
    from ..config import RulesFile

__all__ = ["CUSTOMER_SIGNALS", "CustomerFieldMap", "SignalsConfig"]

CUSTOMER_SIGNALS = (
    "tier",
    "monthly_spend",
    "plan",
    "payment_status",
    "days_overdue",
    "failed_payments",
    "currency",
)
_PREFIXES = ("organization.", "user.", "requester.")


@dataclass(frozen=True)
class CustomerFieldMap:
    """Field paths per customer signal, tried in order; the first present value wins."""

    paths: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: {
            name: (f"organization.{name}", f"user.{name}") for name in CUSTOMER_SIGNALS
        }
    )

    @classmethod
    def from_table(cls, table: Mapping[str, Any]) -> CustomerFieldMap:
        """Build from ``[customer_fields]``; signals the table leaves out keep the default paths."""
        paths = dict(cls().paths)
        for key, value in table.items():
            where = f"[customer_fields] {key}"
            if key not in CUSTOMER_SIGNALS:
                raise ConfigError(
                    where, "is not a customer signal", f"use one of: {', '.join(CUSTOMER_SIGNALS)}"
                )
            items = [value] if isinstance(value, str) else value
            if not isinstance(items, list) or not all(isinstance(p, str) for p in items):
                raise ConfigError(
                    where,
                    f"{value!r} is not a list of field paths",
                    f'write {key} = ["organization.{key}", "user.{key}"]',
                )
            for path in items:
                if not path.startswith(_PREFIXES) or path.endswith("."):
                    raise ConfigError(
                        where,
                        f"{path!r} does not start with organization. or user.",
                        f'write "organization.{key}" or "user.{key}"',
                    )
            paths[key] = tuple(items)
        return cls(paths)


# Each [signals] key: the type it must have and an example line for the fix.
_SIGNAL_KEYS: dict[str, tuple[type, str]] = {
    "repeat_window_days": (int, "repeat_window_days = 7"),
    "top_tiers": (list, 'top_tiers = ["vip", "gold"]'),
    "top_tags": (list, 'top_tags = ["vip"]'),
    "top_monthly_spend": (float, "top_monthly_spend = 500.0 (0 turns it off)"),
    "new_customer_days": (int, "new_customer_days = 90"),
    "default_currency": (str, 'default_currency = "USD"'),
    "sla_breach_tags": (list, 'sla_breach_tags = ["sla_breached"]'),
    "overdue_statuses": (list, 'overdue_statuses = ["overdue", "past_due"]'),
    "failure_sentiment_ceiling": (float, "failure_sentiment_ceiling = -0.4 (between -1 and 0)"),
    "extra_phrases": (dict, 'extra_phrases = { billing_error = ["phantom charge"] }'),
    "text_model": (bool, "text_model = true (false: decide from the phrase concepts alone)"),
}
_LOWERCASE = ("top_tiers", "top_tags", "overdue_statuses")


def _strings(where: str, value: Any, fix: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(where, f"{value!r} is not a list of strings", f"write {fix}")
    return tuple(value)


def _checked(key: str, value: Any) -> Any:
    """The value of ``[signals] key`` in the type :class:`SignalsConfig` holds it in."""
    expected, fix = _SIGNAL_KEYS[key]
    where = f"[signals] {key}"
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if expected is list:
        strings = _strings(where, value, fix)
        return tuple(s.lower() for s in strings) if key in _LOWERCASE else strings
    if expected is bool:
        if not isinstance(value, bool):
            raise ConfigError(where, f"{value!r} is not true or false", f"write {fix}")
        return value
    if expected is dict:
        if not isinstance(value, dict):
            raise ConfigError(where, f"{value!r} is not a table", f"write {fix}")
        for category in value:
            if category not in CATEGORIES:
                raise ConfigError(
                    f"{where}.{category}",
                    "is not a phrase category",
                    f"use one of: {', '.join(CATEGORIES)}",
                )
        return {c: _strings(f"{where}.{c}", p, fix) for c, p in value.items()}
    if not isinstance(value, int | float | str) or not isinstance(value, expected):
        wanted = expected.__name__
        raise ConfigError(
            where, f"{value!r} is {type(value).__name__}, expected {wanted}", f"write {fix}"
        )
    if isinstance(value, bool):
        raise ConfigError(where, f"{value!r} is not a {expected.__name__}", f"write {fix}")
    if key == "failure_sentiment_ceiling" and not -1.0 <= float(value) <= 0.0:
        raise ConfigError(where, f"{value!r} is outside [-1, 0]", f"write {fix}")
    if key in ("repeat_window_days", "new_customer_days") and int(value) < 1:
        raise ConfigError(where, f"{value!r} is less than 1 day", f"write {fix}")
    return value


@dataclass(frozen=True)
class SignalsConfig:
    """Everything :func:`~helpdesk_loyalty.signals.compute.compute_signals` needs to know."""

    fields: CustomerFieldMap = field(default_factory=CustomerFieldMap)
    repeat_window_days: int = 7
    top_tiers: tuple[str, ...] = ("vip", "enterprise", "platinum", "gold")
    top_tags: tuple[str, ...] = ("vip", "top_customer")
    top_monthly_spend: float = 500.0
    new_customer_days: int = 90
    default_currency: str = "USD"
    sla_breach_tags: tuple[str, ...] = ("sla_breached", "sla-breached", "sla_breach")
    overdue_statuses: tuple[str, ...] = (
        "overdue",
        "past_due",
        "past due",
        "delinquent",
        "failed",
        "unpaid",
        "in_collections",
        "suspended",
    )
    failure_sentiment_ceiling: float = -0.4
    extra_phrases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    text_model: bool = True
    lexicon: Lexicon = field(default_factory=default_lexicon, compare=False, repr=False)

    @classmethod
    def from_table(cls, table: Mapping[str, Any]) -> SignalsConfig:
        """Build from the ``signals`` and ``customer_fields`` tables in ``table``.

        Pass the parsed rules file (or its shared sections); absent tables mean defaults.
        """
        signals = table.get("signals")
        signals = {} if signals is None else signals
        fields = table.get("customer_fields")
        fields = {} if fields is None else fields
        for name, value in (("signals", signals), ("customer_fields", fields)):
            if not isinstance(value, Mapping):
                raise ConfigError(
                    f"[{name}]", "is not a table", f"write [{name}] followed by key = value lines"
                )
        values: dict[str, Any] = {}
        for key, value in signals.items():
            if key not in _SIGNAL_KEYS:
                raise ConfigError(
                    f"[signals] {key}",
                    "is not a signals setting",
                    f"remove it or use one of: {', '.join(sorted(_SIGNAL_KEYS))}",
                )
            values[key] = _checked(key, value)
        extra = values.pop("extra_phrases", {})
        return cls(
            fields=CustomerFieldMap.from_table(fields),
            extra_phrases=extra,
            lexicon=compile_lexicon(extra) if extra else default_lexicon(),
            **values,
        )

    @classmethod
    def from_rules(cls, rules: RulesFile) -> SignalsConfig:
        """Build from a loaded rules file (its ``[signals]`` and ``[customer_fields]``)."""
        return cls.from_table(rules.sections)

    def rederive(self, customer: CustomerSignals) -> CustomerSignals:
        """``customer`` with what follows from its values re-derived after values were filled in
        (by enrichment): top customer by tier or spend, and whether the payment is overdue.

        A customer already top (by a tag, which only the helpdesk knows) stays top.
        """
        spend = customer.monthly_spend
        top = (
            customer.top_customer
            or (customer.tier is not None and customer.tier.lower() in self.top_tiers)
            or (
                self.top_monthly_spend > 0 and spend is not None and spend >= self.top_monthly_spend
            )
        )
        status = (customer.payment_status or "").lower()
        return replace(
            customer,
            top_customer=top,
            payment_overdue=customer.payment_overdue or status in self.overdue_statuses,
        )
