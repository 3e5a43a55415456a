"""Small readers the adapters share: Retry-After, quota headers, HTML to text, payload values."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpdesk_loyalty.adapters.htmltext import _parsed_markup, _plain_markup, html_to_text
from helpdesk_loyalty.adapters.payload import is_blank, opt_id, split_tags
from helpdesk_loyalty.adapters.quota import (
    DEFAULT_RETRY_AFTER,
    MAX_RETRY_AFTER,
    MIN_RETRY_AFTER,
    parse_retry_after,
    remaining_quota,
    reset_after,
)
from helpdesk_loyalty.errors import PayloadError

NOW = 1_767_225_600.0  # Thu, 01 Jan 2026 00:00:00 GMT


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("7", 7.0),
        ("2.5", 2.5),
        ("0", MIN_RETRY_AFTER),
        ("-3", MIN_RETRY_AFTER),
        ("999999", MAX_RETRY_AFTER),
        ("Thu, 01 Jan 2026 00:00:30 GMT", 30.0),
        ("Wed, 31 Dec 2025 23:00:00 GMT", MIN_RETRY_AFTER),
        (None, DEFAULT_RETRY_AFTER),
        ("", DEFAULT_RETRY_AFTER),
        ("soon", DEFAULT_RETRY_AFTER),
        ("nan", DEFAULT_RETRY_AFTER),
    ],
)
def test_retry_after(value: str | None, expected: float) -> None:
    assert parse_retry_after(value, NOW) == pytest.approx(expected)


def test_remaining_quota_takes_the_smallest_count() -> None:
    headers = {"x-rate-limit-remaining": "650", "ratelimit-remaining": "3", "x-other": "1"}
    assert remaining_quota(headers) == 3
    assert remaining_quota({"x-ratelimit-remaining": "79"}) == 79
    assert remaining_quota({"x-ratelimit-remaining": "lots"}) is None
    assert remaining_quota({}) is None


def test_reset_after() -> None:
    assert reset_after({"ratelimit-reset": "41"}) == 41.0
    assert reset_after({"ratelimit-reset": "0"}) is None
    assert reset_after({}) is None


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>One</p><p>Two</p>", "One\n\nTwo"),
        ("Line<br>break<br/>here", "Line\nbreak\nhere"),
        ("<div>a\n  b</div>", "a b"),
        ("<script>alert(1)</script><b>bold</b> &amp; &lt;safe&gt;", "bold & <safe>"),
        ("<ul><li>x</li><li>y</li></ul>", "x\n\ny"),
        ("plain\ntext &amp; more", "plain\ntext & more"),
        ("a < b and c > d", "a < b and c > d"),
        ("<p>unclosed <b>tags", "unclosed tags"),
        ("", ""),
    ],
)
def test_html_to_text(html: str, text: str) -> None:
    assert html_to_text(html) == text


# Pieces of markup as helpdesk editors and mail clients write it, and pieces that must go to
# the parser (comments, declarations, scripts, stray angle brackets, odd tag names).
_MARKUP_PIECES = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<P>",
        "<br>",
        "<br/>",
        "<br />",
        "</br>",
        '<div class="x">',
        "</div>",
        "<b>",
        "</b>",
        '<a href="https://e.com/?a=1&amp;b=2">',
        "</a>",
        "<a href=/p/>",
        "<span style='color:red'>",
        '<img src=x alt="a>b"/>',
        "<li>",
        "<hr/>",
        "<td nowrap>",
        "<p/>",
        "<ul\n>",
        "</ul >",
        "<h2 id=t>",
        "&amp;",
        "&lt;",
        "&#13;",
        "&nbsp;",
        "&bogus;",
        "\n",
        "\r\n",
        "  ",
        "charged twice",
        "refund",
        "a > b",
        "<",
        "<!-- c -->",
        "<!DOCTYPE html>",
        "<script>x<p>y</script>",
        "<style>p{}</style>",
        "<title>t</title>",
        "<my-tag>",
        "< p>",
        "<p<b>",
        "</",
        "<?xml?>",
        "<![CDATA[x]]>",
        "<a b='c\"d'>",
        "&",
        "&am",
        "=",
        "'",
        '"',
        "/",
        ">",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_MARKUP_PIECES | st.text(max_size=6), max_size=14))
def test_plain_markup_reads_as_the_parser_does(pieces: list[str]) -> None:
    text = "".join(pieces)
    plain = _plain_markup(text)
    if plain is not None:
        assert plain == _parsed_markup(text)


def test_plain_markup_leaves_the_rest_to_the_parser() -> None:
    assert _plain_markup("<p>Hi <b>there</b><br/>&amp; bye</p>") == "\n\nHi there\n& bye\n\n"
    for text in ["<!-- note --><p>x</p>", "<script>x</script>", "a <p<b> c", "<title>t</title>"]:
        assert _plain_markup(text) is None


@pytest.mark.parametrize("value", [None, "", "  ", "-", "{{ticket.organization.id}}"])
def test_blank_values(value: object) -> None:
    assert is_blank(value)
    assert opt_id(value, "x") is None


def test_ids_come_back_as_strings() -> None:
    assert opt_id(8447388090494, "detail.id") == "8447388090494"
    assert opt_id(" 42 ", "detail.id") == "42"
    for bad in (True, 1.5, "4 2", "12\x003", "7\x7f", ["1"]):
        with pytest.raises(PayloadError, match=r"detail\.id"):
            opt_id(bad, "detail.id")


def test_tags_from_lists_and_strings() -> None:
    assert split_tags("a b  a", "t", separator=None) == ("a", "b")
    assert split_tags("x, y z,,", "t", separator=",") == ("x", "y z")
    assert split_tags(["a", " b "], "t", separator=None) == ("a", "b")
