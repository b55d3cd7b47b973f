"""Tone towards one brand in a text that may name several: which sentences and clauses are about it.

The public entry is classify_for_brand(); analysis/sentiment.py scores the pieces it picks out.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from analysis import lang as langid
from analysis.sentiment import (
    Memo,
    Probs,
    Sentiment,
    _aggregate,
    _probs,
    _result,
    _scored,
    _sentences,
    _text_probs,
    current_model,
)
from analysis.sentiment_lexicon import swedish
from analysis.text import STOP_WORDS, sentences

# Sentences that do not mention the brand still count, less than those that do, and hardly at all
# when they name some other party.
CONTEXT_WEIGHT, OTHER_PARTY_WEIGHT = 0.5, 0.1
# Clause boundaries inside a sentence: contrast conjunctions and semicolons.
_CLAUSE = re.compile(
    r"\s*[;–—]\s*|,?\s+(?=(?:men|fast|medan|däremot|but|while|whereas)\s)", re.I | re.U
)
# What every clause boundary above needs; most sentences have none, and this finds that faster.
_CLAUSE_WORD = re.compile(r"\s(?:men|fast|medan|däremot|but|while|whereas)\s", re.I | re.U)
# A capitalised word, perhaps a handle or hashtag, not inside another word. Written to start with
# a character set (the look-behinds then check the character before it) so that the regex
# engine skips ahead to candidates; same matches as (?<![\w@#])[@#]?[A-ZÅÄÖ][\w&.-]*.
_CAP_WORD = re.compile(r"[@#A-ZÅÄÖ](?<![\w@#].)(?:(?<=[@#])[A-ZÅÄÖ]|(?<=[A-ZÅÄÖ]))[\w&.-]*", re.U)


def _names_other(clause: str, others: Callable[[str], bool] | None) -> bool:
    """Does this clause (which does not mention the brand) speak about some other named party?

    A configured other brand (`others`, which also knows lower-case handles such as @nordvind)
    or any capitalised name that is not a word koll knows: "Fjällkraft är bra men Vattenfall är
    usel" is positive towards Fjällkraft whether or not Vattenfall is configured.
    """
    if others is not None and others(clause):
        return True
    lex = swedish()
    for m in _CAP_WORD.finditer(clause):
        w = m.group().lstrip("@#").lower()
        if w in STOP_WORDS or lex.value(w) is not None or w in lex.contrasts:
            continue
        return True
    return False


def _brand_part(sentence: str, mentions: Callable[[str], bool], others) -> str:
    """The part of a sentence that is about the brand: drop clauses about another party."""
    if (
        ";" not in sentence
        and "–" not in sentence
        and "—" not in sentence
        and not _CLAUSE_WORD.search(sentence)
    ):
        return sentence  # one clause
    clauses = [c for c in _CLAUSE.split(sentence) if c and c.strip()]
    if len(clauses) < 2:
        return sentence
    keep = [c for c in clauses if mentions(c) or not _names_other(c, others)]
    if not keep:
        return sentence
    first = keep[0].split(None, 1)
    if len(first) == 2 and first[0].lower() in ("men", "fast", "medan", "däremot", "but"):
        keep[0] = first[1]
    return " ".join(c.strip() for c in keep)


def brand_text(
    text: str, mentions: Callable[[str], bool], others: Callable[[str], bool] | None = None
) -> str:
    """The part of a text about the brand (its sentences and clauses), or the whole text."""
    own = [_brand_part(s, mentions, others) for s in sentences(text) if mentions(s)]
    return " ".join(own) if own else text


def classify_for_brand(
    text: str,
    mentions: Callable[[str], bool],
    lang: str | None = None,
    others: Callable[[str], bool] | None = None,
    memo: Memo | None = None,
) -> Sentiment:
    """Tone towards a brand: sentences (and clauses) that mention it weigh most.

    `mentions(s)` tells whether a piece of text mentions the brand (e.g. BrandMatcher.mentions);
    `others(s)`, when given, whether it mentions another configured brand; a clause naming one,
    or naming some other capitalised party, is taken to be about that party. With no sentence mentioning the
    brand (it is named only in the title, say), the whole text's tone is used. `memo` is as for
    classify(): with the same one, the sentences classify() scored are not scored again.
    """
    model = current_model()
    if memo is not None:
        memo.use(model)
    lang = lang or langid.detect(text)
    if not _scored(lang):
        return Sentiment(None, None, None, lang, model.version)
    sents = _sentences(text, memo)
    hits = [mentions(s) for s in sents]
    own = [s for s, hit in zip(sents, hits, strict=True) if hit]
    if not own:
        return _result(_text_probs(text, lang, model, None, memo), lang, model.version)
    parts: list[tuple[Probs, float]] = [
        (_probs(_brand_part(s, mentions, others), lang, model, None, memo), 1.0) for s in own
    ]
    context = [s for s, hit in zip(sents, hits, strict=True) if not hit]
    if context:
        # Together the other sentences weigh at most CONTEXT_WEIGHT per brand sentence, so a
        # long post does not drown the sentences about the brand.
        share = min(1.0, len(own) / len(context))
        parts += [
            (
                _probs(s, lang, model, None, memo),
                share * (OTHER_PARTY_WEIGHT if _names_other(s, others) else CONTEXT_WEIGHT),
            )
            for s in context
        ]
    agg = _aggregate(parts) or _probs(text, lang, model, None, memo)
    return _result(agg, lang, model.version)
