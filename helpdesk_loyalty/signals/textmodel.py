"""A second opinion on the customer's words: a small logistic regression over word n-grams.

The concept lexicon names what it found ("'charged twice'") and is precise, but each new writer
finds words it has not seen. This model, trained on the labelled sets the project keeps
(``tests/signals/data/``) and the public files, reads the overall wording instead: on sets from
writers it was not trained on it raised recall by about ten points at the same precision
(``docs/rules.md``). The escalation and struggling-payer decisions use it when the lexicon alone
falls short and say so in the evidence ("reads like an escalation (0.81): 'manager', 'speak'");
the credit rule, with no failure named, only asks the agent to check the account (no amount).

Inference is a dictionary lookup per word and word pair; the weights ship with the package
(``textmodel.json``) and :mod:`.train_textmodel` rebuilds them.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise

__all__ = ["ModelOpinion", "TextModel", "default_model", "features", "tokens"]

_MONEY = re.compile(
    r"\{\$[\d,.]+\}|[$£€]\s?\d[\d,]*(?:\.\d+)?"
    r"|(?<![\d,.])\d[\d,]*(?:\.\d+)?\s?(?:dollars|usd|eur|euros|gbp|pounds|bucks|quid)\b",
    re.IGNORECASE,
)
_REDACTED = re.compile(r"\bX{2,}(?:[/X]*X+)?\b|\bXX/XX/\S*")
_NUMBER = re.compile(r"\d+(?:[.,:/-]\d+)*")
_TOKEN = re.compile(r"<\w+>|[a-z]+(?:'[a-z]+)?|[!?]")
# Words that carry weight in the model but say nothing to an agent reading the evidence.
_QUIET = frozenset(
    re.findall(
        r"\S+",
        """
        a an the i i'm i've me my we our us you your it it's this that these those and or but so
        to of in on at for with from by is are was were be been am do does did have has had can
        could will would not no please just now there here what how when why who ! ?
        """,
    )
)


def tokens(text: str) -> list[str]:
    """Lower-cased words; amounts, other numbers and redactions as ``<money>``, ``<num>``,
    ``<redacted>`` (a run of the same placeholder once)."""
    text = _REDACTED.sub(" <redacted> ", text)
    text = _MONEY.sub(" <money> ", text)
    text = _NUMBER.sub(" <num> ", text)
    found = _TOKEN.findall(text.lower().replace("\u2019", "'"))
    out: list[str] = []
    for word in found:
        if not (out and word == out[-1] and word.startswith("<")):
            out.append(word)
    return out


def features(text: str) -> set[str]:
    """The words and adjacent word pairs of ``text``."""
    words = tokens(text)
    return set(words) | {f"{a} {b}" for a, b in pairwise(words)}


def _quiet(feature: str) -> bool:
    return all(w in _QUIET or w.startswith("<") for w in feature.split())


@dataclass(frozen=True)
class ModelOpinion:
    """The model's probability for one detector and the words that weighed most for it."""

    detector: str
    probability: float
    words: tuple[str, ...]

    def describe(self, label: str) -> str:
        """For the agent: ``reads like an escalation (0.81): 'manager', 'speak'``."""
        words = ", ".join(f"'{w}'" for w in self.words)
        return f"reads like {label} ({self.probability:.2f}){': ' + words if words else ''}"


class TextModel:
    """One binary logistic regression per detector over :func:`features`, each row's features
    weighted ``1/sqrt(n)``."""

    def __init__(self, weights: Mapping[str, Mapping[str, float]], bias: Mapping[str, float]):
        self.weights = {d: dict(w) for d, w in weights.items()}
        self.bias = dict(bias)

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> TextModel:
        detectors = data["detectors"]
        assert isinstance(detectors, Mapping)
        return cls(
            {d: v["weights"] for d, v in detectors.items()},
            {d: float(v["bias"]) for d, v in detectors.items()},
        )

    def to_json(self, meta: Mapping[str, object]) -> dict[str, object]:
        return {
            **meta,
            "detectors": {
                d: {"bias": self.bias[d], "weights": self.weights[d]} for d in sorted(self.weights)
            },
        }

    def opinion(self, text: str, detector: str) -> ModelOpinion | None:
        """The probability that ``text`` is a case for ``detector``; ``None`` if the model has no
        weights for it."""
        return self.opinions(text, (detector,)).get(detector)

    def opinions(
        self, text: str, detectors: Iterable[str], words: int = 3
    ) -> dict[str, ModelOpinion]:
        """The opinion for each of ``detectors`` the model knows, with the ``words`` that weighed
        most for it."""
        found = features(text)
        scale = 1.0 / math.sqrt(len(found)) if found else 0.0
        result = {}
        for detector in detectors:
            weights = self.weights.get(detector)
            if weights is None:
                continue
            contributions = [(weights[f], f) for f in found if f in weights]
            z = self.bias[detector] + scale * sum(w for w, _ in contributions)
            probability = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            top = sorted((c for c in contributions if c[0] > 0 and not _quiet(c[1])), reverse=True)
            result[detector] = ModelOpinion(
                detector, round(probability, 4), tuple(f for _, f in top[:words])
            )
        return result


@lru_cache(maxsize=1)
def default_model() -> TextModel:
    """The weights that ship with the package."""
    raw = resources.files(__package__).joinpath("textmodel.json").read_text(encoding="utf-8")
    return TextModel.from_json(json.loads(raw))
