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
# A tag with a plain name and well-formed attributes: the markup helpdesk editors write. Text
# made only of these tags is read without the parser (about three times faster), with the same
# result; anything else (comments, declarations, scripts, a stray "<") goes to the parser.
_PLAIN_TAG_RE = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z0-9]*)"
    r"(?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?)*"
    r"\s*/?>"
)
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


def _plain_markup(text: str) -> str | None:
    """What :class:`_TextCollector` collects from ``text`` when every ``<`` in it opens a plain
    tag (:data:`_PLAIN_TAG_RE`) other than a skipped one; ``None`` when the parser must read
    it."""
    parts: list[str] = []
    start = 0
    for match in _PLAIN_TAG_RE.finditer(text):
        data = text[start : match.start()]
        if "<" in data:
            return None
        if data:
            parts.append(unescape(data).replace("\r", " ").replace("\n", " "))
        closing, tag = match.group(1), match.group(2).lower()
        if tag in _SKIP_TAGS:
            return None
        if tag in _BLOCK_TAGS:
            parts.append("\n\n")
        elif tag == "br" and not closing:
            parts.append("\n")
        start = match.end()
    rest = text[start:]
    if "<" in rest:
        return None
    if rest:
        parts.append(unescape(rest).replace("\r", " ").replace("\n", " "))
    return "".join(parts)


def _parsed_markup(text: str) -> str:
    collector = _TextCollector()
    collector.feed(text)
    collector.close()
    return "".join(collector.parts)


def looks_like_html(text: str) -> bool:
    """Whether ``text`` contains at least one HTML tag."""
    return _TAG_RE.search(text) is not None


def html_to_text(text: str) -> str:
    """The readable text of ``text``; plain text comes back with only whitespace tidied."""
    if "<" not in text and "&" not in text and "\n" not in text:
        return _SPACES_RE.sub(" ", text).strip()  # one line of plain text: the common case
    if looks_like_html(text):
        plain = _plain_markup(text)
        text = _parsed_markup(text) if plain is None else plain
    elif "&" in text:
        text = unescape(text)
    lines = [_SPACES_RE.sub(" ", line).strip() for line in text.replace("\r\n", "\n").split("\n")]
    return _BLANK_LINES_RE.sub("\n\n", "\n".join(lines)).strip()
