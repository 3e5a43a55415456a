"""Plain text from the HTML both helpdesks store, and HTML from plain text."""

from __future__ import annotations

from html import escape
from html.parser import HTMLParser

__all__ = ["html_to_text", "text_to_html"]

_BREAKS = {"p", "div", "br", "li", "ul", "ol", "tr", "h1", "h2", "h3", "h4", "blockquote"}


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(html: str) -> str:
    """The text of ``html``: tags dropped, entities decoded, blank runs collapsed."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    lines = [line.strip() for line in "".join(collector.parts).splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def text_to_html(text: str, *, wrapper: str = "div") -> str:
    """``text`` as HTML paragraphs inside one ``wrapper`` element."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()] or [""]
    body = "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return f"<{wrapper}>{body}</{wrapper}>"
