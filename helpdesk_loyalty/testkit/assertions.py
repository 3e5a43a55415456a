"""Assertions on what a rule decided and on what the ticket shows, with messages that say what
was there instead."""

from __future__ import annotations

from collections.abc import Iterable

from ..actions import AddNote, AddTags, AssignGroup, RuleResult, SetPriority, describe_action
from ..decide import Decision
from ..notes import render_text
from .service import EngineOutcome
from .shows import TicketShows

__all__ = ["assert_decision", "assert_result", "assert_ticket_shows"]


def _words(value: str | Iterable[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def assert_result(
    result: RuleResult | None,
    *,
    matched: bool | None = None,
    tags: Iterable[str] = (),
    group: str | None = None,
    priority: str | None = None,
    text_contains: str | Iterable[str] = (),
) -> None:
    """Check one rule's result (from ``run_rule``). ``text_contains`` looks in the summary,
    the reason, the evidence, the notes and the suggested reply."""
    if matched is not None:
        got = result is not None and result.matched
        why = "returned None" if result is None else (result.summary or result.reason or "-")
        assert got == matched, f"expected matched={matched}, got matched={got} ({why})"
    actions = result.actions if result else ()
    planned = [describe_action(a) for a in actions]
    added = {t for a in actions if isinstance(a, AddTags) for t in a.tags}
    missing = [t for t in tags if t not in added]
    assert not missing, f"tags {missing} not among the actions: {planned or 'none'}"
    if group is not None:
        groups = [a.group_id for a in actions if isinstance(a, AssignGroup)]
        assert group in groups, f"no route to group {group!r}; actions: {planned or 'none'}"
    if priority is not None:
        priorities = [a.priority for a in actions if isinstance(a, SetPriority)]
        assert priority in priorities, f"no priority {priority!r}; actions: {planned or 'none'}"
    if result is not None:
        text = "\n".join(
            [result.summary, result.reason, *(e.text for e in result.evidence), *result.reply]
            + [a.text for a in actions if isinstance(a, AddNote)]
        )
    else:
        text = ""
    for words in _words(text_contains):
        assert words in text, f"{words!r} not in the result's text:\n{text or '(empty)'}"


def assert_decision(
    decision: Decision | EngineOutcome,
    *,
    rule: str | None = None,
    matched: bool | None = None,
    status: str | None = None,
    tags: Iterable[str] = (),
    note_contains: str | Iterable[str] = (),
    group: str | None = None,
    priority: str | None = None,
    writes: bool | None = None,
) -> None:
    """Check a decision (or a ``run_engine`` outcome's): ``rule``'s run (``matched``, or its
    exact ``status``: ``matched``, ``not_matched``, ``repeat``, ``error``, ``timeout``,
    ``quarantined``, ``off``) and the one update planned for the ticket (tags added, words in
    the internal note, the group and priority set, whether anything is written at all)."""
    decided = decision.decision if isinstance(decision, EngineOutcome) else decision
    runs = {r.rule: r for r in decided.runs}
    if rule is not None:
        assert rule in runs, f"rule {rule!r} did not run; the rules that ran: {sorted(runs)}"
        run = runs[rule]
        detail = run.error or (run.result.summary or run.result.reason if run.result else "")
        if matched is not None:
            assert (run.status == "matched") == matched, (
                f"expected {rule} matched={matched}, its status is {run.status} ({detail or '-'})"
            )
        if status is not None:
            assert run.status == status, f"expected {rule} {status}, got {run.status} ({detail})"
    update = decided.plan.update
    if writes is not None:
        assert (update is not None) == writes, f"expected writes={writes}, planned: {update}"
    wanted = list(tags)
    if wanted or note_contains or group is not None or priority is not None:
        assert update is not None, "nothing is planned for the ticket"
        missing = [t for t in wanted if t not in update.add_tags]
        assert not missing, f"tags {missing} not planned; planned tags: {list(update.add_tags)}"
        note = render_text(update.note) if update.note is not None else ""
        for words in _words(note_contains):
            assert words in note, f"{words!r} not in the planned note:\n{note or '(no note)'}"
        if group is not None:
            assert update.group_id == group, f"planned group {update.group_id}, not {group}"
        if priority is not None:
            assert update.priority == priority, (
                f"planned priority {update.priority}, not {priority}"
            )


def assert_ticket_shows(
    shows: TicketShows | EngineOutcome,
    *,
    tags: Iterable[str] = (),
    no_tags: Iterable[str] = (),
    note_contains: str | Iterable[str] = (),
    group: str | None = None,
    priority: str | None = None,
) -> None:
    """Check what the sandbox ticket shows an agent: tags present and absent, words in an
    internal note, the group (its name or id) and the priority."""
    ticket = shows.ticket if isinstance(shows, EngineOutcome) else shows
    missing = [t for t in tags if t not in ticket.tags]
    assert not missing, (
        f"ticket {ticket.ticket_id} lacks tags {missing}; it has {list(ticket.tags)}"
    )
    present = [t for t in no_tags if t in ticket.tags]
    assert not present, f"ticket {ticket.ticket_id} has tags {present}"
    for words in _words(note_contains):
        assert words in ticket.note, (
            f"{words!r} not in the ticket's notes:\n{ticket.note or '(none)'}"
        )
    if group is not None:
        assert group in (ticket.group, ticket.group_id), (
            f"ticket {ticket.ticket_id} is in group {ticket.group} ({ticket.group_id}), not {group}"
        )
    if priority is not None:
        assert ticket.priority == priority, f"ticket priority is {ticket.priority}, not {priority}"
