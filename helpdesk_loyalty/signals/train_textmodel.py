"""Rebuild ``textmodel.json`` from labelled CSV files (the evaluation format).

    python -m helpdesk_loyalty.signals.train_textmodel ../shared/eval/*.csv \\
        tests/signals/data/*.csv --exclude helpdesk_holdout13.csv ... \\
        --exclude-even other_sources1.csv --out helpdesk_loyalty/signals/textmodel.json

Training is deterministic (fixed seed and order): the same files give the same weights. Rows of
a complaint database labelled ``none`` are left out of the escalation model, as the evaluation
leaves them out of its count. Keep the sets you measure on out of the training files.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from ..evaluation import Row, in_half, lenient_labels, load_rows
from .compute import MODEL_DETECTORS
from .text import clean_text
from .textmodel import TextModel, features

__all__ = ["train"]

SEED = 13
L2 = 1e-4
EPOCHS = 12
MIN_ROWS = 2  # a feature must occur in at least this many rows
KEEP = 0.02  # weights smaller than this are dropped from the file


def _lenient(row: Row, detector: str) -> bool:
    return (row.labels or frozenset({"none"})) <= lenient_labels(row.source, detector)


def _fit(
    vectors: list[list[int]], scales: list[float], labels: list[int], size: int
) -> tuple[list[float], float]:
    """L2 logistic regression by stochastic gradient descent, L2 applied lazily by scaling.
    ``scales[k]`` is row k's feature value: ``1/sqrt(n)`` over all its features, known or not,
    as :meth:`.TextModel.opinions` computes it."""
    weights, scale, bias, step_count = [0.0] * size, 1.0, 0.0, 0
    order = list(range(len(vectors)))
    rng = random.Random(SEED)
    for _ in range(EPOCHS):
        rng.shuffle(order)
        for k in order:
            step_count += 1
            rate = 0.5 / (1 + 0.5 * L2 * step_count)
            row = vectors[k]
            x = scales[k]
            z = bias + scale * x * sum(weights[i] for i in row)
            p = 1.0 / (1.0 + math.exp(-z)) if z > -30 else 0.0
            gradient = p - labels[k]
            scale *= 1 - rate * L2
            if scale < 1e-6:
                weights = [w * scale for w in weights]
                scale = 1.0
            if gradient:
                delta = rate * gradient * x / scale
                for i in row:
                    weights[i] -= delta
                bias -= rate * gradient
    return [w * scale for w in weights], bias


def train(rows: Sequence[Row]) -> TextModel:
    """One model per detector from labelled ``rows``."""
    weights: dict[str, dict[str, float]] = {}
    bias: dict[str, float] = {}
    for detector in MODEL_DETECTORS:
        used = [r for r in rows if r.labels is not None and not _lenient(r, detector)]
        # The worker asks the model about cleaned words (no HTML, quotes, signatures; restored
        # apostrophes), so it learns from the same.
        found = [features(clean_text(r.text)) for r in used]
        counts = Counter(f for fs in found for f in fs)
        vocabulary = sorted(f for f, n in counts.items() if n >= MIN_ROWS)
        index = {f: i for i, f in enumerate(vocabulary)}
        vectors = [sorted(index[f] for f in fs if f in index) for fs in found]
        scales = [1.0 / math.sqrt(len(fs)) if fs else 0.0 for fs in found]
        labels = [1 if detector in (r.labels or ()) else 0 for r in used]
        fitted, bias[detector] = _fit(vectors, scales, labels, len(vocabulary))
        weights[detector] = {
            f: round(w, 4) for f, w in zip(vocabulary, fitted, strict=True) if abs(w) >= KEEP
        }
    return TextModel(weights, bias)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("--exclude", nargs="*", default=[], help="file names to leave out")
    parser.add_argument(
        "--exclude-even",
        nargs="*",
        default=[],
        help="file names whose even half (eval --half even) to leave out, to measure on it",
    )
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    files = [f for f in args.files if f.name not in set(args.exclude)]
    rows = [
        row
        for path in sorted(files)
        for row in load_rows(path)
        if not (path.name in set(args.exclude_even) and in_half(row.id, "even"))
    ]
    model = train(rows)
    meta = {
        "trained_on": sorted(f.name for f in files),
        "even_half_left_out": sorted(args.exclude_even),
        "rows": len(rows),
        "seed": SEED,
        "l2": L2,
        "epochs": EPOCHS,
    }
    args.out.write_text(json.dumps(model.to_json(meta), sort_keys=True) + "\n", encoding="utf-8")
    sizes = ", ".join(f"{d} {len(w)}" for d, w in model.weights.items())
    print(f"{len(rows)} rows from {len(files)} files; weights kept: {sizes}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
