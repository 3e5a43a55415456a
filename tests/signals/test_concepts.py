"""Concepts in other words: paraphrases the lexicon must read, and polite text it must not."""

from __future__ import annotations

import pytest

from helpdesk_loyalty.signals import Signals
from helpdesk_loyalty.signals.compute import text_signals
from helpdesk_loyalty.signals.detectors import HardshipPolicy, assess_hardship, detect
from helpdesk_loyalty.signals.phrases import find_phrases


def kinds(text: str) -> set[tuple[str, str]]:
    return {(m.category, m.kind) for m in find_phrases(text_signals(text).text)}


@pytest.mark.parametrize(
    "text",
    [
        "You took the payment twice this month.",
        "Hiya, you lot have pinched £34.99 off me twice on the 3rd.",
        "I am seeing two debits of Rs 1,499 for the same recharge on 12th.",
        "Your invoice is $40 more than the price on your website.",
        "The direct debit went out for £64 this month instead of the usual £32.",
        "Our meter reading was estimated at 14,500 but the actual reading is 12,870.",
        "I was promised £10 off per month and it's not been applied.",
        "Your price comparison said £29/month but I'm being billed £34.",
        "We were told installation would be free, yet the invoice includes a £75 charge.",
        "I cancelled in January but you're still taking money from my account.",
        "My late father's account is still being billed.",
        "You've switched me to a more expensive plan without my permission.",
        "I keep getting emails about an overdue invoice but I paid it on the 1st.",
        "My texts say the payment failed, but the money has definitely left my account.",
        "I was charged interest even though I paid the full balance on time.",
        "The money I was owed from the overpayment hasn't come back yet.",
        "I returned the item three weeks ago and I'm still waiting for my money.",
        "Closed the account in May and you've still taken two payments since.",
        "There's a £9.99 add-on on the invoice that shouldn't be there.",
        "You charged me for calls abroad although my bundle includes them.",
        "I was sold a fixed monthly price, please pay back the difference.",
        "I paid for next-day delivery and it took a week.",
        "The TV arrived with a cracked screen.",
        "They sent me the wrong size and I'm still waiting on the $54 refund.",
        "You charged me £80 instead of £40 as agreed.",
        "The TV was delivered DOA.",
        "There's a payment to an online shop I've never even heard of on my card.",
        "A direct debit to some insurer I never signed up with went out on Monday.",
        "what is the £2 that came out of my account last night?",
        "The grocery payment has been processed twice, can you check?",
        "The conversion rate on my hotel bill was awful.",
        "The ATM short changed me by £40.",
        "A fee was taken when I sent money to my brother.",
        "Still no sign of the $60 the airline said it would pay back.",
        "The exact same amount came out on the 2nd and then went again on the 4th.",
        "Can you knock the roaming charge off my bill? I had the travel pass.",
        "Our bills were inflated for three months by the faulty meter, please recalculate them.",
        "I closed my savings account but the balance was never paid back to me.",
        "The returned payment fee must be a mistake, I paid on time.",
        "I was charged five $15.00 overdraft fees in one day.",
        "I want the {$90.00} in fees returned.",
        "@acme cancelled my plan in June and you still took £8 off me in August",
        "The café charged my card £30 but I only had a coffee.",
        "Used the promo code at checkout and still paid full price.",
        "The parcel turned up completely empty.",
        "Paid for the annual plan, the service closed after a month and they won't refund.",
        "The chemist ran my card twice.",
        "I thought it would be fixed by now but you charged me twice again this month.",
        "Thanks for the credit, but I was charged twice again this month.",
        "For my records, you charged me twice on 3 March and I want it refunded.",
        "The refund for the duplicate payment never arrived.",
        "My sister thinks I was overcharged, the bill is $80 instead of $40.",
        "If the double charge from Monday isn't reversed, who do I speak to?",
        "My bill went up $20 without warning, I understand prices rise but this is a 50% jump.",
    ],
)
def test_billing_errors_in_other_words(text: str) -> None:
    assert "credit" in detect(text), text


@pytest.mark.parametrize(
    "text",
    [
        "mobile data hasnt worked since the update on friday",
        "Our phones have been completely dead since 8am.",
        "Since the storm we've had no landline or broadband.",
        "Internet's been crawling for a week, like 2Mbps in the evenings.",
        "The Sky box has been stuck on a black screen since the weekend.",
        "Our Slack integration stopped syncing on Tuesday.",
        "API has been returning 500 errors since 14:00 UTC, all our webhooks are failing.",
        "The sync has wiped our calendar entries again.",
        "The installer left the job half done and now nothing works.",
        "The card reader you sent never pairs. We've lost two days of card sales.",
        "My order was supposed to arrive last Thursday.",
        "I'm paying for 100Mb but only getting 10Mb.",
    ],
)
def test_service_failures_in_other_words(text: str) -> None:
    assert "credit" in detect(text), text


@pytest.mark.parametrize(
    "text",
    [
        "Can you explain the charges on my latest bill? I just want to understand them.",
        "Is there a fee if I end my contract early?",
        "Hey, is the outage in Leeds fixed yet? Just checking.",
        "Our internet dropped at 2pm and came back at 2:05. No action needed.",
        "Is it possible to get a bill split between me and my housemates?",
        "I'm a pensioner and just wanted to check you have my new address.",
        "Can I change the date my payment is taken? I get paid on the 15th.",
        "I'd like to upgrade my broadband. What are the options?",
        "I was not charged twice after all, the second line dropped off.",
        "The yearly subscription came out today as agreed, thanks.",
        "My neighbour said he was billed twice, is something going on? Mine looks fine.",
        "I paid for express delivery and it arrived the next day, thanks!",
        "The parcel arrived and nothing was broken.",
        "Is there anyone who can help me set up my router?",
        "I got an email from your team leader saying it is fixed.",
        "The engineer said the job was finished and the internet at work has dropped off a bit.",
        "I have to wait until next week for the repair, the installation was pushed back 2 weeks.",
        "I'm not disputing the parking charges, I just need a receipt.",
        "Will I be charged for cancelling before the year is up?",
        "If I take cash out abroad, will you take a cut?",
        "Thanks, the refund for the duplicate payment arrived this morning.",
        "I deposited my tax refund cheque yesterday, when will it clear?",
        "What are the conditions for getting reimbursed for a delayed flight?",
        "If my parcel arrives late, do I get the delivery charge back?",
        "Hypothetically, if I was made redundant, could I pause the loan?",
        "What's the charge for paying by credit card?",
        "How do refunds work for gift cards?",
        "I assumed you'd taken the payment twice but one was my partner's. Sorry!",
        "The outage credit was applied in March, forwarding it so it's on file. No action needed.",
        "My colleague got a surprise admin fee last month, do you charge one on this plan?",
        "Our water bill went up over the summer, which makes sense with the garden.",
        "Refund received for the jacket, thanks.",
        "Is the app down for everyone or just me?",
        "The site will be down on Sunday night for planned maintenance.",
        "I'd like to pay off the rest of my loan early, what's the process?",
        "The internet was out for ten minutes but it's back now, thanks.",
        "What happens if I miss a payment next year?",
        "Can I pay twice a month instead of once?",
        "Your update went through twice as fast as before.",
        "Please take that off my bill next month, I no longer need the sports package.",
        "Is VAT charged on top of the listed price?",
        "I'm still getting paper bills, how do I switch to e-billing?",
        "We will leave the router on overnight as you suggested.",
        "I want to delete my profile picture, how do I do that?",
        "I'm talking to my lawyer about my will, how do I add a beneficiary?",
        "My parcel will be late this week, can I split the payment into instalments?",
    ],
)
def test_polite_questions_and_negations_fire_nothing(text: str) -> None:
    assert detect(text) == set(), text


@pytest.mark.parametrize(
    "text",
    [
        "I'm leaving for a competitor at the end of the month.",
        "I want to end my contract, the service is rubbish.",
        "I'm honestly thinking of leaving after nine years.",
        "Escalate this now or I'm off to another provider.",
        "Can someone with authority call me back please.",
        "I want a senior manager to ring me today.",
        "I'll be contacting trading standards about this.",
        "I want to formally object to the way my complaint was handled.",
        "I've been a loyal customer for 12 years and this is how you treat me?",
        "If nobody calls me I'll be disputing the charge with my bank.",
        "Sort this out or I'm taking my business to your rival down the road.",
        "Please send me the porting code, I'm done.",
        "I'd like this reviewed by your team leader.",
        "This is a formal complaint about the engineer's behaviour.",
        "Is there anybody in charge who can actually fix this?",
        "We will be referring the matter to the ombudsman.",
        "I'd rather deal with a member of staff than this bot.",
        "Please hand me over to customer support.",
        "I want this treated as a formal complaint.",
        "I have passed everything to my solicitor.",
        "I'd like the branch manager to phone me today.",
        "I want this sent to someone senior.",
        "Is there an actual person I can chat with?",
        "If you remove the channel I will cancel and go to the other provider.",
        "i wanna complain about the driver",
        "I'm speaking to my lawyer about this.",
        "Reporting them to the financial regulator.",
        "Leaving them one star everywhere.",
        "Nobody has replied to my written complaint.",
    ],
)
def test_escalations_in_other_words(text: str) -> None:
    assert "escalate" in detect(text), text


@pytest.mark.parametrize(
    "text",
    [
        "I've been off sick for two months and I'm behind on payments. Can we arrange something?",
        "My hours got cut and I'm struggling. Could the payment date be moved to the 20th?",
        "After my surgery I've had no income. I need to pause payments for a month.",
        "We've fallen into arrears after my partner lost work. Can we set up instalments?",
        "My benefits were delayed and I can't pay until next week. Sorry.",
        "i'm between jobs and my savings are gone. can i pay what i can for a couple months?",
        "Our company is going through a rough patch. We need another 30 days to pay.",
        "My rent went up and I've got nothing left until payday. Is there any way to push it?",
        "I'm on a zero-hours contract and had almost no shifts this month. I'll be short for "
        "the loan payment on the 28th.",
        "My temp contract finished and nothing else has come up. Could I have until payday?",
        "Work's dried up since the summer. Could the repayments be pushed back a couple of months?",
        "My mum is in intensive care and the direct debit has bounced twice. I need some "
        "breathing room.",
        "I'm on jobseeker's allowance now. We can only manage £20 a month, can we set up an "
        "arrangement?",
        "Money's tight after my hours were cut. Can I have till the end of the month to pay?",
        "I lost my part-time job and won't be able to make the next instalment.",
        "My husband passed away and I don't have the money until the estate is settled. Please "
        "give me some time before chasing.",
        "My universal credit has been delayed and I had nothing in the account for the premium.",
        "I'm on a state pension and finding it very hard to keep up. Is there a lower monthly "
        "amount?",
        "I had to drop to two days a week to care for my dad, I'm about £200 behind.",
        "I was diagnosed in March and stopped working; I asked for a hardship arrangement.",
        "Could I get a lower minimum payment? I'm struggling.",
        "I need an extension on the water bill, I won't get paid until the 28th.",
    ],
)
def test_hardship_in_other_words(text: str) -> None:
    assert "flex" in detect(text), text


def test_a_telephone_extension_is_not_more_time_to_pay() -> None:
    found = kinds("I lost my job. Please call me back on extension 4471.")
    assert ("hardship", "extension") not in found


def test_pay_reduced_amounts_is_a_request_not_a_pay_cut() -> None:
    found = kinds("I asked to pay reduced amounts for a few months.")
    assert ("hardship", "payment_plan") in found
    assert ("hardship", "lost_job") not in found


def test_arrears_a_record_shows_are_not_the_customers_arrears() -> None:
    assert ("hardship", "arrears") not in kinds("The loans are listed as late on my file.")


def test_saying_they_can_pay_now_takes_arrears_told_as_history_out() -> None:
    text = "I fell behind in 2019 and lost my job then. I have been current since, every month."
    signals = Signals(text=text_signals(text))
    assessment = assess_hardship(signals, HardshipPolicy())
    assert ("can_pay", "current") in kinds(text)
    assert assessment.reasons == ("a cause of hardship",)
    assert not assessment.fires


def test_a_dispute_weighs_against_hardship_and_says_so() -> None:
    text = (
        "I lost my job and I'm behind on the card. Experian is reporting me as 90 days late "
        "and I want it removed from my credit report."
    )
    signals = Signals(text=text_signals(text))
    assessment = assess_hardship(signals, HardshipPolicy())
    assert assessment.score == 1.0 and not assessment.fires
    assert assessment.evidence[-1].signal == "dispute"
    assert assess_hardship(signals, HardshipPolicy(other_issue_weight=0)).fires


def test_a_worry_about_a_future_credit_score_is_not_a_dispute() -> None:
    text = "I can't make the full payment. I don't want this to affect my credit score."
    assert not any(c == "dispute" for c, _ in kinds(text))


def test_the_only_thing_i_can_afford_is_not_being_able_to_pay() -> None:
    assert ("can_pay", "can_afford") not in kinds("A mobile home is the only thing I can afford.")
    assert ("can_pay", "can_afford") in kinds("Our income is back and we can afford it now.")


def test_only_the_first_pages_of_a_very_long_text_are_read() -> None:
    from helpdesk_loyalty.signals.compute import MAX_TEXT

    filler = "The weather has been lovely and the garden is growing well. " * (MAX_TEXT // 40)
    assert "credit" in detect("I was charged twice for March. " + filler)
    assert detect(filler + " I was charged twice for March.") == set()


def test_an_if_question_about_something_that_happened_still_counts() -> None:
    assert "credit" in detect("If you've charged me twice again, how do I get it back?")
    assert "credit" in detect("The refund was promised a week ago and I haven't received it.")


def test_a_cause_told_as_behind_them_does_not_count() -> None:
    text = (
        "When I was off sick you put me on a payment plan. It's now fully paid off and I'm "
        "back at work, so please switch me back to a normal direct debit."
    )
    assert ("can_pay", "recovered") in kinds(text)
    assert "flex" not in detect(text)
    still = "I'm back at work but I'm still behind on the bill. Can we set up a payment plan?"
    assert "flex" in detect(still)


def test_a_collector_asking_what_i_could_pay_is_not_my_ask() -> None:
    assert ("hardship", "extension") not in kinds("She asked if I could do $50 and I said no.")
    assert ("hardship", "extension") in kinds("I asked if I could do $50 a month instead.")


def test_a_plan_i_can_afford_is_not_being_able_to_pay() -> None:
    assert ("can_pay", "can_afford") not in kinds("Can we set up a plan I can afford?")


def test_template_placeholders_and_braced_amounts_read_as_words() -> None:
    assert "escalate" in detect("wanna cancel my {{Account Type}} account")
    assert ("billing_error", "unexpected_fee") in kinds("I was charged a {$35.00} late fee.")
