"""A party said it would never have done what another party just did ("Mathem hade aldrig"):
the other party's deed turned round.

Part of the brand rules (analysis/sentiment_brand.py, docs/sentiment_brand.md). In the fresh
two-brand probes read so far (2026-12-05 and 06) such a sentence after praise of another party
was a complaint of the brand ten times in ten ("Coop … bar upp allt till fjärde våningen. Mathem
hade aldrig", "Sån service hade jag aldrig fått hos Com Hem"); after a complaint, praise three
times in three ("… nu är klockan 23:10. Instabox skulle aldrig").
The model read the words themselves, which say nothing alone ("Budbee hade aldrig brytt sig"
+0.61, "Byggmax hade aldrig gått med på det" neutral). Read as the other party's side turned
round, the deed praised is often told with words of trouble ("Fick en ny router av Bahnhof utan
att ens fråga när den gamla började krångla" 0.87 negative), so only a sure complaint is turned
round to praise (Reading.contrary, sentiment_brand.CONTRARY_MIN); anything else makes the
counterfactual a complaint and the deed praise.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from analysis.sentiment_clauses import ALSO, Reading, _names_other

# The brand as the subject of a counterfactual, alone ("Mathem hade aldrig") or with a supine
# ("… hade aldrig brytt sig"): "hade aldrig" before a noun is a plain past ("Comviq hade aldrig
# nåt avbrott"), so only a word ending in -t (the supine) or nothing may follow it; after
# "skulle aldrig" any verb.
_SUBJECT = re.compile(
    r"^\W*(?P<name>[^,.;:!?]{1,40}?)\s+(?:(?P<had>hade)|skulle)\s+"
    r"(?:(?:ju|nog|väl|säkert|garanterat|typ)\s+)?aldrig\b(?:\s+(?:ens|någonsin)\b)?"
    r"(?:\W*$|\s+(?P<next>\w+))",
    re.I | re.U,
)
# The writer as the subject after something put first ("Sån service hade jag aldrig fått hos Com
# Hem", "Det hade vi aldrig sluppit på Tele2"): the brand named after it.
_INVERTED = re.compile(
    r"\S\s+(?:hade|skulle)\s+(?:jag|vi|man|du|ni)\s+aldrig\s+(?:ens\s+)?\w+t\b", re.I | re.U
)
_NOT_SUPINE = frozenset(("nåt", "något", "ett", "det", "allt", "mycket", "inget", "rätt"))
# The same of both ("Telia hade aldrig heller …"): no contrast.
_ALSO = re.compile(r"\b(?:" + ALSO + r"|heller)\b", re.I | re.U)
# How far back the other party's sentence may be, the writer's remarks between ("… samma kväll.
# respekt faktiskt. Budbee hade aldrig brytt sig").
_REACH = 3


def would_never(
    sents: list[str], i: int, mentions: Callable[[str], bool], others, clauses: list[str]
) -> Reading | None:
    """The other party's side, turned round (Reading.contrary), for the brand's sentence i
    saying the brand would never have done what that party did: the clauses before it in the
    sentence, or the sentences back to one naming another party (nothing naming the brand
    between). None when the sentence is no such counterfactual, a question, or no other party's
    side is before it."""
    s = sents[i]
    if not _unasked(s):
        return None
    k = next((k for k, c in enumerate(clauses) if mentions(c)), None)
    if k is None or not _counterfactual(clauses[k], mentions):
        return None
    before = clauses[:k]
    if before and not any(mentions(b) for b in before):
        if not any(_names_other(b, others) for b in before):
            return None
        return Reading(", ".join(before), flip=True, contrary=True)
    for j in range(i - 1, max(-1, i - 1 - _REACH), -1):
        if mentions(sents[j]):
            return None
        if _names_other(sents[j], others, sentence_case=True):
            return Reading(" ".join(sents[j:i]), flip=True, contrary=True)
    return None


def never_after(sents: list[str], i: int, mentions: Callable[[str], bool], others) -> bool:
    """Whether a sentence after the brand's sentence i (within _REACH, none between naming a
    party) says another party would never have done it: the brand's deed is praise unless a
    sure complaint (Reading.contrary), which the model had read from its words of trouble
    ("IKEA:s kundtjänst ringde tillbaka … när jag chattade om en trasig lucka, skickade en ny
    gratis. Jysk hade aldrig": −0.19 for IKEA)."""
    ahead = sents[i + 1 : i + 1 + _REACH]
    # Most sentences have no "aldrig" ahead: asking each one first whether it names a party had
    # made scoring real posts slower (python -m bench.sentiment).
    if not any("aldrig" in t.lower() for t in ahead):
        return False
    for j in range(i + 1, min(len(sents), i + 1 + _REACH)):
        t = sents[j]
        if mentions(t):
            return False
        # The counterfactual's subject is a name, first word or not ("Jysk hade aldrig").
        if _unasked(t) and _counterfactual(t, lambda x: _names_other(x, others)):
            return True
        if _names_other(t, others, sentence_case=True):
            return False
    return False


def _unasked(sentence: str) -> bool:
    """Whether the sentence may hold a counterfactual: "aldrig", no question, not "heller"."""
    return (
        "aldrig" in sentence.lower()
        and not sentence.rstrip().endswith("?")
        and _ALSO.search(sentence) is None
    )


def _counterfactual(clause: str, mentions: Callable[[str], bool]) -> bool:
    """Whether the clause says the party `mentions` finds would never have done it."""
    m = _SUBJECT.match(clause)
    if m is not None and mentions(m.group("name")):
        nxt = (m.group("next") or "").lower()
        return not (m.group("had") and nxt and (nxt in _NOT_SUPINE or not nxt.endswith("t")))
    m = _INVERTED.search(clause)
    return m is not None and mentions(clause[m.end() :])
