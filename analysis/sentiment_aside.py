"""A brand named only aside: the outlet a piece of news was read or heard in, or the shop or
service a product was bought or fetched through, when what the sentence says is about the
news or the product ("Läste i Aftonbladet att …", "Köpte en Fjällräven-jacka på Stadium, den är
varm som fan"). Neutral for that brand.

Part of the brand rules (analysis/sentiment_brand.py, docs/sentiment_brand.md). Found in a
probe of fresh two-brand posts (2026-12-04): a quarter of its wrong labels were such a brand
given the tone meant for the news or the product.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from analysis.sentiment_clauses import Reading, _clauses, _names_other

# A party's name as these rules take it: a word (brands may be written in lower case: "willys")
# and up to two capitalised words or "&" after it ("Sveriges Radio", "Jack & Jones").
_PARTY = r"(?P<name>[@#]?\w[\w&.'-]*(?:\s+(?:&|[A-ZÅÄÖ][\w&.'-]*)){0,2}?)"

# Where news was read, seen or heard: "Läste i Aftonbladet att …", "såg på SVT om …".
_SOURCE = re.compile(
    r"\b(?:läste|läser|läst|såg|ser|sett|hörde|hör|hört)\s+(?:det\s+)?(?:i|på)\s+"
    + _PARTY
    + r"\s+(?:att|om)\b",
    re.I | re.U,
)

# A shop or service something came through: "på Stadium", "hos ICA Nära", "från Netonnet".
_CHANNEL = re.compile(r"\b(?:på|hos|från|via|genom)\s+" + _PARTY + r"(?=[\s,.!?;]|$)", re.I | re.U)

# The clause after it speaks of the product, not of the shop: "…, den är varm som fan".
_OF_THE_THING = re.compile(r"\s*(?:och\s+)?(?:den|det|de|dom|dem)\b", re.I | re.U)


def _only_there(sentence: str, m: re.Match, mentions: Callable[[str], bool]) -> bool:
    """The brand is `m`'s name and is named nowhere else in the sentence."""
    rest = sentence[: m.start("name")] + " " + sentence[m.end("name") :]
    return mentions(m.group("name")) and not mentions(rest)


def aside(
    sentence: str, mentions: Callable[[str], bool], others, clauses: list[str] | None = None
) -> Reading | None:
    """A neutral reading when the brand is named only aside in `sentence` (see the module),
    else None. `clauses`: _clauses(sentence), when the caller has them already."""
    for m in _SOURCE.finditer(sentence):
        if _only_there(sentence, m, mentions):
            return Reading("", aside=True)
    clauses = _clauses(sentence) if clauses is None else clauses
    for j, clause in enumerate(clauses[:-1]):
        if not _OF_THE_THING.match(clauses[j + 1]):
            continue
        for m in _CHANNEL.finditer(clause):
            if not _only_there(sentence, m, mentions):
                continue
            # The product is another party's, named before the shop in the same clause.
            if _names_other(clause[: m.start()], others, sentence_case=j == 0):
                return Reading("", aside=True)
    return None
