"""Advice to the reader: the party to go to ("Åk till Willys.") and the one to keep away from
("beställ inte via Foodora", "säg upp HBO Max").

Part of the brand rules (analysis/sentiment_brand.py, docs/sentiment_brand.md). The model reads
a bare imperative as a plain fact: in a fresh probe of 180 two-brand posts (2026-12-05), "Åk
till Willys.", "Välj PostNord i kassan om ni kan" and "testa Café Linnéa vid torget istället!"
were neutral or negative for the party recommended.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from analysis.sentiment_clauses import Reading, genitive, name_at_start

# Where an imperative can stand: the start of a sentence or of a clause after a comma, colon or
# "och", "så", "men", "utan" (not "ska handla på ICA", a plan, nor "vi tankar på Ingo").
# Between them, white space and at most one dash, quote or bracket: with any run of non-word
# characters allowed there, each comma of ", , , …" was scanned to the end of the text.
_START = r"(?:^|[,;:!]|\b(?:och|så|men|utan|bara|hellre|istället)\b)\s*(?:[-–—\"'(]\s*)?"
# Imperatives of going to, buying at or choosing a party, and the word before the party.
_GO = (
    r"(?:åk|gå|handla|välj|tanka|testa|prova|köp|beställ|boka|ta|flyg|shoppa|satsa|stick|"
    r"kolla\s+in|kör|håll\s+(?:er|dig)|vänd\s+(?:er|dig))"
)
# Imperatives of leaving or avoiding one: "undvik", "skippa", "säg upp", "sluta gå till".
_AVOID = (
    r"(?:undvik|skippa|glöm|säg\s+upp|sluta\s+(?:med\s+|att\s+)?(?:\w+\s+)?|"
    r"håll\s+(?:er|dig)\s+borta\s+från)"
)
_NOT = r"(?P<neg>(?:inte|aldrig|ej)\s+)?"
_PREP = r"(?:(?:till|på|hos|via|med|från|in\s+på|i|för)\s+)?"
_ADVICE = re.compile(
    _START
    + r"(?:(?P<go>"
    + _GO
    + r")|(?P<avoid>"
    + _AVOID
    + r"))\s+"
    + _NOT
    + _PREP
    + r"(?P<rest>[^,;.!?]{1,60})",
    re.I | re.U,
)
# The imperatives' first words: a sentence with none of them is not tried with _ADVICE, which,
# tried at every clause start, had been 2 % of scoring real posts (python -m bench.sentiment).
_FIRST_WORDS = frozenset(
    ("åk", "gå", "handla", "välj", "tanka", "testa", "prova", "köp", "beställ", "boka", "ta",
     "flyg", "shoppa", "satsa", "stick", "kolla", "kör", "håll", "vänd", "undvik", "skippa",
     "glöm", "säg", "sluta")
)  # fmt: skip
# Advice only thought of or asked: "kanske testa Hallon", "borde man välja Telia".
_HEDGED = re.compile(r"\b(?:kanske|borde|bör|funder\w*|överväg\w*)\b", re.I | re.U)
_ARTICLE = re.compile(r"(?:en|ett|er|era|din|dina)\s+", re.I | re.U)


def advised(sentence: str, mentions: Callable[[str], bool]) -> Reading | None:
    """The brand the sentence tells the reader to go to (the choice of it) or to keep away from
    (its opposite); a negated imperative ("beställ inte via Foodora") the other way. None when
    the sentence is a question, hedged, or advises nothing about the brand."""
    if _FIRST_WORDS.isdisjoint(w.strip("-–—\"'(,;:!") for w in sentence.lower().split()):
        return None
    if sentence.rstrip().endswith("?") or _HEDGED.search(sentence):
        return None
    for m in _ADVICE.finditer(sentence):
        rest = m.group("rest")
        article = _ARTICLE.match(rest)
        name = name_at_start(rest[article.end() :] if article else rest, mentions)
        if not name or genitive(name.strip(",.!?:;"), mentions):
            continue
        away = (m.group("avoid") is not None) != (m.group("neg") is not None)
        return Reading("Gillar " + name.strip(",.!?:;"), flip=away, choice=True)
    return None
