"""Plain text from the HTML helpdesks put in descriptions, comments and notes.

Rules and signals read text, never markup: Freshdesk sends ``{{ticket.description}}`` as HTML and
Zendesk comments may carry ``html_body``. The conversion keeps paragraph and line breaks, drops
scripts and styles, and decodes entities; it never raises on malformed markup.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

__all__ = ["html_to_text", "looks_like_html"]

_BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "li",
        "ul",
        "ol",
        "tr",
        "table",
        "blockquote",
        "pre",
        "section",
        "article",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
    }
)
_SKIP_TAGS = frozenset({"script", "style", "head", "title"})
_TAG_RE = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?\s*>")
_SPACES_RE = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES_RE = re.compile(r"\n{3,}")


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            # Line breaks in HTML source are spaces; only tags break lines.
            self.parts.append(data.replace("\r", " ").replace("\n", " "))


def looks_like_html(text: str) -> bool:
    """Whether ``text`` contains at least one HTML tag."""
    return _TAG_RE.search(text) is not None


def html_to_text(text: str) -> str:
    """The readable text of ``text``; plain text comes back with only whitespace tidied."""
    if "<" not in text and "&" not in text and "\n" not in text:
        return _SPACES_RE.sub(" ", text).strip()  # one line of plain text: the common case
    if looks_like_html(text):
        collector = _TextCollector()
        collector.feed(text)
        collector.close()
        text = "".join(collector.parts)
    elif "&" in text:
        text = unescape(text)
    lines = [_SPACES_RE.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_LINES_RE.sub("\n\n", "\n".join(lines)).strip()
