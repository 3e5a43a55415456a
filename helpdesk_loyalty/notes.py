"""Rendering the internal note an agent reads, for each helpdesk's note format.

The note is short and scannable: per rule, what happened, the evidence, the suggested actions and
suggested words to the customer; then the decision marker. Zendesk takes ``html_body`` on a
comment and Freshdesk an HTML ``body``; both share :func:`render_html`. :func:`render_text` is
for plain-text consumers (the CLI, ``receive``, logs of what would be written).
"""

from __future__ import annotations

from html import escape

from .update import Note, marker_for

__all__ = ["render_html", "render_text"]


def render_text(note: Note) -> str:
    """The note as plain text."""
    lines = [note.title]
    for section in note.sections:
        lines.append("")
        lines.append(f"■ {section.headline}")
        if section.evidence:
            lines.append("What happened: " + "; ".join(section.evidence))
        for action in section.actions:
            lines.append(f"  → {action}")
        if section.reply:
            lines.append("Suggested words:")
            lines.extend(f"  “{line}”" for line in section.reply)
        lines.extend(f"  ! {line}" for line in section.guidance)
    lines.append("")
    lines.append(marker_for(note.decision_id))
    return "\n".join(lines)


def render_html(note: Note) -> str:
    """The note as the small HTML subset both Zendesk and Freshdesk render."""
    parts = [f"<p><strong>{escape(note.title)}</strong></p>"]
    for section in note.sections:
        parts.append(f"<p><strong>{escape(section.headline)}</strong></p>")
        if section.evidence:
            parts.append(
                "<p><em>What happened:</em> "
                + "; ".join(escape(e) for e in section.evidence)
                + "</p>"
            )
        if section.actions:
            items = "".join(f"<li>{escape(a)}</li>" for a in section.actions)
            parts.append(f"<p><em>Suggested actions:</em></p><ul>{items}</ul>")
        if section.reply:
            items = "".join(f"<li>{escape(r)}</li>" for r in section.reply)
            parts.append(f"<p><em>Suggested words to the customer:</em></p><ul>{items}</ul>")
        if section.guidance:
            items = "".join(f"<li>{escape(g)}</li>" for g in section.guidance)
            parts.append(f"<p><em>Tone:</em></p><ul>{items}</ul>")
    parts.append(f"<p><small>{escape(marker_for(note.decision_id))}</small></p>")
    return "".join(parts)
