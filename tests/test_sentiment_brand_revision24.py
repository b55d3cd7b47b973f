"""Rules revision 24 (analysis/sentiment_facts.py, sentiment_reported.py, sentiment_defence.py,
sentiment_switch.py, sentiment_compare.py, sentiment_wordings.py, sentiment_figures.py,
sentiment_aside.py, sentiment_clauses.py, sentiment_brand.py): complaints told as plain facts,
split opinions, vindicated parties, cancellations and decisions, more comparisons. One test per
rule, on sentences of the shapes fresh two-brand probes (2026-12-05) and the demo's "Mest
negativa" showed misread, and the sentences each must leave alone; each fails on revision 23."""

from __future__ import annotations

from tests.test_sentiment_brand import _shipped_model, both, tone  # noqa: F401


def test_a_cost_weighed_against_a_worse_one_after_a_choice_is_no_verdict():
    # The demo's "Byter till Nordvind idag. Hellre dålig kundtjänst än att bli blåst." was
    # -0.36 for the party chosen: the model reads the second sentence as -0.997.
    text = "Bytte till Tele2 igår. Hellre sämre täckning än att bli blåst varje månad."
    assert tone(text, "Tele2") == "pos"
    text = "Går över till Hallon. Hellre lite långsammare surf än dubbla priset."
    assert tone(text, "Hallon") == "pos"
    # A threat to leave after a complaint stays the complaint's.
    assert tone("Telia har höjt igen. Hellre byter jag än betalar det.", "Telia") == "neg"


def test_a_long_queue_told_as_a_fact_is_a_complaint():
    # The model reads "70 min kö" as neutral: the demo's "Ringde Fjällkraft, 70 min kö. Kul dag"
    # was +0.97 for Fjällkraft ("Kul dag" read as praise), a probe's "Ikea kundtjänst = 2h i kö."
    # neutral.
    assert tone("Ringde Tele2 i morse, 70 min kö. Kul dag", "Tele2") == "neg"
    text = "Ikea kundtjänst = 2h i kö. Jysk löste samma problem på 5 min i butiken."
    assert both(text, "Ikea", "Jysk") == ("neg", "pos")
    assert tone("Satt i kö i 45 minuter hos Telia igår.", "Telia") == "neg"
    # A short queue, or none, is no complaint.
    assert tone("Ringde Tele2 i morse, 5 min kö och sen var det löst.", "Tele2") != "neg"
    assert tone("Hämtade paketet hos Apoteket, ingen kö alls.", "Apoteket") != "neg"


def test_queue_figures_in_words():
    from analysis.sentiment_figures import plain_queue

    assert (
        plain_queue("Fyrtio minuter i kö och sen la de på.") == "orimligt lång kö och sen la de på."
    )
    assert plain_queue("Var beredd på en timmes kö.") == "Var beredd på orimligt lång kö."
    assert plain_queue("Ellevio hade mig i kö i 55 min") == "Ellevio hade mig i orimligt lång kö"
    # Negated, it is said of the worse party elsewhere: left as it is.
    assert plain_queue("inga tio minuter i kö") == "inga tio minuter i kö"
    assert plain_queue("slapp 40 min i kö") == "slapp 40 min i kö"


def test_the_occasion_after_efter_att_is_its_partys():
    # Thanks to one party for mending what another broke: the whole sentence had been the
    # thanks, +0.89 for the party that broke it (a fresh two-brand probe, 2026-12-05).
    text = "tack till killen på Telia som löste mitt esim efter att porteringen från Tele2 strulat i tre veckor 🙏"
    assert both(text, "Telia", "Tele2") == ("pos", "neg")
    # An occasion naming no party stays with the sentence.
    text = "Sjukt nöjd med både Elgiganten och Bosch efter att tvättmaskinen pajade"
    assert both(text, "Elgiganten", "Bosch") == ("pos", "pos")


def test_opinions_split_between_others_are_no_verdict():
    # Each had taken the side the model heard loudest (a fresh two-brand probe, 2026-12-05;
    # the demo's parents' meeting on Fjällkraft's "Mest negativa").
    text = "Hälften på jobbet svär över SL sen nya biljettsystemet kom, andra hälften tycker det är skitsmidigt."
    assert tone(text, "SL") == "neu"
    text = "Halva gruppen säger att Netto var billigare än Lidl, andra halvan säger tvärtom."
    assert both(text, "Netto", "Lidl") == ("neu", "neu")
    text = "Vissa älskar nya appen från Swish, andra tycker den är värdelös."
    assert tone(text, "Swish") == "neu"
    # Not a split: "vissa andra" is others of a kind, and a writer's own verdict stays.
    from analysis.sentiment_reported import split_opinions

    assert split_opinions("Telia och vissa andra bolag har höjt.") is None
    assert tone("Hallon är billigast, hälften av mina vänner har bytt dit.", "Hallon") == "pos"


def test_critics_told_they_never_tried_the_alternative_vindicate_the_party():
    # A fresh two-brand probe (2026-12-05): positive for the party, read -0.96 to +0.06.
    text = "Ni som klagar på Västtrafik har aldrig åkt med Länstrafiken Kronoberg. där går bussen två gånger om dagen"
    assert tone(text, "Västtrafik") == "pos"
    text = "Folk som gnäller på Systembolaget har aldrig varit i Finland och försökt köpa vin en söndag."
    assert tone(text, "Systembolaget") == "pos"
    # Critics the writer joins stay critics; a party the critics are not of is not vindicated.
    text = "Alla som klagar på Telia har rätt, de har aldrig haft så dålig täckning som nu."
    assert tone(text, "Telia") == "neg"


def test_more_shapes_of_a_defence():
    # Hating a party "men …", and critics said to have been unlucky (a fresh two-brand probe,
    # 2026-12-05: -0.63 and a complaint).
    text = "Jag vet att alla älskar att hata Comviq men för 149 kr i månaden får jag 30 GB."
    assert tone(text, "Comviq") != "neg"
    text = "Jag har haft Tre i 8 år. alla i gruppen som säger att de är kassa har nog bara otur."
    assert tone(text, "Tre") != "neg"


def test_a_comparative_opening_the_sentence_with_what_is_compared():
    # "Bättre X än Y" with its subject left out, and "än alla Y" (a fresh two-brand probe,
    # 2026-12-05: the party after "än" had taken the praise, +0.91 and +0.98).
    text = "Friskis har grymma pass. Mycket bättre stämning än på Actic där jag gick förut"
    assert both(text, "Friskis", "Actic") == ("pos", "neg")
    text = "Pizzeria Venezia har fantastisk kebabpizza. Bättre än alla Pizza Hut i världen"
    assert tone(text, "Pizza Hut", "Pizzeria Venezia") == "neg"


def test_a_subscription_or_order_cancelled_is_leaving():
    # A fresh two-brand probe (2026-12-05): both neutral before.
    text = "SVT Play är den enda tjänsten jag behåller. Sa upp Disney+ förra månaden och har inte saknat det en sekund"
    assert tone(text, "Disney+") == "neg"
    text = "Beställde en säng från Mio i april. Nu är det juli. köpte en på IKEA igår som kom idag. avbokar Mio"
    assert tone(text, "Mio", "IKEA") == "neg"
    assert tone("Avslutade mitt konto hos Klarna igår.", "Klarna") == "neg"
    # The party doing the cancelling is not left.
    assert tone("Telia sa upp mitt avtal utan förvarning.", "Telia") == "neg"
    assert tone("Sa upp mig från jobbet och firade på Max.", "Max") != "neg"


def test_a_decision_told_in_a_few_words_is_a_choice():
    # "blev SAS" after weighing it against Ryanair was -0.51; "Det blev SAS till slut" the
    # model reads as -0.72 (a fresh two-brand probe, 2026-12-05).
    text = "Ryanair kostar 199 kr men handbagaget 400. kollade SAS och där ingick allt för 900 totalt. blev SAS"
    assert tone(text, "SAS", "Ryanair") == "pos"
    assert tone("Jämförde Telia och Tele2. Det blev Tele2 till slut.", "Tele2") == "pos"
    # A thing of the party's, or a question, is no decision.
    assert tone("Det blev SAS:s nattflyg.", "SAS") == "neu"
    assert tone("Blev det Tele2 till slut?", "Tele2") != "pos"


def test_a_party_raising_its_prices_is_a_complaint_told_as_news():
    # Fresh two-brand probes (2026-12-05): 35 labels of 35 negative where the brand raised its
    # prices, 8 read as neutral; the demo's "Fjällkraft höjer månadsavgiften …" too.
    text = (
        "Stockholm Exergi höjer fjärrvärmepriset med 9% nästa år enligt brev till fastighetsägarna."
    )
    assert tone(text, "Stockholm Exergi") == "neg"
    assert tone("Bastard Burgers har höjt till 159 kr för ett mål.", "Bastard Burgers") == "neg"
    assert tone("Telia höjer månadsavgiften från 39 till 59 kronor.", "Telia") == "neg"
    # Not a rise denied, nor more of what is good to have, nor another party's rise.
    from analysis.sentiment_facts import rise

    def mentions(s: str) -> bool:
        return "Telia" in s

    assert rise("Telia höjer månadsavgiften", mentions) == -1
    assert rise("Telia höjer inte i vinter", mentions) != -1  # denied (revision 31: +1)
    assert rise("Telia har inte höjt på tre år", mentions) != -1
    assert rise("Telia höjer farten utan extra kostnad", mentions) == 0
    assert rise("Kunderna hos Telia fick se Tele2 höja", mentions) == 0


def test_a_thing_said_to_cost_more_at_one_party_than_at_another():
    # A fresh two-brand probe (2026-12-05): neutral for both.
    text = "Blöjor kostar 30 kr mer på Hemköp än på Willys. tre kvarter bort."
    assert both(text, "Willys", "Hemköp") == ("pos", "neg")
    assert both("Kaffet kostar mindre på Lidl än på ICA.", "Lidl", "ICA") == ("pos", "neg")


def test_a_partys_words_in_scare_quotes_are_mocked():
    # Read probes and development sets (2026-12-05): 16 labels of 16 negative for the party so
    # quoted, 9 read as neutral or positive ("bästa räntan" read as praise, +0.88).
    text = "Lendo lovade 'bästa räntan' och gav mig 12%. Min egen bank erbjöd 7."
    assert tone(text, "Lendo") == "neg"
    text = "Circle K-appen gav mig 'gratis kaffe' som inte gick att lösa in."
    assert tone(text, "Circle K") == "neg"
    assert tone("Mälartåg ställer in 4 av 5 avgångar pga 'personalbrist'.", "Mälartåg") == "neg"
    # Not a product's name, a question, nor a speaker's words after a colon in a headline.
    from analysis.sentiment_reported import scare_quoted

    assert not scare_quoted("Köpte 'Billy' på IKEA igår.")
    assert not scare_quoted("Har Telia 'obegränsad surf' på riktigt?")
    assert not scare_quoted("Fjällkrafts vd: ”Jag förstår att många är arga”")
    assert scare_quoted("PostNord: 'Vi har försökt leverera ditt paket' nej det har ni inte")
    assert not scare_quoted("McDonald's har nya burgare.")
    # Names and a quote, a headline's epithet (the API tests' neutral news item).
    assert not scare_quoted('Nordvind och Fjällkraft, "elbolagen i norr"')


def test_out_of_what_the_writer_came_for_is_a_complaint():
    # Read probes and development sets (2026-12-05): 6 such labels negative, 4 read as neutral.
    text = "Systembolaget hade slut på alkoholfritt bubbel kl 12 på nyårsafton. grattis. fick köpa nåt på Coop istället"
    assert tone(text, "Systembolaget", "Coop") == "neg"
    text = "Apotek Hjärtat hade inte min medicin inne för tredje gången i rad"
    assert tone(text, "Apotek Hjärtat") == "neg"
    from analysis.sentiment_facts import out_of_stock

    def mentions(s: str) -> bool:
        return "Apoteket" in s

    assert out_of_stock("Apoteket hade slut på Alvedon", mentions)
    # Not in a question, nor when all are out.
    assert not out_of_stock("Har Apoteket slut på Alvedon?", mentions)
    assert not out_of_stock("Både Kronans och Apoteket hade slut på Alvedon idag", mentions)


def test_praise_after_a_complaint_told_as_a_fact_mocks_it():
    # The fact leans the sentence negative only weakly, yet praise after it is irony (both were
    # praise before: +0.35 and +0.89).
    assert tone("Telia höjer månadsavgiften från 39 till 59 kronor. Toppen.", "Telia") == "neg"
    assert tone("Telia höjer månadsavgiften med 20 kronor. Snyggt.", "Telia") == "neg"


def test_how_the_order_came_after_a_way_out_is_its_partys():
    # "kom dagen efter" after ordering from Apotea instead went to the party that failed, and
    # Apotea was named only aside (a fresh two-brand probe, 2026-12-05).
    text = "Apotek Hjärtat hade inte min medicin inne för tredje gången i rad, så beställde från Apotea istället. kom dagen efter"
    assert both(text, "Apotea", "Apotek Hjärtat") == ("pos", "neg")


def test_the_same_thing_for_half_the_price():
    # A fresh two-brand probe (2026-12-05): neutral for both.
    text = "Dollarstore har exakt samma städgrejer som Clas Ohlson fast för halva priset"
    assert both(text, "Dollarstore", "Clas Ohlson") == ("pos", "neg")
    text = "Espresso House har samma kaffe som Pressbyrån men för dubbla priset"
    assert both(text, "Espresso House", "Pressbyrån") == ("neg", "pos")


def test_a_comparison_opening_with_the_other_partys_thing():
    # "Jämfört med ICA:s hemleverans …" gave ICA the praise, +0.98 (a fresh two-brand probe).
    text = "Mathem har blivit mycket bättre. Jämfört med ICA:s hemleverans är de klart bäst nu"
    assert both(text, "Mathem", "ICA") == ("pos", "neg")


def test_another_party_said_to_be_better_right_after_a_fact():
    # A fresh two-brand probe (2026-12-05): +0.80 for Verisure.
    text = "Vi har haft Verisure i tre år och när det väl gick ett larm kom väktaren efter 45 min. Sector Alarm var snabbare hos grannen"
    assert both(text, "Verisure", "Sector Alarm") == ("neg", "pos")
    # Not after praise of its own, nor "också bättre" or "inte bättre".
    text = "ICA Banken är bäst för barnsparande tycker jag, inga avgifter. Men Länsförsäkringar har bättre ränta på sparkontot just nu"
    assert tone(text, "ICA Banken", "Länsförsäkringar") == "pos"
    text = "Nu får man en cheeseburgare och en sorg på Max. Donken är inte bättre"
    assert tone(text, "Max", "Donken") == "neg"


def test_a_complaint_after_a_switch_is_no_praise_of_the_party_left():
    # Fresh two-brand probes (2026-12-05): both had been positive for the party left.
    text = "bytte från Telia till Hallon förra veckan, samma täckning typ halva priset. varför betalade jag så mycket i 6 år 💀"
    assert tone(text, "Telia", "Hallon") == "neg"
    text = "Har precis gått över till Nordea efter 20 år hos SEB. lite nervös ärligt, alla säger att deras kundtjänst är kass. vi får se"
    assert tone(text, "SEB", "Nordea") == "neg"
    # Regret is still regret.
    assert tone("Bytte från Telia till Tre. Ångrar mig så mycket.", "Telia", "Tre") == "pos"


def test_choosing_another_party_in_a_sentence_of_its_own_is_leaving():
    # "tar Flixbus nästa gång" after SJ's broken-down train had left SJ positive, from the
    # consolation between (a fresh two-brand probe, 2026-12-05).
    text = "SJ-tåget till Göteborg står still utanför Alingsås, 'signalfel'. fick iaf gratis kaffe. tar Flixbus nästa gång ärligt"
    assert both(text, "SJ", "Flixbus") == ("neg", "pos")
    text = "Telia höjde igen, tredje gången i år. Bytte till Tele2 idag."
    assert tone(text, "Telia", "Tele2") == "neg"
    text = "Ryanair kostar 199 kr men handbagaget 400. kollade SAS och där ingick allt för 900 totalt. blev SAS"
    assert tone(text, "Ryanair", "SAS") == "neg"
    # A switch for a practical reason chooses nobody.
    text = "Telia har funkat fint. Bytte till Tele2 eftersom vi flyttar till Kiruna."
    assert tone(text, "Telia", "Tele2") != "neg"


def test_what_a_queue_is_counted_in_is_no_time():
    # "tre fulla vagnar" had been three minutes against "ute på fem minuter", the quicker side
    # (a fresh two-brand probe, 2026-12-05).
    text = "Nya Willys-appen är faktiskt riktigt bra. Scannade hela handlingen med mobilen och var ute på fem minuter. Lidl borde ta efter, där står man fortfarande i kö bakom tre fulla vagnar"
    assert both(text, "Willys", "Lidl") == ("pos", "neg")


def test_a_company_reply_quoted_whole_and_the_thing_bought_there():
    text = "SJ svarar mig att de 'beklagar olägenheten och ständigt arbetar med att förbättra punktligheten'. tre timmar stillastående utanför Hallsberg."
    assert tone(text, "SJ") == "neg"
    text = "Jysk-sängen är den skönaste vi haft. Bättre än den från Mio som kostade dubbelt"
    assert tone(text, "Mio", "Jysk") == "neg"


def test_a_fronted_comparative_after_still_or_against_a_visit():
    # A fresh two-brand probe (2026-12-05): both had given the party after "än" the praise.
    text = "Burgaren var god på Max. Fortfarande bättre än McDonald's mitt emot"
    assert tone(text, "McDonald's", "Max") == "neg"
    text = "Fantastisk service på Däckmax i Borås! Mycket bättre än när jag var på Euromaster förra året"
    assert tone(text, "Euromaster", "Däckmax") == "neg"
