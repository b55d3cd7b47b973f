"""Leaving a brand, missing it and switches nobody chose (rules revision 15,
analysis/sentiment_switch.py): one test per rule, on sentences the rule is needed for."""

from __future__ import annotations

from analysis.sentiment_brand import _reason
from tests.test_sentiment_brand import _shipped_model, both, tone  # noqa: F401 (an autouse fixture)


def test_stopping_to_use_a_brand_is_leaving_it():
    # Each had been read as a plain sentence, positive from the praise of the one taken instead.
    text = "har slutat handla på Coop, tar Lidl nu. billigare och alltid fullt i hyllorna"
    assert both(text, "Coop", "Lidl") == ("neg", "pos")
    assert tone("Slutade beställa via Foodora för ett år sen.", "Foodora") == "neg"
    assert tone("Äntligen kvitt med Comviq!!", "Comviq") == "neg"
    # Not stopping, and stopping something else, are no churn.
    assert tone("Har aldrig slutat handla på Coop.", "Coop") != "neg"
    assert tone("Bussen slutade gå vid Coop i höstas.", "Coop") != "neg"


def test_leaving_a_brand_written_in_lower_case():
    assert tone("lämnade nordea efter 12 år.", "nordea") == "neg"
    # Something left with the brand is still no churn.
    assert tone("lämnade paketet hos postnord i morse", "postnord") != "neg"


def test_a_long_complaint_after_leaving_is_the_reason_not_a_verdict():
    # "Lämnade Telia. Bästa beslutet." turns the verdict round; a complaint about the party
    # left had been turned round too and come out as praise.
    text = (
        "Äntligen av med Tre!! Fyra månader med fel på fakturan och ingen i kundtjänst som "
        "kunde förklara varför."
    )
    assert tone(text, "Tre") == "neg"
    assert tone("Lämnade Telia förra året. Bästa beslutet jag tagit.", "Telia") == "neg"
    assert tone("Lämnade Telia förra året. Ångrar mig bittert nu.", "Telia") == "pos"
    neg = (0.9, 0.05, 0.05)
    assert _reason("Fyra månader med fel på fakturan och ingen som kunde svara.", neg)
    assert not _reason("Sämsta beslutet jag tagit.", neg)
    assert not _reason("Ångrar verkligen att jag gick därifrån för ett par kronor.", neg)


def test_missing_a_brand_is_praise_of_it():
    # `saknar` reads as a lack: each had been a complaint.
    assert tone("saknar verkligen mitt gamla Bredbandsbolaget ärligt", "Bredbandsbolaget") == "pos"
    assert tone("Har gått över till Lidl. Jag saknar Hemköp ibland", "Hemköp", "Lidl") == "pos"
    assert tone("någon mer som saknar gamla Com Hem?", "Com Hem") == "pos"
    # Not missing it is a complaint.
    assert tone("Saknar inte Telia ett dugg.", "Telia") == "neg"
    assert tone("Kommer aldrig sakna Comviq, vilket skämt till bolag", "Comviq") == "neg"
    assert tone("Ingen kommer sakna Telia.", "Telia") == "neg"
    # `saknar` as "lacks", with the brand its subject after a word opening the sentence, a
    # question opening with the verb, a thing of the brand's lost or lacking (a review: each
    # had become praise).
    for text, brand in (
        ("Tyvärr saknar Telia fortfarande täckning i stugan.", "Telia"),
        ("Varför saknar Tele2 eSIM för klockan?", "Tele2"),
        ("Saknar Telia täckning i fjällen eller är det bara min telefon?", "Telia"),
        ("Saknar mitt PostNord-paket sedan två veckor tillbaka.", "PostNord"),
        ("Har saknat SJ:s wifi hela resan, helt värdelöst.", "SJ"),
        ("Saknar en vettig app hos Nordea.", "Nordea"),
    ):
        assert tone(text, brand) != "pos", text


def test_a_complaint_after_a_switch_is_not_the_reason_for_leaving():
    # About where the writer is now, the complaint is of the party joined, and the party left
    # the better (a review).
    text = "Sa upp mitt abonnemang hos Telia. Nya operatören har ännu sämre täckning och dyrare."
    assert tone(text, "Telia") == "pos"
    # Rules revision 24: after a switch, a complaint that says nothing of regret or of where the
    # writer is now is not turned round into praise of the party left (this had been "pos"):
    # the writers of fresh two-brand probes called the party left negative in such posts
    # ("… varför betalade jag så mycket i 6 år 💀", "… lite nervös ärligt, alla säger att
    # deras kundtjänst är kass"), and turning the complaint round had lost 9 of their labels.
    text = (
        "Bytte från Telia till Tele2 i våras. Har haft konstant strul med fakturorna och "
        "ingen på kundtjänsten fattar någonting."
    )
    assert tone(text, "Telia", "Tele2") == "neg"
    # Not every "tillbaka" is going back: money never paid back is a complaint.
    text = (
        "Lämnade Tele2 förra året. Fick aldrig tillbaka pengarna de var skyldiga mig och "
        "ingen svarade på mejlen."
    )
    assert tone(text, "Tele2") == "neg"


def test_how_it_ended_is_no_leaving():
    assert tone("Det slutade med Tele2 till slut, och jag är nöjd.", "Tele2") == "pos"
    assert tone("Har du slutat handla på Coop?", "Coop") == "neu"
    assert tone("lämnade comviq usel täckning", "comviq") == "neg"


def test_a_switch_somebody_else_made_is_no_choice():
    text = "jobbet bytte friskvårdsavtal från Actic till Nordic Wellness i januari"
    assert both(text, "Actic", "Nordic Wellness") == ("neu", "neu")
    text = "Arbetsgivaren har bytt pensionsbolag från Skandia till Alecta."
    assert both(text, "Skandia", "Alecta") == ("neu", "neu")
    # The writer's own switch is still the choice.
    assert both("Bytte från Actic till Nordic Wellness i januari", "Actic", "Nordic Wellness") == (
        "neg",
        "pos",
    )


def test_a_switch_for_a_practical_reason_is_no_choice():
    text = "Flyttade bolånet från SEB till Handelsbanken eftersom vi köpte huset via deras mäklare"
    assert both(text, "SEB", "Handelsbanken") == ("neu", "neu")
    text = "Bytte från Bahnhof till Telia pga flytt, och det funkar"
    assert tone(text, "Bahnhof", "Telia") == "neu"
    # A reason with a word of tone is a verdict: the one left is the worse.
    text = "Bytte från SEB till Handelsbanken eftersom jag fick ett bra erbjudande"
    assert both(text, "SEB", "Handelsbanken") == ("neg", "pos")
    # A purpose ("för att") is the reason for the choice, and one before the switch is not its
    # reason (a review: these had come out neutral or reversed).
    assert both("Bytte från Telia till Tele2 för att spara pengar.", "Telia", "Tele2") == (
        "neg",
        "pos",
    )
    text = "För att göra en lång historia kort: bytte från Telia till Tele2."
    assert tone(text, "Tele2", "Telia") == "pos"


def test_a_complaint_given_as_the_reason_is_the_party_lefts():
    # It had been the joined party's complaint, and its opposite the party left's.
    text = "Bytte från SEB till Handelsbanken eftersom avgifterna var orimliga"
    assert both(text, "SEB", "Handelsbanken") == ("neg", "pos")
    text = "gick över från Telia till Tre för att täckningen var usel i stugan"
    assert both(text, "Telia", "Tre") == ("neg", "pos")
