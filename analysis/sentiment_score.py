"""Scoring one text with a model: its language, its sentences' probabilities and their sum.

analysis/sentiment.py (the public API) and analysis/sentiment_brand.py score through these
functions. They are the glue around the compiled scorer (tokens, rule features, the model) and
are compiled with it (setup.py): run as Python, they took a fifth of a short post's time.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Final

from analysis import lang as langid
from analysis.sentiment_lexicon import SCORE, Tokens, analyse, english, swedish, tokenize
from analysis.sentiment_model import LABELS, Model, model_tokens
from analysis.text import sentences

# Texts longer than this are scored per sentence; shorter ones (posts, comments) as a whole, as
# the model was trained on whole short texts.
SENTENCE_SPLIT_CHARS: Final = 300
# Aggregating sentences (see aggregate): neutral unless some sentence is at least this polar,
# and the polar classes differ by at least this margin.
AGG_MIN_STRENGTH: Final = 0.5
AGG_MIN_MARGIN: Final = 0.1
# English lexicon scores beyond this are polar.
EN_THRESHOLD: Final = 0.15

Probs = tuple[float, float, float]  # (neg, neu, pos)


def _probs_sv(text: str, model: Model, toks: Tokens | None) -> Probs:
    toks = toks if toks is not None else tokenize(text)
    return model.proba_tokens(model_tokens(toks), analyse(text, swedish(), toks))


def _probs_en(text: str, toks: Tokens | None) -> Probs:
    s = analyse(text, english(), toks)[SCORE]
    a = abs(s)
    polar, neu = (0.5 + a / 2, 0.5 - a / 2) if a >= EN_THRESHOLD else (a, 1 - a)
    return (polar, neu, 0.0) if s < 0 else (0.0, neu, polar)


class Memo:
    """What scoring one batch of texts has worked out already, for the next call to reuse.

    classify() and classify_for_brand() on the same text score the same sentences (the brand's
    sentences are scored again as such, the others as context), and feed items repeat
    boilerplate sentences; passing one Memo to all calls for a batch scores each sentence once.
    It belongs to one model: used with another, it starts afresh. Keep one per batch, not for
    ever (it is cleared when it grows past MAX entries).
    """

    MAX: Final = 50_000

    def __init__(self) -> None:
        self.model: Model | None = None
        self.probs: dict[tuple[bool, str], Probs] = {}  # (English?, text) -> probabilities
        self.sents: dict[str, list[str]] = {}  # text -> sentences(text)

    def use(self, model: Model) -> Memo:
        if self.model is not model or len(self.probs) > self.MAX or len(self.sents) > self.MAX:
            self.model = model
            self.probs.clear()
            self.sents.clear()
        return self


def probs(
    text: str, lang: str, model: Model, toks: Tokens | None = None, memo: Memo | None = None
) -> Probs:
    """The probabilities of one piece of text (a sentence, a clause) scored as a whole."""
    if memo is None:
        return _probs_en(text, toks) if lang == "en" else _probs_sv(text, model, toks)
    key = (lang == "en", text)
    p = memo.probs.get(key)
    if p is None:
        p = _probs_en(text, toks) if key[0] else _probs_sv(text, model, toks)
        memo.probs[key] = p
    return p


def sentences_of(text: str, memo: Memo | None) -> list[str]:
    """sentences(text), worked out once per memo."""
    if memo is None:
        return sentences(text)
    out = memo.sents.get(text)
    if out is None:
        out = memo.sents[text] = sentences(text)
    return out


def aggregate(parts: Iterable[tuple[Probs, float]], margin: float = AGG_MIN_MARGIN) -> Probs | None:
    """Combine per-sentence probabilities; opinionated sentences dominate, neutral ones fade.

    Each sentence weighs base × (1 − p_neu)², so a post of twenty neutral sentences and one
    angry one is angry. The result is neutral when no sentence is clearly opinionated
    (AGG_MIN_STRENGTH) or when the opinions cancel out: the polar classes differ by less than
    `margin` (AGG_MIN_MARGIN for a whole text, tuned on ABSAbank dev).
    """
    t0 = t1 = t2 = 0.0
    wsum = strength = 0.0
    for p, base in parts:
        polar = 1.0 - p[1]
        strength = max(strength, base * polar)
        w = base * (polar * polar + 1e-3)
        wsum += w
        t0 += w * p[0]
        t1 += w * p[1]
        t2 += w * p[2]
    if not wsum:
        return None
    neg, neu, pos = t0 / wsum, t1 / wsum, t2 / wsum
    # The label follows the rule above; probabilities are nudged so that its class is on top.
    neutral = strength < AGG_MIN_STRENGTH or abs(pos - neg) < margin
    k = 1 if neutral else (2 if pos > neg else 0)
    ps = [neg, neu, pos]
    top = max(ps)
    if ps[k] < top:
        ps[k] = min(1.0, top + 0.01)
        total = sum(ps)
        ps = [x / total for x in ps]
    return ps[0], ps[1], ps[2]


def scored(lang: str) -> bool:
    """Whether koll scores texts in this language (others get no label rather than a guess)."""
    return lang in ("sv", "en", "und")


def text_probs(
    text: str, lang: str, model: Model, toks: Tokens | None = None, memo: Memo | None = None
) -> Probs:
    """A whole text's probabilities: short texts as one piece, long ones per sentence."""
    if len(text) <= SENTENCE_SPLIT_CHARS:
        return probs(text, lang, model, toks, memo)
    sents = sentences_of(text, memo)
    if len(sents) < 2:
        return probs(text, lang, model, None, memo)
    agg = aggregate([(probs(s, lang, model, None, memo), 1.0) for s in sents])
    return agg or probs(text, lang, model, None, memo)


def detect_and_score(
    text: str, lang: str | None, model: Model, memo: Memo | None
) -> tuple[str, Probs | None]:
    """(language, probabilities) of a text; its language is detected when `lang` is empty, and
    the probabilities are None for a language koll does not score."""
    toks = None
    if not lang:
        # A short text's own tokens serve both language detection and scoring.
        toks = tokenize(text) if len(text) <= SENTENCE_SPLIT_CHARS else None
        lang = langid.detect(text, toks.lows if toks is not None else None)
    if not scored(lang):
        return lang, None
    return lang, text_probs(text, lang, model, toks, memo)


def verdict(p: Probs) -> tuple[int, float, float]:
    """(index of the label in LABELS, score, confidence) of a text's probabilities."""
    neg, neu, pos = p
    # The most probable class, compared exactly as max(range(3), key=p.__getitem__) does.
    k = 1 if neu > neg else 0
    if pos > p[k]:
        k = 2
    # + 0.0 turns a score of -0.0 (round(-0.00001, 4)) into 0.0: PostgreSQL keeps the sign and
    # SQLite does not, so the two engines' exports of the same mention had differed.
    return k, round4(pos - neg) + 0.0, round4(p[k])


def round4(x: float) -> float:
    """round(x, 4), the same float to the bit, without its decimal conversion where x is not
    within a hair of a tie: the two round() calls had been a twentieth of a short post's time.

    k / 10000 is the float nearest to k·10⁻⁴, which is what round() returns; x·10000 is off
    from the exact product by half a unit in the last place at most (under 10⁻¹² here), so
    away from a tie it rounds to the same k. tests/test_sentiment_fast.py compares the two.
    """
    y = x * 10000.0
    if -1e6 < y < 1e6:  # not inf or nan either
        f = float(math.floor(y))
        d = y - f
        if abs(d - 0.5) > 1e-6:
            k = f + 1.0 if d > 0.5 else f
            return k / 10000.0 if k else math.copysign(0.0, x)  # round(-0.00001, 4) is -0.0
    return round(x, 4)


def classify_text(
    text: str, lang: str | None, model: Model, memo: Memo | None
) -> tuple[str | None, float | None, float | None, str]:
    """(label, score, confidence, language) of a whole text, as analysis.sentiment.classify
    gives them (the label None for a language koll does not score). Compiled with the rest, so
    that a short post's call crosses into Python once."""
    lang, p = detect_and_score(text, lang, model, memo)
    if p is None:
        return None, None, None, lang
    k, score, confidence = verdict(p)
    return LABELS[k], score, confidence, lang
