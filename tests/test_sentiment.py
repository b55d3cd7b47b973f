"""Swedish sentiment: rules, brand-targeted tone, languages, long texts and the model format."""

from __future__ import annotations

import math

import pytest

from analysis import lang as langid
from analysis import sentiment
from analysis import sentiment_lexicon as L
from analysis.brands import BrandMatcher
from analysis.sentiment_lexicon import FEATURES, analyse, lexicon_score, swedish
from analysis.sentiment_model import Model, tokens

FJ = BrandMatcher.build("Fjällkraft", ["Fjällkraft"])
NV = BrandMatcher.build("Nordvind", ["Nordvind"])


def label(text: str) -> str | None:
    return sentiment.classify(text).label


# --- whole-text labels: one case per phenomenon the issue names --------------------------------
@pytest.mark.parametrize(
    "text, expected",
    [
        # plain
        ("Supertrevlig personal och snabb leverans, rekommenderar!", "pos"),
        ("Fakturan var fel igen och ingen svarar i telefon.", "neg"),
        ("Tåget mot Uppsala avgår från spår 4 i morgon.", "neu"),
        # negation and its scope
        ("Inte bra alls.", "neg"),
        ("Jag tycker inte att den nya appen är bra.", "neg"),
        ("Aldrig haft några problem med dem, inget krångel.", "pos"),
        ("Varken snabb eller billig.", "neg"),
        ("Knappast en förbättring.", "neg"),
        # contrast
        ("Lång väntan men teknikern var supertrevlig och fixade allt.", "pos"),
        ("Bra pris, men kundtjänsten är usel.", "neg"),
        # slang and current usage
        ("Grymt!", "pos"),
        ("asbra deal", "pos"),
        ("sjukt bra service", "pos"),
        ("kass app", "neg"),
        ("pinsamt", "neg"),
        ("typiskt", "neg"),
        # boosters and compounds/prefixes
        ("jättedåligt", "neg"),
        ("Kundtjänstkaoset fortsätter.", "neg"),
        # emoji and emoticons
        ("😍😍", "pos"),
        ("Leveransen kom idag 👍", "pos"),
        ("Appen har kraschat igen 😡", "neg"),
        ("Äntligen ny mobil idag :)", "pos"),
        ("Ingen värme i huset :(", "neg"),
        # capitals and exclamation
        ("ALDRIG MER!!!", "neg"),
        # irony guard
        ("Tack för ingenting, väntade en timme i kö.", "neg"),
    ],
)
def test_phenomena(text, expected):
    assert label(text) == expected, sentiment.classify(text)


def test_negation_flips_the_lexicon_score():
    assert lexicon_score("bra") > 0.3
    assert lexicon_score("inte bra") < 0
    assert lexicon_score("dålig") < -0.3
    assert lexicon_score("inte dålig") > 0


def test_a_quantifier_does_not_use_up_a_negations_reach():
    # CODE_REVISION 28: `utan` reaches two words, and "ett enda" took both, so the interruption
    # counted against the network ("3 år utan ett enda avbrott" -0.89; a two-brand probe).
    for text in ("3 år utan ett enda avbrott", "100 mil utan ett enda problem"):
        assert lexicon_score(text) > 0, text
        assert label(text) == "pos", text
    assert lexicon_score("levererat utan några som helst problem") > 0
    assert lexicon_score("inte en enda gång har det varit bra") < 0
    # The reach is still two words of other kinds: "utan en enda vän" does not reach `lycklig`.
    assert lexicon_score("Flyttade utan en enda vän och är lycklig nu.") > 0


def test_negation_scope_ends_at_clause_punctuation():
    # `inte` belongs to the first clause; `bra` after the full stop is not negated.
    assert lexicon_score("Det var inte dyrt. Bra!") > 0.3


def test_so_after_a_negation_is_a_degree_after_inte_and_emphasis_after_aldrig():
    # CODE_REVISION 15. `så` had ended every negation: "servicen är inte så himla bra" was
    # praise (+0.98), "har aldrig ätit så gott" a complaint, and 14 "inte (alls) så krånglig"
    # posts taught the model that `krånglig` is praise ("appen krånglar" -0.05).
    assert lexicon_score("servicen är inte så himla bra") < 0
    assert lexicon_score("inte alls så krångligt som jag trodde") > 0
    assert lexicon_score("har aldrig ätit så gott") > 0
    assert lexicon_score("aldrig fått så snabb hjälp") > 0
    assert lexicon_score("ingen är så bra som hon") > 0
    # Before a subject `så` is the conjunction "so": the negation does not reach past it.
    assert lexicon_score("det gick inte så jag blev sur") < 0
    assert tokens("inte så himla bra") == ["inte", "¬så", "¬himla", "¬bra"]
    # CODE_REVISION 26: the words between a sweeping negation and `så` are emphasised, not
    # denied ("har aldrig skrattat så mkt" was -0.97).
    assert tokens("aldrig fått så snabb hjälp") == ["aldrig", "fått", "så", "snabb", "hjälp"]
    assert tokens("gick inte så jag fick") == ["gick", "inte", "så", "jag", "fick"]
    assert label("servicen är inte så himla bra") == "neg"
    assert label("har aldrig ätit så gott") == "pos"
    assert label("inte så bra") == "neg"


def test_a_negation_after_the_verb_denies_the_verb_not_across_punctuation():
    # CODE_REVISION 16: the training texts had no "gillar inte" or "rekommenderar inte", and
    # "Rekommenderar verkligen inte" was +1.00, "Jag gillar inte nya appen" neutral; the rules
    # flipped only a word right before the negation, also across a comma: "Snabbt, inte
    # krångligt" was -0.57.
    assert lexicon_score("rekommenderar verkligen inte") < 0
    assert lexicon_score("gillar det inte") < 0
    assert lexicon_score("Snabbt, inte krångligt") > 0
    assert lexicon_score("Bra, inte dyrt alls") > 0
    assert tokens("Jag gillar det inte") == ["jag", "¬gillar", "det", "inte"]
    assert tokens("lovade att inte höja") == ["lovade", "att", "inte", "¬höja"]
    assert tokens("det går inte att byta") == ["det", "går", "inte", "¬att", "¬byta"]
    assert tokens("Snabbt, inte krångligt") == ["snabbt", ",", "inte", "¬krångligt"]
    for text, expected in [
        ("Rekommenderar verkligen inte", "neg"),
        ("Jag rekommenderar inte det här hotellet", "neg"),
        ("Jag gillar inte nya appen", "neg"),
        ("Snabbt, inte krångligt", "pos"),
        ("Jag ångrar inte köpet", "pos"),
        # A filler of spoken Swedish between (CODE_REVISION 27): "funkar typ aldrig" was praise.
        ("kortet funkar typ aldrig", "neg"),
        ("appen funkar liksom inte", "neg"),
        ("rekommenderar asså inte", "neg"),
    ]:
        assert label(text) == expected, text
    assert lexicon_score("funkar typ aldrig") < 0


def test_inte_bara_is_not_only_and_utan_after_a_negation_asserts():
    # CODE_REVISION 15: both were read as denials, so "inte bara snygg utan även praktisk" was
    # negative (-0.78) and "inte bara sen utan också otrevlig" praise (+0.94).
    assert lexicon_score("inte bara snygg utan även praktisk") > 0
    assert lexicon_score("inte bara dyrt utan också dåligt") < 0
    assert lexicon_score("Det var inte dyrt, utan billigt") > 0
    assert lexicon_score("Ingen dag utan strul med appen") < 0
    # `utan` alone, or `utan att` after a negation, is still "without".
    assert lexicon_score("Bytte abonnemang utan problem") > 0
    assert lexicon_score("Man står inte bara i kö utan att få hjälp") < 0
    assert tokens("inte bara snygg utan även praktisk") == [
        "inte", "bara", "snygg", "utan", "även", "praktisk",
    ]  # fmt: skip
    assert tokens("Inget strul. Klart utan krångel") == [
        "inget", "¬strul", ".", "klart", "utan", "¬krångel",
    ]  # fmt: skip
    assert label("inte bara snygg utan även praktisk") == "pos"
    assert label("inte bara sen utan också otrevlig") == "neg"


def test_idioms_the_negation_rules_met_and_interjections():
    # "inte så värst" and "inget vidare" are "not that good"; `så` now keeps `inte` going, so
    # "så värst" needed a value of its own (it had been read as `värst`, worst, undenied).
    assert lexicon_score("inte så värst") < 0
    assert lexicon_score("inget vidare") < 0
    # `utan tvekan` is emphasis: "utan tvekan bästa köpet i år" had come out negative.
    assert lexicon_score("utan tvekan bästa köpet i år") > 0
    assert tokens("utan tvekan bästa") == ["utan", "tvekan", "bästa"]
    # Interjections (hand file 41): "jippi" and "yay" were in no text, "usch vilken dag" +0.66.
    lex = swedish()
    assert lex.value("jippi") > 0 and lex.value("yay") > 0
    assert lex.value("attans") < 0 and lex.value("äsch") < 0
    assert label("usch vilken dag, allt gick fel") == "neg"
    assert label("Jippi, paketet kom!") == "pos"


def test_a_comparative_after_aldrig_or_kan_inte_is_the_most_there_is():
    # CODE_REVISION 15: "aldrig varit bättre" scored -0.75 and "kunde inte vara sämre" was
    # neutral; only a positive "-are" word had been spared the negation, under any negation.
    assert lexicon_score("har aldrig mått bättre") > 0
    assert lexicon_score("kunde inte vara sämre") < 0
    assert lexicon_score("ingen gör det bättre än de") > 0
    assert lexicon_score("Jag kunde inte vara nöjdare") > 0
    # Without a sweeping negation or `kan`/`kunde` it is denied, as before `än` after `inte`.
    assert lexicon_score("det blev inte bättre") < 0
    assert lexicon_score("den är inte sämre") > 0
    assert lexicon_score("Jag är inte nöjdare nu") < 0
    assert lexicon_score("den kan inte vara snabbare än den gamla") < 0
    assert tokens("aldrig varit bättre") == ["aldrig", "¬varit", "bättre"]
    assert tokens("det blev inte bättre") == ["det", "blev", "inte", "¬bättre"]
    for text, expected in [
        ("aldrig varit bättre", "pos"),
        ("kunde inte vara bättre", "pos"),
        ("har aldrig varit sämre", "neg"),
        ("kunde inte vara sämre", "neg"),
        ("det blev inte bättre", "neg"),
    ]:
        assert label(text) == expected, text


def test_a_negation_does_not_reach_into_a_clause_a_question_word_opens():
    # CODE_REVISION 17: once `så` no longer ended every negation (15), "förstår inte hur man
    # kan ha så dålig kundservice" was praise (+0.81) and "vet inte varför de är så dåliga"
    # +0.37. `att` still lets it through: "tror inte att det blir bra" is doubt.
    assert lexicon_score("förstår inte hur man kan vara så dum") < 0
    assert lexicon_score("vet inte varför de är så dåliga") < 0
    assert lexicon_score("fattar inte hur den kan vara så smidig") > 0
    assert lexicon_score("tror inte att det blir bra") < 0
    assert tokens("förstår inte hur man kan") == ["förstår", "inte", "hur", "man", "kan"]
    for text, expected in [
        ("förstår inte hur man kan ha så dålig kundservice", "neg"),
        ("vet inte varför de är så dåliga", "neg"),
        ("tror inte att det blir bra", "neg"),
    ]:
        assert label(text) == expected, text


def test_far_from_denies_what_follows_and_from_alone_does_not():
    # CODE_REVISION 20: "Nya Spotify-designen är långt ifrån bra" was +0.99 (2026-12-04 probe).
    assert lexicon_score("långt ifrån bra") < 0
    assert lexicon_score("långtifrån bra") < 0
    assert lexicon_score("långt ifrån dåligt") > 0
    assert lexicon_score("köpte den ifrån en bra butik") > 0  # `ifrån` alone is "from"
    # A distance: the negation reaches two words, not past them (it had reached `lycklig`).
    assert lexicon_score("Flyttade långt ifrån familjen och är lycklig nu.") > 0
    assert lexicon_score("långt ifrån så bra") < 0
    assert lexicon_score("inte bra") < 0  # the rules' other negations are as they were
    assert tokens("långt ifrån bra") == ["långt", "ifrån", "¬bra"]
    assert tokens("hämtade ifrån bra ställe") == ["hämtade", "ifrån", "bra", "ställe"]
    for text, expected in [
        ("Nya Spotify-designen är långt ifrån bra, hittar inte mina podcasts", "neg"),
        ("kundtjänsten är långtifrån bra", "neg"),
        ("bor långt ifrån stan så tar bilen", "neu"),
    ]:
        assert label(text) == expected, text


def test_a_superlative_asked_about_is_no_praise():
    # CODE_REVISION 20: questions asking for the best of something read as praise: "bästa
    # sättet att ta sig från Arlanda?" +0.95, "vilken är den bästa pizzerian i möllan?" +0.83.
    lex = swedish()
    asked = [
        "vilken är den bästa pizzerian i möllan?",
        "Bästa sättet att skicka ett stort paket till Norrland?",
        "nån som vet vilket systembolag som har bäst utbud?",
    ]
    for text in asked:
        assert analyse(text, lex)[L.POS] == 0, text
        assert label(text) == "neu", text
    # Said, not asked; or asked without a question word (a rhetorical one): still praise.
    for text in ["Bästa pizzerian i möllan!", "Är det här världens bästa app?"]:
        assert analyse(text, lex)[L.POS] > 0, text
    # Only the asking sentence: the praise after it stands.
    assert analyse("Vilken är bäst? Den här är bäst.", lex)[L.POS] > 0
    # `var` is "was", and a tag question after praise asks nothing (review of CODE_REVISION 20).
    assert analyse("Det var den bästa servicen jag fått, eller hur?", lex)[L.POS] > 0
    assert analyse("Bästa dagen någonsin, vem mer håller med?", lex)[L.POS] > 0
    assert analyse("Vilken är bäst, den blå eller den röda?", lex)[L.POS] == 0


def test_a_comparative_after_a_modal_of_what_is_not_so_is_denied():
    # CODE_REVISION 17: "det hade kunnat vara bättre" was +0.84. `kan` is no such modal (an
    # offer: "nu kan du handla billigare"), nor `hade` as "had" ("vi hade bättre tur idag").
    assert lexicon_score("det hade kunnat vara bättre") < 0
    assert lexicon_score("borde vara billigare") < 0
    assert lexicon_score("kunde varit värre") > 0
    assert lexicon_score("nu kan du handla billigare") > 0
    assert lexicon_score("vi hade bättre tur idag") > 0
    assert lexicon_score("kunde inte vara bättre") > 0  # the negation's emphasis, as before
    assert lexicon_score("Det hade varit, bättre") > 0  # not across punctuation
    assert tokens("hade kunnat vara bättre") == ["hade", "kunnat", "vara", "¬bättre"]
    assert tokens("vi hade bättre tur") == ["vi", "hade", "bättre", "tur"]
    for text, expected in [
        ("det hade kunnat vara bättre", "neg"),
        ("trodde det skulle bli bättre", "neg"),
        ("kunde varit värre, vi kom fram till slut", "pos"),
        ("kunde inte vara bättre", "pos"),
    ]:
        assert label(text) == expected, text


def test_noll_negates_a_word_with_a_value_and_is_negative_alone():
    # Before a nuisance it is praise (CODE_REVISION 9; both were negative before).
    assert lexicon_score("Vi hade noll fel i leveransen") > 0
    assert lexicon_score("noll förseningar sedan bytet") > 0
    assert label("Noll krångel med nya elavtalet") == "pos"
    # The model reads it so too (CODE_REVISION 25: "noll fel" was -0.87 with the model).
    assert label("noll fel") == "pos"
    assert label("Noll service, noll koll.") == "neg"
    # Alone, or before words without a value, it keeps its own negative value.
    assert lexicon_score("Noll koll på någonting") < 0
    assert lexicon_score("Noll stjärnor från mig") < 0
    assert lexicon_score("noll respekt") < 0
    # Punctuation ends its reach: "noll, fel" is two complaints.
    assert lexicon_score("noll, fel") < 0


def test_contrast_clause_weighs_more():
    assert lexicon_score("Bra app men usel support") < 0
    assert lexicon_score("Usel support men bra app") > 0


def test_boosters_and_dampeners_scale():
    base, boosted, damped = (lexicon_score(t) for t in ("bra", "väldigt bra", "ganska bra"))
    assert boosted > base > damped > 0


def test_curated_slang_overrides_the_corpus_lexicon():
    lex = swedish()
    assert lex.value("grymt") > 0  # current usage: praise
    assert lex.value("kass") < 0
    assert lex.value("asbra") > 0  # prefix as-
    assert lex.value("vara") is None  # a low-confidence lexicon entry is dropped


def test_a_curated_entry_of_three_words_is_refused():
    # The lexicon matches one word or two in a row; a longer entry loaded and never matched.
    phrases: dict[tuple[str, str], float] = {}
    L._add_curated({"åt skogen": -2.0}, {}, {}, phrases, {})
    assert phrases == {("åt", "skogen"): -2.0}
    with pytest.raises(ValueError, match="'pengarna i sjön' has 3 words"):
        L._add_curated({"pengarna i sjön": -2.0}, {}, {}, {}, {})


def test_adjectives_that_drop_or_double_a_letter_are_inflected():
    # "Wolt är lika usla som Åhléns" was neutral: usel -> usla was no known form, nor were
    # the comparatives with a doubled consonant (långsam -> långsammare).
    lex = swedish()
    assert lex.value("usla") < 0 and lex.value("uslare") < 0
    assert lex.value("bittra") < 0 and lex.value("vackra") > 0
    assert lex.value("långsammare") < 0 and lex.value("grymmare") > 0


def test_everyday_nouns_and_names_have_no_value_by_accident():
    # From a verb's stem (avgiften of avgifta, detoxify: +1.4), a compound's tail (matkassen of
    # kass: -2.5), a homograph (lagar, cooks or laws: +2.0) or a brand (Klarna: +1.4).
    lex = swedish()
    for word in ("avgiften", "avgifterna", "grannarna", "kassen", "matkassen", "lagar", "klarna"):
        assert lex.value(word) is None, word
    assert lex.value("avstängt") < 0  # cut off: it was +2.0 from a stem
    assert lex.value("kass") < 0  # the adjective keeps its value, only the noun form goes
    # Found writing natural posts (2026-12-03): a school holiday (lov is praise too), the
    # council (its tail `mäktige`, mighty, was +1.76), an operation, a warning.
    for word in ("sportlovet", "kommunfullmäktige", "opereras", "akta"):
        assert lex.value(word) is None, word
    assert lex.value("mäktig") > 0


def test_then_is_not_late():
    # "sen" is "then" as often as "late": "Sen åkte vi hem." was negative (-0.48) until the
    # hand-written narration in scripts/sentiment_data/hand/24_then_and_home.txt.
    assert sentiment.classify("Sen åkte vi hem.").label == "neu"
    assert sentiment.classify("Sedan gick vi hem till mig och åt middag.").label == "neu"
    assert sentiment.classify("Tåget är sent igen, tredje gången i veckan.").label == "neg"


def test_fees_raised_or_lowered_and_compliments():
    # Wave 7 (the natural brand development set): a delivery fee lowered was neutral, as were
    # "tusen komplimanger"; the hand-written rows of hand files 26-28 taught the model prices
    # not raised, "utan tjafs" and "aldrig sett en så ..." (not "noll" + a nuisance: "har haft
    # noll försenade leveranser" is still negative).
    lex = swedish()
    assert lexicon_score("Wolt har sänkt utkörningsavgiften", lex) > 0
    assert lexicon_score("De höjde fraktavgiften igen", lex) < 0
    assert lex.value("komplimanger") > 0
    assert label("Nordvind har inte höjt priserna") != "neg"
    assert label("Fick ersättningen utbetald utan tjafs") != "neg"
    assert label("Aldrig sett en så smutsig butik") == "neg"


def test_intensifying_prefixes_do_not_take_short_stems():
    # "toppenjobb" took the stem of "jobbig" (-2.7) through the prefix branch, which lacked
    # the main branch's guard against short stems; it is praise.
    lex = swedish()
    assert lex.value("toppenjobb") > 0 and lex.value("kanonväder") > 0
    assert lex.value("skitväder") < 0  # a negative prefix word on a word without value
    assert lex.value("skitmycket") is None  # a degree word: the prefix only intensifies
    assert lex.value("jättebra") > lex.value("bra") > 0  # an intensifier on a valued word
    assert lex.value("superseg") < 0
    # A word that only looks prefixed keeps its compound tail's value (ur-valsproblem, as-yl...).
    assert lex.value("urvalsproblem") < 0 and lex.value("asylbedrägerier") < 0


def test_a_compound_tail_is_found_after_any_length_and_none_is_longer_than_known():
    # The tail search starts at the longest tail the lexicon knows: it had hashed every tail of
    # a word, so one "word" of 640,000 letters in a feed took a minute to score (QA).
    lex = swedish()
    assert 5 < lex.longest_tail() < 40
    assert lex.value("x" * 100_000 + "kvalitetsproblem") == lex.value("xxxkvalitetsproblem") < 0
    assert lex.value("ö" * 100_000) is None
    assert sentiment.classify("Fjällkraft " + "ö" * 200_000, lang="sv").label is not None
    assert label("Stadium gör ett toppenjobb.") == "pos"
    assert sentiment.classify_for_brand("Stadium gör ett toppenjobb.", FJ.mentions).label == (
        label("Stadium gör ett toppenjobb.")
    )


@pytest.mark.parametrize(
    "text",
    [
        "Ulla, jag förstår att du är besviken.",
        "Vi förstår att många är arga och oroliga just nu.",
        "Vi har full förståelse för er frustration.",
        "Jag förstår om du är irriterad.",
    ],
)
def test_a_quoted_feeling_is_not_the_writers_tone(text):
    # The company's patient replies name the customer's feeling; the demo's came out negative.
    f = analyse(text, swedish())
    assert f[L.NEG] == 0 and f[L.N_NEG] == 0


def test_a_quoted_feeling_ends_with_its_clause():
    lex = swedish()
    assert analyse("Jag förstår att du är besviken, men det här är uselt.", lex)[L.NEG] > 0
    # "förstår inte": the writer's own view, read as without "förstår" (negation and all).
    mine = analyse("Jag förstår inte hur ni kan vara så dåliga.", lex)
    assert mine[L.N_NEG] + mine[L.N_POS] == 1
    assert analyse("Jag förstår att du är besviken. Det är uselt.", lex)[L.NEG] > 0


@pytest.mark.parametrize(
    "text",
    [
        "Stort tack!",  # the demo's reply, negative (-0.14) before
        "Stort tack för snabb hjälp",
        "Ett stort tack till alla i butiken!",
        "Tusen tack!",
    ],
)
def test_plain_thanks_are_positive(text):
    # "stort tack" was mostly in ironic complaints in the training set ("Stort tack Telia för
    # fakturan …") and "stort" in "stort minus för …": the model read thanks as a complaint.
    assert label(text) == "pos"


@pytest.mark.parametrize("text", ["kul", "det var kul", "så kul att ses igen", "grattis!!"])
def test_praise_words_said_alone_are_sincere(text):
    # Generated ironic templates ("kul dag.", "grattis Telenor, ... igen") had taught `kul` and
    # `grattis` as complaints (34 of the 40 training texts with `kul`); hand file 44.
    assert label(text) == "pos"


def test_a_short_praise_closing_a_complaint_is_irony():
    irony = FEATURES.index("irony")
    lex = swedish()
    # CODE_REVISION 18: the closing clause of praise alone after a negative one is irony.
    assert (
        analyse("Tåget är inställt igen, kul.", lex)[irony]
        > analyse("Tåget är inställt.", lex)[irony]
    )
    assert label("Väntade en timme i kön, inställt igen. Kul.") == "neg"
    assert label("Fakturan var fel igen, underbart.") == "neg"
    # Not relief ("nu"), a turned clause (men), or a closing clause longer than CLOSER_WORDS.
    for text in (
        "Appen var trasig i morse. Funkar nu!",
        "Tåget var sent. Men trevlig personal.",
        "Tåget var försenat. Tack för hjälpen ni gav oss.",
    ):
        assert analyse(text, lex)[irony] == 0, text
    assert label("Paketet kom idag. Kul!") == "pos"


def test_features_vector_matches_names():
    f = analyse("Toppen, appen kraschade igen 🙄", swedish())
    assert len(f) == len(FEATURES)
    assert f[FEATURES.index("irony")] >= 2  # 🙄 and `igen`


def test_feature_positions_are_named_in_features_order():
    for i, name in enumerate(FEATURES):
        assert getattr(L, name.upper()) == i, name
    # Each named position holds what its name says (the vector is built as one list display).
    text = "Enligt TT är det inte BRA, men 3 saker är toppen!! 😍 Vad? Såklart, typiskt 😕"
    f = analyse(text, swedish())
    words = 14  # Enligt TT är det inte BRA men 3 saker är toppen Vad Såklart typiskt
    assert (f[L.N_POS], f[L.N_NEG], f[L.NEGATED], f[L.CONTRAST]) == (1, 2, 1, 1)
    assert (f[L.EXCLAIM], f[L.QUESTION], f[L.CAPS], f[L.REPORT], f[L.DIGITS]) == (2, 1, 1, 1, 1)
    assert (f[L.IRONY], f[L.PUNCT_RUNS]) == (2, 1)  # såklart, typiskt; `!!`
    assert f[L.POS] > 0 and f[L.NEG] > f[L.POS] and f[L.SCORE] < 0
    assert f[L.EMOJI_POS] > f[L.EMOJI_NEG] > 0
    assert f[L.AFTER_CONTRAST] > 0
    assert f[L.IRONY_X_POS] == f[L.IRONY] * f[L.POS] / 3.0
    assert f[L.LOG_LEN] == math.log1p(words) and f[L.CAPS_RATIO] == 1 / words  # BRA


def test_emoji_features_are_capped_as_evidence():
    # Each emoji feature holds at most about one strong emoji, however many there are.
    lex = swedish()
    one, four = analyse("Appen krånglar lite 🔥", lex), analyse("Appen krånglar lite 🔥🔥🔥🔥", lex)
    assert one[L.EMOJI_POS] == 1.5 and four[L.EMOJI_POS] == L.EMOJI_FEATURE_CAP < 4 * 1.5
    assert analyse("Trist 😡😡😡", lex)[L.EMOJI_NEG] == L.EMOJI_FEATURE_CAP


@pytest.mark.parametrize(
    "text",
    [
        "Kundtjänsten var lite seg idag 🔥🔥🔥🔥",
        "Min dator kraschade igen 🔥🔥🔥🔥",
        "Leveransen var sen igen 🔥🔥🔥🔥",
        "Fakturan var fel 🔥🔥🔥🔥",
    ],
)
def test_a_run_of_emoji_does_not_outvote_a_complaint(text):
    # With the emoji's pull uncapped (grams, features and rule score) each of these came out
    # positive (issue 15, "emoji as evidence, not verdict").
    assert label(text) != "pos", sentiment.classify(text)


def test_one_smiley_on_a_plain_statement_is_evidence_not_verdict():
    # Emoji are capped evidence (EMOJI_CAP over grams and features; none in the Swedish rule
    # score): alone on words the model reads as neutral they no longer make a post positive,
    # the price of keeping them from outvoting complaints. Before: "Ny mobil idag :)" was pos.
    s = sentiment.classify("Ny mobil idag :)")
    assert s.label == "neu" and s.score > 0 > sentiment.classify("Ny mobil idag :(").score


@pytest.mark.parametrize(
    "text, want",
    [
        ("❤️", "pos"), ("😍😍", "pos"), ("@villevalp 🥰", "pos"), ("👏👏👏", "pos"), ("<3", "pos"),
        ("😡", "neg"), ("👎", "neg"), ("🙄🙄", "neg"), (":(", "neg"),
        ("🤔", "neu"), ("👀", "neu"),
    ],
)  # fmt: skip
def test_a_reaction_of_emoji_alone_takes_their_tone(text, want):
    # With no words there is nothing for an emoji to outvote: "❤️" alone was neutral and leaned
    # negative (-0.17) before the training set had reactions without words (a_bare.py). Some
    # of these emoji are held out of training (dev), so this is not only recall of the set.
    assert label(text) == want, sentiment.classify(text)


@pytest.mark.parametrize(
    "text, want",
    [
        ("tummen ner", "neg"), ("tummen upp för personalen", "pos"),
        ("ser fram emot helgen!", "pos"), ("ser inte fram emot måndag", "neg"),
        ("10/10 skulle köpa igen", "pos"), ("skulle aldrig köpa igen", "neg"),
        ("legendarisk", "pos"), ("vilken pärla till låt", "pos"),
    ],
)  # fmt: skip
def test_reactions_and_review_verdicts(text, want):
    # Each was wrong on hand-written probe posts (2026-12-03): "ser fram emot" and "skulle köpa
    # igen" negative from the n-grams of `emot` and `igen`, the others neutral.
    assert label(text) == want, sentiment.classify(text)


def test_quotation_marks_have_no_weight_of_their_own():
    # The straight quote had learnt to lean negative and the curly one positive (CODE_REVISION
    # 12): the API tests' neutral news item came out negative at 0.503 from its quotes.
    from analysis.sentiment_model import word_grams

    assert all(word_grams(q) == [] for q in '"”“«»„')
    assert word_grams("citat")
    text = 'Andra stycket, med komma; och citat "så här".'
    assert label(text) == "neu", sentiment.classify(text)


def test_a_capital_opening_a_quotation_is_no_name():
    # "“Bästa köpet” enligt tidningen" was neutral (+0.26): `Bästa` after the quote read as a
    # name, and a name has no tone (CODE_REVISION 14).
    from analysis.sentiment_model import NAME, TOPIC, tokens

    assert tokens("“Bästa köpet” enligt tidningen")[1] == "bästa"
    assert tokens('Han sa "Aldrig igen" till mig')[3] == "aldrig"
    assert tokens("Jag var på Ikea idag")[3] == NAME
    assert tokens("Han skrev ”Appen kraschar”")[3] == TOPIC  # a topic noun all the same
    assert label("“Bästa köpet” enligt tidningen") == "pos"


@pytest.mark.parametrize(
    "text, want",
    [
        ("uppdateringen sabbade batteriet", "neg"), ("jag ger upp", "neg"),
        ("hade högre förväntningar", "neg"), ("kylskåpet la av igår", "neg"),
        ("maten var smaklös", "neg"), ("får gåshud av den här låten", "pos"),
    ],
)  # fmt: skip
def test_words_missing_from_the_lexicon_on_natural_posts(text, want):
    # Misses of the natural social development set (data/sentiment/SOCIAL.md, author F):
    # neutral, or positive ("hade högre förväntningar" +0.75), before koll_sv.csv had them.
    assert label(text) == want, sentiment.classify(text)


@pytest.mark.parametrize(
    "text, want",
    [
        ("0/10", "neg"), ("1/5 stjärnor", "neg"), ("Ger det 1/5.", "neg"), ("5/5", "pos"),
        ("9/10 från mig", "pos"), ("2/10, aldrig mer", "neg"), ("Jag ger den 9/10", "pos"),
        ("gav den 1/5", "neg"),
        # dates and fractions written the same way are no ratings
        ("ses den 3/10", "neu"), ("öppnar igen den 1/10", "neu"), ("1/10 av priset", "neu"), ("öppet 24/7", "neu"),
    ],
)  # fmt: skip
def test_a_rating_out_of_5_or_10_is_read(text, want):
    # The tokenizer splits "1/5" at the slash: "0/10" and "5/5" were neutral (2026-12-03).
    assert label(text) == want, sentiment.classify(text)


def test_a_rating_is_a_rule_value_and_a_date_is_none():
    from analysis.sentiment_lexicon import lexicon_score

    assert lexicon_score("10/10") > 0.5 and lexicon_score("8/10") > 0
    assert lexicon_score("0/10") < -0.5 and lexicon_score("2/5") < 0
    for text in ("5/10", "3/5", "den 3/10", "3/10/2026", "fredag 5/5", "1/10 av", "24/7", "12/5"):
        assert lexicon_score(text) == 0, text
    assert lexicon_score("inte 10/10") < 0  # negated like a word


@pytest.mark.parametrize("place", ["Kiruna", "Borås", "Malmö", "Skellefteå"])
def test_praise_of_a_topic_from_complaints_is_positive_wherever_it_is(place):
    # `nätavgiften`, `servicen` and `kunderna` occur mostly in complaints in the training texts;
    # neither they nor the place may outvote `hyllar` and `fantastisk` (issue 15).
    text = (
        f"Kunderna i {place} hyllar Fjällkraft för nätavgiften och säger att servicen är fantastisk"
    )
    assert label(text) == "pos", sentiment.classify(text)


def test_word_roles_and_flags_are_named():
    lex = swedish()
    assert lex.info("inte")[0] == L.Role.NEGATION and lex.info("men")[0] == L.Role.CONTRAST
    assert L.Flag(lex.info("enligt")[4]) == L.Flag.REPORT
    assert L.Flag(lex.info("såklart")[4]) == L.Flag.IRONY
    assert L.Flag.PHRASE_START in L.Flag(lex.info("ligger")[4])  # `ligger nere`


# --- brand-targeted ---------------------------------------------------------------------------
def test_brand_targeted_contrast_in_one_sentence():
    text = "Fjällkraft är bra men Nordvind är usel"
    assert sentiment.classify_for_brand(text, FJ.mentions).label == "pos"
    assert sentiment.classify_for_brand(text, NV.mentions).label == "neg"
    reverse = "Nordvind är usel men Fjällkraft är bra"
    assert sentiment.classify_for_brand(reverse, FJ.mentions).label == "pos"
    assert sentiment.classify_for_brand(reverse, NV.mentions).label == "neg"


def test_brand_targeted_with_explicit_other_brands():
    text = "Fjällkraft har en fantastisk app, medan Nordvind fortfarande strular med fakturorna."
    fj = sentiment.classify_for_brand(text, FJ.mentions, others=NV.mentions)
    nv = sentiment.classify_for_brand(text, NV.mentions, others=FJ.mentions)
    assert (fj.label, nv.label) == ("pos", "neg")


def test_other_parties_are_configured_brands_and_capitalised_names():
    # An unconfigured company is another party too when other brands are configured (it was
    # not: `others` replaced the capitalised-name rule, so rescoring turned this negative).
    text = "Fjällkraft är bra men Vattenfall är usel."
    assert sentiment.classify_for_brand(text, FJ.mentions, others=NV.mentions).label == "pos"
    # A configured brand's lower-case handle is no capitalised name: `others` knows it.
    handle = "Fjällkraft är bra men @nordvind är usel."
    nv = BrandMatcher.build("Nordvind", ["Nordvind", "@nordvind"])
    assert sentiment.classify_for_brand(handle, FJ.mentions).label == "neg"
    assert sentiment.classify_for_brand(handle, FJ.mentions, others=nv.mentions).label == "pos"


def test_brand_sentences_weigh_most_in_a_long_post():
    filler = " ".join(
        f"Vi åkte till stugan på dag {i} och handlade mat på vägen." for i in range(12)
    )
    text = f"{filler} Fjällkraft är helt värdelösa, elen försvann i tre dagar. {filler}"
    assert len(text) > 1000
    s = sentiment.classify_for_brand(text, FJ.mentions)
    assert s.label == "neg" and s.score < -0.3


def test_brand_clause_keeps_its_own_context():
    # The clause after `men` names no other party: it is about Fjällkraft too.
    s = sentiment.classify_for_brand(
        "Fjällkraft har bra priser men kundtjänsten är usel", FJ.mentions
    )
    assert s.label == "neg"


def test_brand_text_returns_the_part_about_the_brand():
    assert (
        sentiment.brand_text("Fjällkraft är bra men Nordvind är usel", NV.mentions)
        == "Nordvind är usel"
    )
    assert (
        sentiment.brand_text("Inget om varumärket här.", NV.mentions) == "Inget om varumärket här."
    )


# --- long texts -------------------------------------------------------------------------------
def test_long_text_aggregates_per_sentence_instead_of_drowning():
    neutral = " ".join(
        f"Mötet hölls i sal {i} och protokollet skickades ut efteråt." for i in range(15)
    )
    text = neutral + " Bemötandet var fantastiskt och jag är supernöjd med hjälpen!"
    assert sentiment.classify(text).label == "pos"
    assert sentiment.classify(neutral).label == "neu"


# --- languages --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, code",
    [
        ("Jag är så trött på att tåget alltid är försenat", "sv"),
        ("This is the worst customer service I have ever had", "en"),
        ("Jeg er ikke fornøyd med det", "no"),
        ("Das ist nicht gut, ich bin sehr enttäuscht", "de"),
        ("Kiitos, palvelu oli tosi hyvää", "fi"),
        ("Grymt!", "und"),
        ("Dyr el hela veckan :/", "und"),  # `el` alone does not make it Spanish
        # Swedish posts mixing in English, or written as spoken, are Swedish ...
        ("så jävla cringe asså this is not it", "sv"),
        ("this is so cringe asså", "sv"),
        ("Ja ja. ryggsäcken suger", "sv"),  # was Finnish on "ja" twice
        ("ont i huvudet o tåget e försenat", "sv"),  # was Portuguese on "o" and "e"
        # ... and English naming a Swedish place stays English.
        ("I love Malmö, the best city in Sweden", "en"),
    ],
)
def test_language_detection(text, code):
    assert langid.detect(text) == code


def test_a_swedish_post_mixing_in_english_gets_the_swedish_model():
    # Read as English, the English lexicon knew no "cringe" and called it neutral.
    assert sentiment.classify("så jävla cringe asså this is not it").label == "neg"


def test_english_gets_the_english_scorer():
    good = sentiment.classify("I really love this app, great support!")
    bad = sentiment.classify("Worst delivery ever, totally useless and not helpful")
    assert (good.lang, good.label) == ("en", "pos")
    assert (bad.lang, bad.label) == ("en", "neg")
    assert sentiment.classify("The meeting is on Tuesday at the office").label == "neu"


def test_other_languages_are_unscored_not_guessed():
    s = sentiment.classify("Das ist nicht gut, ich bin sehr enttäuscht")
    assert (s.label, s.score, s.confidence, s.lang) == (None, None, None, "de")
    b = sentiment.classify_for_brand("Fjällkraft ist nicht gut und das ist schlecht", FJ.mentions)
    assert b.label is None


def test_undetermined_short_text_is_scored_as_swedish():
    s = sentiment.classify("kass")
    assert s.lang == "und" and s.label == "neg"


# --- result shape, determinism, model format ---------------------------------------------------
def test_result_ranges_and_version():
    for text in ("bra", "dålig", "Mötet är på tisdag.", "", "🙂"):
        s = sentiment.classify(text)
        assert s.label in ("pos", "neu", "neg")
        assert -1.0 <= s.score <= 1.0 and 0.0 <= s.confidence <= 1.0
        assert s.model == sentiment.current_version()
    assert sentiment.current_version() == sentiment.MODEL_VERSION


def test_classify_many_keeps_order():
    texts = ["Grymt bra!", "Usel service.", "Bussen går 10.15."]
    assert [s.label for s in sentiment.classify_many(texts)] == ["pos", "neg", "neu"]
    assert [s.lang for s in sentiment.classify_many(texts, ["sv", "sv", "de"])][2] == "de"


def test_model_round_trips_through_bytes_with_identical_scores():
    model = sentiment.current_model()
    again = Model.loads(model.dumps())
    for text in ("Grymt bra!", "Inte alls nöjd med Fjällkraft.", "Mötet är på tisdag 🙂"):
        assert again.proba(text) == pytest.approx(model.proba(text), abs=1e-5)
    assert again.version == model.version


def test_bad_model_blob_is_refused_clearly():
    with pytest.raises(ValueError, match="not a koll sentiment model"):
        Model.loads(b"garbage")


def test_set_model_installs_and_restores():
    texts, labels = ["underbart", "katastrof", "tisdag"] * 4, ["pos", "neg", "neu"] * 4
    tiny = Model.train(texts, labels, version="tiny-1")
    try:
        sentiment.set_model(tiny)
        assert sentiment.classify("underbart").model == "tiny-1"
    finally:
        sentiment.set_model(None)
    assert sentiment.classify("underbart").model == sentiment.MODEL_VERSION


def test_brand_tone_is_still_reachable_from_analysis_sentiment():
    from analysis import sentiment_brand

    assert sentiment.classify_for_brand is sentiment_brand.classify_for_brand
    assert sentiment.brand_text is sentiment_brand.brand_text
    with pytest.raises(AttributeError):
        sentiment.no_such_name  # noqa: B018


def test_a_language_left_blank_in_a_pandas_column_is_detected():
    """classify_many(texts, df["lang"]) with gaps: NaN had raised a TypeError in the compiled
    scorer (before it, NaN was taken for a language koll does not score)."""
    from analysis.sentiment_brand import classify_for_brand

    gap = float("nan")
    texts = ["Det här är riktigt bra", "Det här är en usel service, tyvärr"]
    got = sentiment.classify_many(texts, [None, gap])
    assert [(s.label, s.lang) for s in got] == [("pos", "sv"), ("neg", "sv")]
    s = classify_for_brand("Telia är riktigt bra", lambda t: "Telia" in t, lang=gap)
    assert (s.label, s.lang) == ("pos", "sv")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("lyxigt med frukost på sängen", "pos"),  # `lyxigt` alone was -0.37
        ("drömmigt väder i skanör idag", "pos"),  # neutral
        ("vilket töntigt klipp", "neg"),  # neutral
        ("sjukt larvigt av SJ att ställa in igen", "neg"),
        ("fyfan", "neg"),  # +0.13 written as one word ("fy fan" was negative)
        ("pallar verkligen inte en till tisdag med möten", "neg"),  # +0.19
        ("det är kört för AIK nu, sista chansen rann ut", "neg"),  # neutral
        ("rip mitt saldo efter black friday", "neg"),  # neutral
        # A second probe (240 reviews, forum posts, captions and replies):
        ("Spännande tider framöver! Vi lanserar en ny tjänst i vår.", "pos"),  # neutral
        ("#reklam för @hemkop – veckans matkasse", "neu"),  # -0.78: the law's marking
        ("blev scammad på blocket, var försiktiga ni", "neg"),  # neutral
        ("Starkt jobbat av kommunen", "pos"),  # neutral
        ("stort plus för personalen", "pos"),
        ("en grå jacka", "neu"),  # -0.80: SentimentLex's `grå` is dull, not the colour
    ],
)
def test_words_a_probe_of_fresh_posts_found_without_a_tone(text, label):
    """Words neither lexicon had, or had wrong (docs/sentiment.md, Known gaps): koll_sv.csv
    and hand files 46 and 47 have them now."""
    assert sentiment.classify(text).label == label


def test_utan_after_men_is_without_and_slutade_negates():
    # A fourth probe (CODE_REVISION 23): the negation before `men` made `utan` read as "but
    # rather" and assert the hassle; "slutade fungera" kept `fungera` as praise in the rules.
    assert label(
        "Trodde inte jag skulle få tillbaka pengarna men de återbetalade utan krångel."
    ) == ("pos")
    assert label("Det var inte dyrt utan billigt.") == "pos"  # "but rather" stays
    assert label("Ingen dag utan strul.") == "neg"  # a double negation stays
    assert lexicon_score("Slutade fungera efter uppdateringen", swedish()) < 0
    assert lexicon_score("Appen har slutat krångla", swedish()) > 0
    assert label("Slutade fungera efter uppdateringen.") == "neg"


def test_so_a_few_words_after_a_sweeping_negation_is_emphasis():
    # CODE_REVISION 26 (a probe of real-style posts): "har aldrig skrattat så mkt" was -0.97, the
    # laughter denied. Not `så` as "so" before a subject, nor `så … som`, nor after `inte`.
    assert tokens("har aldrig skrattat så mkt") == ["har", "aldrig", "skrattat", "så", "mkt"]
    assert lexicon_score("har aldrig skrattat så mycket") > 0
    assert lexicon_score("aldrig hatat något så mycket") < 0
    assert lexicon_score("ingen har gjort mig så glad") > 0
    assert tokens("fick ingen hjälp så jag ringde")[2] == "¬hjälp"
    assert lexicon_score("har inte skrattat så mycket") < 0
    assert label("har aldrig skrattat så mkt åt en reklamfilm") == "pos"


def test_inget_and_ingenting_after_a_verb_deny_it():
    # CODE_REVISION 26: "ångrar ingenting" was -1.00, a regret; `inget` and `ingenting` after a
    # verb deny it as `inte` does, but not before a comparative ("älskar inget mer än").
    assert tokens("ångrar ingenting") == ["¬ångrar", "ingenting"]
    assert tokens("ångrar inget") == ["¬ångrar", "inget"]
    assert lexicon_score("ångrar ingenting") > 0
    assert lexicon_score("funkar ingenting idag") < 0
    assert lexicon_score("ingenting fungerar") < 0
    assert lexicon_score("älskar inget mer än fredagsmys") > 0
    assert tokens("älskar inget mer än fredagsmys")[0] == "älskar"
    assert label("kollade hela säsongen på en helg. ångrar ingenting") == "pos"


COMPLAINTS = (
    "Hemsk kundtjänst, otrevlig personal, usel app, dyra priser, dålig täckning, slarvig faktura, "
    "oförskämt bemötande, värdelös support, katastrofal leverans, fruktansvärt krångligt."
)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (COMPLAINTS, "neg"),
        (
            "DET HÄR ÄR DET SÄMSTA FÖRETAGET JAG VARIT MED OM, HEMSK SERVICE, OTREVLIG PERSONAL, "
            "USEL APP, DYRA PRISER, DÅLIG TÄCKNING, ALDRIG MER!!!",
            "neg",
        ),
        (
            "vilket jävla skitföretag alltså värdelös kundtjänst otrevlig personal usel app dyra "
            "priser hemsk service dålig täckning katastrof rent ut sagt aldrig mer fjällkraft",
            "neg",
        ),
        ("bra " * 50, "pos"),
        ("dålig " * 50, "neg"),
    ],
)
def test_many_tone_words_do_not_turn_a_text_around(text, label):
    """Past the counts the model saw in training, its linear weights on them outvoted the rule
    score: ten complaints in one sentence read +0.10, a rant in capitals +0.86, "bra" fifty
    times −1.00 (QA, 2026-12-07)."""
    assert sentiment.classify(text).label == label


def test_the_counts_ceilings_lie_past_every_training_text():
    """The ceilings leave the fit as it was: no training or calibration text reaches one. A
    text that does (new training data) means raising the ceiling, or refitting knowingly."""
    s = sentiment
    texts = s.shipped_training_data()[0] + s._read_labelled(s.SOCIAL_TRAIN_FILE)[0]
    texts += s.shipped_training_data(s.NATURAL_TRAIN_FILE)[0] + s._absa_train(None)[0]
    texts += s.shipped_training_data(s.SOCIAL_DEV_FILE)[0] + s.shipped_training_data(s.DEV_FILE)[0]
    lex = swedish()
    rows = [analyse(t, lex) for t in texts]
    for i, ceiling in L._CEILINGS:
        top = max(abs(r[i]) for r in rows)
        assert top < ceiling, (FEATURES[i], top, ceiling)
