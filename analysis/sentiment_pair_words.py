"""The words around a brand as one of the pair model's features: a bag of word n-grams over the
text with the brand and the other parties masked, fitted on the probes the pair model is fitted
on (data/sentiment/brand_pair_words_sv.json; docs/sentiment_brand.md, "The words model")."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache

from analysis.resources import data_path
from analysis.sentiment_clauses import NAME_WORDS, name_at_start
from analysis.sentiment_model import LABELS
from analysis.sentiment_score import Probs

WORDS_FILE = ("sentiment", "brand_pair_words_sv.json")
# The brand and the other parties as words of their own: "bytte från oth till tgt" is one
# phrase whichever two companies it names, and no company's name carries a tone learnt from the
# few posts that named it.
BRAND, OTHER = "tgt", "oth"
# Any other name, as the base model reads one (sentiment_model.NAME): a word with a capital
# inside a sentence. Read as words, town names moved a brand's tone: swapping only the name of a
# Swedish town changed 20 and 28 of 818 labels of probes 157-196 (2.4 and 3.4 %; none with the
# words model silent), "McDonald's i Kiruna stänger 22 …" a complaint, in Sundsvall not.
NAME = "nme"
# Word n-grams of one to three words, each kept if at least three texts of the fit have it, and
# the fit's inverse regularisation. Fitted on the eleven read probes and measured on the
# twenty-one older ones (plain n-grams, before the marked ones came): this gained 146 labels of
# 7,520 (5,446 against 5,300 without the words), within ten of the best tried (two texts and C
# 16: 5,455, with 55,000 n-grams against 10,000); one or two words, or five texts, gained less.
NGRAMS = 3
# Whose each sentence is: "b" names both, "t" the brand only, "o" the other party only, "a"
# follows one naming the brand and names none (perhaps its verdict), "n" names none. Marked
# n-grams of one or two words beside the plain ones gained 56 labels more there (5,506 against
# 5,450); marked alone, 32.
SCOPED_NGRAMS = 2
MIN_TEXTS = 3
WORDS_C = 4.0
# Weights and idf kept to four decimals: the file is half as large (2.5 MB fitted on thirty-two
# probes, 3.1 MB on forty-one, 4.1 MB on fifty-seven), and a logit moves by at most 5e-5 times
# the sum of the text's unit-length vector's entries (0.001 at most for a post of 400 n-grams).
DECIMALS = 4

_WORD = re.compile(r"\S+")
_TOKEN = re.compile(r"\w+", re.U)
# Words that say where a name stands or who did something, not what is said of it: prepositions,
# articles, pronouns and the plainest verbs. An n-gram of these, the names and figures alone
# ("tgt i", "på tgt", "t:haft", "o:3") is left out. Fitted on eighty-nine probes, such n-grams
# had become the words model's surest evidence on short texts ("Har haft Telia i 12 år. Tre i 3
# år." 0.77 positive for Telia; "köpte en kaffebryggare på Elgiganten i Mall of Scandinavia, den
# gick sönder …" 0.55 positive for the shop, from "tgt i" and "på tgt"); where a name stands is
# the pair model's own features (sentiment_pair: prep, at_start, same_sentence). Left out, the
# fit read 12 fewer of the next twenty probes' 7,200 labels and three of four such sentences
# right (2026-12-06; docs/sentiment_brand.md, "Rules revision 32"). Since revision 33 the words
# of a time span too: how long one has had a brand, or waited, says nothing by itself (the verb
# beside it does: "tog 3 veckor"). Fitted on 125 probes, "t:12 år" and "t:3 år" read "Har haft
# Telia i 10 år och Tele2 i 2 år." as praise of Telia; left out, a fit on the probes up to the
# hundred-and-twenty-fourth read 4,529 of the next sixteen's 5,760 labels against 4,534.
# Since revision 36 the names of months and weekdays too: when something happened says nothing
# of it. Fitted on 141 probes, "t:oktober" was the surest negative evidence in the demo's
# "… producerade Fjällkrafts vindparker i oktober" report (months came with price rises in the
# probes), and swapping only a month or weekday name for another changed 28 and 40 of 528 brand
# labels in the probes written after them (5.3 and 7.6 %; the limit for names and topic
# nouns is 2 %): "får äntligen ny tvättstuga i maj" was praise of the landlord, in August a
# complaint (docs/sentiment_brand.md, "Rules revision 36").
_FRAME = frozenset((
    "i", "på", "hos", "från", "till", "med", "av", "för", "om", "vid", "via", "mot", "åt", "utan",
    "genom", "har", "hade", "haft", "är", "var", "varit", "och", "att", "en", "ett", "den", "det",
    "de", "dom", "som", "jag", "vi", "man", "sin", "sitt", "sina", "deras", "hans", "hennes",
    "min", "mitt", "mina", "år", "månader", "månad", "veckor", "vecka", "dagar", "dag", "timmar",
    "timme", "minuter", BRAND, OTHER, NAME,
)) | frozenset(  # fmt: skip
    f"{day}{ending}"
    for day in ("mån", "tis", "ons", "tors", "fre", "lör", "sön")
    for ending in ("dag", "dags", "dagen", "dagar", "dagarna")
) | frozenset((
    "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
    "oktober", "november", "december",
))  # fmt: skip


def masked(
    sents: Sequence[str], mentions: Callable[[str], bool], others: Callable[[str], bool]
) -> str:
    """The sentences in lower case, one a line, each name of the brand one word BRAND and each
    name of another party one word OTHER (a name of several words is one: "hos clas ohlson" →
    "hos oth"); a word carrying a name ("Telia:s", "#Telia") is the name, and of two names
    beginning at one word the longer ("ICA Banken", not "ICA"); any other capitalised word
    inside a sentence (a town, a person, a product) one word NAME."""
    return "\n".join(_masked(s, mentions, others) for s in sents)


def _masked(sentence: str, mentions: Callable[[str], bool], others: Callable[[str], bool]) -> str:
    words = _WORD.findall(sentence)
    out: list[str] = []
    i = 0
    while i < len(words):
        spans = [
            (_span(words, i, named), mark) for named, mark in ((mentions, BRAND), (others, OTHER))
        ]
        longest = max(n for n, _ in spans)
        if longest == 0:
            out.append(NAME if _named(words, i) else words[i].lower())
            i += 1
            continue
        out.extend(mark for n, mark in spans if n == longest)  # "Nordvind/Fjällkraft": both
        i += longest
    return " ".join(out)


def _named(words: Sequence[str], i: int) -> bool:
    """Whether words[i] is a name no party has: a capital inside a sentence, not a word in
    capitals (SJ, emphasis) nor one opening a quotation or a sentence after a colon."""
    w = words[i]
    return i > 0 and w[0].isupper() and not w.isupper() and words[i - 1][-1] not in _OPENS


# What a capital after it opens: a sentence, a quotation, a list.
_OPENS = frozenset(".!?:…\"'“”«»„")


def _span(words: Sequence[str], i: int, named: Callable[[str], bool]) -> int:
    """How many words a name of the party beginning at the i-th word takes (0: none begins
    there; sentiment_clauses.name_at_start), if it is still a name with the words after it (a
    matcher's exclusions: "ICA" is no name in "ICA Banken")."""
    name = name_at_start(" ".join(words[i : i + NAME_WORDS]), named)
    n = len(name.split())
    return n if n and named(" ".join(words[i : i + n + NAME_WORDS - 1])) else 0


def grams(text: str) -> Counter[str]:
    """The n-grams of a masked text and how often each occurs: those of one to NGRAMS words of
    the whole text, and those of one or two words of each sentence marked with whose it is
    (_scope): "o:gick igen" in the other party's sentence is not "t:gick igen" in the
    brand's."""
    lines = [_TOKEN.findall(line) for line in text.split("\n")]
    tokens = [t for line in lines for t in line]
    out = Counter(_spans(tokens, NGRAMS))
    previous = ""
    for line in lines:
        scope = _scope(line, previous)
        previous = scope
        out.update(f"{scope}:{g}" for g in _spans(line, SCOPED_NGRAMS))
    return out


def _spans(tokens: Sequence[str], longest: int) -> Iterator[str]:
    """The n-grams of one to `longest` tokens with a word in them that is no _FRAME word nor a
    figure."""
    said = [not (t in _FRAME or t.isdigit()) for t in tokens]
    for n in range(1, longest + 1):
        for i in range(len(tokens) - n + 1):
            if any(said[i : i + n]):
                yield " ".join(tokens[i : i + n])


def _scope(tokens: list[str], previous: str) -> str:
    """Whose a sentence is (the letters at SCOPED_NGRAMS), given whose the one before was."""
    brand, other = BRAND in tokens, OTHER in tokens
    if brand:
        return "b" if other else "t"
    if other:
        return "o"
    return "a" if previous in ("b", "t") else "n"


def _weighted(counts: Counter[str], idf: Callable[[str], float | None]) -> dict[str, float]:
    """tf-idf with a logarithmic term frequency, of unit length: a long text's words weigh as
    much in all as a short one's."""
    v = {}
    for g, t in counts.items():
        w = idf(g)
        if w is not None:
            v[g] = (1.0 + math.log(t)) * w
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {g: x / norm for g, x in v.items()}


def probs(text: str, fitted: dict | None = None) -> Probs:
    """The words model's probabilities (neg, neu, pos) of a masked text."""
    m = fitted if fitted is not None else _shipped()
    table = m["grams"]
    v = _weighted(grams(text), lambda g: table[g][0] if g in table else None)
    logits = list(m["intercept"])
    for g, x in v.items():
        w = table[g]
        for k in range(3):
            logits[k] += w[k + 1] * x
    return softmax(logits)


def softmax(logits: Sequence[float]) -> Probs:
    """Three logits (neg, neu, pos) as probabilities."""
    top = max(logits)
    e = [math.exp(z - top) for z in logits]
    total = sum(e)
    return (e[0] / total, e[1] / total, e[2] / total)


def fit(texts: Sequence[str], labels: Sequence[str], c: float = WORDS_C) -> dict:
    """The words model fitted on masked texts and gold labels: multinomial logistic regression
    over their n-grams' tf-idf; each n-gram with its idf and weights (neg, neu, pos)."""
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    counts = [grams(t) for t in texts]
    df = Counter(g for cs in counts for g in cs)
    vocab = sorted(g for g, d in df.items() if d >= MIN_TEXTS)
    n = len(texts)
    idf = {g: round(math.log((1 + n) / (1 + df[g])) + 1.0, DECIMALS) for g in vocab}
    index = {g: i for i, g in enumerate(vocab)}
    rows, cols, vals = [], [], []
    for r, cs in enumerate(counts):
        for g, x in _weighted(cs, idf.get).items():
            rows.append(r)
            cols.append(index[g])
            vals.append(x)
    matrix = csr_matrix((vals, (rows, cols)), shape=(n, len(vocab)))
    clf = LogisticRegression(C=c, max_iter=5000, tol=1e-6)
    with threadpool_limits(limits=1):
        clf.fit(matrix, list(labels))
    if list(clf.classes_) != list(LABELS):
        raise ValueError(f"the words model needs all of {LABELS} among its labels")
    return {
        "labels": list(LABELS),
        "ngrams": NGRAMS,
        "scoped_ngrams": SCOPED_NGRAMS,
        "min_texts": MIN_TEXTS,
        "frame": sorted(_FRAME),
        "intercept": [round(float(b), DECIMALS) for b in clf.intercept_],
        "grams": {
            g: [idf[g]] + [round(float(clf.coef_[k][index[g]]), DECIMALS) for k in range(3)]
            for g in vocab
        },
    }


@lru_cache(maxsize=1)
def _shipped() -> dict:
    with data_path(*WORDS_FILE).open(encoding="utf-8") as fh:
        return checked(json.load(fh))


def checked(fitted: dict) -> dict:
    """The fitted model, if it was fitted for these labels and n-grams."""
    if (
        fitted.get("labels") != list(LABELS)
        or fitted.get("ngrams") != NGRAMS
        or fitted.get("scoped_ngrams") != SCOPED_NGRAMS
        or fitted.get("min_texts") != MIN_TEXTS
        or fitted.get("frame") != sorted(_FRAME)
        or not isinstance(fitted.get("grams"), dict)
    ):
        raise ValueError(
            f"data/{'/'.join(WORDS_FILE)}: fitted for other labels or n-grams than "
            "analysis/sentiment_pair_words.py has; refit it with scripts/sentiment_data/fit_pair.py"
        )
    return fitted
