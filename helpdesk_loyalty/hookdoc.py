"""The hook reference in ``docs/plugins.md``, rendered from the hook specs' docstrings.

The docstrings in :mod:`helpdesk_loyalty.hookspecs` are the contract; this turns them into
Markdown between two marker lines of the plugin guide, so the guide cannot drift from the code
(a test compares them). ``python -m helpdesk_loyalty.hookdoc docs/plugins.md`` rewrites the
section after a docstring changed.
"""

from __future__ import annotations

import inspect
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import hookspecs

__all__ = ["END", "START", "hook_specs", "render_hook_reference", "update_file"]

START = "<!-- hook-reference:start (generated from hookspecs.py; do not edit by hand) -->"
END = "<!-- hook-reference:end -->"
SECTIONS = ("When", "Sync or async", "Ordering")

_ROLE = re.compile(r":(?:class|func|meth|mod|data|attr|exc):`~?([\w.]+)`")
_LITERAL = re.compile(r"``(.+?)``")
_FIELD = re.compile(r"^:(param (\w+)|returns):\s*(.*)$")


def hook_specs() -> list[Callable[..., Any]]:
    """The hook specifications, in the order ``hookspecs.py`` defines them."""
    marker = f"{hookspecs.PROJECT}_spec"
    specs = [f for f in vars(hookspecs).values() if callable(f) and hasattr(f, marker)]
    return sorted(specs, key=lambda f: inspect.getsourcelines(f)[1])


def _inline(text: str) -> str:
    def role(match: re.Match[str]) -> str:
        return f"`{match.group(1).rsplit('.', 1)[-1]}`"

    return _LITERAL.sub(r"`\1`", _ROLE.sub(role, text))


def _paragraphs(doc: str) -> list[str]:
    """Paragraphs of a docstring, each on one line; ``:param:``/``:returns:`` fields apart."""
    paragraphs: list[str] = []
    for block in inspect.cleandoc(doc).split("\n\n"):
        current: list[str] = []
        for line in block.splitlines():
            if _FIELD.match(line.strip()) and current:
                paragraphs.append(" ".join(current))
                current = []
            current.append(line.strip())
        if current:
            paragraphs.append(" ".join(current))
    return paragraphs


def _signature(spec: Callable[..., Any]) -> str:
    sig = inspect.signature(spec)
    params = ", ".join(f"{p.name}: {p.annotation}" for p in sig.parameters.values())
    return f"{spec.__name__}({params}) -> {sig.return_annotation}"


def _render_one(spec: Callable[..., Any]) -> list[str]:
    summary, *rest = _paragraphs(spec.__doc__ or "")
    lines = [f"### `{spec.__name__}`", "", "```python", _signature(spec), "```", ""]
    lines += [_inline(summary), ""]
    fields = []
    for paragraph in rest:
        field = _FIELD.match(paragraph)
        if field:
            label = f"`{field.group(2)}`" if field.group(2) else "returns"
            fields.append(f"- **{label}**: {_inline(field.group(3))}")
            continue
        if fields:
            lines += [*fields, ""]
            fields = []
        head, sep, tail = paragraph.partition(": ")
        if sep and head in SECTIONS:
            lines += [f"**{head}:** {_inline(tail)}", ""]
        else:
            lines += [_inline(paragraph), ""]
    if fields:
        lines += [*fields, ""]
    return lines


def render_hook_reference() -> str:
    """The Markdown of the hook reference: a summary table, then each hook in full."""
    specs = hook_specs()
    lines = [START, "", "| hook | what it is for |", "| --- | --- |"]
    for spec in specs:
        summary = _inline(_paragraphs(spec.__doc__ or "")[0])
        lines.append(f"| [`{spec.__name__}`](#{spec.__name__}) | {summary} |")
    lines.append("")
    for spec in specs:
        lines += _render_one(spec)
    lines.append(END)
    return "\n".join(lines)


def update_file(path: Path) -> bool:
    """Replace the section between the markers in ``path``; whether the file changed."""
    text = path.read_text(encoding="utf-8")
    head, start, rest = text.partition(START)
    _old, end, tail = rest.partition(END)
    if not start or not end:
        raise SystemExit(f"{path} has no hook reference markers ({START!r} ... {END!r})")
    updated = head + render_hook_reference() + tail
    if updated != text:
        path.write_text(updated, encoding="utf-8")
    return updated != text


if __name__ == "__main__":
    for name in sys.argv[1:] or ["docs/plugins.md"]:
        print(f"{name}: {'updated' if update_file(Path(name)) else 'up to date'}")
