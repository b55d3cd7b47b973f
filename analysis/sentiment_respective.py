"""Verdicts on two parties in the order they were named: which of the sentences after a sentence
naming the brand and one other party speak of the brand ("Ringde Försäkringskassan och
Skatteverket idag. Den första svarade direkt. Den andra hade 87 min kötid").

Part of the brand rules (analysis/sentiment_brand.py, docs/sentiment_brand.md).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from analysis.sentiment_clauses import BUT_FIRST, CONTRASTED, _clauses, _names_other
from analysis.sentiment_score import Probs

# A sentence's sentences after it, keyed by index: the texts that are the brand's own and those
# that are the other party's.
Plan = dict[int, tuple[list[str], list[str]]]

# A sentence is an opinion when it leans at least this much to praise or complaint, and only
# then is the sentence after the brand's the brand's (sentiment_brand._next_opinion): "Andra
# stycket, med komma; och citat …" (a neutral news item) came out negative at 0.45, between
# negative and neutral, and was taken for the brand's verdict.
OPINION_MIN = 0.5

# At most this many sentences after the two parties' one are read for the order named: the
# fresh probe's posts had their verdicts in the next one to three.
ORDER_REACH = 3

# Words that point back at the party named first or last ("Den första svarade direkt",
# "Hatar det ena, älskar det andra", "Första stället: trångt", "aldrig igen det förstnämnda",
# "sistnämnda har jag slutat titta på"): a fresh two-brand probe (2026-12-05) wrote 12 of its 30
# posts of the sentence after so, and koll read them as naming nobody (the verdict
# went to the party named last, or to neither). With an article anywhere in the clause, without
# one only opening it ("Första stället", "Andra: rent"); not before a word of time or order
# ("första gången", "förra veckan", "andra dagen"); "andra" (also "others": "Andra kunder …")
# only after a word for the first.
_TIME = (
    r"(?!\s+(?:gången|gång|helgen|dagen|veckan|månaden|året|natten|morgonen|kvällen|timmen|"
    r"minuten|halvåret|kvartalet|sommaren|vintern|hösten|våren|plats|pris|hand)\b)"
)
_ARTICLE = r"(?:den|det|de|dom)\s+"
_OPENING = r"(?:^|(?<=^\W)|(?<=^\W\W))"


def _marker(words: str, bare: str, anywhere: str) -> re.Pattern:
    """`words` after an article anywhere, `bare` words alone opening the clause, `anywhere`
    words (which say nothing else) anywhere."""
    return re.compile(
        r"(?i:\b" + _ARTICLE + r"(?:" + words + r")\b|" + _OPENING + r"(?:" + bare + r")\b"
        r"|\b(?:" + anywhere + r")\b)" + _TIME,
        re.U,
    )


_PLACE = r"\s+(?:stället|butiken|bolaget|företaget|banken|appen|tjänsten)"
_FIRST = _marker(r"första|förra|ena", r"första|förra|ena", r"förstnämnda|första" + _PLACE)
_LAST = _marker(r"senare", r"(?!)", r"sistnämnda")
_SECOND = _marker(r"andra", r"andra", r"andra" + _PLACE)
# What every _FIRST and _LAST holds, looked for first: the full patterns, tried at every word,
# were most of plan's time on the bench's items (0.035 of 0.052 s under cProfile; 0.032 s for
# all of plan with this search first).
_HINT = re.compile(r"först|förra|ena|senare|sistnämnda", re.I)


def polar(p: Probs) -> int:
    """+1 for an opinion leaning to praise, -1 to complaint (OPINION_MIN), else 0."""
    if p[1] >= max(p[0], p[2]) or max(p[0], p[2]) < OPINION_MIN:
        return 0
    return 1 if p[2] > p[0] else -1


def plan(
    sents: list[str],
    hits: list[bool],
    i: int,
    mentions: Callable[[str], bool],
    others,
    score: Callable[[str], Probs],
) -> Plan:
    """Which sentences after sentence i (naming the brand and one other party, the brand
    first or last) are the brand's and which the other party's; {} when they are not told in
    the order named. By words pointing back (_ordinals), else by two opinions of opposite tones
    (_two_verdicts). Each looks for its words or tones before it asks which party the brand's
    sentence names first (_named_first), which most brand sentences never need: asked first,
    revision 19 had made ingestion's scoring (`score_job` in `python -m bench.sentiment`) 11 %
    slower than revision 18; asked last, with _HINT, 5 %."""
    if i + 1 >= len(sents) or hits[i + 1]:
        return {}  # most brand sentences: nothing after them, or the brand again
    return _ordinals(sents, hits, i, mentions, others) or _two_verdicts(
        sents, hits, i, mentions, others, score
    )


def _named_first(sentence: str, mentions: Callable[[str], bool], others) -> bool | None:
    """Whether the brand is named before the one other party of `sentence` (each in a clause
    of its own, or both in one clause and the other party configured); None when the sentence
    does not name two parties so."""
    named = [mentions(c) for c in _clauses(sentence) if mentions(c) or _names_other(c, others)]
    if len(named) == 2 and named[0] != named[1]:
        return named[0]
    if len(named) != 1 or others is None:
        return None
    at_brand, at_other = _found_at(sentence, mentions), _found_at(sentence, others)
    if at_brand is None or at_other is None or at_brand == at_other:
        return None
    return at_brand < at_other


def _found_at(sentence: str, found: Callable[[str], bool]) -> int | None:
    """The length of a short prefix of `sentence` in which `found` finds its party, or None.
    A binary search: a prefix holding the name holds it in every longer one, except where the
    name also begins a longer word ("Telia" in "Teliabutiken … Telia"), which may then be found
    first; `found` holds for the prefix returned either way."""
    if not found(sentence):
        return None
    lo, hi = 1, len(sentence)
    while lo < hi:
        mid = (lo + hi) // 2
        if found(sentence[:mid]):
            hi = mid
        else:
            lo = mid + 1
    return lo


def _ordinals(sents: list[str], hits: list[bool], i: int, mentions, others) -> Plan:
    """The clauses of the sentences after sentence i that point back at the party named first
    or last (_FIRST, _LAST, _SECOND after a _FIRST), each that party's, and the clauses after
    one the same party's until the next such word. Only sentences naming no party; a sentence
    with no such word ends it."""
    ahead = sents[i + 1 : i + 1 + ORDER_REACH]
    if not any(_HINT.search(s) and (_FIRST.search(s) or _LAST.search(s)) for s in ahead):
        return {}
    first = _named_first(sents[i], mentions, others)
    if first is None:
        return {}
    out: Plan = {}
    party: bool | None = None  # whose the clause is: the party named first (True) or last
    for j in range(i + 1, min(len(sents), i + 1 + ORDER_REACH)):
        s = sents[j]
        if hits[j] or _names_other(s, others, sentence_case=True):
            break
        mine: list[str] = []
        theirs: list[str] = []
        pointed = False
        for clause in _clauses(s):
            cuts = _pointers(clause, party is not None)
            pointed = pointed or bool(cuts)
            # A clause pointing back once is that party's whole ("aldrig igen det
            # förstnämnda"); pointing twice, it is cut where the second begins.
            pieces = [(0, cuts[0][1]), *cuts[1:]] if cuts else [(0, party)]
            for k, (at, whose) in enumerate(pieces):
                party = whose
                end = pieces[k + 1][0] if k + 1 < len(pieces) else len(clause)
                if whose is not None and clause[at:end].strip():
                    (mine if whose == first else theirs).append(clause[at:end])
        if not pointed:
            break
        out[j] = (mine, theirs)
    return out


def _pointers(clause: str, after_first: bool) -> list[tuple[int, bool]]:
    """Where `clause` points back at a party: (position, True for the party named first)."""
    firsts = [(m.start(), True) for m in _FIRST.finditer(clause)]
    lasts = [(m.start(), False) for m in _LAST.finditer(clause)]
    if after_first or firsts:
        lasts += [(m.start(), False) for m in _SECOND.finditer(clause)]
    return sorted(firsts + lasts)


def _two_verdicts(
    sents: list[str],
    hits: list[bool],
    i: int,
    mentions: Callable[[str], bool],
    others,
    score: Callable[[str], Probs],
) -> Plan:
    """Two opinions of opposite tones in the two sentences after sentence i, the second set
    against the first (`däremot`, `dock`, opening `men`/`fast`) or naming the party named last
    ("Tog SJ till Stockholm och sen SL ut till Solna. Tåget var i tid och supersmidigt. Pendeln
    däremot stod still i 25 min utan info", "Köpte fiskespö på Biltema och rulle på XXL. Spöt
    är hur bra som helst för priset. Rullen gick sönder första helgen och XXL vägrade ta
    tillbaka den": a fresh two-brand probe, 2026-12-05, had given the praise to the party named
    last and none to the first): a verdict on each in the order named. "Var på ICA och Coop.
    Mycket folk. Men det gick snabbt." speaks of both."""
    if i + 2 >= len(sents) or hits[i + 1]:
        return {}
    one, two = sents[i + 1], sents[i + 2]
    if {polar(score(one)), polar(score(two))} != {1, -1}:
        return {}
    if _names_other(one, others, sentence_case=True):
        return {}
    first = _named_first(sents[i], mentions, others)
    if first is None:
        return {}
    if hits[i + 2]:  # the second names the party named last (and not the other) by name
        ok = not first and not (others is not None and others(two))
    elif _names_other(two, others, sentence_case=True):
        ok = first
    else:
        ok = CONTRASTED.search(two) is not None or BUT_FIRST.match(two) is not None
    if not ok:
        return {}
    if first:
        return {i + 1: ([one], []), i + 2: ([], [two])}
    return {i + 1: ([], [one])} if hits[i + 2] else {i + 1: ([], [one]), i + 2: ([two], [])}
