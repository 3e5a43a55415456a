"""Rendering the internal note an agent reads, for each helpdesk's note format.

The note is short and scannable: per rule, what happened (the evidence), the suggested actions
and guidance; then ONE set of suggested words to the customer for the whole ticket, and the
decision marker. Zendesk takes ``html_body`` on a comment and Freshdesk an HTML ``body``; both
share :func:`render_html`. :func:`render_text` is for plain-text consumers (the CLI,
``receive``).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from .update import Note, NoteSection, marker_for

__all__ = ["customer_words", "render_html", "render_text"]

# The built-in rules suggest words in four beats: acknowledge, apologise, act, follow up.
_BEATS = 4


def _unique(lines: Sequence[str]) -> list[str]:
    seen: list[str] = []
    for line in lines:
        if line and line not in seen:
            seen.append(line)
    return seen


def customer_words(sections: Sequence[NoteSection]) -> list[str]:
    """One set of suggested words for every rule that matched.

    When each rule suggests the four beats, the customer hears each acknowledgement and each
    action once, but one apology and one follow-up (the first rule's: rules are in precedence
    order); otherwise the lines are joined without repeats.
    """
    replies = [list(s.reply) for s in sections if s.reply]
    if not replies:
        return []
    if len(replies) == 1 or any(len(r) != _BEATS for r in replies):
        return _unique([line for reply in replies for line in reply])
    acknowledge = _unique([r[0] for r in replies])
    act = _unique([r[2] for r in replies])
    return [*acknowledge, replies[0][1], *act, replies[0][3]]


def render_text(note: Note) -> str:
    """The note as plain text."""
    lines = [note.title]
    for section in note.sections:
        lines.append("")
        lines.append(f"■ {section.headline}")
        if section.evidence:
            lines.append("What happened: " + "; ".join(section.evidence))
        lines.extend(f"  → {action}" for action in section.actions)
        lines.extend(f"  ! {line}" for line in section.guidance)
    words = customer_words(note.sections)
    if words:
        lines.append("")
        lines.append("Suggested words to the customer:")
        lines.extend(f"  “{line}”" for line in words)
    lines.append("")
    lines.append(marker_for(note.decision_id))
    return "\n".join(lines)


def _items(lines: Sequence[str]) -> str:
    return "<ul>" + "".join(f"<li>{escape(line)}</li>" for line in lines) + "</ul>"


def render_html(note: Note) -> str:
    """The note as the small HTML subset both Zendesk and Freshdesk render."""
    parts = [f"<p><strong>{escape(note.title)}</strong></p>"]
    for section in note.sections:
        parts.append(f"<p><strong>{escape(section.headline)}</strong></p>")
        if section.evidence:
            evidence = "; ".join(escape(e) for e in section.evidence)
            parts.append(f"<p><em>What happened:</em> {evidence}</p>")
        if section.actions:
            parts.append(f"<p><em>Suggested actions:</em></p>{_items(section.actions)}")
        if section.guidance:
            parts.append(f"<p><em>Guidance:</em></p>{_items(section.guidance)}")
    words = customer_words(note.sections)
    if words:
        parts.append(f"<p><em>Suggested words to the customer:</em></p>{_items(words)}")
    parts.append(f"<p><small>{escape(marker_for(note.decision_id))}</small></p>")
    return "".join(parts)
