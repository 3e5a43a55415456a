"""``eval FILE...``: precision, recall and F1 of the rule detectors on labelled text.

The options are :func:`helpdesk_loyalty.evaluation.add_arguments`'s; without ``--rules`` the
thresholds come from the service's rules file (``HL_RULES_FILE``).
"""

from __future__ import annotations

import argparse
from typing import Any

__all__ = ["register"]


def register(sub: Any) -> None:
    from ..evaluation import add_arguments

    p = sub.add_parser(
        "eval",
        help="score the rule detectors on labelled CSV files",
        description="Run the detectors over CSV files with columns source, id, text "
        "and optionally detector (escalate, credit, flex, none).",
    )
    add_arguments(p)
    p.set_defaults(run=_eval)


def _eval(args: argparse.Namespace) -> int:
    from ..config import Settings
    from ..evaluation import config_from_rules, run_from_args
    from ..runtime import load_rules_file

    return run_from_args(args, config_from_rules(load_rules_file(Settings.from_env())))
