"""Freshdesk's ``{{triggered_event}}`` placeholder, which renders in a JSON-like form that is
not JSON: ``{ticket_action:created}``, ``{status:{from:4,to:6}}``, ``{priority:{from:1,to:3}}``,
``{note_type:private}`` (keys and values unquoted; seen in Zulip's Freshdesk fixtures). Only the
first change that matched the rule appears, so a rule that fires on a status and a priority
change at once reports just one of them.
"""

from __future__ import annotations

from typing import Any

from ...errors import PayloadError

__all__ = ["parse_triggered_event"]

_MAX_DEPTH = 8


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def fail(self, problem: str) -> PayloadError:
        return PayloadError(
            f"triggered_event is not in Freshdesk's {{key:value}} form ({problem} at character "
            f"{self.pos + 1} of {self.text[:120]!r})"
        )

    def skip_space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def peek(self) -> str:
        self.skip_space()
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def expect(self, char: str) -> None:
        if self.peek() != char:
            found = self.peek() or "the end"
            raise self.fail(f"expected {char!r}, found {found!r}")
        self.pos += 1

    def token(self, stops: str) -> str:
        self.skip_space()
        start = self.pos
        while self.pos < len(self.text) and self.text[self.pos] not in stops:
            self.pos += 1
        return self.text[start : self.pos].strip().strip("\"'")

    def value(self, depth: int) -> Any:
        if self.peek() == "{":
            return self.obj(depth + 1)
        return self.token(",}")

    def obj(self, depth: int) -> dict[str, Any]:
        if depth > _MAX_DEPTH:
            raise self.fail("nested too deeply")
        self.expect("{")
        result: dict[str, Any] = {}
        if self.peek() == "}":
            self.pos += 1
            return result
        while True:
            key = self.token(":,{}")
            if not key:
                raise self.fail("expected a key")
            self.expect(":")
            result[key] = self.value(depth)
            if self.peek() == ",":
                self.pos += 1
                continue
            self.expect("}")
            return result


def parse_triggered_event(text: str) -> dict[str, Any]:
    """The rendered ``{{triggered_event}}`` as nested dicts of strings.

    >>> parse_triggered_event("{status:{from:4,to:6}}")
    {'status': {'from': '4', 'to': '6'}}

    :raises PayloadError: the text is not in that form; the message shows where it broke.
    """
    reader = _Reader(text)
    result = reader.obj(0)
    if reader.peek():
        raise reader.fail("unexpected text after the closing brace")
    return result
