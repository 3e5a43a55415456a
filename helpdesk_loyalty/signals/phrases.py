"""Phrase detectors: billing errors, service failures, hardship, cancel threats, asks for a human.

The concepts live in :mod:`~helpdesk_loyalty.signals.lexicon`; this module runs them over each
sentence of cleaned text and decides whether a hit is negated. Negation has a scope: a negator
("not", "never", "n't", "no"...) cancels a hit when it stands within four words before it *in the
same clause*. A clause ends at punctuation and at words that start a new one ("but", "why",
"that", "because"...), so "I'm not sure why I was charged twice" is still a double charge while
"I was not charged twice" is not. A negator that belongs to a verb of knowing or feeling ("I
didn't expect a fee", "I wasn't told about this charge") does not reach the hit.

Rules and third-party plugins call :func:`find_phrases`; a company adds its own phrases per
category through the rules file (:func:`compile_lexicon` ``extra``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from . import PhraseMatch
from .lexicon import GUARDS, LEXICON
from .text import split_sentences

__all__ = [
    "Lexicon",
    "compile_lexicon",
    "default_lexicon",
    "find_phrases",
    "find_phrases_by_sentence",
    "is_negated",
    "phrase_lexicon",
    "unique_matches",
]

_MAX_PHRASE = 60


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_WINDOW = 4
# How far before (and after) a hit negation is looked for, in characters: far more than four
# words, and it keeps a long run-on sentence from costing time quadratic in its length.
_REACH = 300
_NEGATORS = _words(
    "not no never nor neither without nobody none nothing cannot nowhere dont didnt doesnt "
    "wasnt isnt arent werent havent hasnt hadnt cant couldnt wont wouldnt shouldnt"
)
# After these, the negation is about knowing, expecting or feeling, not about what happened.
_CONSUMERS = _words(
    "expect expected know knew realise realised realize realized understand agree agreed "
    "authorise authorised authorize authorized recognise recognised recognize recognized "
    "remember notice noticed aware told informed warned notified explained mentioned sure "
    "happy satisfied pleased ok okay fair feel believe see like appreciate only just longer "
    "paying"
)
_FILLERS = _words(
    "be been being even ever really quite fully have was were am is are i we made make get got "
    "at all yet feeling"
)
_SCOPE_BREAK = re.compile(
    r"[,;:()\u2013\u2014]|\s-\s|\b(?:but|however|although|though|yet|because|since|why|what|how|"
    r"when|where|whether|if|that|which|who|until|unless|so|while|whereas|instead)\b"
)
_TOKEN = re.compile(r"[a-z0-9']+")


def _is_negator(token: str) -> bool:
    return token in _NEGATORS or token.endswith("n't")


def is_negated(prefix: str) -> bool:
    """Whether the clause ending with ``prefix`` negates what follows it.

    Only the text after the last clause break counts, and only a negator within the last
    four words whose negation is not taken by a verb of knowing or feeling.
    """
    clause = _SCOPE_BREAK.split(prefix.lower())[-1]
    tokens = _TOKEN.findall(clause)[-_WINDOW:]
    for index, token in enumerate(tokens):
        if not _is_negator(token):
            continue
        following = [t for t in tokens[index + 1 :] if t not in _FILLERS]
        if following and following[0] in _CONSUMERS:
            continue
        return True
    return False


def _has_negator(span: str) -> bool:
    return any(_is_negator(t) for t in _TOKEN.findall(span))


def _clause_negated(sentence: str, start: int, end: int) -> bool:
    """Whether the whole clause around ``sentence[start:end]`` holds a negator."""
    before = _SCOPE_BREAK.split(sentence[max(0, start - _REACH) : start])[-1]
    after = _SCOPE_BREAK.split(sentence[end : end + _REACH])[0]
    words = _TOKEN.findall(before + " " + sentence[start:end] + " " + after)
    return any(_is_negator(w) for w in words)


@dataclass(frozen=True)
class _Concept:
    category: str
    kind: str
    mode: str
    regex: re.Pattern[str]


@dataclass(frozen=True)
class Lexicon:
    """A compiled set of concepts and guards (build with :func:`compile_lexicon`)."""

    concepts: tuple[_Concept, ...]
    guards: tuple[tuple[str, re.Pattern[str]], ...]


def _literal(phrase: str) -> str:
    words = [re.escape(w) for w in phrase.lower().split()]
    return r"\b" + r"\s+".join(words) + r"\b"


def compile_lexicon(
    extra: Mapping[str, Sequence[str]] | None = None, *, builtin: bool = True
) -> Lexicon:
    """The built-in lexicon plus ``extra`` phrases per category (literal, case-insensitive).

    An extra phrase is negated like a built-in one: "no outage" does not count. With
    ``builtin=False`` only the extra phrases are detected.
    """
    concepts = [
        _Concept(category, kind, mode, re.compile(pattern))
        for category, kind, mode, pattern in (LEXICON if builtin else ())
    ]
    for category, phrases in (extra or {}).items():
        for phrase in phrases:
            if phrase.strip():
                # A phrase that holds its own negation ("no dial tone") is never negated by it.
                mode = "inclusive" if _has_negator(phrase.lower()) else "plain"
                concepts.append(_Concept(category, "custom", mode, re.compile(_literal(phrase))))
    guards = tuple((category, re.compile(pattern)) for category, pattern in GUARDS)
    return Lexicon(tuple(concepts), guards)


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The built-in lexicon, compiled once."""
    return compile_lexicon()


@lru_cache(maxsize=64)
def phrase_lexicon(category: str, phrases: tuple[str, ...]) -> Lexicon:
    """A lexicon of just ``phrases`` as ``category`` (a rule's own extra phrases), cached."""
    return compile_lexicon({category: phrases}, builtin=False)


def _overlaps(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def _phrase(sentence: str, start: int, end: int) -> str:
    text = sentence[start:end].strip(" ,.;:!?")
    return text if len(text) <= _MAX_PHRASE else text[: _MAX_PHRASE - 1].rstrip() + "…"


def _sentence_matches(sentence: str, lexicon: Lexicon) -> list[PhraseMatch]:
    lower = sentence.lower()
    if len(lower) != len(sentence):  # a few characters change length when lower-cased
        sentence = lower
    guarded: dict[str, list[tuple[int, int]]] = {}
    for category, regex in lexicon.guards:
        guarded.setdefault(category, []).extend(m.span() for m in regex.finditer(lower))
    found: list[PhraseMatch] = []
    for concept in lexicon.concepts:
        for match in concept.regex.finditer(lower):
            start, end = match.span()
            guards = guarded.get(concept.category, []) + guarded.get(
                f"{concept.category}.{concept.kind}", []
            )
            if start == end or _overlaps((start, end), guards):
                continue
            if concept.mode == "plain" and is_negated(lower[max(0, start - _REACH) : start]):
                continue
            if concept.mode == "needs_negation" and not _clause_negated(lower, start, end):
                continue
            found.append(PhraseMatch(concept.category, concept.kind, _phrase(sentence, start, end)))
    return found


def find_phrases_by_sentence(
    text: str, lexicon: Lexicon | None = None
) -> list[tuple[str, tuple[PhraseMatch, ...]]]:
    """Each sentence of ``text`` (already cleaned) with the concept hits found in it."""
    lexicon = lexicon or default_lexicon()
    return [(s, tuple(_sentence_matches(s, lexicon))) for s in split_sentences(text)]


def unique_matches(
    by_sentence: Iterable[tuple[str, Sequence[PhraseMatch]]],
) -> tuple[PhraseMatch, ...]:
    """The matches of every sentence in text order, the same phrase of a kind once."""
    seen: set[tuple[str, str, str]] = set()
    result: list[PhraseMatch] = []
    for _sentence, hits in by_sentence:
        for hit in hits:
            key = (hit.category, hit.kind, hit.phrase.lower())
            if key not in seen:
                seen.add(key)
                result.append(hit)
    return tuple(result)


def find_phrases(text: str, lexicon: Lexicon | None = None) -> tuple[PhraseMatch, ...]:
    """Every concept hit in ``text`` (already cleaned), negated hits left out.

    Matches are in text order; the same phrase of the same kind is reported once.
    """
    return unique_matches(find_phrases_by_sentence(text, lexicon))
