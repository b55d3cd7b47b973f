"""Tone towards each brand in sentences naming two (analysis/sentiment_brand.py): one test per
rule, each on sentences the rule is needed for, plus the clause cutting itself."""

from __future__ import annotations

import csv
import re

import pytest

from analysis import sentiment
from analysis import sentiment_pair as pair
from analysis.item_text import scored_text
from analysis.resources import data_path
from analysis.sentiment_brand import _clauses, _ironic_verdict, classify_for_brand, reading
from analysis.sentiment_eval import leaking
from tests.helpers import script


@pytest.fixture(autouse=True)
def _shipped_model():
    sentiment.set_model(None)  # another test of the worker may have installed a tiny model
    yield


def _finder(name: str):
    rx = re.compile(r"(?<!\w)" + re.escape(name) + r"s?(?!\w)")
    return lambda s: bool(rx.search(s))


def tone(text: str, brand: str, *others: str) -> str | None:
    rest = [_finder(o) for o in others]
    return classify_for_brand(
        text, _finder(brand), lang="sv", others=lambda s: any(f(s) for f in rest)
    ).label


def rules_only(monkeypatch) -> None:
    """The rules' reading alone: the pair model reads nothing again (sentiment_pair.reread)."""
    monkeypatch.setattr(pair, "reread", lambda rules, x, fitted=None, least=0.5: rules)


def both(text: str, a: str, b: str) -> tuple[str | None, str | None]:
    return tone(text, a, b), tone(text, b, a)


def test_comma_splits_clauses_that_name_different_parties():
    assert both("Telia har usel kundtjänst, Tele2 levererade på en dag", "Telia", "Tele2") == (
        "neg",
        "pos",
    )
    assert both("Orkar inte med Klarna, rekommenderar SEB", "Klarna", "SEB") == ("neg", "pos")


def test_och_splits_clauses_too():
    assert both("Lidl löste allt direkt och Jula är ett skämt", "Lidl", "Jula") == ("pos", "neg")


def test_one_word_pieces_stay_with_their_clause():
    assert _clauses("ICA, Coop och Willys är dyra") == ["ICA, Coop och Willys är dyra"]
    assert _clauses("Testade Budbee och Wolt, båda var usla") == [
        "Testade Budbee och Wolt",
        "båda var usla",
    ]
    assert both("Wolt och Foodora är båda värdelösa", "Wolt", "Foodora") == ("neg", "neg")


@pytest.mark.parametrize(
    ("text", "a", "b", "want"),
    [
        ("Stadium är mycket dyrare än Jula", "Stadium", "Jula", ("neg", "pos")),
        ("Bättre priser hos Lidl än hos Åhléns", "Lidl", "Åhléns", ("pos", "neg")),
        ("Föredrar Wolt framför Foodora", "Wolt", "Foodora", ("pos", "neg")),
        ("Zalando är inte alls lika bra som Klarna", "Zalando", "Klarna", ("neg", "pos")),
    ],
)
def test_comparisons_give_the_other_side_the_opposite_tone(text, a, b, want):
    assert both(text, a, b) == want


def test_a_sweeping_negation_reaching_the_comparative_swaps_the_sides():
    # Rules revision 9: "aldrig ... bättre" is praise (sentiment_lexicon.comparative_is_emphasis),
    # of the party after "än": the sides of the comparison swap.
    assert both("Telia har aldrig varit bättre än Tre", "Telia", "Tre") == ("neg", "pos")
    assert both("Ingen av Lidl och Coop har godare bröd än Willys", "Willys", "Coop") == (
        "pos",
        "neg",
    )
    assert both("Telia har sämre täckning än Tre", "Telia", "Tre") == ("neg", "pos")
    # A negation elsewhere in the side does not swap it.
    assert both("Telia svarar aldrig och är dyrare än Tre", "Telia", "Tre") == ("neg", "pos")


def test_a_brand_after_lika_som_gets_the_same_tone():
    r = reading(["SJ är lika bra som Telia"], 0, _finder("Telia"), _finder("SJ"))
    assert r.text == "SJ är lika bra" and not r.flip


@pytest.mark.parametrize(
    "text",
    [
        "bytte från Telia till Tele2 och ångrar inget",
        "Gick över från Telia till Tele2 i våras, mycket nöjdare nu",
        "Har lämnat Telia för Tele2",  # no opinion said: the switch is the choice
        "Har bytt till Tele2, Telia var alldeles för dyra",
        "Kör Tele2 nu istället för Telia",
    ],
)
def test_switching_praises_the_one_joined_and_not_the_one_left(text):
    assert both(text, "Tele2", "Telia") == ("pos", "neg")


@pytest.mark.parametrize(
    "text",
    [
        "Kunderna flyr från Telia till Tele2.",
        "Många går över till Tele2 från Telia efter prishöjningen.",  # the occasion is Telia's
        "Jag lämnade Telia för Tele2 i våras.",  # the model read "lämnade" as a complaint
        "Kunder flyr till Tele2 efter prishöjningen.",  # Telia unnamed: a reply in its thread
    ],
)
def test_fleeing_and_leaving_are_switches_and_their_occasion_is_no_verdict(text):
    # The demo's "Kunder flyr till Nordvind efter prishöjningen" was negative for Nordvind:
    # "flyr" was no switch, and "Kunder" and "prishöjningen" read as a complaint.
    assert both(text, "Tele2", "Telia") == ("pos", "neg")


def test_what_follows_a_switch_naming_one_party_speaks_of_that_party(monkeypatch):
    # Rules revision 14: the party left's own complaint after the switch had been turned round
    # into praise of it, and given to the party joined.
    text = "bytte från Telia till Tele2 i våras, Telia höjde priset tre gånger på ett år"
    assert both(text, "Telia", "Tele2") == ("neg", "pos")
    text = (
        "gick över till Fortum från E.ON i januari, E.ON ville ha 40 % mer för fastpris. "
        "Återkommer när jag vet hur Fortum funkar."
    )
    # Since rules revision 34 the pair model reads a switch in a text this long, and it reads
    # the party joined as chosen (0.97 positive), the verdict held back notwithstanding: a
    # known miss (docs/sentiment_brand.md, "Rules revision 34"); the rules' reading is tested.
    assert both(text, "E.ON", "Fortum")[0] == "neg"
    rules_only(monkeypatch)
    assert both(text, "E.ON", "Fortum") == ("neg", "neu")


def test_a_switch_in_a_later_clause_keeps_its_sides():
    # The tail of a switch is the clauses after the one that switches; with the switch in a
    # later clause, the whole sentence had been taken for its tail and, naming both parties,
    # gave the party left the verdict unturned (a reading of the change).
    text = "Efter allt strul, bytte vi från Telia till Tele2 och är supernöjda"
    assert both(text, "Telia", "Tele2") == ("neg", "pos")


def test_an_occasion_opening_the_sentence_is_the_party_lefts():
    # "Efter tre år av krångel med Qliro bytte vi till Klarna" was negative for Klarna.
    text = "Efter två år av strul med Qliro bytte vi till Klarna i webbshoppen."
    assert both(text, "Qliro", "Klarna") == ("neg", "pos")


def test_a_switch_only_thought_of_or_denied_is_no_choice():
    assert both("Funderar på att byta från Telia till Tele2", "Telia", "Tele2") == ("neu", "neu")
    assert tone("Ingen flyr till Tele2.", "Tele2") != "pos"


def test_regret_after_a_switch_turns_it_round():
    assert both("bytte från Telia till Tele2 och ångrar mig bittert", "Telia", "Tele2") == (
        "pos",
        "neg",
    )


def test_an_elliptic_clause_takes_the_opposite_or_same_tone():
    assert both("Ikea är helt fantastiska, men inte Jula", "Ikea", "Jula") == ("pos", "neg")
    assert both("Ikea är värdelösa, till skillnad från Jula", "Ikea", "Jula") == ("neg", "pos")
    assert tone("Ikea är helt fantastiska, liksom Jula", "Jula", "Ikea") == "pos"


def test_praise_in_the_next_sentence_is_about_the_brand():
    assert tone("Var inne på Stadium igår. Personalen var supertrevlig.", "Stadium") == "pos"
    assert tone("Ringde Telia om fakturan. Total katastrof.", "Telia") == "neg"
    # ...but not when the next sentence names someone else.
    text = "Var inne på Stadium igår. Personalen på Jula var supertrevlig."
    assert tone(text, "Stadium", "Jula") == "neu"


def test_switching_to_the_brand_alone_is_choosing_it_unless_only_thought_of():
    # The model reads "Bytte till ..." on its own as a complaint (the demo's "Bytte till
    # Nordvind igår." was Nordvind's most negative mention).
    assert tone("Bytte till Nordvind igår.", "Nordvind") == "pos"
    assert tone("Funderar på att byta tillbaka till Fjällkraft", "Fjällkraft") == "neu"
    assert tone("Jag byter aldrig till Nordvind.", "Nordvind") == "neg"


def test_leaving_the_brand_with_no_party_joined_is_churn():
    # The demo's "Hundratals kunder lämnar Fjällkraft" was neutral for Fjällkraft.
    assert tone("Hundratals kunder lämnar Fjällkraft", "Fjällkraft") == "neg"
    assert tone("Jag lämnade Telia förra året, bästa beslutet jag gjort.", "Telia") == "neg"
    assert tone("Sa upp mitt abonnemang hos Tele2 i dag.", "Tele2") == "neg"
    assert tone("Kunderna flyr från Vattenfall.", "Vattenfall") == "neg"
    assert tone("Bytte från Telia förra veckan.", "Telia") == "neg"
    # Negated, it is loyalty: "Skulle aldrig byta från Bahnhof" was negative.
    assert tone("Skulle aldrig byta från Bahnhof", "Bahnhof") == "pos"
    assert tone("Jag lämnar inte Telia, hur mycket de än höjer.", "Telia") == "pos"
    # Regret of leaving is praise (rules revision 14): "borde" had made it only thought of.
    text = "borde aldrig lämnat Länsförsäkringar. Folksam har avslagit min skada två gånger"
    assert both(text, "Länsförsäkringar", "Folksam") == ("pos", "neg")
    assert tone("Ångrar att jag lämnade Telia, Tele2 har usel täckning", "Telia", "Tele2") == "pos"
    # Only thought of, the brand leaving something, something left with the brand: no churn.
    assert tone("Funderar på att lämna Telia.", "Telia") == "neu"
    for text, brand in (
        ("Funderar på att lämna Telia.", "Telia"),
        ("Fjällkraft lämnar Kiruna efter tjugo år.", "Fjällkraft"),
        ("Lämnade paketet hos Postnord i morse.", "Postnord"),
    ):
        assert not reading([text], 0, _finder(brand), None).flip, text


def test_an_opinion_after_a_switch_is_the_verdict_on_it():
    # Rules revision 10: the choice and the verdict had cancelled out at about the margin of
    # the aggregate; the first three were neutral, "Ångrar mig" after joining positive.
    assert tone("Lämnade Telia förra året. Bästa beslutet jag tagit.", "Telia") == "neg"
    assert tone("Bytte till Tre förra månaden. Sämsta beslutet.", "Tre") == "neg"
    assert tone("Bytte elavtal till Telia i somras. Aldrig igen.", "Telia") == "neg"
    assert both("Bytte från Telia till Tre. Supernöjd!", "Telia", "Tre") == ("neg", "pos")
    # Agreeing with the switch, or no verdict: the switch is the opinion, as before.
    assert tone("Bytte till Tre förra månaden. Supernöjd!", "Tre") == "pos"
    assert tone("Bytte till Tre förra månaden. Sen åt vi.", "Tre") == "pos"
    assert tone("Skulle aldrig lämna Telia. Bästa bolaget.", "Telia") == "pos"


def test_a_postpositive_daremot_begins_its_own_clause():
    # "Telenor" was left in Bahnhof's clause, and 🙄 made Bahnhof's praise negative.
    text = "asså Bahnhof har aldrig strulat för mig på 6 år, Telenor däremot 🙄"
    assert _clauses(text) == [
        "asså Bahnhof har aldrig strulat för mig på 6 år",
        "Telenor däremot 🙄",
    ]
    assert tone(text, "Bahnhof", "Telenor") == "pos"
    assert _clauses("Bolt är bra men Voi däremot är kass")[1] == "men Voi däremot är kass"


def test_greater_than_is_better_than():
    assert both("Voi > Bolt alla dagar", "Voi", "Bolt") == ("pos", "neg")
    assert both("Voi < Bolt", "Voi", "Bolt") == ("neg", "pos")


def test_a_broken_promise_of_time_is_a_complaint():
    # "tog längre tid än X lovade" read as neutral: the development set's three such misses.
    assert tone("Reparationen tog längre tid än Elgiganten lovade.", "Elgiganten") == "neg"
    assert tone("Bytet av elmätare tog längre tid än Ellevio utlovat", "Ellevio") == "neg"
    assert tone("Flytten av bredbandet tog längre tid än Bahnhof sa", "Bahnhof") == "neg"
    # Without a promise it is a comparison, left to the comparison rule.
    text = "Leveransen tog längre tid än Inets"
    assert reading([text], 0, _finder("Inet"), None).text == text


def test_a_reply_not_naming_the_brand_leaves_another_brand_her_sentences():
    """A reply under a thread about Fjällkraft (its quoted title not scored) that names
    Nordvind: what it says of Nordvind is hers, and switching to her is leaving Fjällkraft."""
    text = "Jag har varit kund i tjugo år. Nordvind svarade inte mig på tre veckor."
    assert tone(text, "Fjällkraft", "Nordvind") == "neu"
    assert tone(text, "Fjällkraft") == "neg"  # no other brand configured: the whole text
    text = "Byter till Nordvind. De är billigast i norr och jag ringer aldrig ändå."
    assert tone(text, "Fjällkraft", "Nordvind") == "neg"


def test_a_replys_quoted_title_is_not_its_own_words():
    body = "Uppdatering: ringde idag, fick svar på 3 min. Wow. Bra där Fjällkraft 👍"
    assert scored_text("Re: Ringa Fjällkraft = omöjligt?", body) == body
    title = "Kommentar till Fjällkraft höjer avgiften med över 50 procent av Greta L"
    assert scored_text(title, "Girigt.") == "Girigt."
    assert scored_text("Comment on Price hike by Anna", "Greedy.") == "Greedy."
    # A thread's first post, a news title, a reply with no body of its own keep their title.
    assert scored_text("Ringa Fjällkraft = omöjligt?", "Kö.") == "Ringa Fjällkraft = omöjligt?. Kö."
    assert scored_text("Recension: Nordvinds app", "Bra.") == "Recension: Nordvinds app. Bra."
    assert scored_text("Re: Storm i natt", "") == "Re: Storm i natt"
    # The demo's case: the thread's title "Ringa Fjällkraft = omöjligt?" was the sentence
    # naming the brand, and the praise after it came out neutral. (Scored with the title, the
    # reply is positive too since rules revision 8: the weakly negative "Uppdatering: ringde
    # idag …" after the title no longer counts as the brand's. The check that the title is not
    # scored is scored_text's, above.)
    assert tone(scored_text("Re: Ringa Fjällkraft = omöjligt?", body), "Fjällkraft") == "pos"


def test_a_title_that_is_the_posts_own_beginning_is_not_scored_twice():
    # The demo's Mastodon post, titled with its first line at ingestion: read twice, Nordvind's
    # "står still" after Fjällkraft's rise counted twice and came out negative for Nordvind.
    text = (
        "Dags att byta elbolag? Fjällkraft höjer, Nordvind står still. Någon som har bytt och "
        "vill tipsa? #fjällkraft #nordvind"
    )
    title = "Dags att byta elbolag? Fjällkraft höjer, Nordvind står still. Någon som har bytt och…"
    assert scored_text(title, text) == text
    assert tone(scored_text(title, text), "Nordvind", "Fjällkraft") == "neu"
    assert (
        scored_text("Fjällkraft höjer", "Fjällkraft  höjer\npriset.")
        == "Fjällkraft  höjer\npriset."
    )
    # A title ending inside the body's first word is a title of its own, unless cut with "…".
    assert scored_text("Fjäll", "Fjällkraft höjer.") == "Fjäll. Fjällkraft höjer."
    assert scored_text("Fjällk…", "Fjällkraft höjer.") == "Fjällkraft höjer."


def test_the_titles_feeds_give_posts_without_one_are_not_scored_twice():
    """Real Bluesky and Mastodon feeds (tests/fixtures/feeds/social): ingest.parse titles each
    post, which has no title of its own, with its first line (ingest.platforms.title_from_text),
    and scored_text reads it once."""
    from tests.helpers import first_line_titled_posts

    for name, posts in first_line_titled_posts().items():
        for it in posts:
            assert scored_text(it.title, it.text) == it.text, (name, it.title)


def test_idioms_are_read_in_plain_words():
    assert both("tummen upp för Bolt, tummen ner för Voi", "Bolt", "Voi") == ("pos", "neg")
    assert tone("Orkar inte med Telia, diggar Tele2", "Tele2", "Telia") == "pos"
    assert both("Står inte ut med Telia, uppskattar verkligen Tele2", "Telia", "Tele2") == (
        "neg",
        "pos",
    )
    # "toppenjobb" was split as "toppen" on the stem of "jobbig": negative (the lexicon reads
    # it since model revision 6; the test stays as the brand-level check).
    assert both("Ikea gör ett toppenjobb, men inte Jula", "Ikea", "Jula") == ("pos", "neg")
    assert both("bytte från Telia till Tele2 men det var ett misstag", "Telia", "Tele2") == (
        "pos",
        "neg",
    )


def test_detsamma_takes_the_tone_of_the_sentence_before():
    text = "Lidl löste allt direkt. Kan inte säga detsamma om Ikea."
    assert both(text, "Lidl", "Ikea") == ("pos", "neg")
    assert both("Lidl löste allt direkt. Samma sak med Coop.", "Lidl", "Coop") == ("pos", "pos")
    # "om samma sak" is the matter asked about, not the same verdict.
    text = (
        "Ringde Telenor om fakturan, 40 min i kö och fel svar. "
        "Ringde sen Comviq om samma sak och fick hjälp direkt."
    )
    assert both(text, "Telenor", "Comviq") == ("neg", "pos")


def _rows(*parts: str) -> list[dict]:
    with data_path(*parts).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_development_set_is_kept_apart_from_the_test_set():
    dev = _rows("sentiment", "brand_targets_dev_sv.csv")
    test = _rows("eval", "brand_targets_sv.csv")
    assert len({r["group"] for r in dev}) >= 200
    assert not {r["brand"] for r in dev} & {r["brand"] for r in test}
    assert not {r["text"] for r in dev} & {r["text"] for r in test}
    # No run of 5 words of a test sentence (brand names aside) in a dev sentence.
    names = {r["brand"] for r in dev + test}
    drop = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    assert (
        leaking(
            [drop.sub("B", r["text"]) for r in dev], [drop.sub("B", r["text"]) for r in test], 5
        )
        == []
    )


def test_development_set_is_what_its_script_builds():
    mod = script("scripts/sentiment_data/brand_dev.py")
    assert [r for r in mod.build()] == [
        list(r.values()) for r in _rows("sentiment", "brand_targets_dev_sv.csv")
    ]


def test_natural_development_set_is_kept_apart_from_the_test_set():
    # The hand-written development set (data/sentiment/SOCIAL.md). Every message names only its
    # own rows or brands: the test set's rows are never to be read, not even in a failure.
    mine = _rows("sentiment", "brand_targets_natural_dev_sv.csv")
    test = _rows("eval", "brand_targets_sv.csv")
    dev = _rows("sentiment", "brand_targets_dev_sv.csv")
    brands = {r["brand"] for r in mine}
    shared = sorted(brands & {r["brand"] for r in test})
    assert shared == [], f"brands of the natural set also in the test set: {shared}"
    texts = {r["text"] for r in mine}
    same = sorted(texts & {r["text"] for r in test})
    assert same == [], f"sentences of the natural set also in the test set: {same}"
    copied = sorted(texts & {r["text"] for r in dev})
    assert copied == [], f"sentences of the natural set also in the generated dev set: {copied}"
    names = {r["brand"] for r in mine + dev + test}
    drop = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    masked = [drop.sub("B", t) for t in sorted(texts)]
    held = [drop.sub("B", r["text"]) for r in test]
    runs = [masked[i] for i in leaking(held, masked, 5)]
    assert runs == [], f"natural sentences sharing 5 words with a test sentence: {runs}"
    whole = len(leaking(masked, held, 5))
    assert whole == 0, "a short test sentence equals a natural one"


def test_comparisons_said_with_a_verb_or_idiom():
    # Rules revision 7 (analysis/sentiment_wordings.py): the loser got the praise, or both none.
    assert both("Bahnhof slår Telenor på allt, både pris och nät", "Bahnhof", "Telenor") == (
        "pos",
        "neg",
    )
    assert both("Comviqs täckning är ingenting mot Telias", "Comviq", "Telia") == ("neg", "pos")
    assert both(
        "Lindex når inte upp till KappAhl när det gäller barnkläder", "Lindex", "KappAhl"
    ) == (
        "neg",
        "pos",
    )
    assert (
        tone("Tack Apoteket för hjälpen. Kronans kunde lära sig ett och annat", "Kronans") == "neg"
    )
    # A party must be the subject: here one learns something, which is praise, not criticism.
    assert tone("Här kan man lära sig ett och annat om Ikea", "Ikea") != "neg"


def test_a_comparison_opening_the_sentence():
    text = "Till skillnad från Telenor svarar Bahnhof alltid snabbt och trevligt"
    assert both(text, "Bahnhof", "Telenor") == ("pos", "neg")
    text = "Jämfört med Tele2 är Halebop superbilligt"
    assert both(text, "Halebop", "Tele2") == ("pos", "neg")
    # A relative clause after the party named first is its own (rules revision 14): If had
    # been given the opposite of its own wait.
    text = "Till skillnad från If, där grannen väntat i två månader på att nån ska komma ut."
    assert tone(text, "If", "Folksam") == "neg"


def test_what_follows_a_comparison_is_not_the_other_sides():
    # Rules revision 14: the praise after "Polestar > Tesla" had counted for Tesla too.
    text = (
        "Max > Burger King, inget snack om saken. "
        "Burgarna är så mycket godare och pommesen är perfekt."
    )
    assert both(text, "Max", "Burger King") == ("pos", "neg")


def test_a_question_between_two_parties_is_neutral_for_both():
    # Rules revision 14: the praise asked about had been the brands'.
    text = "Pressbyrån eller 7-Eleven om man vill ha bästa kaffet på resande fot? seriös fråga"
    assert both(text, "Pressbyrån", "7-Eleven") == ("neu", "neu")
    text = "Är Peak Performance värt pengarna eller räcker Stadiums egna märke för en nybörjare?"
    assert both(text, "Peak Performance", "Stadium") == ("neu", "neu")


def test_a_question_whether_a_party_is_better_is_asked_not_said():
    # Rules revision 15: after a complaint of another party, the comparative with no "än" had
    # made it praise.
    text = "Comviq har blivit så dåliga på sistone, är Hallon bättre?"
    assert both(text, "Hallon", "Comviq") == ("neu", "neg")
    assert tone("Swedbank-appen ligger nere igen. Funkar SEB bättre?", "SEB", "Swedbank") == "neu"
    text = "Telia har usel täckning i stugan. Har Tre bättre täckning där uppe?"
    assert tone(text, "Tre", "Telia") == "neu"
    # Saying, not asking: "Är det bara jag …", and the questions a review found (they had
    # become neutral), and a suggestion.
    text = "Är det bara jag eller har Swedbank-appen legat nere varje löning?"
    assert tone(text, "Swedbank", "SEB") == "neg"
    for text in (
        "Har Telia blivit sämre eller är det bara jag?",
        "Har Telia blivit sämre på sistone eller?",
        "Känns Telia sämre för alla andra också?",
        "Har Telia någon förklaring till varför min faktura blev dyrare?",
    ):
        assert tone(text, "Telia") == "neg", text
    assert tone("Är väl Hallon bättre?", "Hallon") == "pos"


def test_a_rhetorical_question_setting_one_party_against_another():
    # Rules revision 14: read as a plain question, both had been neutral.
    text = "Hur kan Postnord ta tio dagar på ett brev när Budbee fixar det över dagen?"
    assert both(text, "Postnord", "Budbee") == ("neg", "pos")
    text = "Varför tar Skatteverket sex veckor när Försäkringskassan fixade det på fem dagar?"
    assert both(text, "Skatteverket", "Försäkringskassan") == ("neg", "pos")
    # After "men", the side complained of. Since rules revision 34 the pair model reads the
    # rules' rhetorical question in a text of sixteen words as a question (0.87 neutral): a
    # known miss (docs/sentiment_brand.md, "Rules revision 34"); the rules' reading is tested.
    text = "Hur kommer det sig att Klarna fixar det på några sekunder men Swedbank behöver en hel vecka?"
    assert tone(text, "Swedbank", "Klarna") != "pos"
    with pytest.MonkeyPatch.context() as mp:
        rules_only(mp)
        assert tone(text, "Swedbank", "Klarna") == "neg"
    # A question naming one party only is left as it was.
    assert tone("Varför blir det alltid fel när Postnord levererar?", "Postnord", "Budbee") == "neg"
    # Addressed to a party, or asking to be told (rules revision 15: read as plain sentences).
    text = "hallå @Postnord varför tar ni 8 dagar när Budbee fixar samma paket på en dag???"
    assert both(text, "Postnord", "Budbee") == ("neg", "pos")
    text = "hur är det möjligt att Apotea levererar på en dag men Kronans inte har Alvedon inne?"
    assert tone(text, "Kronans", "Apotea") == "neg"
    # A question asking how or why, not setting one against the other (a review).
    text = "Hur är det möjligt att flytta numret från Comviq när bindningstiden hos Tele2 inte gått ut?"
    assert tone(text, "Tele2", "Comviq") != "pos"
    text = "Hej, varför får man inte betala med Swish när man handlar hos Apotea?"
    assert tone(text, "Apotea", "Swish") == "neu"


def test_anything_rather_than_the_brand_and_envy():
    assert tone("Hellre cyklar jag i regnet än åker med Västtrafik igen", "Västtrafik") == "neg"
    # What is preferred does not matter: read from it, this one was neutral (rules revision 11).
    text = "Hellre sitter jag på en ölback i tio timmar än åker Flixbus"
    assert tone(text, "Flixbus") == "neg"
    assert tone("Varför kan inte alla elbolag ha en kundtjänst som Tibber?", "Tibber") == "pos"
    # The party another is asked why it is not like (rules revision 14).
    text = "Varför kan inte ICA Banken ha en lika smidig app som Lunar? Måste logga in tre gånger"
    assert both(text, "ICA Banken", "Lunar") == ("neg", "pos")
    # The party no other is like gets what the others are not (rules revision 14).
    text = "Varför är ingen annan mataffär lika trevlig som ICA Kvantum?"
    assert tone(text, "ICA Kvantum", "Coop") == "pos"
    assert tone("Ingen annan bank har lika bra app som Swedbank", "Swedbank", "SEB") == "pos"
    assert tone("Inget annat bolag är lika dåligt som Telia på att svara", "Telia") == "neg"


def test_a_short_praise_after_the_brands_complaint_is_irony():
    # Rules revision 11: alone, "Kul." is praise; after a complaint about the brand it mocks it.
    for verdict in ("Kul.", "Underbart.", "Så kul!"):
        assert tone(f"Väntade en timme i Telias telefonkö. {verdict}", "Telia") == "neg"
        assert tone(f"Fick hjälp direkt av Telias kundtjänst. {verdict}", "Telia") == "pos"
    # An errand is no complaint (COMPLAINT_MIN), relief no irony.
    assert tone("Mejlade SJ om returen. Så nöjd!", "SJ") == "pos"
    complaint = (0.99, 0.005, 0.005)
    assert _ironic_verdict(complaint, "Kul.")
    assert not _ironic_verdict(complaint, "Funkar nu!")
    assert not _ironic_verdict(complaint, "Tack för hjälpen ni gav oss.")


def test_a_conceded_comparison_is_read_clause_by_clause():
    text = "Visst är Systembolaget dyrare än Tyskland men personalen är fantastisk"
    assert tone(text, "Systembolaget", "Tyskland") == "pos"


def test_more_switching_wordings():
    assert both(
        "Portade numret från Tele2 till Vimla och har inte ångrat mig", "Tele2", "Vimla"
    ) == (
        "neg",
        "pos",
    )
    text = "Sa upp elavtalet hos Vattenfall och tecknade nytt hos Tibber, mycket billigare"
    assert both(text, "Vattenfall", "Tibber") == ("neg", "pos")
    # The parties named right after the verbs (rules revision 14) ...
    assert both("Sa upp Telia i fjol och tog Tele2 istället", "Telia", "Tele2") == ("neg", "pos")
    text = "Sa upp SATS efter sju år och gick till Nordic Wellness"
    assert both(text, "SATS", "Nordic Wellness") == ("neg", "pos")
    # ... but something taken is no party joined.
    text = "Sa upp mitt abonnemang hos Telia och tog en promenad, Tele2 ringde sen"
    assert tone(text, "Tele2", "Telia") != "pos"
    assert tone("Flyttade hela pensionen till Avanza förra månaden", "Avanza") == "pos"
    # The brand only in the occasion of the switch is the one left.
    assert (
        tone("Gick tillbaka till Ica efter ett halvår på Coop, det var för dyrt", "Coop") == "neg"
    )


def test_a_name_alone_before_och_shares_the_next_clause():
    assert _clauses("Både Clas Ohlson och Jula är bra") == ["Både Clas Ohlson och Jula är bra"]
    assert _clauses("Clas Ohlson och Jula är bra") == ["Clas Ohlson och Jula är bra"]
    # A sentence's first word is capitalised as such: "Testade" is no name.
    assert _clauses("Testade Budbee och Wolt, båda var usla") == [
        "Testade Budbee och Wolt",
        "båda var usla",
    ]


def test_a_clause_naming_nobody_goes_with_the_party_before_it():
    text = "Netonnet hade inget hemma, Elgiganten hade allt och snabb leverans dessutom"
    assert tone(text, "Netonnet", "Elgiganten") == "neg"


def test_a_side_stated_as_fact_takes_the_other_sides_tone_turned_round():
    # In a probe of fresh two-brand posts, 22 of 53 wrong labels were a side set against
    # another party's, stated as plain fact: it came out neutral.
    text = "Netonnet tar 500 kr för frakten, hos Komplett är den helt gratis och supersnabb"
    assert both(text, "Netonnet", "Komplett") == ("neg", "pos")
    # The same side of fact, the other side's tone decides.
    said = "Bredbandsbolaget kopplade in oss på två veckor, Ownit "
    assert both(said + "strulade i tre månader", "Bredbandsbolaget", "Ownit") == ("pos", "neg")
    assert both(said + "var så otroligt smidiga", "Bredbandsbolaget", "Ownit") == ("neg", "pos")
    # Not a contrast: the brand is where something was bought, or joined by "och".
    assert both(
        "Beställde från Ellos, Postnord slarvade bort paketet igen", "Ellos", "Postnord"
    ) == (
        "neu",
        "neg",
    )
    assert both("ICA ligger närmast och Coop har helt fantastisk service", "ICA", "Coop") == (
        "neu",
        "pos",
    )
    # A side with an opinion of its own keeps it.
    text = "Hos Systembolaget stod jag i kö i tjugo minuter, Apoteket var underbart snabba"
    assert both(text, "Systembolaget", "Apoteket") == ("neg", "pos")


def test_a_service_the_thing_came_through_or_was_paid_with_is_aside():
    # The carrier, the payment and the platform took the tone meant for the shop, the sender
    # or the seller (a fresh two-brand probe, 2026-12-05).
    text = "Fick en faktura via Kivra från Vattenfall på 3 000 kr i nätavgift, helt sjukt"
    assert both(text, "Kivra", "Vattenfall") == ("neu", "neg")
    text = "Tröjan från Zalando kom med Budbee igår och den sitter perfekt 😍"
    assert both(text, "Budbee", "Zalando") == ("neu", "pos")
    text = "Fick ett meddelande på LinkedIn från en rekryterare på Ericsson, tackade nej direkt efter allt strul"
    assert both(text, "LinkedIn", "Ericsson") == ("neu", "neg")
    # Not when what follows goes back to the service.
    text = "Beställde från Zalando, kom med Budbee och de var supersnabba"
    assert tone(text, "Budbee", "Zalando") == "pos"
    text = "Handlade på Zalando och betalade med Klarna. Dom skickade inkasso direkt, sjukt"
    assert tone(text, "Klarna", "Zalando") == "neg"


def test_a_verdict_in_brackets_after_the_name_is_the_brands():
    # Rules revision 15: set aside as the carrier, the praise was lost (a fresh probe).
    text = "Beställde skor från Zalando via Budbee (supersmidigt btw), men skorna var trasiga"
    assert both(text, "Budbee", "Zalando") == ("pos", "neg")
    # Brackets with no word of tone leave the carrier aside.
    text = "Beställde skor från Zalando via Budbee (kom i tisdags), men skorna var trasiga"
    assert tone(text, "Budbee", "Zalando") == "neu"
    # Nor brackets speaking of another party.
    text = "Köpte en Samsung (inte Apple, de är för dyra) och är supernöjd"
    assert tone(text, "Samsung") == "pos"
    # Only for a brand otherwise named aside, in a few words (a review): a bracket after
    # leaving, a concession, irony, a clause of its own and another party's bracket are read
    # with the sentence.
    for text, brand, others, want in (
        ("Har lämnat Telia (bästa beslutet jag tagit)", "Telia", (), "neg"),
        ("Bytte från Telia (äntligen!) till Tre förra veckan", "Telia", ("Tre",), "neg"),
        ("Vi har Telia (lite dyra) men täckningen är klockren i hela huset", "Telia", (), "pos"),
        ("Fick stå i telefonkö hos Telia (kul) i två timmar idag", "Telia", (), "neg"),
        (
            "Fick paketet via Budbee (Zalando är bäst) men skorna var trasiga",
            "Budbee",
            ("Zalando",),
            "neu",
        ),
    ):
        assert tone(text, brand, *others) == want, text
    # A clause of its own in brackets is read with the rest of the sentence: neither the
    # bracket's verdict (-0.94 alone) nor the rest's (+0.98 alone). The sentence is a mix, and
    # which way a mix leans is the model's to say (-0.02 with sv-builtin-629c37f2ee, neutral by
    # AGG_MIN_MARGIN; -0.23 with sv-builtin-4a3dfbcc39), so the mix is pinned, not its label.
    text = "Hämtade paketet hos Postnord (regnade som fan hela vägen) och allt var helt"
    got = classify_for_brand(text, _finder("Postnord"), lang="sv", others=lambda s: False)
    assert abs(got.score or 0.0) < 0.5, got


def test_a_place_named_after_another_party_is_aside():
    # Rules revision 15: the shopping centre took the shop's tone.
    text = (
        "köpte en kaffebryggare på Elgiganten i Mall of Scandinavia, den gick sönder efter en vecka"
    )
    assert both(text, "Mall of Scandinavia", "Elgiganten") == ("neu", "neg")
    text = "Satt på Espresso House i Nordstan, världens godaste kanelbulle"
    assert both(text, "Nordstan", "Espresso House") == ("neu", "pos")
    # Not after a first name or a word: "hos Anna i Telia-butiken" is Telia's shop; nor a
    # network (a review).
    assert tone("Fick hjälp av Anna i Telia-butiken, supertrevlig", "Telia") == "pos"
    assert (
        tone("Vimla går i Telenors nät och täckningen är helt usel.", "Telenor", "Vimla") == "neg"
    )


def test_a_brand_named_only_aside_is_neutral():
    # The outlet the news was read in, and the shop a product was bought in when what follows
    # speaks of the product: the probe's "Läste i Aftonbladet att …" and "Köpte en
    # Fjällräven-jacka på Stadium, den är varm som fan" gave the outlet and the shop the tone.
    text = "Läste i Expressen att Fortum höjer elpriset igen, helt sjukt"
    assert both(text, "Expressen", "Fortum") == ("neu", "neg")
    assert both("Hörde på P4 om att Arriva ska ta över pendeln, äntligen", "P4", "Arriva") == (
        "neu",
        "pos",
    )
    text = "Beställde en Philips rakapparat från Elgiganten, den är helt suverän"
    assert both(text, "Elgiganten", "Philips") == ("neu", "pos")
    # The shop neutral, the shoes' maker given the complaint: from rules revision 28 to 31 the
    # pair model's words read "köpte nya Asics-skor hos Stadium" as a purchase told (0.58
    # neutral) and overruled the rules' complaint (0.64).
    # Fitted on 141 probes (rules revision 34) the words read it as a purchase told again
    # (0.72 neutral for the maker): a known miss; the rules' reading is tested.
    text = "Köpte nya Asics-skor hos Stadium, de skaver något fruktansvärt"
    assert tone(text, "Stadium", "Asics") == "neu"
    assert tone(text, "Asics", "Stadium") != "pos"
    with pytest.MonkeyPatch.context() as mp:
        rules_only(mp)
        assert tone(text, "Asics", "Stadium") == "neg"
    # A name of several words, and the shop in a later clause (the review found both missed).
    text = "Beställde en Philips rakapparat från Kjell & Company, den är helt suverän"
    assert both(text, "Kjell & Company", "Philips") == ("neu", "pos")
    text = "Har letat länge, köpte till slut en Philips rakapparat hos ICA Nära, den är suverän"
    assert both(text, "ICA Nära", "Philips") == ("neu", "pos")
    # The source named with "enligt", or with the programme between (rules revision 14).
    text = "Enligt Aftonbladet har Northvolt varslat 1000 personer till. Så jävla tragiskt"
    assert both(text, "Aftonbladet", "Northvolt") == ("neu", "neg")
    # The name must begin right after "enligt": Northvolt, two words on, is no source.
    from analysis.sentiment_aside import aside as _aside

    text = "Enligt Aftonbladet har Northvolt varslat 1000 personer i Skellefteå, så tragiskt"
    assert _aside(text, _finder("Northvolt"), _finder("Aftonbladet")) is None
    text = "Såg Uppdrag granskning på SVT igår om Swedbank och penningtvätten, helt sjukt"
    assert tone(text, "SVT", "Swedbank") == "neu"
    # The opinion in the next sentence is the news's, not the outlet's (rules revision 13).
    text = "Läste i Dagens Industri om Northvolts konkurs. Vilken skandal, miljarder rakt ut."
    assert tone(text, "Dagens Industri", "Northvolt") == "neu"
    # A brand's thing used on the way, another party's doing the rest (rules revision 13).
    text = "Tog Skånetrafiken-bussen ut till Ikea bara för att soffan var slutsåld, tack Ikea 🙄"
    assert tone(text, "Skånetrafiken", "Ikea") == "neu"
    text = "Kollade Nordnet-appen: Sinch ner 9 % idag igen. Vilket skräpbolag"
    assert tone(text, "Nordnet", "Sinch") == "neu"
    # Not where the writer is in it, nor as the subject of what is said.
    from analysis.sentiment_aside import aside

    text = "Sitter på SJ-tåget och försöker streama Netflix men wifin är helt obefintlig"
    assert aside(text, _finder("SJ"), _finder("Netflix")) is None
    assert (
        tone("SAS-planet efter oss var 3 timmar sent, Norwegian i tid", "SAS", "Norwegian") == "neg"
    )
    # What follows speaks of the shop, no product is named, or it is a switch: not aside.
    assert tone("Köpte skor hos Stadium, personalen var supertrevlig", "Stadium") == "pos"
    assert both("Bytte från Telia till Tre, de är mycket billigare", "Telia", "Tre") == (
        "neg",
        "pos",
    )


def test_a_place_is_no_party_and_an_emoji_run_ends_a_clause():
    text = "SJ har varit okej i år, men idag stod tåget still vid Flemingsberg i två timmar"
    assert tone(text, "SJ") == "neg"
    assert both("Willys 👎👎 Lidl 👍👍", "Willys", "Lidl") == ("neg", "pos")


def test_a_question_between_two_brands_does_not_take_the_next_sentence():
    text = "Ska flyga till Luleå, SAS eller Norwegian? Vill bara ha det billigaste"
    assert both(text, "SAS", "Norwegian") == ("neu", "neu")


def test_new_wordings_do_not_fire_on_lookalikes():
    # Found by reviewing rules revision 7 on the real feeds, the demo and the sentiment sets: each
    # of these came out polar until the rule was narrowed.
    assert (
        tone("När jag flyttade till Stockholm kontaktade jag Just Arrived.", "Just Arrived")
        == "neu"
    )
    assert tone("Comhem byter namn till Tele2 i höst", "Tele2", "Comhem") == "neu"
    assert tone("Portarna till Liseberg öppnar i april", "Liseberg") == "neu"
    assert tone("Tack Telia 🙏 Fakturan var fel igen.", "Telia") != "pos"
    assert tone("Vd:n för Telia valde att avgå", "Telia") != "pos"
    assert tone("Telia har bra täckning men det strular i BankID", "Telia", "BankID") == "pos"
    assert tone("Nu slår Lidl till med sänkta priser", "Lidl") != "pos"
    assert tone("Ica Maxi har öppet alla dagar i veckan", "Ica Maxi") == "neu"
    assert tone("Är det något som Sverige borde ta efter?", "Sverige") != "neg"
    assert tone("Jag tar hellre bussen än kör bil, SL funkar fint.", "SL") == "pos"
    text = "Ska till Göteborg, SJ eller Flixbus? Båda har varit usla senast"
    assert both(text, "SJ", "Flixbus") == ("neg", "neg")


def test_only_punctuation_after_a_comparison_word():
    # "hellre … än" looked at the first clause after "än", and there was none: IndexError, which
    # would have stopped the scoring of a whole batch of items.
    assert tone("Telia tar jag hellre än ,", "Telia") in ("pos", "neu", "neg")


def test_a_name_joined_by_och_to_another_shares_what_is_said_of_both():
    # Rules revision 13: "X och Y har båda ..." had left X only its name, neutral.
    text = "Circle K och Preem har båda riktigt gott kaffe och trevlig personal"
    assert both(text, "Circle K", "Preem") == ("pos", "pos")
    text = "Provade både Tibber och Greenely i vintras och de var lika usla båda två"
    assert both(text, "Tibber", "Greenely") == ("neg", "neg")
    # A verb after "och" joins no names: the shop parked at is not praised.
    text = "Ställde bilen vid Jula och gick in på Clas Ohlson, helt fantastisk service där!"
    assert tone(text, "Jula", "Clas Ohlson") != "pos"


def test_a_comparative_decides_the_sides_of_a_comparison():
    # Rules revision 13: the model reads "billigare", "tryggare" and "fan bättre" weakly alone;
    # the comparative's value decides, turned round for the other side.
    assert both("Halebop är typ 80 kr billigare i månaden än Telenor", "Halebop", "Telenor") == (
        "pos",
        "neg",
    )
    assert both(
        "Arlanda Express är fan bättre än Flygbussarna", "Arlanda Express", "Flygbussarna"
    ) == (
        "pos",
        "neg",
    )
    # A negation right before the comparative turns it ("inte billigare än").
    assert both("Hemköp är inte billigare än Willys", "Hemköp", "Willys") == ("neg", "pos")
    # A wish is no comparison's verdict.
    assert tone("Postnord borde vara snabbare än Bring", "Postnord", "Bring") != "pos"


def test_a_bare_comparative_leans_when_another_party_is_named():
    text = "Elgiganten höjde priset på tvättmaskinen igen. Netonnet känns billigare nu."
    assert tone(text, "Netonnet", "Elgiganten") == "pos"
    # Not with a verdict after "men", and not in a question.
    text = "Elgiganten har allt. Netonnet är billigare men supporten är värdelös."
    assert tone(text, "Netonnet", "Elgiganten") == "neg"
    assert (
        tone("Elgiganten eller Netonnet? Är Netonnet billigare?", "Netonnet", "Elgiganten") == "neu"
    )


def test_parties_compared_by_their_figures_alone(monkeypatch):
    # Rules revision 13: a lower price or a shorter wait is the better side, in one sentence or
    # in two ("Actic 299 kr/mån. Nordic Wellness 449 kr/mån." was neutral for both).
    text = "Sats 549 kr/mån. Friskis 329 kr/mån. Samma pass, samma tider."
    assert both(text, "Friskis", "Sats") == ("pos", "neg")
    text = "Bring levererade på 2 dagar, Schenker tog 11"
    assert both(text, "Bring", "Schenker") == ("pos", "neg")
    assert both("Coop: 39,90. Hemköp: 47,50. Samma mjölk.", "Coop", "Hemköp") == ("pos", "neg")
    # Asking is charging (rules revision 15: it had been no price, both neutral).
    text = "Elgiganten ville ha 1 299 kr för monteringen. Netonnet ville ha 399 kr."
    assert both(text, "Elgiganten", "Netonnet") == ("neg", "pos")
    text = "Elgiganten vill ha 899 kr för en kabel, på Netonnet kostar samma kabel 199 kr"
    assert both(text, "Elgiganten", "Netonnet") == ("neg", "pos")
    # Not for how long one has been a customer, nor for money paid out (more is better there):
    # the rules lean neither side. Nor does the pair model: fitted on 109 probes (rules revision
    # 32) it read both a little positive from the words "t:12 år" and "t:3 år", which its words
    # model leaves out since revision 33 (a time span alone says nothing of the brand).
    text = "Har haft Telia i 12 år. Tre i 3 år."
    assert both(text, "Telia", "Tre") == ("neu", "neu")
    rules_only(monkeypatch)
    assert both(text, "Telia", "Tre") == ("neu", "neu")


def test_figures_are_read_with_their_units():
    from analysis.sentiment_figures import figure_lean

    assert figure_lean("Folksam betalade på 4 dagar", "Trygg-Hansa tog 7 veckor") == 1
    assert figure_lean("X tog 2 timmar", "Y svarade på 45 min") == -1
    assert figure_lean("X kostar 1 200 kr", "Y kostar 990 kr") == -1
    # Different kinds, a time of day, "en" as a word, money paid out: no lean.
    assert figure_lean("X kostar 300 kr", "Y tog 2 dagar") == 0
    assert figure_lean("X öppnar kl 7", "Y tog 9") == 0
    assert figure_lean("Tog en promenad till X", "Y tog 9 dagar") == 0
    assert figure_lean("X betalade ut 20 000 kr", "Y betalade ut 5 000 kr") == 0
    # A bare number counting something takes no unit from the other side (rules revision 14):
    # "två ggr" had been two minutes.
    assert figure_lean("X fixade det på 3 min", "Y la på luren två ggr innan jag kom fram") == 0
    assert figure_lean("Inet levererade på 1 dag", "Komplett tog 9 senast") == 1
    # How long a thing lasted: longer is better (rules revision 14).
    assert figure_lean("Min Fjällräven-jacka höll i 9 år.", "Haglöfs-jackan höll i 2.") == 1
    assert figure_lean("skruvdragaren dog efter tre månader", "den har hållit i sex år") == -1
    assert figure_lean("Har haft Telia i 12 år", "Tele2 i 3 år") == 0


def test_a_sentence_begun_after_an_emoji_run_is_a_sentence_of_its_own():
    # Rules revision 13: with no full stop after the emoji, the complaint had gone with the
    # party the next sentence names.
    text = "Tele2 ni är helt värdelösa, nätet nere hela kvällen igen 😡😡 Ska kolla vad Telenor har för erbjudande"
    assert both(text, "Tele2", "Telenor") == ("neg", "neu")
    assert tone("Tack Telia 🙏 Fakturan var fel igen.", "Telia") != "pos"


def test_a_slash_or_bar_between_spaces_sets_one_partys_list_against_anothers():
    # Rules revision 14: read as one sentence, the complaint was both parties'.
    text = "Hallon: billigt, funkar, inga konstigheter | Comviq: billigt men lycka till att nå en människa"
    assert both(text, "Hallon", "Comviq") == ("pos", "neg")
    from analysis.sentiment_clauses import sentences_within

    assert sentences_within("Lidl: 34,90 / Coop: 41,50") == ["Lidl: 34,90", "Coop: 41,50"]
    assert sentences_within("öppet 1/2 till 3/4") == ["öppet 1/2 till 3/4"]


def test_a_complaint_beside_a_switch_still_to_come_is_about_the_one_left():
    # Rules revision 13: the writer has not tried the one joined yet; the complaint had gone to
    # it, and the one left had come out positive.
    text = "Funderar på att byta från Bredband2 till Ownit, nätet har varit kasst hela hösten"
    assert both(text, "Bredband2", "Ownit") == ("neg", "neu")
    text = "Byter från Telenor till Hallon imorgon, orkar inte mer med deras usla täckning"
    assert both(text, "Telenor", "Hallon") == ("neg", "neu")
    # A switch still to come with no word on either party is no choice yet (rules revision 14).
    assert both("Ska byta från Telia till Tele2 nästa månad.", "Telia", "Tele2") == ("neu", "neu")
    # So is one told in the present tense with a time to come, wherever the time stands (rules
    # revision 17; each had been the choice, the one left negative and the one joined positive).
    for text, first, second in (
        (
            "Byter från Comviq till Telenor nästa månad när bindningstiden går ut",
            "Comviq",
            "Telenor",
        ),
        (
            "Flyttar bredbandet från Telia till Bahnhof i helgen, vet nån om man måste säga upp själv?",
            "Telia",
            "Bahnhof",
        ),
        ("Vi flyttar till Umeå i juni så vi byter bank från Nordea till SEB.", "Nordea", "SEB"),
    ):
        assert both(text, first, second) == ("neu", "neu"), text
    # A switch made, in the past tense, stays the choice with a month named.
    assert both("Bytte från Comviq till Telenor i mars och ångrar inget", "Comviq", "Telenor") == (
        "neg",
        "pos",
    )
    # A switch made keeps its verdict: the complaint after it is about the one joined.
    text = "Bytte från Telenor till Hallon i våras, täckningen är usel"
    assert tone(text, "Hallon", "Telenor") == "neg"


def test_the_rules_of_revision_13_keep_out_of_what_they_do_not_read():
    # A review of revision 13 found each of these given a tone they do not say.
    # Figures that are no price or wait: shares, dividends, bonuses, opening hours, sales.
    for text, first, second in (
        ("Volvo-aktien stängde på 250 kr, Saab på 400 kr", "Volvo", "Saab"),
        ("Telia höjer utdelningen till 2 kr per aktie, Tele2 till 6,80 kr", "Telia", "Tele2"),
        ("Klarna ger 5 kr i bonus, Swish 2 kr", "Klarna", "Swish"),
        ("ICA har öppet 2 timmar längre, Coop 1 timme", "ICA", "Coop"),
        ("Telia sänker från 449 kr till 299 kr, Tele2 från 399 kr till 349 kr", "Telia", "Tele2"),
    ):
        assert both(text, first, second) == ("neu", "neu"), text
    # A comparison asked about, supposed or reported.
    for text in (
        "Är Hallon billigare än Telia?",
        "Om Hallon vore billigare än Telia skulle jag byta",
        "Hallon påstår att de är billigare än Telia",
    ):
        assert tone(text, "Hallon", "Telia") != "pos", text
    # "och" before a name that opens a clause of its own is no shared subject.
    assert tone("Jag gillar Telia och Tele2 är sämst", "Telia", "Tele2") == "pos"
    # A complaint beside a switch to come that names the one joined is that one's.
    text = "Ska byta från Comviq till Vimla imorgon, Vimla har usel support enligt alla"
    assert tone(text, "Comviq", "Vimla") != "neg"
    # The brand's own device failing is no aside.
    text = "Använder Telia-boxen för Viaplay och den kraschar hela tiden"
    assert tone(text, "Telia", "Viaplay") == "neg"


def test_the_sentence_after_goes_with_the_party_named_last():
    # The complaint after "ett år med Tele2 räckte" is Tele2's, not that of Telia, joined.
    text = "Gick tillbaka till Telia i våras, ett år med Tele2 räckte. Täckningen i stugan var ett skämt."
    assert both(text, "Telia", "Tele2") == ("pos", "neg")
    # Still the brand's when it is the party named last.
    assert (
        tone("Var på Elgiganten igår. Helt fantastisk service!", "Elgiganten", "Netonnet") == "pos"
    )
    assert both("Bytte från Telia till Tele2. Bästa beslutet i år.", "Telia", "Tele2") == (
        "neg",
        "pos",
    )


def test_a_post_in_lower_case_is_read_sentence_by_sentence():
    text = (
        "sj var en katastrof igår, stod still en timme utan info. "
        "tog flixbus hem istället och de var i tid + gratis wifi."
    )
    assert both(text, "sj", "flixbus") == ("neg", "pos")


@pytest.mark.parametrize(
    "text, a, b",
    [
        (
            "Bytte elbolag från Fortum till Tibber igår, återkommer om hur det funkar.",
            "Fortum",
            "Tibber",
        ),
        (
            "Flyttade bolånet från Swedbank till SBAB. Ingen större skillnad faktiskt.",
            "Swedbank",
            "SBAB",
        ),
        ("Ska byta från Telia till Bahnhof eftersom vi flyttar till Umeå.", "Telia", "Bahnhof"),
    ],
)
def test_a_switch_that_settles_nothing_is_neutral_for_both(text, a, b):
    assert both(text, a, b) == ("neu", "neu")


def test_a_switch_with_no_word_on_it_is_still_the_choice():
    assert both("Bytte från Telia till Tele2 i maj.", "Telia", "Tele2") == ("neg", "pos")
    assert both("Bytte från Telia till Tele2 och är supernöjd", "Telia", "Tele2") == ("neg", "pos")


def test_a_lower_cost_is_the_cheaper_side():
    # Rules revision 17: `lägre` and `högre` have no tone, so "lägre courtage än" was neutral
    # for both and "bolåneräntan var lägre än" a complaint of the cheaper bank.
    for text, cheaper, dearer in (
        ("Nordnet har lägre courtage än Avanza för mig som handlar mycket", "Nordnet", "Avanza"),
        ("SEB:s bolåneränta var lägre än SBAB:s när vi jämförde", "SEB", "SBAB"),
        ("Telia har högre avgifter än Hallon", "Hallon", "Telia"),
    ):
        assert both(text, cheaper, dearer) == ("pos", "neg"), text
    # Costs only: a lower savings rate is no praise of the bank that pays it.
    assert tone("Avanza har lägre sparränta än Nordea", "Avanza", "Nordea") != "pos"


def test_the_verdict_after_a_comparison_by_figures_is_not_the_dearer_sides():
    # Rules revision 17: the sentence after went to the party named last, as after a plain
    # sentence, and "Lätt val" made the dearer one positive. After a comparison what follows
    # speaks of the side preferred (as after the other side of a comparative, revision 9); it
    # is context for the dearer side, so a strong verdict may still pull it to neutral.
    for verdict in ("Lätt val", "Enkelt val"):
        text = f"Jämförde bilförsäkring. If 210 kr/mån, Folksam 340 kr/mån för samma villkor. {verdict}"
        assert tone(text, "If", "Folksam") == "pos", text
        assert tone(text, "Folksam", "If") != "pos", text


def test_a_price_conceded_before_men_is_set_against_the_verdict():
    # Rules revision 18: "dyrare än … men" had been read as the comparison alone, so the dearer
    # side came out negative whatever followed "men" (fresh two-brand probes). The verdict after
    # "men" is the dearer side's and its opposite the cheaper one's, leaning to praise of the
    # dearer side when the lexicon finds no word of tone in it, to complaint of a cheaper one.
    for text, a, b, want in (
        ("Coop är dyrare än ICA men utbudet är mycket bättre", "Coop", "ICA", ("pos", "neg")),
        (
            "Hemköp är dyrare än Lidl men där hittar man alltid det man letar efter",
            "Hemköp",
            "Lidl",
            ("pos", "neg"),
        ),
        (
            "ICA är billigare än Coop men frukten ruttnar på två dagar",
            "ICA",
            "Coop",
            ("neg", "pos"),
        ),
        ("Telia är dyrare än Tele2 men täckningen är lika dålig", "Telia", "Tele2", ("neg", "pos")),
    ):
        assert both(text, a, b) == want, text


def test_a_verdict_on_each_of_two_parties_in_the_order_named():
    # Rules revision 18: the sentence after went to the party named last, so the praise of
    # the first party's part was the second party's and the first got nothing.
    for text, first, last in (
        (
            "Köpte jackan på Stadium och skorna på XXL. Jackan är helt perfekt. "
            "Skorna däremot gick sönder efter en vecka",
            "Stadium",
            "XXL",
        ),
        (
            "Åkte Flixbus till Göteborg och sen Västtrafik hem. Bussen var sen och smutsig. "
            "Men spårvagnen var i tid och supertrevlig personal",
            "Flixbus",
            "Västtrafik",
        ),
        (
            "Beställde soffan från Mio och mattan från Jula. Soffan är jättebekväm och snygg. "
            "Mattan luktade konstigt och Jula vägrade ta tillbaka den",
            "Mio",
            "Jula",
        ),
    ):
        got = both(text, first, last)
        assert got[0] != got[1] and "neu" not in got, (text, got)
    # Two sentences that do not set one against the other speak of both.
    text = "Var på ICA och Coop idag. Mycket folk. Men det gick snabbt."
    assert both(text, "ICA", "Coop")[0] == both(text, "ICA", "Coop")[1]


def test_asking_oneself_why_one_switched_is_regret():
    # Rules revision 18: "Varför bytte jag …" had been read as the choice, the one left negative.
    for text, left, joined in (
        ("Varför bytte jag från Comviq till Tele2?? Ångrar mig så mycket", "Comviq", "Tele2"),
        ("Varför lämnade jag ens Folksam för Trygg-Hansa", "Folksam", "Trygg-Hansa"),
    ):
        assert both(text, left, joined) == ("pos", "neg"), text
    # A question to someone else, a title that explains, and "why not earlier" are no regret.
    assert both("Varför bytte du från Comviq till Tele2?", "Comviq", "Tele2") != ("pos", "neg")
    assert both("Varför jag bytte från Comviq till Tele2", "Comviq", "Tele2") == ("neg", "pos")
    text = "Varför bytte jag inte från Comviq till Tele2 tidigare?"
    assert both(text, "Comviq", "Tele2") != ("pos", "neg")


def test_words_pointing_back_at_the_party_named_first_or_last(monkeypatch):
    # Rules revision 18: "Den första …", "det ena … det andra", "förstnämnda", "Första stället"
    # had named nobody to the rules, so the verdicts went to the party named last or to neither.
    for text, praised, blamed in (
        (
            "Ringde Telia och Tele2 igår. Den första löste allt på fem minuter. "
            "Den andra var helt värdelös.",
            "Telia",
            "Tele2",
        ),
        ("Har både Spotify och Tidal. Hatar det ena, älskar det andra.", "Tidal", "Spotify"),
        (
            "Har aktier i Telia och Ericsson. Förstnämnda har gått riktigt bra i år, "
            "sistnämnda har varit en katastrof.",
            "Telia",
            "Ericsson",
        ),
        (
            "Handlade på Coop och Lidl i helgen. Första stället hade toppenservice. "
            "Andra stället var stökigt och skitigt.",
            "Coop",
            "Lidl",
        ),
    ):
        assert both(text, praised, blamed) == ("pos", "neg"), text
    # A word of time after it points at nothing ("Första gången på länge …"): the rules give
    # ICA, named first, nothing of it. The pair model reads the calm as the visit's, a little
    # positive for both: fitted on 109 probes (rules revision 32) surely enough to overrule the
    # rules for ICA, on 125 (revision 33) not (0.56 positive, under the 0.6 a rule's reading
    # needs). Either way no complaint of ICA's.
    text = "Var på ICA och Coop idag. Första gången på länge som det var lugnt."
    assert tone(text, "ICA", "Coop") != "neg"
    rules_only(monkeypatch)
    assert tone(text, "ICA", "Coop") == "neu"


def test_prices_and_ranks_said_without_a_comparative():
    # Rules revision 18: "hälften så dyrt som", "kostar dubbelt så mycket som", "kostar mindre
    # än" and "är inte i närheten av" had been read without a comparison.
    for text, better, worse in (
        ("Comviq är typ hälften så dyrt som Telia", "Comviq", "Telia"),
        ("Netflix kostar dubbelt så mycket som SVT Play", "SVT Play", "Netflix"),
        ("Wolt kostar mindre än Foodora", "Wolt", "Foodora"),
        ("Klarna är inte i närheten av Swish när det gäller smidighet", "Swish", "Klarna"),
    ):
        assert both(text, better, worse) == ("pos", "neg"), text


def test_a_concession_whose_verdict_names_the_other_side_is_read_clause_by_clause():
    # Rules revision 18: read as the comparison alone, the dearer side was negative.
    assert (
        tone("Ikea är billigare än Mio men Mio har mycket bättre kvalitet", "Mio", "Ikea") == "pos"
    )


def test_a_switch_planned_or_to_come_at_a_contracts_end():
    # Rules revision 18: "kommer byta", "planerar att lämna", "när leasingen går ut".
    for text, a, b in (
        ("Kommer byta från Telia till Tele2 när bindningen går ut", "Telia", "Tele2"),
        ("Planerar att lämna Comviq för Vimla", "Comviq", "Vimla"),
        ("Byter från Polestar till Volvo när leasingen går ut", "Polestar", "Volvo"),
    ):
        assert both(text, a, b) == ("neu", "neu"), text


def test_a_post_in_lower_case_begins_a_sentence_after_an_exclamation_or_an_emoji():
    # Rules revision 20: read as one sentence, the praise had been both parties.
    for text, praised, blamed in (
        (
            "budbee skåpet vid jobbet är så smidigt!! postnord ombudet har 25 pers i kö varje gång",
            "budbee",
            "postnord",
        ),
        (
            "willys har fått nytt sortiment och det är riktigt nice 👌 hemköp på hörnet är "
            "skitdyrt och personalen är otrevlig",
            "willys",
            "hemköp",
        ),
    ):
        assert both(text, praised, blamed) == ("pos", "neg"), text
    # A piece of fewer than three words stays with its sentence: the verdict is the brand's.
    assert tone("Ryanair? nej tack, betalar hellre lite mer för SAS", "Ryanair", "SAS") == "neg"
