"""Sentiment of the customer's words, with VADER (offline, lexicon-based, made for short text).

VADER scores one sentence well and a long letter badly: its compound score saturates, so a
three-paragraph complaint with one polite sentence reads as -0.99 or +0.9 depending on word
counts. :func:`sentiment` therefore scores each sentence and averages the sentences that carry
an opinion (|compound| >= 0.05), skipping pure courtesy ("Thanks!", "Kind regards").

Two adjustments, both because VADER reads words, not situations:

- **Failures are never good news.** A sentence that reports a billing error, a service
  failure or a problem that keeps coming back ("still not fixed") is scored at most
  ``failure_ceiling`` (-0.4 by default), and a *positive* score on such a sentence is
  mirrored: "great, charged twice again" reads +0.51 to VADER and is sarcasm, so it counts
  as -0.51.
- Courtesy-only sentences are left out, so "Thanks in advance!" does not cancel a complaint.
- A few fixed sarcastic idioms ("thanks for nothing", "this is a joke") read as positive to
  VADER and are always negative; they are scored like a reported failure.

VADER's lexicon was built from social media and lacks words customers use about service
("disgraceful", "unusable", "shambles", "overcharged"); :data:`SERVICE_WORDS` adds them, on
VADER's own scale (-4 to +4), next to neighbours it already has ("disgrace" -2.2, "awful" -2.0).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from . import PhraseMatch

__all__ = ["FAILURE_CATEGORIES", "SERVICE_WORDS", "analyser", "sentence_score", "sentiment"]

FAILURE_CATEGORIES = frozenset({"billing_error", "service_failure", "repeat_contact"})
_OPINION = 0.05
_COURTESY = re.compile(
    r"^\W*(?:hi|hello|hey|dear\s+\w+"
    r"|thanks?(?: you)?(?: so much| very much| a lot)?(?: in advance)?"
    r"|many thanks|cheers|(?:kind |best |warm )?regards|sincerely|have a (?:nice|good|great) day"
    r"|please|ok(?:ay)?|bye(?: for now)?)\W*$",
    re.IGNORECASE,
)

SERVICE_WORDS: dict[str, float] = {
    "disgraceful": -3.0,
    "unusable": -2.5,
    "shambles": -2.5,
    "shambolic": -2.5,
    "crashes": -1.5,
    "crashing": -1.5,
    "crashed": -1.5,
    "rubbish": -2.0,
    "garbage": -2.2,
    "scammed": -3.0,
    "overcharged": -2.0,
    "overcharging": -2.0,
    "ripoff": -2.5,
    "rip-off": -2.5,
    "nightmare": -2.7,
    "unhelpful": -2.0,
    "unreliable": -2.0,
    "atrocious": -3.0,
    "diabolical": -2.8,
    "substandard": -2.0,
    "inexcusable": -2.5,
    "sloppy": -1.8,
    "glitchy": -1.5,
    "buggy": -1.5,
    "deceptive": -2.5,
    "robbery": -2.8,
}

_SARCASM = re.compile(
    r"\b(?:thanks|thank you|cheers)\s+for\s+nothing\b|\blove\s+that\s+for\s+(?:me|us)\b"
    r"|\b(?:this|it|that|you)\s+(?:is|are|'s|'re)\s+(?:an?\s+)?(?:absolute\s+|complete\s+|total\s+)?joke\b"
    r"|\b(?:yeah|oh)\s+(?:great|brilliant|fantastic|wonderful|perfect)\s*,?\s+(?:another|again|just)\b"
    # Exasperation VADER reads as neutral or positive.
    r"|\b(?:end\s+of\s+my\s+tether|wits'?\s+end|had\s+it\s+up\s+to\s+here|sick\s+and\s+tired"
    r"|last\s+straw|beyond\s+a\s+joke|why\s+on\s+earth|at\s+breaking\s+point)\b",
    re.IGNORECASE,
)

_lock = threading.Lock()
_analyser: SentimentIntensityAnalyzer | None = None


def analyser() -> SentimentIntensityAnalyzer:
    """The shared VADER analyser, built on first use (it reads its lexicon from disk once)."""
    global _analyser
    if _analyser is None:
        with _lock:
            if _analyser is None:
                built = SentimentIntensityAnalyzer()
                built.lexicon.update(SERVICE_WORDS)
                _analyser = built
    return _analyser


def sentence_score(
    sentence: str, matches: Iterable[PhraseMatch] = (), *, failure_ceiling: float = -0.4
) -> float:
    """VADER's compound score of one sentence, adjusted when it reports a failure."""
    score = float(analyser().polarity_scores(sentence)["compound"])
    if _SARCASM.search(sentence) or any(m.category in FAILURE_CATEGORIES for m in matches):
        if score > 0:
            score = -score
        score = min(score, failure_ceiling)
    return score


def sentiment(
    sentences: Sequence[tuple[str, Sequence[PhraseMatch]]], *, failure_ceiling: float = -0.4
) -> float:
    """Mean adjusted score of the opinionated sentences, in [-1, 1]; 0.0 when none has one.

    ``sentences`` pairs each sentence with the phrase matches found in it (see
    :func:`~helpdesk_loyalty.signals.phrases.find_phrases_by_sentence`).
    """
    scores = []
    for sentence, matches in sentences:
        if _COURTESY.match(sentence):
            continue
        score = sentence_score(sentence, matches, failure_ceiling=failure_ceiling)
        if abs(score) >= _OPINION:
            scores.append(score)
    if not scores:
        return 0.0
    return round(sum(scores) / len(scores), 4)
