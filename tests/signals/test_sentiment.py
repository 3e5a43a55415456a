"""Sentiment: VADER per sentence, averaged; failures and sarcasm never read as good news."""

from __future__ import annotations

from helpdesk_loyalty.signals import PhraseMatch
from helpdesk_loyalty.signals.compute import text_signals
from helpdesk_loyalty.signals.sentiment import analyser, sentence_score, sentiment

DOUBLE = PhraseMatch("billing_error", "double_charge", "charged twice")


def test_sarcasm_around_a_failure_is_mirrored_negative() -> None:
    raw = analyser().polarity_scores("great, charged twice again")["compound"]
    assert raw > 0
    assert sentence_score("great, charged twice again", [DOUBLE]) == -raw


def test_a_failure_sentence_scores_at_most_the_ceiling() -> None:
    assert sentence_score("I was charged twice", [DOUBLE]) == -0.4
    assert sentence_score("I was charged twice", [DOUBLE], failure_ceiling=-0.7) == -0.7


def test_sarcastic_idioms_are_negative_without_a_failure_phrase() -> None:
    assert sentence_score("Thanks for nothing.") < 0
    assert sentence_score("Thanks, that fixed it!") > 0


def test_courtesy_sentences_do_not_dilute_a_complaint() -> None:
    with_thanks = text_signals("My invoice is wrong again. Thanks!").sentiment
    without = text_signals("My invoice is wrong again.").sentiment
    assert with_thanks == without < 0


def test_service_words_vader_lacks_are_negative() -> None:
    assert sentence_score("Absolutely disgraceful service.") < -0.5
    assert sentence_score("The app is unusable.") < 0


def test_sentences_without_opinion_are_left_out_of_the_mean() -> None:
    pairs = [("The sky is blue.", ()), ("This is awful.", ())]
    assert sentiment(pairs) == round(analyser().polarity_scores("This is awful.")["compound"], 4)
    assert sentiment([("The sky is blue.", ())]) == 0.0


def test_text_sentiment_of_the_issue_example_is_negative() -> None:
    signals = text_signals("Great, charged twice again. Third time this year!")
    assert signals.sentiment < -0.4
    assert signals.has("billing_error")
