"""Swedish sentiment: a lexicon scorer with negation, returning label, score and confidence."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from analysis import lang as langid
from analysis.resources import data_path
from analysis.text import sentences, stem, tokens

MODEL_VERSION = "lex-0.1"

NEGATIONS = frozenset({"inte", "ej", "aldrig", "ingen", "inget", "inga", "knappast", "varken"})
# |score| below this counts as neutral: single weak words in long news text should not tip it.
NEUTRAL_BAND = 0.15


@dataclass(frozen=True, slots=True)
class Sentiment:
    label: str | None  # pos | neu | neg; None when the language is not scored
    score: float | None  # -1..1
    confidence: float | None  # 0..1
    lang: str
    model: str = MODEL_VERSION


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, float]:
    lex: dict[str, float] = {}
    with data_path("lexicons", "sentimentlex.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            w = row["word"].strip().lower()
            if w and " " not in w:
                lex[stem(w)] = float(row["strength"]) / 3.0
    return lex


def _raw(text: str) -> float:
    lex = _lexicon()
    total, hits, negate = 0.0, 0, 0
    for t in tokens(text):
        if t in NEGATIONS:
            negate = 3
            continue
        v = lex.get(stem(t))
        if v is not None:
            total += -v if negate else v
            hits += 1
        negate = max(0, negate - 1)
    return total / (hits**0.5) if hits else 0.0


def _result(raw: float, lang: str) -> Sentiment:
    score = max(-1.0, min(1.0, raw))
    label = "pos" if score > NEUTRAL_BAND else "neg" if score < -NEUTRAL_BAND else "neu"
    return Sentiment(label, round(score, 4), round(min(1.0, 0.5 + abs(score) / 2), 4), lang)


def classify(text: str, lang: str | None = None) -> Sentiment:
    lang = lang or langid.detect(text)
    if lang not in ("sv", "und"):
        return Sentiment(None, None, None, lang)
    return _result(_raw(text), lang)


def classify_many(texts: Iterable[str]) -> list[Sentiment]:
    return [classify(t) for t in texts]


def classify_for_brand(
    text: str, mentions: Callable[[str], bool], lang: str | None = None
) -> Sentiment:
    """Tone towards a brand: the sentences that mention it decide; the rest only when none do."""
    lang = lang or langid.detect(text)
    if lang not in ("sv", "und"):
        return Sentiment(None, None, None, lang)
    sents = sentences(text)
    own = [s for s in sents if mentions(s)]
    chosen = own or sents
    if not chosen:
        return _result(0.0, lang)
    return _result(sum(_raw(s) for s in chosen) / len(chosen), lang)
