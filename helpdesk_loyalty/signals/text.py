"""Cleaning customer text before anything reads it: HTML, quoted earlier messages, signatures.

A ticket comment often carries more than the customer's new words: the HTML of the mail client,
the whole earlier thread under "On Monday, Support wrote:", a signature, "Sent from my iPhone".
Phrase detectors and sentiment must read only what the customer just wrote, or an agent's
apology quoted back ("we're sorry you were charged twice") would count as a new complaint.

:func:`clean_text` does that; :func:`split_sentences` and :func:`tokens` give the units the
phrase detectors and the sentiment work on.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

__all__ = ["clean_text", "normalise", "split_sentences", "strip_html", "strip_quoted"]

_BLOCK_TAGS = frozenset({"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "hr"})
_DROP_TAGS = frozenset({"script", "style", "head", "title", "blockquote"})
# Mail clients wrap the quoted thread in these (Gmail, Yahoo, Outlook web, Apple Mail).
_QUOTE_CLASSES = ("gmail_quote", "yahoo_quoted", "moz-cite-prefix", "divrplyfwdmsg", "quote")
_VOID_TAGS = frozenset({"br", "hr", "img", "input", "meta", "link", "wbr", "col", "area", "base"})


class _TextExtractor(HTMLParser):
    """Collects visible text, with line breaks at block elements, skipping quoted blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0
        self._stack: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag in _VOID_TAGS:
            return
        marker = " ".join(v or "" for k, v in attrs if k in ("class", "id")).lower()
        skip = tag in _DROP_TAGS or any(q in marker for q in _QUOTE_CLASSES)
        self._stack.append(skip)
        if skip:
            self._skip_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag in _VOID_TAGS or not self._stack:
            return
        if self._stack.pop():
            self._skip_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._skip_depth == 0:
            self.parts.append(data)


_TAG_RE = re.compile(r"<\s*/?\s*[a-zA-Z][a-zA-Z0-9]*(\s[^<>]*)?/?\s*>")


def strip_html(text: str) -> str:
    """Visible text of an HTML fragment; quoted blocks (``<blockquote>``, Gmail quotes) dropped.

    Text without tags is returned unchanged apart from entity decoding.
    """
    if not _TAG_RE.search(text):
        return unescape(text)
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


# A line that starts the quoted earlier thread: everything from it on is not the new message.
_THREAD_START = re.compile(
    r"""^\s*(
        on\s.{3,200}\b(wrote|schrieb|a\s+écrit|escribió)\s*:?\s*$   # Gmail, Apple Mail
      | -{2,}\s*original\s+message\s*-{2,}                       # Outlook, Lotus
      | -{2,}\s*forwarded\s+message\s*-{2,}
      | begin\s+forwarded\s+message\s*:
      | _{10,}\s*$                                               # Outlook separator
      | from:\s.+$                                               # header block of a reply
      | \#\#-\s*please\s+type\s+your\s+reply\s+above\s+this\s+line  # Zendesk mail
      | -{4}\s*on\s.+wrote\s*-{4}                                # Zoho / Freshdesk
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_WROTE_TAIL = re.compile(r"^\s*.{0,120}\bwrote\s*:\s*$", re.IGNORECASE)
_SIGNATURE_START = re.compile(
    r"""^\s*(
        --\s*$                                                   # RFC 3676 signature separator
      | sent\s+from\s+my\s+\w+                                   # Sent from my iPhone
      | get\s+outlook\s+for\s+\w+
      | (best|kind|warm|many)?\s*(regards|wishes|thanks|cheers|sincerely|best)\s*,?\s*$
      | thank\s+you\s*,\s*$
    )""",
    re.IGNORECASE | re.VERBOSE,
)


def strip_quoted(text: str) -> str:
    """Drop quoted lines (``>``), the earlier thread under a reply header, and the signature.

    A sign-off ("Regards,", "Thanks,") only ends the message when it sits in the last few
    lines, so "Thanks, but it is still down" in the middle of a message stays.
    """
    lines = text.splitlines()
    kept: list[str] = []
    for index, line in enumerate(lines):
        if line.lstrip().startswith(">"):
            continue
        if _THREAD_START.match(line):
            break
        # "On Mon, 3 Mar 2025 at 10:00, Support <help@example.com>" + "wrote:" on the next line.
        nxt = lines[index + 1] if index + 1 < len(lines) else ""
        if line.strip().lower().startswith("on ") and _WROTE_TAIL.match(nxt):
            break
        remaining = [rest for rest in lines[index + 1 :] if rest.strip()]
        if _SIGNATURE_START.match(line) and len(remaining) <= 6:
            break
        kept.append(line)
    return "\n".join(kept)


_APOSTROPHES = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " ", "\u2212": "-"}
)
# Some exports tokenise contractions apart ("did n't", "I 'm"); join them again.
_SPLIT_CONTRACTION = re.compile(r"(\w) (n't|'m|'re|'s|'ve|'ll|'d)\b", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\f\v]+")
# Template placeholders ("{{Order Number}}") read as their words; a redacted export's braced
# amounts ("{$40.00}") as plain amounts.
_PLACEHOLDER = re.compile(r"\{\{\s*([^{}]{1,60}?)\s*\}\}|\{([$£€][\d,.]+)\}")
# Contractions typed without the apostrophe ("hasnt", "im", "cant") are common in chat and on
# phones; the concepts and the negation scope read them with one. Forms that are also everyday
# words ("its", "ill", "were", "id", "well") are left alone.
_BARE_CONTRACTIONS = {
    "dont": "don't",
    "didnt": "didn't",
    "doesnt": "doesn't",
    "isnt": "isn't",
    "arent": "aren't",
    "wasnt": "wasn't",
    "werent": "weren't",
    "hasnt": "hasn't",
    "havent": "haven't",
    "hadnt": "hadn't",
    "cant": "can't",
    "couldnt": "couldn't",
    "wouldnt": "wouldn't",
    "shouldnt": "shouldn't",
    "wont": "won't",
    "im": "I'm",
    "ive": "I've",
    "youre": "you're",
    "theyre": "they're",
    "thats": "that's",
    "whats": "what's",
    "theres": "there's",
}
_BARE = re.compile(r"\b(" + "|".join(_BARE_CONTRACTIONS) + r")\b", re.IGNORECASE)


def _restore(match: re.Match[str]) -> str:
    word = match.group(1)
    fixed = _BARE_CONTRACTIONS[word.lower()]
    return fixed if word[0].islower() or fixed[0] == "I" else fixed[0].upper() + fixed[1:]


def normalise(text: str) -> str:
    """Straight quotes, joined contractions, apostrophes restored ("hasnt" -> "hasn't"),
    placeholders and braced amounts unwrapped, single spaces; line breaks kept."""
    text = text.translate(_APOSTROPHES)
    text = _SPLIT_CONTRACTION.sub(r"\1\2", text)
    text = _BARE.sub(_restore, text)
    if "{" in text:
        text = _PLACEHOLDER.sub(lambda m: m.group(1) or m.group(2), text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def clean_text(raw: str) -> str:
    """The customer's own new words from a comment body: no HTML, quotes or signature."""
    return normalise(strip_quoted(strip_html(raw)))


_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n+")

# Longest sentence the phrase detectors read in one piece. Some patterns look a few words
# around a phrase, so their cost grows faster than the length of what they read: a message of
# 20,000 digits took 2.6 s of CPU in one piece, 0.3 s in pieces. Longer sentences are read in
# clauses. Four of the 9,045 sentences of the labelled sets are longer (CFPB
# narratives, up to 2,348 characters); none of their detectors changed.
MAX_SENTENCE = 800
_CLAUSE_END = re.compile(r"[,;:]\s+|\s+[-\u2013\u2014]\s+")


def split_sentences(text: str) -> list[str]:
    """Sentences of ``text``: split after ``.``, ``!`` or ``?`` and at line breaks; a sentence
    longer than :data:`MAX_SENTENCE` characters is cut at clause marks (or spaces, or anywhere)
    into pieces no longer than that."""
    sentences = [s.strip() for s in _SENTENCE_END.split(text) if s and s.strip()]
    if all(len(s) <= MAX_SENTENCE for s in sentences):
        return sentences
    pieces: list[str] = []
    for sentence in sentences:
        pieces.extend(_clauses(sentence) if len(sentence) > MAX_SENTENCE else [sentence])
    return pieces


def _clauses(sentence: str) -> list[str]:
    """``sentence`` in pieces of at most :data:`MAX_SENTENCE` characters, each cut at the last
    clause mark in reach, else the last space, else at the limit."""
    pieces: list[str] = []
    rest = sentence
    while len(rest) > MAX_SENTENCE:
        window = rest[:MAX_SENTENCE]
        cut = 0
        for mark in _CLAUSE_END.finditer(window):
            cut = mark.end()
        if cut < MAX_SENTENCE // 4:
            cut = window.rfind(" ") + 1
        if cut < MAX_SENTENCE // 4:
            cut = MAX_SENTENCE
        piece = rest[:cut].strip()
        if piece:
            pieces.append(piece)
        rest = rest[cut:]
    if rest.strip():
        pieces.append(rest.strip())
    return pieces
