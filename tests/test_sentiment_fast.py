"""The fast scoring path gives bit-identical results to the straightforward reference implementation.

tests/sentiment_reference.py keeps the scoring code as it was before it was optimised; these
tests compare labels, scores and confidences (exact floats) of classify, classify_for_brand and
the ingest workers' score_job over samples of every data set koll is measured on, the real feed
corpus and the bench documents, and fuzz the pieces that were rewritten (tokens, sentences,
folding, language detection, the brand prefilter) with random strings of awkward characters.
"""

from __future__ import annotations

import itertools
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import lang, sentiment, sentiment_brand, sentiment_clauses, text
from analysis.brands import Brand, BrandMatcher
from analysis.sentiment_lexicon import analyse, english, swedish, tokenize
from ingest import work
from ingest.match import Matchers
from tests import sentiment_reference as ref
from tests.sentiment_corpus import bench_items, dataset, item_text, real_items

REPO = Path(__file__).resolve().parent.parent

BRANDS = (
    Brand("Fjällkraft", aliases=("@fjallkraft", "Fjällkraft AB"), exclude=("Fjällkraftverket",)),
    Brand("Sverige", aliases=("Sveriges riksdag",)),
    Brand("SD", aliases=("Sverigedemokraterna",)),
    Brand("Regeringen"),
    Brand("Invandrare", aliases=("invandring", "flyktingar")),
    Brand("Apple", aliases=("iPhone", "MacBook")),
    Brand("Google", aliases=("AdWords",)),
    Brand("Trump"),
)
MATCHERS = [BrandMatcher.for_brand(b) for b in BRANDS]

# Characters that stress tokens, emoticons, case mapping, white space and sentence ends.
_ALPHABET = list(":;=<3()DPpOo/\\|*][@-'^ xXdÅåÖöÄäİΣσ_.,!?…’\n\t1aBzy”»“«#") + [
    "ß", "ǅ", "Ⓐ", "\u0307", "\ufe0f", "🙄", "😍", "\u00a0", "\u2003", "\x1c", "\u3000", "ﬅ",
    "K", "²", "bra", "BRA. ", ":-D ", " :) ", " men ", " but ", "; ", " – ", "t.ex. ", "Hej. Du",
    "ssa", "hyvä", " och ", " the ", "ikke", "æ", "ø", "ü", "fjällkraft", "Fjällkraftverket ",
    "tack för inget", " jobbat", "inte ", "!!", "?!", "10", "5", "/10", " den ", " av ",
    "”", "“", '"', " utan ", " dock ", "Appen ", " appen", " så ",
]  # fmt: skip


def _fuzz(n: int, seed: int, longest: int = 14) -> list[str]:
    rng = random.Random(seed)
    return [
        "".join(rng.choice(_ALPHABET) for _ in range(rng.randint(0, longest))) for _ in range(n)
    ]


def _samples() -> dict[str, list[str]]:
    return {
        "eval": list(dataset("eval")),
        "dev": list(dataset("dev")),
        "absa_dev": list(dataset("absa_dev")),
        "real": [item_text(it) for it in real_items()[::3]],
        "bench": [item_text(it) for it in bench_items()[:300]],
        # A switch, and a verdict on it in the next sentence (rules revision 10).
        "switch": [
            f"{switch} {verdict}"
            for switch in (
                "Lämnade Fjällkraft förra året.",
                "Bytte till Fjällkraft i våras.",
                "Sa upp mitt abonnemang hos Fjällkraft.",
                "Bytte från Sverige till Fjällkraft.",
                "Funderar på att byta till Fjällkraft.",
                "Skulle aldrig lämna Fjällkraft.",
            )
            for verdict in ("Bästa beslutet jag tagit.", "Ångrar mig bittert.", "Sen åt vi.", "")
        ],
        # Praise closing a text or following the brand's sentence, in irony or not (CODE_REVISION
        # 18, brand rules revision 11).
        "irony": [
            f"{before} {after}"
            for before in (
                "Fjällkraft har ställt in leveransen igen.",
                "Väntade en timme i Fjällkrafts telefonkö, hemskt.",
                "Fjällkraft fixade felet på en kvart.",
                "Mejlade Fjällkraft om fakturan.",
                "Fjällkraft höjer priset, men servicen är bra.",
            )
            for after in (
                "Kul.",
                "Så jäkla kul!",
                "Funkar nu!",
                "Men kul.",
                "Äntligen, toppen.",
                "Nej, underbart.",
                "Tack för hjälpen idag, ni är bäst.",
                "",
            )
        ],
        # Defences, a post addressed to the brand, a cost accepted and irony marked by an emoji
        # (brand rules revision 23): the sets above reach none of them.
        "revision23": [
            "Vad hade ni väntat er? Fjällkraft har höjt som alla andra.",
            "Alla skäller på Fjällkraft men de jobbar dygnet runt. Google är inte bättre.",
            "Hej Fjällkraft! Min beställning från Apple kom aldrig och ingen svarar. Hur gör jag?",
            "@fjallkraft strömmen har varit borta i sex timmar. Snälla svara.",
            "Fjällkraft har varit bra för byn. Det får kosta lite. Hoppas det håller i sig.",
            "Fjällkraft ställer in leveransen igen. Kul, jag som väntat hela dagen 🙃",
            "Fjällkraft fixade felet på en kvart. Så smidigt 👏",
        ],
        # Rules revision 24's change to the weighting: critics told they never tried the
        # alternative vindicate the party (plain and with the model's praise already).
        "revision24": [
            "Ni som klagar på Fjällkraft har aldrig haft Google. De är mycket värre.",
            "Folk som gnäller på Fjällkraft har aldrig provat något annat.",
            "Alla som klagar på Fjällkraft har rätt, de har aldrig varit så dåliga.",
            # A party raising its prices: the side leans negative, an opinion after is its own.
            "Fjällkraft höjer månadsavgiften från 39 till 59 kr. Toppen.",
            "Fjällkraft höjer priset igen. Helt sjukt.",
            # Out of stock, and praise after it that mocks.
            "Fjällkraft hade slut på allt jag behövde idag. grattis.",
            # A complaint after leaving is no regret: alone (the reason, if long) and after a
            # switch.
            "Lämnade Fjällkraft. 3 månader med fel på fakturan och ingen på kundtjänst som fattade nåt.",
            "Bytte från Fjällkraft till Google. varför betalade jag så mycket i sex år 💀",
            "Bytte från Fjällkraft till Google. Sämsta beslutet jag tagit.",
            # Choosing another party, in a sentence not naming the brand, is leaving it.
            "Fjällkrafts tåg står still igen. tar Sverige nästa gång ärligt",
            "Fjällkraft höjde igen. Bytte till Sverige idag.",
            # The dearer side of figures: what follows is the other party's.
            "Google 299 kr/mån, Fjällkraft 449 kr/mån. Lätt val, grymt bra.",
        ],
        # Rules revision 25: several sentences about the brand do not cancel out (one may),
        # and every sentence is read with its idioms in plain words.
        "revision25": [
            "Fjällkraft strejkar igen lol. Sverige tog mig hem i tid och crewet var supertrevliga.",
            "Fjällkraft har bra app. Men kundtjänsten är seg.",
            "Fjällkraft gav mig alla pengarna tillbaka när ena rätten saknades. Sverige gav mig "
            "en kupong på 20 kr förra gången samma sak hände",
            "Fjällkraft påstår att de är billigare än Sverige",
            "gick över till Fjällkraft från Sverige. ångrar bara att jag inte gjorde det tidigare",
            "Bytte till Fjällkraft. varför väntade jag så länge",
            "Fjällkraft har höjt igen. akta er för Google också.",
            "Fjällkraft svarar aldrig. Ringde Sverige istället, 70 min kö. Kul dag",
            # Choosing the brand: what was said of other parties before is theirs.
            "En månad med Google: två fel fakturor och ingen svarar. Byter tillbaka till "
            "Fjällkraft 😩",
            "Sverige var värdelösa. Fjällkraft har bra service. Byter till Fjällkraft nu.",
            # Short praise naming the brand after its complaint mocks it.
            "Fjällkraft vägrar ersätta min cykel pga 'inte godkänt lås'. Sverige ersatte samma "
            "sak utan problem. snyggt Fjällkraft.",
            "Fjällkraft var 40 min sen igen. Tack Fjällkraft.",
            "Fjällkraft var 40 min sen igen. Tack Fjällkraft 🙃",
            # A reply not naming the brand: its idioms in plain words too.
            "Bytte till Sverige. ångrar bara att jag inte gjorde det tidigare",
            "Sverige ftw. akta er för Google.",
        ],
        # Rules revision 26: a counterfactual of the other side (Reading.contrary), and bad
        # news told as a fact, mocked.
        "revision26": [
            "Google ringde tillbaka direkt och fixade allt. Fjällkraft hade aldrig",
            "Google tappade bort mitt paket och ljög om det, helt sjukt dåligt. Fjällkraft hade "
            "aldrig gjort så",
            "Fjällkraft ringde tillbaka om den trasiga lådan, skickade en ny. Google hade aldrig",
            "Fjällkraft tappade bort mitt paket och ljög om det, helt sjukt dåligt. Google "
            "skulle aldrig",
            "Fjällkrafts kundtjänst ringde tillbaka inom en timme när jag chattade om en trasig "
            "lucka, skickade en ny gratis. Google hade aldrig",
            "Googles kundtjänst ringde tillbaka inom en timme när jag chattade om en trasig "
            "lucka, skickade en ny gratis. Fjällkraft hade aldrig",
            "Fjällkraft lägger ner butiken i byn. kul för ägarna",
            "Fjällkraft varslar 200 personer. Snyggt.",
            # Asking others about the brand: what follows is no verdict.
            "Har nån testat Fjällkraft? Hört att appen är bra men det skrämmer mig lite.",
        ],
        # The pair model reads a brand named beside another configured party (Sverige), unless
        # a rule of its own read the brand: each kind of rule once (rules revision 27).
        "revision27": [
            "Fjällkraft kom i tid igår. Sverige tog två timmar och ingen sa nåt",
            "Var inne hos Fjällkraft igår. Sverige har ett bättre erbjudande just nu",
            "Jämförde Fjällkraft och Sverige. Den ena var snabb, den andra seg.",
            "Fjällkraft och Sverige? Förstnämnda är bäst, sistnämnda sämst.",
            "Hej Fjällkraft! Sverige svarade på en timme. Ni har inte hört av er på en vecka.",
            "@fjallkraft Sverige fixade det på en dag. varför tar det en månad hos er?",
            "Sverige strulade med fakturan igen. Fjällkraft har också haft sina problem i år.",
            "Sverige är dyrt. Fjällkraft är även det ganska dyrt.",
            "Provade både Fjällkraft och Sverige i vintras och de var lika usla båda två",
            "Sa upp Fjällkraft i mars. Sverige har varit helt okej sen dess",
            "Fjällkraft är okej antar jag. Tog Sverige istället för priset.",
            "Fjällkraft är väl okej. Byter till Sverige nästa månad.",
            "Fjällkraft stod still i två timmar. Snyggt Fjällkraft. Sverige hade varit snabbare.",
            # In English: not asked (fitted on Swedish posts).
            "Switched from Fjällkraft to Sverige last month, best decision this year",
            "Fjällkraft was on time yesterday. Sverige took two hours and nobody said anything",
        ],
        # Since rules revision 29 the pair model reads a brand a rule read too, in a text of ten
        # words or more; a rule's own construction (rewritten words, cancelled figures: clauses
        # joined and the sentence before are the writer's words) since revision 34 too, 0.7 sure.
        "revision29": [
            "Fjällkraft levererade snabbt och personalen var trevlig, men Sverige tog tre veckor",
            "Ringde Fjällkraft om fakturan i morse. Helt otroligt snabbt svar, två minuter i kö."
            " Sverige har jag aldrig ens kommit fram till",
            "Sverige är segt att logga in på, Fjällkraft har en app som bara funkar. Köpte"
            " några aktier igår.",
            "Fjällkraft tog 512 kr för månaden, Sverige 498 kr. Skillnaden är ingenting i"
            " praktiken för oss.",
            "Varför kan inte Sverige ha en lika smidig app som Fjällkraft? Måste logga in tre"
            " gånger varje dag",
            "Kommer byta från Sverige till Fjällkraft när bindningen går ut i mars nästa år",
            "Sverige hade fel på fakturan igen. Och Fjällkraft skickade en påminnelse fast jag"
            " betalat.",
            "Fjällkraft 👎👎 Sverige 👍👍",
            "Fjällkraft kom i tid. Sverige var sen som vanligt, tredje gången i månaden nu",
        ],
        # Since rules revision 30 the model overrules a short text's reading, whoever made it,
        # only 0.6 sure (pair.overrule_min): no rule of its own read these, nine words and ten.
        "revision30": [
            "Testade Fjällkraft i helgen. Sverige är helt odugliga.",
            "Fjällkraft vinner på att Sverige höjer priset.",
            "Testade Fjällkraft i helgen och Sverige är helt odugliga tyvärr.",
        ],
    }


def test_tokens_match_reference():
    texts = _fuzz(20_000, 1) + list(dataset("dev")) + [item_text(it) for it in real_items()[:300]]
    bad = []
    for t in texts:
        fast, slow = tokenize(t), ref.tokenize(t)
        if (fast.raws, fast.lows, fast.low) != (slow.raws, slow.lows, slow.low):
            bad.append(t)
    assert not bad, bad[:5]


def test_model_tokens_match_reference():
    # Names, topic nouns, quotation marks, negation and contrast marks (CODE_REVISION 14): the
    # sets classify is compared on did not reach a capitalised topic noun after a quote.
    from analysis.sentiment_model import model_tokens

    texts = _fuzz(20_000, 7) + list(dataset("dev")) + [item_text(it) for it in real_items()[:300]]
    bad = [t for t in texts if model_tokens(tokenize(t)) != ref.model_tokens(ref.tokenize(t))]
    assert not bad, bad[:5]


def test_sentences_fold_and_language_match_reference():
    texts = _fuzz(20_000, 2) + [item_text(it) for it in real_items()[::2]] + list(dataset("eval"))
    # each of lang.detect's letter rules at least once (the Portuguese one had no text here and
    # went missing from the reference until a feed's "Expansão de Parâmetros" came along)
    texts += ["Expansão de Parâmetros", "Straße über", "Smørrebrød på Nørrebro", "Hyvää päivää"]
    bad = [
        t
        for t in texts
        if text.sentences(t) != ref.sentences(t)
        or text.fold(t) != ref.fold(t)
        or lang.detect(t) != ref.detect(t)
    ]
    assert not bad, bad[:5]


def test_language_from_a_texts_tokens_matches_reference():
    """classify() hands detect() the text's lower-cased tokens, punctuation and emoji included,
    where the reference handed it the word tokens only."""
    texts = _fuzz(20_000, 6) + list(dataset("dev")) + [item_text(it) for it in real_items()[::2]]
    texts += ["!!! 🙄", ":-D :P", "", "Hyvä tämä on :) !!", "Jeg er ikke glad.", "ääh ... 😍"]
    bad = [
        t
        for t in texts
        if lang.detect(t, tokenize(t).lows) != ref.detect(t, ref.tokenize(t).words())
    ]
    assert not bad, bad[:5]


def test_capitalised_words_match_reference():
    texts = _fuzz(20_000, 5) + [s for t in _samples()["real"] for s in text.sentences(t)]
    texts += ["@Anna och #Fjällkraft", "x@Anna", "Å Ä", "aÅb Öst", "@a @B #Ö#A", "A.B&C-d"]
    assert [[m.span() for m in sentiment_clauses._CAP_WORD.finditer(t)] for t in texts] == [
        [m.span() for m in ref._CAP_WORD.finditer(t)] for t in texts
    ]


def test_result_picks_the_class_as_max_does():
    values = [0.0, -0.0, 0.1, 0.25, 1 / 3, 0.5, 1.0, float("inf"), float("nan")]
    for p in itertools.product(values, repeat=3):
        got, want = sentiment._result(p, "sv", "m"), ref._result(p, "sv", "m")
        assert (got.label, repr(got.score), repr(got.confidence)) == (
            want.label,
            repr(want.score),
            repr(want.confidence),
        ), p


def test_a_score_of_zero_has_no_sign():
    # A score of -0.0 (a hair more negative than positive) had been stored as -0.0 by
    # PostgreSQL and as 0.0 by SQLite, so the two engines' exports of the demo differed.
    for p in ((0.40001, 0.2, 0.39999), (0.5, 0.0, 0.49999999), (0.0, 1.0, -0.0)):
        assert repr(sentiment._result(p, "sv", "m").score) == "0.0", p


def test_round4_is_round_to_four_places_bit_for_bit():
    from analysis.sentiment_score import round4

    rng = random.Random(4)
    values = [rng.uniform(-1, 1) for _ in range(200_000)]
    # Ties in decimal and the floats around them, where x * 10000 may round the other way.
    ties = [k / 10_000 + 0.00005 for k in range(-10_000, 10_000)]
    values += [t + e for t in ties for e in (0.0, 1e-12, -1e-12, 1e-17, -1e-17, 1e-7, -1e-7)]
    values += [0.0, -0.0, -1e-5, 1e-5, -4.9e-5, 5e-5, -5e-5, 1.0, -1.0, 0.99995, -0.99995]
    values += [1e-300, -1e-300, 123.45675, float("inf"), float("-inf"), float("nan"), 1e20]
    assert [repr(round4(v)) for v in values] == [repr(round(v, 4)) for v in values]


@pytest.mark.slow
def test_brand_prefilter_changes_no_match():
    texts = _fuzz(5_000, 3, longest=30) + [item_text(it) for it in real_items()]
    texts += list(dataset("absa_dev")) + [item_text(it) for it in bench_items()[:300]]
    found = 0
    for m in MATCHERS:
        for t in texts:
            spans = m.spans(t)
            assert spans == m.spans(t, prefilter=False), (m.name, t)
            found += bool(spans)
    assert found > 100  # the texts do mention the brands: the comparison means something


def test_analyse_matches_reference():
    texts = _fuzz(5_000, 4) + list(dataset("dev")) + list(dataset("absa_dev"))
    texts += [s for t in _samples()["bench"][:100] for s in text.sentences(t)]
    # ratings and the dates and fractions written like them ("inte 8/10", "den 3/10", "1/10 av")
    texts += [
        f"{before}{num}/{scale}{after}"
        for before in ("", "den ", "ger den ", "inte ", "riktigt ", "bra men ", "Toppen, ")
        for num in ("0", "3", "5", "8", "10", "12")
        for scale in ("5", "10", "7")
        for after in ("", " av", "/2026", "!", " stjärnor, usch", " :)")
    ]  # fmt: skip
    for lex in (swedish(), english()):
        bad = [t for t in texts if analyse(t, lex) != ref.analyse(t, lex)]
        assert not bad, bad[:5]


@pytest.mark.parametrize(
    "name",
    [
        "eval",
        "dev",
        "absa_dev",
        "real",
        "bench",
        "switch",
        "irony",
        "revision23",
        "revision24",
        "revision25",
        "revision26",
        "revision27",
        "revision29",
        "revision30",
    ],
)
def test_classify_and_classify_for_brand_match_reference(name):
    memo = sentiment.Memo()
    bad = []
    compared = 0
    for t in _samples()[name]:
        expect = ref.classify(t)
        got = [sentiment.classify(t)]
        want = [expect]
        lg = expect.lang
        got.append(sentiment.classify(t, lang=lg, memo=memo))
        want.append(ref.classify(t, lang=lg))
        for m in MATCHERS:
            if m.mentions(t):
                got.append(sentiment_brand.classify_for_brand(t, m.mentions, lang=lg, memo=memo))
                want.append(ref.classify_for_brand(t, ref.unfiltered(m), lang=lg))
        # A brand the text may not mention (the whole text's tone), language detected inside.
        got.append(sentiment_brand.classify_for_brand(t, MATCHERS[0].mentions, memo=memo))
        want.append(ref.classify_for_brand(t, ref.unfiltered(MATCHERS[0])))
        # ...and with another brand as the other party (a reply under the first brand's thread).
        got.append(
            sentiment_brand.classify_for_brand(
                t, MATCHERS[0].mentions, lang=lg, others=MATCHERS[1].mentions, memo=memo
            )
        )
        want.append(
            ref.classify_for_brand(
                t, ref.unfiltered(MATCHERS[0]), lang=lg, others=ref.unfiltered(MATCHERS[1])
            )
        )
        compared += len(got)
        if got != want:
            bad.append((t[:80], got, want))
    assert not bad, bad[:3]
    assert compared > 2 * len(_samples()[name])


@pytest.fixture
def keep_model():
    """work.init() installs the cached model process-wide: put back what was installed."""
    installed = sentiment._model
    yield
    sentiment.set_model(installed)


@pytest.mark.parametrize("name", [pytest.param("real", marks=pytest.mark.slow), "bench"])
def test_score_job_matches_reference(name, keep_model):
    items = list(real_items()[::2] if name == "real" else bench_items()[:400])
    work.init(BRANDS, None)
    scored, mentions_of, item_scores, mention_scores = work.score_job(items, None)
    plain = Matchers(BRANDS, {m.name: m for m in MATCHERS})
    assert mentions_of, "no item mentions a brand: the brand-targeted path went untested"
    compared = 0
    for it, done in zip(items, scored, strict=True):
        t = item_text(it)
        lg = ref.detect(t)
        assert done.lang == lg
        s = ref.classify(t, lang=lg)
        got = item_scores[it.key]
        assert (got.label, got.score, got.confidence) == (s.label, s.score, s.confidence), t[:80]
        for mention in mentions_of.get(it.key, ()):
            if mention.owned:
                # The brand's own voice (since MATCH_REVISION 3 also an item its own account
                # wrote: Google's blog posts signed "Google") is read by _own_voice, which the
                # reference does not copy; tests/test_own_voice.py covers it.
                continue
            compared += 1
            rest = [ref.unfiltered(m) for n, m in plain.matchers.items() if n != mention.brand]
            b = ref.classify_for_brand(
                t,
                ref.unfiltered(plain.matchers[mention.brand]),
                lang=lg,
                others=lambda s, rest=rest: any(r(s) for r in rest),
            )
            got = mention_scores[(it.key, mention.brand)]
            assert (got.label, got.score, got.confidence) == (b.label, b.score, b.confidence), (
                mention.brand,
                t[:80],
            )
    assert compared >= 10, compared


def test_memo_follows_the_model():
    """A memo used with another model starts afresh instead of handing out the old scores."""
    memo = sentiment.Memo()
    text_ = "Fjällkraft är fantastiskt bra. Men kundtjänsten är usel och svarar aldrig."
    before = sentiment.classify(text_, lang="sv", memo=memo)
    assert memo.probs
    tiny = sentiment.Model.train(
        ["underbart", "katastrof", "tisdag"] * 4, ["pos", "neg", "neu"] * 4, version="tiny-memo"
    )
    sentiment.set_model(tiny)
    try:
        after = sentiment.classify(text_, lang="sv", memo=memo)
        assert after == sentiment.classify(text_, lang="sv")
        assert after.model == "tiny-memo" and after.score != before.score
    finally:
        sentiment.set_model(None)


@pytest.mark.slow
def test_worker_setup_imports_no_scipy_sklearn_or_nltk():
    """The ingest workers load the shipped model and the lexicons without NLTK, scipy or
    sklearn (about a second and 100 MB per process); sklearn is needed only to train a model."""
    env = dict(os.environ)
    check = (
        "import sys\n"
        "import ingest.run\n"
        "from ingest import work\n"
        "from analysis.brands import Brand\n"
        "work.init((Brand('Fjällkraft'),))\n"
        "from analysis import sentiment\n"
        "from analysis.text import stem\n"
        "assert stem('kunderna') == 'kund'\n"
        "assert sentiment.classify('Grymt bra service!', lang='sv').label == 'pos'\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('scipy', 'sklearn', 'nltk'))\n"
        "print(heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", check], check=True, cwd=REPO, env=env, capture_output=True, text=True
    )
    assert out.stdout.strip() == "[]", out.stdout[:500]
