"""``eval FILE...``: precision, recall and F1 of the rule detectors on labelled text."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ..config import Settings
from ..runtime import load_rules_file

__all__ = ["register"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "eval",
        help="score the rule detectors on labelled CSV files",
        description="Run the detectors over CSV files with columns source, id, text "
        "and optionally detector (escalate, credit, flex, none).",
    )
    p.add_argument("files", nargs="+", type=Path, help="CSV files (the format of shared/eval)")
    p.add_argument("--errors", action="store_true", help="also print the misclassified rows")
    p.add_argument("--predictions", type=Path, help="write one JSON object per row to this file")
    p.add_argument(
        "--strict",
        action="store_true",
        help="count escalations on CFPB 'none' rows (complaints too) as false positives",
    )
    p.set_defaults(run=_eval)


def _eval(args: argparse.Namespace) -> int:
    from ..evaluation import config_from_rules, run_eval

    missing = [str(f) for f in args.files if not f.is_file()]
    if missing:
        print(f"helpdesk-loyalty eval: no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    settings = Settings.from_env()
    config = config_from_rules(load_rules_file(settings))
    run_eval(
        args.files,
        config=config,
        show_errors=args.errors,
        predictions=args.predictions,
        out=sys.stdout,
        strict=args.strict,
    )
    return 0
