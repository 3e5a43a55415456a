"""Measuring the detectors on labelled text: ``helpdesk-loyalty eval FILE...``.

A file is a CSV with the columns ``source, id, text`` and, when it is labelled, ``detector``
(``escalate``, ``credit``, ``flex`` or ``none``; several separated by ``|``). Each row's text
goes through :func:`~helpdesk_loyalty.signals.detectors.detect`, the same decisions the rules
make, and the report gives precision, recall and F1 per detector, overall and per file. A file
without a ``detector`` column is run and counted, not scored.

Some publishers' ``none`` rows are not negatives for every detector: every row of the CFPB
complaint database is a complaint to a regulator, so escalating one is not a false alarm. Such
rows are listed in :data:`LENIENT` and left out of the count (``--strict`` counts them).

``--predictions PATH`` writes one JSON object per row (``source``, ``id``, ``detectors``) so
anyone can score the detectors with their own tools. ``--half even`` (or ``odd``) keeps the rows
whose id is even (odd), to tune concepts on one half of a file and check them on the other.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TextIO

from .config import RulesFile
from .errors import ConfigError, LoyaltyError
from .pluginconfig import MODE_SETTING, validate_table
from .plugins import escalate_to_supervisor, flag_struggling_payer, suggest_bill_credit
from .signals.compute import SignalsConfig
from .signals.detectors import DETECTORS, DetectorConfig, detect

__all__ = [
    "LENIENT",
    "Counts",
    "EvalReport",
    "FileReport",
    "Miss",
    "Row",
    "config_from_rules",
    "in_half",
    "lenient_labels",
    "load_config",
    "load_rows",
    "main",
    "run_eval",
]

# source -> detector -> labels whose rows do not count as false alarms for that detector. A
# source named after one of these with a suffix ("cfpb_complaints_style1": narratives written in
# the same form) is treated the same.
LENIENT: Mapping[str, Mapping[str, frozenset[str]]] = {
    "cfpb_complaints": {"escalate": frozenset({"none"})},
}


def lenient_labels(source: str, detector: str) -> frozenset[str]:
    """The labels of ``source`` whose rows do not count against ``detector`` (:data:`LENIENT`)."""
    for name, by_detector in LENIENT.items():
        if source == name or source.startswith(name + "_"):
            return by_detector.get(detector, frozenset())
    return frozenset()


_RULES = {
    "escalate_to_supervisor": escalate_to_supervisor.SETTINGS,
    "suggest_bill_credit": suggest_bill_credit.SETTINGS,
    "flag_struggling_payer": flag_struggling_payer.SETTINGS,
}
csv.field_size_limit(10_000_000)


@dataclass(frozen=True)
class Row:
    """One text to run; ``labels`` is ``None`` when its file has no ``detector`` column."""

    source: str
    id: str
    text: str
    labels: frozenset[str] | None
    label_text: str = ""


@dataclass
class Counts:
    """True and false positives and negatives of one detector; ``ignored`` lenient rows."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    ignored: int = 0

    @property
    def precision(self) -> float | None:
        """TP / (TP + FP), ``None`` when the detector never fired."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        """TP / (TP + FN), ``None`` when no row carries the label."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p and r else None

    def add(self, other: Counts) -> None:
        """Add ``other`` into these counts."""
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.tn += other.tn
        self.ignored += other.ignored


@dataclass(frozen=True)
class Miss:
    """A misclassified row: ``kind`` is ``missed`` (FN) or ``false alarm`` (FP)."""

    path: str
    row: Row
    detector: str
    kind: str
    fired: frozenset[str]


@dataclass
class FileReport:
    """The result of one file."""

    path: str
    rows: int = 0
    labelled: bool = True
    counts: dict[str, Counts] = field(default_factory=lambda: {d: Counts() for d in DETECTORS})
    fired: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DETECTORS, 0))


@dataclass
class EvalReport:
    """Every file's result, the totals over labelled files, and the misclassified rows."""

    files: list[FileReport] = field(default_factory=list)
    totals: dict[str, Counts] = field(default_factory=lambda: {d: Counts() for d in DETECTORS})
    misses: list[Miss] = field(default_factory=list)


def _labels(path: Path, line: int, raw: str) -> frozenset[str]:
    names = {n.strip().lower() for n in raw.replace(";", "|").replace(",", "|").split("|")}
    names.discard("")
    unknown = names - set(DETECTORS) - {"none"}
    if unknown:
        raise ConfigError(
            f"{path}:{line} detector",
            f"{', '.join(sorted(unknown))} is not a detector",
            f"use {', '.join(DETECTORS)} or none, several separated by |",
        )
    return frozenset(names - {"none"})


def load_rows(path: Path) -> list[Row]:
    """The rows of one CSV file (see the module docstring for the columns)."""
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            columns = set(reader.fieldnames or ())
            if "text" not in columns:
                raise ConfigError(
                    str(path), "has no text column", "add a header line: source,id,text,detector"
                )
            labelled = "detector" in columns
            return [
                Row(
                    source=(record.get("source") or path.stem).strip(),
                    id=(record.get("id") or str(number)).strip(),
                    text=record["text"] or "",
                    labels=_labels(path, number + 1, record["detector"] or "")
                    if labelled
                    else None,
                    label_text=record.get("original_label") or "",
                )
                for number, record in enumerate(reader, start=1)
            ]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ConfigError(str(path), f"cannot be read ({exc})", "pass a UTF-8 CSV file") from exc


_DIGITS = re.compile(r"\d+")


def in_half(row_id: str, half: str) -> bool:
    """Whether ``row_id`` belongs to the ``even`` or ``odd`` half.

    The parity of the id's last number decides; an id without digits is hashed (CRC-32), so
    every id lands in exactly one half, the same one on every run.
    """
    numbers = _DIGITS.findall(row_id)
    value = int(numbers[-1]) if numbers else zlib.crc32(row_id.encode("utf-8"))
    return (value % 2 == 0) == (half == "even")


def config_from_rules(rules_file: RulesFile) -> DetectorConfig:
    """The detector configuration of a loaded rules file: signals and the rules' thresholds."""
    signals = SignalsConfig.from_rules(rules_file)
    settings = {
        name: validate_table(name, (MODE_SETTING, *declared), rules_file.table_for(name))
        for name, declared in _RULES.items()
    }
    return DetectorConfig.from_settings(signals, settings)


def load_config(rules: Path | None) -> DetectorConfig:
    """The detector configuration of a rules file (``None``: the built-in defaults)."""
    return DetectorConfig() if rules is None else config_from_rules(RulesFile.load(rules))


def _score(
    path: Path,
    rows: Sequence[Row],
    config: DetectorConfig,
    report: EvalReport,
    strict: bool,
    predictions: TextIO | None,
) -> FileReport:
    result = FileReport(str(path), rows=len(rows), labelled=all(r.labels is not None for r in rows))
    for row in rows:
        fired = frozenset(detect(row.text, config))
        if predictions is not None:
            record = {"source": row.source, "id": row.id, "detectors": sorted(fired)}
            predictions.write(json.dumps(record) + "\n")
        for detector in DETECTORS:
            result.fired[detector] += detector in fired
            if row.labels is None:
                continue
            counts, truth, hit = result.counts[detector], detector in row.labels, detector in fired
            lenient = lenient_labels(row.source, detector)
            if hit and not truth and not strict and (row.labels or {"none"}) <= lenient:
                counts.ignored += 1
            elif hit and truth:
                counts.tp += 1
            elif hit:
                counts.fp += 1
                report.misses.append(Miss(str(path), row, detector, "false alarm", fired))
            elif truth:
                counts.fn += 1
                report.misses.append(Miss(str(path), row, detector, "missed", fired))
            else:
                counts.tn += 1
    return result


def _fmt(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.3f}"


def _table(counts: Mapping[str, Counts], out: TextIO, indent: str = "") -> None:
    out.write(
        f"{indent}{'detector':<9} {'precision':>9} {'recall':>7} {'F1':>6} "
        f"{'TP':>5} {'FP':>5} {'FN':>5} {'ignored':>8}\n"
    )
    for name, c in counts.items():
        out.write(
            f"{indent}{name:<9} {_fmt(c.precision):>9} {_fmt(c.recall):>7} {_fmt(c.f1):>6} "
            f"{c.tp:>5} {c.fp:>5} {c.fn:>5} {c.ignored:>8}\n"
        )


def _print(report: EvalReport, out: TextIO, strict: bool, show_errors: bool) -> None:
    rows = sum(f.rows for f in report.files)
    out.write(f"{len(report.files)} file(s), {rows} rows")
    out.write(
        " (strict: every row counts)\n"
        if strict
        else " (lenient: a complaint database's 'none' rows do not count against escalate)\n"
    )
    if any(f.labelled for f in report.files):
        out.write("\nAll labelled files\n")
        _table(report.totals, out, "  ")
    for result in report.files:
        out.write(f"\n{result.path} ({result.rows} rows)\n")
        if result.labelled:
            _table(result.counts, out, "  ")
        else:
            fired = ", ".join(f"{d} {n}" for d, n in result.fired.items())
            out.write(f"  no labels: fired {fired}\n")
    if show_errors and report.misses:
        out.write("\nMisclassified rows\n")
        for miss in sorted(report.misses, key=lambda m: (m.detector, m.kind, m.path)):
            text = " ".join(miss.row.text.split())
            text = text if len(text) <= 160 else text[:159] + "…"
            fired = ",".join(sorted(miss.fired)) or "-"
            out.write(
                f"  {miss.detector:<8} {miss.kind:<11} {miss.row.source}:{miss.row.id} "
                f"[{miss.row.label_text[:40]}] fired={fired}: {text}\n"
            )


def run_eval(
    paths: Iterable[Path],
    *,
    config: DetectorConfig | SignalsConfig | None = None,
    show_errors: bool = False,
    predictions: Path | None = None,
    out: TextIO | None = None,
    strict: bool = False,
    half: str | None = None,
) -> EvalReport:
    """Run the detectors over ``paths``, print the report to ``out`` (stdout) and return it.

    ``config`` is best a :class:`DetectorConfig` (:func:`config_from_rules`), which carries the
    rules' thresholds; a bare :class:`SignalsConfig` runs the rules at their default thresholds.
    ``half`` (``"even"`` or ``"odd"``) keeps only the rows of that half (:func:`in_half`).
    """
    if isinstance(config, SignalsConfig):
        config = DetectorConfig(signals=config)
    config = config or DetectorConfig()
    out = out if out is not None else sys.stdout
    report = EvalReport()
    files = [(Path(p), load_rows(Path(p))) for p in paths]
    if half is not None:
        if half not in ("even", "odd"):
            raise ConfigError("--half", f"{half!r} is not a half", "use even or odd")
        files = [(p, [r for r in rows if in_half(r.id, half)]) for p, rows in files]
    sink = predictions.open("w", encoding="utf-8") if predictions is not None else None
    try:
        for path, rows in files:
            result = _score(path, rows, config, report, strict, sink)
            report.files.append(result)
            if result.labelled:
                for detector, counts in result.counts.items():
                    report.totals[detector].add(counts)
    finally:
        if sink is not None:
            sink.close()
    _print(report, out, strict, show_errors)
    return report


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``eval``, shared by the CLI and ``python -m helpdesk_loyalty.evaluation``."""
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument(
        "--rules",
        type=Path,
        default=None,
        help="rules file whose thresholds to use (default: HL_RULES_FILE for the command, the "
        "built-in defaults for python -m helpdesk_loyalty.evaluation)",
    )
    parser.add_argument("--errors", action="store_true", help="list the misclassified rows")
    parser.add_argument(
        "--predictions",
        type=Path,
        default=None,
        metavar="PATH",
        help="write one JSON object per row: source, id, detectors",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="count every row, including complaint databases' 'none' rows",
    )
    parser.add_argument(
        "--half",
        choices=("even", "odd"),
        default=None,
        help="keep only the rows whose id is even (odd): tune on one half, check on the other",
    )
    parser.add_argument(
        "--phrases-only",
        action="store_true",
        help="decide from the phrase concepts alone, without the text model (as [signals] "
        "text_model = false)",
    )


def run_from_args(args: argparse.Namespace, default: DetectorConfig | None = None) -> int:
    """Run ``eval`` as parsed by :func:`add_arguments`; 2 with a message on bad input.
    ``default`` is the configuration when no ``--rules`` is given (built-in defaults)."""
    try:
        config = load_config(args.rules) if args.rules else default or DetectorConfig()
        if args.phrases_only:
            config = replace(config, signals=replace(config.signals, text_model=False))
        run_eval(
            args.files,
            config=config,
            show_errors=args.errors,
            predictions=args.predictions,
            strict=args.strict,
            half=args.half,
        )
    except LoyaltyError as exc:
        print(f"helpdesk-loyalty eval: {exc}", file=sys.stderr)
        return 2
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m helpdesk_loyalty.evaluation FILE...``; exit code 2 on bad input."""
    parser = argparse.ArgumentParser(
        prog="helpdesk-loyalty eval",
        description="Measure the rule detectors on labelled CSV files.",
    )
    add_arguments(parser)
    return run_from_args(parser.parse_args(argv))


if __name__ == "__main__":
    raise SystemExit(main())
