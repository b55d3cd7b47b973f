"""The party another party helped the writer against, or won against: the opponent, whose tone is
the sentence's turned round ("Stort tack till Hyresgästföreningen som hjälpte oss mot Heimstaden").

Part of the brand rules (analysis/sentiment_brand.py, docs/sentiment_brand.md). In two read
probes (2026-12-05 and 06) the opponent had taken the praise of the one who fought it: "Stort
tack till Hyresgästföreningen som hjälpte oss mot Heimstaden när dom ville renovera bort oss"
+0.93 for Heimstaden, "Hyresgästföreningen vann förhandlingen mot Rikshem … Bra jobbat!" +0.99
for Rikshem; both writers called the opponent negative.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from analysis.sentiment_clauses import Reading, _names_other

# A verb of helping, winning or fighting, up to three words, "mot" and the party. Not "förlorade
# mot" (the party won), nor a match told as news ("AIK förlorade mot Mjällby" was neutral to its
# writer).
_AGAINST = re.compile(
    r"\b(?:hjälpte|hjälper|hjälpt|vann|vinner|vunnit|stod\s+upp|står\s+upp|kämpade|kämpar|"
    r"förhandlade|förhandlat|stämde|stämt|processade|försvarade|backade\s+upp)\b"
    r"(?:\s+[\wåäö]+){0,3}?\s+mot\s+(?P<party>\S.*)$",
    re.I | re.U,
)


def opposed(sentence: str, mentions: Callable[[str], bool], others) -> Reading | None:
    """The sentence turned round, for the brand named right after "mot" (_AGAINST) when another
    party is named before the verb: the one that helped or won. None otherwise, or in a
    question."""
    if " mot " not in sentence or sentence.rstrip().endswith("?"):
        return None
    m = _AGAINST.search(sentence)
    if m is None or not mentions(" ".join(m.group("party").split()[:3])):
        return None
    before = sentence[: m.start()]
    if mentions(before) or not _names_other(before, others):
        return None
    return Reading(sentence, flip=True)
