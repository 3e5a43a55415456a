"""Cleaning customer text: HTML, quoted earlier messages, signatures, sentences."""

from __future__ import annotations

from helpdesk_loyalty.signals.text import (
    clean_text,
    normalise,
    split_sentences,
    strip_html,
    strip_quoted,
)


def test_strip_html_keeps_visible_text_with_line_breaks() -> None:
    html = "<p>Hi,</p><p>I was <b>charged twice</b>&nbsp;for March.</p><br>Anna"
    text = strip_html(html)
    assert "I was charged twice for March." in text.replace("\xa0", " ")
    assert text.count("\n") >= 2
    assert "<" not in text


def test_strip_html_drops_blockquotes_and_gmail_quotes() -> None:
    html = (
        "<div>My invoice is wrong.</div>"
        '<div class="gmail_quote">On Mon, Support wrote:'
        "<blockquote>Sorry you were charged twice.</blockquote></div>"
    )
    text = strip_html(html)
    assert "invoice is wrong" in text
    assert "charged twice" not in text
    assert "Support wrote" not in text


def test_strip_html_leaves_plain_text_alone_but_decodes_entities() -> None:
    assert strip_html("Fish &amp; chips < 5 euros") == "Fish & chips < 5 euros"


def test_strip_quoted_cuts_the_earlier_thread_under_a_reply_header() -> None:
    body = (
        "Still no refund, please check.\n\n"
        "On Tue, 4 Mar 2025 at 09:12, Support <help@example.com>\n"
        "wrote:\n"
        "> We're sorry you were charged twice.\n"
    )
    assert strip_quoted(body).strip() == "Still no refund, please check."


def test_strip_quoted_cuts_outlook_headers_and_signatures() -> None:
    body = (
        "The line is down again.\n"
        "-----Original Message-----\n"
        "From: Support\nSent: Monday\nWe apologise for the outage.\n"
    )
    assert "apologise" not in strip_quoted(body)
    signed = "Please cancel my account.\n--\nJohn Smith\nAcme Ltd\n"
    assert strip_quoted(signed).strip() == "Please cancel my account."
    assert strip_quoted("Fixed, thanks!\nSent from my iPhone").strip() == "Fixed, thanks!"


def test_a_sign_off_in_the_middle_of_a_long_message_is_kept() -> None:
    body = "\n".join(["Thanks,", "but it is still down."] + [f"Detail {n}." for n in range(7)])
    assert "still down" in strip_quoted(body)


def test_normalise_joins_split_contractions_and_straightens_quotes() -> None:
    assert normalise("I did n\u2019t get it , I \u2019m sure") == "I didn't get it , I'm sure"
    assert normalise("  two   spaces \n\n next ") == "two spaces\nnext"


def test_normalise_restores_apostrophes_typed_without_them() -> None:
    assert normalise("data hasnt worked, cant load, im stuck") == (
        "data hasn't worked, can't load, I'm stuck"
    )
    assert normalise("Dont worry, Its fine, my ID is 42") == "Don't worry, Its fine, my ID is 42"


def test_split_sentences_splits_after_punctuation_and_at_line_breaks() -> None:
    text = 'Charged twice! Why?\nPlease fix. "Thanks."'
    assert split_sentences(text) == ["Charged twice!", "Why?", "Please fix.", '"Thanks."']


def test_clean_text_combines_every_step() -> None:
    raw = "<p>Refund still missing.</p><blockquote>We are sorry for the double charge</blockquote>"
    assert clean_text(raw) == "Refund still missing."


def test_a_run_on_sentence_is_read_in_clauses_no_longer_than_the_limit() -> None:
    from helpdesk_loyalty.signals.text import MAX_SENTENCE

    clause = "and then the engineer said it would be fixed by the weekend, "
    run_on = "I waited all week " + clause * 60 + "but I was charged twice"
    pieces = split_sentences(run_on + ". Please help.")
    assert len(pieces) > 2
    assert all(len(p) <= MAX_SENTENCE for p in pieces)
    assert pieces[-1] == "Please help."
    # Cut at clause marks: nothing is lost, no word is cut in two.
    assert " ".join(pieces[:-1]) == run_on + "."
    assert "charged twice" in pieces[-2]


def test_a_sentence_without_spaces_is_cut_at_the_limit() -> None:
    from helpdesk_loyalty.signals.text import MAX_SENTENCE

    digits = "9" * (MAX_SENTENCE * 3 + 5)
    pieces = split_sentences(digits)
    assert [len(p) for p in pieces] == [MAX_SENTENCE] * 3 + [5]


def test_sentences_within_the_limit_are_left_whole() -> None:
    from helpdesk_loyalty.signals.text import MAX_SENTENCE

    long_one = "word " * (MAX_SENTENCE // 5 - 1) + "end."
    assert len(long_one) <= MAX_SENTENCE
    assert split_sentences(long_one) == [long_one]
