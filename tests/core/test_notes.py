"""The note an agent reads: one set of words to the customer, however many rules matched."""

from __future__ import annotations

from helpdesk_loyalty.notes import customer_words, render_html, render_text
from helpdesk_loyalty.update import Note, NoteSection, find_marker

ESCALATE = NoteSection(
    "escalate_to_supervisor",
    "Customer at risk",
    ("'charged twice'", "3rd contact in 7 days"),
    ("Routed to Supervisors",),
    (
        "I can see this is the 3rd time you've contacted us.",
        "I'm sorry.",
        "A supervisor has taken charge of this.",
        "We'll check back within 3 days.",
    ),
    ("Own the fix; no excuses.",),
)
CREDIT = NoteSection(
    "suggest_bill_credit",
    "Billed twice",
    ("'charged twice'",),
    ("Suggested credit: USD 20.00",),
    (
        "You were charged twice, and that's our mistake.",
        "I'm sorry for the trouble.",
        "A colleague will review a credit for the inconvenience.",
        "We'll check your next bill.",
    ),
)


def test_two_rules_give_one_apology_one_follow_up_and_both_acknowledgements_and_actions() -> None:
    assert customer_words([ESCALATE, CREDIT]) == [
        "I can see this is the 3rd time you've contacted us.",
        "You were charged twice, and that's our mistake.",
        "I'm sorry.",
        "A supervisor has taken charge of this.",
        "A colleague will review a credit for the inconvenience.",
        "We'll check back within 3 days.",
    ]


def test_rendered_notes_carry_evidence_actions_guidance_words_and_the_marker() -> None:
    note = Note("01TESTDECISION00000000000A", (ESCALATE, CREDIT))
    text = render_text(note)
    assert text.count("Suggested words to the customer:") == 1
    assert "What happened: 'charged twice'; 3rd contact in 7 days" in text
    assert "→ Suggested credit: USD 20.00" in text and "! Own the fix; no excuses." in text
    html = render_html(note)
    assert html.count("Suggested words to the customer") == 1 and "<em>Guidance:</em>" in html
    assert find_marker(html) == find_marker(text) == "01TESTDECISION00000000000A"
    assert "<script>" not in render_html(
        Note("01TESTDECISION00000000000A", (NoteSection("r", "<script>alert(1)</script>"),))
    )
