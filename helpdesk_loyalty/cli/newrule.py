"""``new-rule NAME``: scaffold an installable rule plugin package (see
:mod:`helpdesk_loyalty.scaffold`)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..scaffold import render_plugin

__all__ = ["register"]


def register(sub: Any) -> None:
    p = sub.add_parser(
        "new-rule",
        help="scaffold a rule plugin package: pyproject, rule module, test, README",
        description="Create DIR/NAME: an installable plugin package whose entry point "
        "registers the rule NAME, with a test that uses the testing kit. Refuses to "
        "overwrite an existing folder.",
    )
    p.add_argument("name", metavar="NAME", help="the rule's name, e.g. enterprise_invoice")
    p.add_argument(
        "--dir", type=Path, default=Path("."), help="where to create the package (default: .)"
    )
    p.set_defaults(run=_new_rule)


def _new_rule(args: argparse.Namespace) -> int:
    root, written = render_plugin(args.name, args.dir)
    print(f"created {root}/")
    for path in written:
        print(f"  {path.relative_to(root)}")
    print(f"\nnext:\n  pip install -e {root}\n  (cd {root} && pytest)\n  helpdesk-loyalty plugins")
    return 0
