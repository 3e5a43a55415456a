"""Signals: small documented functions reading a ticket and its customer, and their types.

Rules decide from signals; third-party rules can call the same functions. The worker computes one
:class:`Signals` per event (``compute_signals``) and hands it to every rule in its context.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..models import empty_mapping
from .textmodel import ModelOpinion

__all__ = [
    "CustomerSignals",
    "ModelOpinion",
    "PhraseMatch",
    "Signals",
    "TextSignals",
    "TicketSignals",
]


@dataclass(frozen=True)
class PhraseMatch:
    """A phrase detector hit: ``category`` (``billing_error``, ``service_failure``, ``hardship``,
    ``cancel_threat``, ``wants_human``), a finer ``kind`` (``double_charge``, ``outage``,
    ``lost_job``...) and the ``phrase`` as the customer wrote it."""

    category: str
    kind: str
    phrase: str


@dataclass(frozen=True)
class TextSignals:
    """What the customer's own words say. ``sentiment`` is in [-1, 1] (negative is unhappy);
    ``opinions`` are the text model's (:mod:`.textmodel`) for the detectors that consult it."""

    text: str = ""
    sentiment: float = 0.0
    matches: tuple[PhraseMatch, ...] = ()
    opinions: tuple[ModelOpinion, ...] = ()

    def opinion(self, detector: str) -> ModelOpinion | None:
        """The text model's opinion for ``detector``, if it was asked."""
        return next((o for o in self.opinions if o.detector == detector), None)

    def of(self, category: str) -> tuple[PhraseMatch, ...]:
        """The matches of one category."""
        return tuple(m for m in self.matches if m.category == category)

    def has(self, category: str) -> bool:
        """Whether any phrase of ``category`` was found."""
        return any(m.category == category for m in self.matches)


@dataclass(frozen=True)
class TicketSignals:
    """What the ticket's history says."""

    reopened: bool = False
    reopens: int = 0
    contacts_in_window: int = 1
    window_days: int = 7
    sla_breached: bool = False
    bad_satisfaction: bool = False
    waited_hours: float | None = None


@dataclass(frozen=True)
class CustomerSignals:
    """What the requester's and organization's fields say, through the mapping in ``rules/``.

    ``payment_overdue`` is true when ``payment_status`` is one of the overdue statuses of the
    ``[signals]`` table.
    """

    tier: str | None = None
    monthly_spend: float | None = None
    plan: str | None = None
    payment_status: str | None = None
    days_overdue: int | None = None
    failed_payments: int | None = None
    top_customer: bool = False
    new_customer: bool = False
    currency: str = "USD"
    payment_overdue: bool = False


@dataclass(frozen=True)
class Signals:
    """Every signal for one event; ``extra`` holds what enrichment plugins added, by plugin name."""

    text: TextSignals = field(default_factory=TextSignals)
    ticket: TicketSignals = field(default_factory=TicketSignals)
    customer: CustomerSignals = field(default_factory=CustomerSignals)
    extra: Mapping[str, Any] = field(default_factory=empty_mapping)
