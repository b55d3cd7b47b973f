"""Rules revision 26 (analysis/sentiment_counterfactual.py, sentiment_brand.py, sentiment_switch.py,
sentiment_wordings.py, sentiment_figures.py): a party said to be one that would never have done
what another did, a closer pointing at the better party without naming it, a threat to switch,
and a few wordings fresh two-brand probes (2026-12-06) showed misread. One test per rule, on
sentences of those shapes and the sentences each must leave alone; each fails on revision 25."""

from __future__ import annotations

import pytest

from tests.test_sentiment_brand import _shipped_model, both, rules_only, tone  # noqa: F401


def test_a_party_that_would_never_have_done_it_is_complained_of():
    # After praise of another party, in its own sentence or a clause of it.
    text = "Fick en ny laddare av Elgiganten direkt, gratis. Netonnet hade aldrig brytt sig"
    assert both(text, "Elgiganten", "Netonnet") == ("pos", "neg")
    text = "Snällt av Hemköp att ta tillbaka korven utan kvitto, Willys hade aldrig gått med på det"
    assert tone(text, "Willys", "Hemköp") == "neg"
    # After a sure complaint of the other party, praise: it would never have done that.
    text = (
        "Bring har tappat bort mitt paket för tredje gången och kundtjänsten skyller på mig, "
        "helt värdelöst. DHL hade aldrig gjort så"
    )
    assert both(text, "Bring", "DHL") == ("neg", "pos")
    # The writer as the subject, the party at the end.
    text = "Biltema bytte batteriet på stående fot. Sån hjälp hade jag aldrig fått hos Jula"
    assert tone(text, "Jula", "Biltema") == "neg"
    # The party before is praised even where the model reads trouble in its words.
    text = (
        "Mios kundtjänst ringde tillbaka när jag klagade på en trasig låda, skickade en ny "
        "direkt. Jysk hade aldrig"
    )
    assert both(text, "Mio", "Jysk") == ("pos", "neg")
    # Left alone: the writer's own refusal; below, a plain past ("hade aldrig problem"), the
    # same of both ("heller"), a question and no other party before it.
    text = "Jag skulle aldrig köpa nåt från Shein. H&M är inte mycket bättre"
    assert tone(text, "Shein", "H&M") == "neg"
    from analysis.sentiment_clauses import _clauses
    from analysis.sentiment_counterfactual import would_never

    def reads(sents: list[str], i: int, brand: str) -> bool:
        m = lambda s: brand in s  # noqa: E731
        other = lambda s: "Coop" in s  # noqa: E731
        return would_never(sents, i, m, other, _clauses(sents[i])) is not None

    assert reads(["Coop bar upp allt.", "Mathem hade aldrig"], 1, "Mathem")
    assert not reads(["Mathem hade aldrig"], 0, "Mathem")
    assert not reads(["Coop bar upp allt.", "Mathem hade aldrig gjort det heller"], 1, "Mathem")
    assert not reads(["Coop bar upp allt.", "Mathem hade aldrig problem"], 1, "Mathem")
    assert not reads(["Coop bar upp allt.", "Hade Mathem aldrig gjort det?"], 1, "Mathem")


def test_a_closer_pointing_at_the_better_party_says_nothing_itself():
    from analysis.sentiment_wordings import plain_idioms

    for closer in (
        "Bara säger det.",
        "Säger en del.",
        "säger väl allt 💀",
        "Vet vem jag stannar hos.",
        "valet är enkelt",
        "enkelt val nästa gång",
        "Gissa var jag handlade",
    ):
        assert plain_idioms(closer) == "", closer
    assert plain_idioms("Tröjan lever fortfarande, bara säger det") == "Tröjan lever fortfarande"
    # Left alone: a party saying something, and a closer that is no pointer.
    assert (
        plain_idioms("Telia säger det är ett fel hos dem") == "Telia säger det är ett fel hos dem"
    )
    assert plain_idioms("Kundtjänsten sa allt möjligt") == "Kundtjänsten sa allt möjligt"
    # In text: the closer had been read as the last party's verdict (−0.85 to +0.60).
    text = "Avanza låg nere hela förmiddagen IGEN. Nordnet funkade. Bara säger det."
    assert tone(text, "Nordnet", "Avanza") == "pos"
    text = (
        "Handelsbanken har fortfarande riktigt bra service på kontoret i byn. Swedbank "
        "stängde sitt 2020. Vet vem jag stannar hos."
    )
    assert both(text, "Handelsbanken", "Swedbank") == ("pos", "neg")


def test_a_threat_to_switch_is_no_switch():
    text = "Tele2 sänkte priset när jag ringde och sa att jag skulle byta till Hallon"
    assert tone(text, "Hallon", "Tele2") == "neu"
    text = "If ville höja med 900 kr. Ringde och hotade med att flytta till Folksam, då sänkte de"
    assert tone(text, "Folksam", "If") == "neu"
    # A switch made stays one.
    assert both("Bytte från Tele2 till Hallon och är supernöjd", "Tele2", "Hallon") == (
        "neg",
        "pos",
    )


def test_wishing_to_have_stayed_praises_the_party_left():
    text = "Strul med Hallon sen dag ett. Hade jag vetat det hade jag stannat kvar på Vimla"
    assert tone(text, "Vimla", "Hallon") == "pos"
    assert tone("Borde ha stannat hos Telia, Tre har noll täckning", "Telia", "Tre") == "pos"
    assert tone("Borde inte ha stannat hos Telia så länge, Tre är bättre", "Telia", "Tre") == "neg"


def test_the_king_of_something_is_praise():
    text = "Testade Estrellas nya chips. Nej. OLW:s grillchips är fortfarande kung"
    assert both(text, "OLW", "Estrella") == ("pos", "neg")
    assert tone("Volvo är kung på vägarna, Scania kommer tvåa", "Volvo", "Scania") == "pos"
    # Not the king himself.
    from analysis.sentiment_wordings import plain_idioms

    assert plain_idioms("Kungen besökte Volvo i Torslanda") == "Kungen besökte Volvo i Torslanda"


def test_half_as_dear_without_som_and_learning_from_a_party():
    text = "Kolla Flixbus innan ni bokar SJ, Flixbus är ofta hälften så dyrt Sthlm-Gbg"
    assert tone(text, "Flixbus", "SJ") == "pos"
    text = "Hammarby borde ta lärdom av Mjällby hur man bygger ett lag."
    assert both(text, "Hammarby", "Mjällby") == ("neg", "pos")


def test_a_party_that_asked_more_for_the_same_thing():
    text = "Inet byggde datorn på tre dagar. Komplett ville ha 1500 mer för samma bygge"
    assert tone(text, "Komplett", "Inet") == "neg"
    # The other party's sentence says what it would have cost: the brand is the cheaper one.
    text = "Flög Norwegian till Malaga, helt ok för priset. SAS hade kostat 2000 mer för exakt samma sak"
    assert both(text, "Norwegian", "SAS") == ("pos", "neg")
    # Not a figure of something else ("tog 2 timmar mer").
    from analysis.sentiment_figures import relative_lean

    assert relative_lean("Komplett ville ha 1500 mer för samma bygge") == -1
    assert relative_lean("Inet tog 300 kr mindre för samma sak") == 1
    assert relative_lean("Bussen tog 2 timmar mer än tåget") == 0


def test_short_praise_after_bad_news_told_as_a_fact_mocks_it():
    text = "Polestar återkallar bilen igen enligt Dagens industri. kul för ägarna"
    assert tone(text, "Polestar", "Dagens industri") == "neg"
    assert tone("Northvolt varslar 1600 i Skellefteå. snyggt jobbat", "Northvolt") == "neg"
    # Good news praised stays praise, and bad news alone is no complaint.
    assert tone("Coop öppnar en ny butik i byn. kul för oss", "Coop") == "pos"
    assert tone("Volvo lägger ner fabriken i Gent.", "Volvo") == "neu"
    from analysis.sentiment_facts import bad_news

    assert bad_news("Embracer har lagt ner ännu en studio")
    assert not bad_news("Embracer har köpt ännu en studio")


def test_a_switch_that_changed_nothing_but_the_price_is_a_good_one():
    text = (
        "bytte från Telenor till Fello i höstas och märker ingen skillnad på nätet förutom att "
        "räkningen blev hälften så stor"
    )
    assert both(text, "Telenor", "Fello") == ("neg", "pos")
    text = "Bytte från Telenor till Fello och har inte märkt nån skillnad, bara 150 kr mindre varje månad"
    assert both(text, "Telenor", "Fello") == ("neg", "pos")
    # No difference found, and a cheaper price as the reason only: no verdict on either.
    text = (
        "bytte från Telenor till Fello för att det var lite billigare, märker ingen skillnad alls"
    )
    assert both(text, "Telenor", "Fello") == ("neu", "neu")


def test_using_only_the_brand_now_is_choosing_it():
    text = "Cmore har tappat allt sen dom tappade hockeyn. Sa upp efter 5 år. Kör bara Max nu"
    assert tone(text, "Max", "Cmore") == "pos"
    text = "Expressen skriver bara clickbait om allt, helt värdelöst. Läser bara DN numera"
    assert both(text, "Expressen", "DN") == ("neg", "pos")
    # Not a thing of the brand's, nor negated or asked.
    text = "Klarna strular igen, kör bara vanliga kortet från Swedbank"
    assert tone(text, "Swedbank", "Klarna") != "pos"
    from analysis.sentiment_switch import only_now

    def finds(sentence: str) -> bool:
        return only_now(sentence, lambda s: "Max" in s) is not None

    assert finds("Kör bara Max nu")
    assert not finds("Kör inte bara Max")
    assert not finds("Kör du bara Max?")


def test_a_sentence_adding_the_brand_with_och_shares_the_tone_before():
    text = (
        "Att Migrationsverket stänger kontoret i Gällivare är ett hån mot alla som bor här. "
        "Och Skatteverket stängde sitt för tre år sen."
    )
    assert tone(text, "Skatteverket", "Migrationsverket") == "neg"
    text = (
        "Västtrafik har inte kört enligt tidtabell på en vecka. Och Vy kan inte ens svara på "
        "ett mejl. vad betalar vi för"
    )
    assert tone(text, "Vy", "Västtrafik") == "neg"
    # Not a comparison, nor "och" before something other than the brand.
    # Fitted on 141 probes (rules revision 34) the pair model reads the cheaper party as named
    # beside the rise (0.70 neutral): a known miss; the rules' reading is tested.
    text = "Tele2 höjde priset igen. Och Tre är billigare än så"
    assert tone(text, "Tre", "Tele2") != "neg"
    with pytest.MonkeyPatch.context() as mp:
        rules_only(mp)
        assert tone(text, "Tre", "Tele2") == "pos"
    text = "Brevbäraren från PostNord bar upp paketet. Tack Gunilla 😭 och tack Ellos för snabb leverans"
    assert tone(text, "Ellos", "PostNord") == "pos"


def test_the_party_the_writer_had_before_is_one_left():
    text = "Nordnet har en app som faktiskt funkar. Hade Avanza innan och det var ren smärta"
    assert both(text, "Nordnet", "Avanza") == ("pos", "neg")
    text = (
        "Gick på Actic i Kalmar idag, rent och fräscht och aldrig kö. Var med på Sats förut men "
        "det här är halva priset och minst lika bra"
    )
    assert both(text, "Actic", "Sats") == ("pos", "neg")
    text = "Folksam betalade ut på en vecka. Kan inte säga samma om If som vi hade innan"
    assert tone(text, "If", "Folksam") == "neg"
    # Not a thing of the brand's, nor the same as now ("också").
    from analysis.sentiment_switch import formerly

    def finds(sentence: str) -> bool:
        return formerly(sentence, lambda s: "IKEA" in s) is not None

    assert finds("Hade IKEA innan och det var sämre")
    assert not finds("IKEA-soffan vi hade innan höll i 8 år")
    assert not finds("Hade IKEA innan också och det var lika bra")
    assert not finds("Hade ni IKEA innan?")


def test_a_partys_fault_denied_by_name_is_a_defence():
    text = "Det är inte Bring:s fel att folk aldrig är hemma när paketet kommer. Skyll på Temu"
    assert tone(text, "Bring", "Temu") != "neg"
    text = (
        "Det är inte Budbees fel att folk aldrig är hemma när paketet kommer, usch vad ni gnäller"
    )
    assert tone(text, "Budbee") != "neg"
    # The party blamed instead is not defended.
    assert tone(text.replace("inte Budbees fel", "Budbees fel"), "Budbee") == "neg"


def test_trots_att_and_samtidigt_som_begin_a_clause():
    text = (
        "Personalen på Danderyds sjukhus är fantastisk trots att Region Stockholm skär ner överallt"
    )
    assert tone(text, "Region Stockholm", "Danderyds sjukhus") == "neg"
    text = "Nån mer som fått brev från Kronofogden trots att skulden till Telia var betald?"
    assert tone(text, "Kronofogden", "Telia") == "neu"
    from analysis.sentiment_clauses import _clauses

    assert len(_clauses("Skandia höjer avgifterna samtidigt som AMF sänker sina")) == 2


def test_asking_others_whether_they_switched_is_no_switch():
    assert both("Nån som bytt från Eon till Tibber? Värt det?", "Eon", "Tibber") == ("neu", "neu")
    text = "Har nån här bytt till Deezer och är det värt det?"
    assert tone(text, "Deezer") == "neu"
    # The writer's own switch, asked about afterwards, stays one.
    text = "Bytte från Eon till Tibber igår, är jag den enda som inte ångrar mig?"
    assert tone(text, "Tibber", "Eon") == "pos"


def test_the_party_fought_against_is_the_opponent():
    text = (
        "Stort tack till Konsumentverket som hjälpte oss mot Willhem när dom ville höja hyran "
        "med 20%. Vi vann!"
    )
    assert both(text, "Konsumentverket", "Willhem") == ("pos", "neg")
    # Not a party that won, nor a question.
    from analysis.sentiment_opponent import opposed

    def finds(sentence: str) -> bool:
        return (
            opposed(sentence, lambda s: "Willhem" in s, lambda s: "Konsumentverket" in s)
            is not None
        )

    assert finds("Konsumentverket vann mot Willhem i nämnden")
    assert not finds("Konsumentverket förlorade mot Willhem i nämnden")
    assert not finds("Vann Konsumentverket mot Willhem?")
    assert not finds("Vi vann mot Willhem")  # nobody else named: the writer's own fight


def test_half_the_price_said_of_a_side_is_cheaper():
    text = (
        "Actic i city är så fullt kl 17 att man står i kö till varje bänk. Tog ett provpass "
        "på STC, tomt och halva priset."
    )
    assert tone(text, "STC", "Actic") != "neg"
    text = "Skistar tar snart en månadshyra för liftkortet. körde Romme istället, halva priset och inga köer"
    assert tone(text, "Romme", "Skistar") == "pos"
    from analysis.sentiment_wordings import plain_idioms

    assert plain_idioms("samma sak för halva priset") == "samma sak billigare"


def test_reading_or_using_another_party_instead_is_choosing_it():
    text = "Corren har låst allt bakom betalvägg nu, även trafikolyckor. läser NT istället"
    assert tone(text, "NT", "Corren") == "pos"
    text = "Spotify har blivit så dyrt. lyssnar på Deezer istället"
    assert tone(text, "Deezer", "Spotify") == "pos"


def test_calling_is_a_word_of_waiting():
    from analysis.sentiment_figures import figure_lean

    assert figure_lean("ringde Telia, 45 min", "Tele2 2 min") == -1
    assert figure_lean("fick ringa Tele2, 2 min", "Telia 45 min") == 1
    # A time with no word of waiting is none: "Har haft Telia i 12 år".
    assert figure_lean("Har haft Telia i 12 år", "Tele2 i 2 år") == 0


def test_a_comparison_opening_the_next_sentence_is_the_brands():
    text = "Testat nya Cloetta med saltlakrits? Mycket godare än Fazers variant tycker jag"
    assert both(text, "Cloetta", "Fazer") == ("pos", "neg")
    text = (
        "Haglöfs är dyrt men jackan håller i 10 år. bättre än att köpa nytt på Stadium varje vinter"
    )
    assert tone(text, "Haglöfs", "Stadium") == "pos"
    # Conceded, it is no praise: "… Fortfarande billigare än Telia men ändå, säg till innan".
    text = "Bahnhof har höjt med 50 kr i månaden. Fortfarande billigare än Telia men ändå, säg till innan"
    assert tone(text, "Bahnhof", "Telia") == "neg"


def test_what_follows_asking_others_about_the_brand_is_no_verdict():
    text = (
        "Har nån testat Greenely? Hört att appen är bra men timpris skrämmer mig lite. Har Eon nu"
    )
    assert tone(text, "Greenely", "Eon") == "neu"
    text = "Kan man lita på Boozt? Ser billigt ut men har aldrig beställt där."
    assert tone(text, "Boozt") == "neu"
    # A verdict said outright stays one.
    assert tone("Har nån testat Boozt? Jag har, och de var helt värdelösa.", "Boozt") == "neg"
