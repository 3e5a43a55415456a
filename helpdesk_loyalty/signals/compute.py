"""Computing every signal for one event, once: what the worker hands to all rules.

:func:`compute_signals` reads the customer's new words (cleaned of HTML, quotes and
signatures), the ticket's history and the customer's fields. :func:`text_signals` is the text
part alone, which the evaluation and third-party tools can call on any string.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from types import MappingProxyType
from typing import Any

from ..models import Organization, Person, Ticket, TicketEvent, TicketSummary
from . import Signals, TextSignals
from .config import SignalsConfig
from .customer import customer_signals
from .phrases import find_phrases_by_sentence, unique_matches
from .sentiment import sentiment
from .text import clean_text
from .textmodel import default_model
from .ticket import ticket_signals

__all__ = ["MAX_TEXT", "SignalsConfig", "compute_signals", "customer_words", "text_signals"]

MAX_TEXT = 20_000
"""Characters of the customer's cleaned words the text signals read."""

MODEL_DETECTORS = ("escalate", "flex", "credit")
"""The decisions that consult the text model."""


def customer_words(event: TicketEvent, ticket: Ticket) -> str:
    """The text to read for this event: the subject and the customer's newest words.

    For a customer's comment that is the comment; otherwise the description and the public
    comments not written by agents. Agent comments and internal notes never count.
    """
    comment = event.comment
    if comment is not None and comment.public and comment.author_role != "agent":
        parts = [ticket.subject, comment.body]
    else:
        parts = [ticket.customer_text()]
    cleaned = (clean_text(p) for p in parts if p)
    return "\n".join(c for c in cleaned if c)


def text_signals(text: str, config: SignalsConfig | None = None) -> TextSignals:
    """Phrases and sentiment of ``text``; HTML, quoted replies and signatures are dropped first."""
    return _read(clean_text(text), config or SignalsConfig())


def _read(cleaned: str, config: SignalsConfig) -> TextSignals:
    # A pasted log or a forwarded thread can run to hundreds of kilobytes; what the customer
    # says about their bill or their service is in the first pages, and reading the rest would
    # hold a worker for seconds.
    cleaned = cleaned[:MAX_TEXT]
    by_sentence = find_phrases_by_sentence(cleaned, config.lexicon)
    return TextSignals(
        text=cleaned,
        sentiment=sentiment(by_sentence, failure_ceiling=config.failure_sentiment_ceiling),
        matches=unique_matches(by_sentence),
        opinions=tuple(default_model().opinions(cleaned, MODEL_DETECTORS).values())
        if config.text_model
        else (),
    )


def compute_signals(
    event: TicketEvent,
    ticket: Ticket,
    requester: Person | None,
    organization: Organization | None,
    history: tuple[TicketSummary, ...] | Sequence[TicketSummary],
    config: SignalsConfig,
    now: datetime,
    *,
    enrichment: Mapping[str, Mapping[str, Any]] | None = None,
) -> Signals:
    """Every signal for one event.

    ``history`` is the requester's recent tickets (newest first, this one may be among them);
    ``enrichment`` is what enrichment plugins returned, by plugin name: it lands in
    ``Signals.extra`` and fills customer signals the helpdesk fields left empty.
    """
    extra = {name: MappingProxyType(dict(values)) for name, values in (enrichment or {}).items()}
    return Signals(
        text=_read(customer_words(event, ticket), config),
        ticket=ticket_signals(
            event,
            ticket,
            tuple(history),
            now=now,
            window_days=config.repeat_window_days,
            breach_tags=config.sla_breach_tags,
        ),
        customer=customer_signals(requester, organization, config, now=now, enrichment=extra),
        extra=MappingProxyType(extra),
    )
