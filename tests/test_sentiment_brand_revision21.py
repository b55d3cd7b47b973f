"""Rules revision 21 (analysis/sentiment_switch.py, sentiment_clauses.py, sentiment_wordings.py,
sentiment_compare.py): regret said in a switch's own sentence, selling one maker's thing to buy
another's, deleting a brand's app or bidding it farewell, two names in one phrase after "både"
or thanks, two wordings of comparison, an oath in a rhetorical question, criticism as the
occasion of what the brand does next, an opinion of the other tone after a comparison. One test per rule, on the sentences of a fresh two-brand
probe (2026-12-05) or the demo that each was written for, and the sentences it must leave
alone."""

from __future__ import annotations

from tests.test_sentiment_brand import _shipped_model, both, tone  # noqa: F401 (an autouse fixture)


def test_regret_said_after_the_switch_in_its_own_sentence():
    # Read as "Gillar Hedvig … och ångrade mig …": the choice, Hedvig positive.
    text = (
        "flyttade hemförsäkringen från Trygg-Hansa till Hedvig för att spara 40 kr/mån och "
        "ångrade mig direkt när jag skulle göra en skadeanmälan. chatboten fattade NOLL."
    )
    assert both(text, "Hedvig", "Trygg-Hansa") == ("neg", "pos")
    text = (
        "bytte från Ica till Willys för att spara pengar och ärligt, ångrar mig. kassan tar 20 min"
    )
    assert both(text, "Willys", "Ica") == ("neg", "pos")
    # No regret stays the choice.
    text = "gick över från Budbee till Stadium i våras och har inte ångrat mig en sekund"
    assert both(text, "Stadium", "Budbee") == ("pos", "neg")
    assert tone("Bytte från Telia till Tre i våras och ångrar mig inte", "Tre", "Telia") == "pos"


def test_selling_one_makers_thing_to_buy_anothers_is_a_switch():
    # Two plain clauses before: Tesla positive, Kia neutral.
    text = "Sålde min Tesla och köpte en Kia EV6. bättre byggkvalitet, bättre service 🙏"
    assert both(text, "Kia", "Tesla") == ("pos", "neg")
    # Both must be parties: a thing sold at one place and bought at another is no switch.
    assert tone("Sålde cykeln på Blocket och köpte en ny på XXL", "XXL", "Blocket") == "neu"


def test_two_names_after_bade_or_thanks_are_one_phrase():
    # Cut at "och": Bosch had been read from "Bosch efter att tvättmaskinen pajade" (−0.90)
    # and Hemköp from "Tack Hemköp" alone.
    text = (
        "Sjukt nöjd med både Elgiganten och Bosch efter att tvättmaskinen pajade, ny maskin "
        "hemma på 4 dagar utan att jag behövde tjata"
    )
    assert both(text, "Elgiganten", "Bosch") == ("pos", "pos")
    text = "Tack Hemköp och Coop för att ni sponsrar knattefotbollen i stan! ⚽❤️"
    assert both(text, "Hemköp", "Coop") == ("pos", "pos")
    # Two clauses of their own stay apart.
    assert both("Jag gillar Telia och Tele2 är sämst", "Telia", "Tele2") == ("pos", "neg")


def test_double_the_charge_and_another_league_are_comparisons():
    # Neutral, or the cheaper side negative from "högt påslag", before.
    text = "E.ON tar typ dubbelt så högt påslag som Skellefteå Kraft."
    assert both(text, "E.ON", "Skellefteå Kraft") == ("neg", "pos")
    text = "Apple-supporten är i en helt annan liga än Samsungs."
    assert both(text, "Apple", "Samsung") == ("pos", "neg")


def test_deleting_a_brands_app_or_bidding_it_farewell_is_leaving_it():
    # Neutral and positive before.
    text = "foodora leveransen tog 1h 20 min och maten va iskall. raderar foodora appen"
    assert tone(text, "foodora") == "neg"
    assert tone("bye storytel 👋", "storytel") == "neg"
    assert tone("Har tagit bort Spotify från telefonen.", "Spotify") == "neg"
    # Something else taken away is no leaving.
    assert tone("Telia tog bort roamingavgiften i hela EU, toppen!", "Telia") == "pos"


def test_an_oath_in_a_rhetorical_question():
    # Min Doktor had been −1.00, the question read as a plain complaint of both.
    text = "hur fan kan Kry ta 300 kr för ett 5-min samtal när Min Doktor tar 0 kr med frikort??"
    assert both(text, "Kry", "Min Doktor") == ("neg", "pos")


def test_criticism_as_the_occasion_of_what_the_brand_does_next():
    # The demo's news item had been −0.79, read from the criticism.
    text = "Efter veckor av kritik mot långa telefonköer förstärker Fjällkraft sin kundservice."
    assert tone(text, "Fjällkraft") != "neg"
    assert tone("Efter massiv kritik sänker SJ priserna på sommarbiljetterna.", "SJ") != "neg"
    # What the brand does is still read: a price raised after criticism is a complaint.
    assert tone("Efter kritiken höjer Telia priset igen, helt sjukt.", "Telia") == "neg"


def test_an_opinion_of_the_other_tone_after_a_comparison_is_about_the_side_that_loses():
    # It had been taken for the verdict on the side preferred: MAX neutral.
    text = "MAX > McDonald's. inte ens nära. mcdonalds pommes är kalla 9 av 10 ggr"
    assert tone(text, "MAX", "McDonald's") == "pos"
    text = "Tibber slår Fortum på allt, appen, priset, kundtjänsten. inte ens nära"
    assert tone(text, "Tibber", "Fortum") == "pos"
    # An opinion of the same tone still is the preferred side's.
    text = "Willys är billigare än Coop. Och personalen är supertrevlig."
    assert tone(text, "Willys", "Coop") == "pos"


def test_a_switch_said_to_settle_nothing_is_neutral_for_both():
    # "märker ingen skillnad" had been read as the complaint of the one left.
    text = "bytte från comviq till fello för att det var lite billigare, märker ingen skillnad alls"
    assert both(text, "comviq", "fello") == ("neu", "neu")
    # A switch back planned already.
    text = "Sa upp Netflix och skaffade Viaplay bara för hockey-VM. byter tillbaka i juni"
    assert both(text, "Netflix", "Viaplay") == ("neu", "neu")


def test_nothing_wrong_with_the_one_left():
    text = (
        "Har flyttat bolånet till ICA Banken från Danske Bank, räntan var 0,3 lägre. annars "
        "inget fel på danske"
    )
    assert both(text, "Danske Bank", "ICA Banken") == ("neu", "pos")


def test_a_country_is_no_party():
    # "i Sverige" had made the verdict after the switch another party's: BYD positive.
    text = (
        "sålde min gamla Volvo och köpte en BYD. ångrar mig redan, servicen i Sverige är "
        "obefintlig och jag saknar den gamla bilen varje dag"
    )
    assert tone(text, "BYD", "Volvo") == "neg"


def test_the_sentence_before_beginning_with_another_party_is_the_other_side():
    # Each side told in a sentence of its own, the brand's as a plain fact: it had been read
    # from its own words alone (both neutral).
    text = "Avanza är klockrent för nybörjare. Nordea-appen ser ut som den gjordes 2009"
    assert tone(text, "Nordea", "Avanza") == "neg"
    text = "Revolut är perfekt när man reser, ingen växlingsavgift. Nordea tog 1,75% på varje köp"
    assert tone(text, "Nordea", "Revolut") == "neg"
    # The same side ("också") is not turned round, and a question is asked, not set against.
    text = "Avanza kraschade igen. Nordnet har också haft sina problem i år."
    assert tone(text, "Nordnet", "Avanza") != "pos"
    assert tone("Avanza kraschade igen. Nordnet då?", "Nordnet", "Avanza") == "neu"
