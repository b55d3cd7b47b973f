"""Complaints told as plain facts, which the model reads as neutral news: a party raising its
prices ("Stockholm Exergi höjer fjärrvärmepriset med 9%") or out of what the writer came for
("Systembolaget hade slut på alkoholfritt bubbel kl 12 på nyårsafton").

Part of the brand rules (analysis/sentiment_brand.py, docs/sentiment_brand.md): the brand's
side leans negative (Reading.fact), as a comparative's would.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from analysis.sentiment_clauses import _NEGATION
from analysis.sentiment_switch import _NOBODY

# A party raising its prices is a complaint told as news: "Fjällkraft höjer månadsavgiften från
# 39 till 59 kronor" (the demo: a reader's "negative", the model's neutral), "Stockholm Exergi
# höjer fjärrvärmepriset med 9%", "Bastard Burgers har höjt till 159 kr för ett mål" (fresh
# two-brand probes, 2026-12-05: 35 labels of 35 negative where the brand was the one raising,
# 8 of them read as neutral). The party stands at most four words before the verb. Not a rise
# denied ("Nordvind höjer inte"), nor what is good to have more of (pay, compensation, savings
# rates, quality, speed).
_RAISE = re.compile(r"\bhöj(?:er|de|t|a)\b", re.I | re.U)
_RAISE_GOOD = re.compile(
    r"\b(?:lön\w*|ersättning\w*|sparränt\w*|inlåningsränt\w*|"
    r"utdelning\w*|bonus\w*|betyg\w*|kvalitet\w*|standard\w*|säkerhet\w*|hastighet\w*|"
    r"farten|surf\w*|ambition\w*|kapacitet\w*|bidrag\w*|pension\w*)\b",
    re.I | re.U,
)
_BUT = re.compile(r"\b(?:men|fast|but)\b", re.I | re.U)


# A rise denied is good news told as a plain fact: "Nordvind meddelar att bolaget inte höjer
# sina avgifter i vinter" (the demo's "Mest negativa" for Nordvind, −0.64: the pair model read
# a price as a complaint), "Bahnhof har inte höjt på 4 år", "Hallon har inte höjt än iaf" (the
# probes: 7 labels of 7 positive where the brand was the one not raising). Not in a question
# ("Varför höjer inte Telia farten?"), nor "inte bara" (a rise and more), nor with a "men" after.
_NOT_ONLY = re.compile(r"\s*(?:bara|enbart|endast)\b", re.I | re.U)
# Nor a rise the party is said not to be alone in: "Telia inte ensamma om att höja".
_NOT_ALONE = re.compile(r"\binte\s+(?:ensam\w*|först\w*|bara|den\s+enda|de\s+enda)\b", re.I | re.U)
# The party's own words for itself between its name and the verb: "Nordvind: Vi höjer inte".
_ITSELF = frozenset(("vi", "bolaget", "företaget", "banken", "de", "dom"))


def rise(part: str, mentions: Callable[[str], bool]) -> int:
    """Whether `part` (the brand's clause) says the brand raises its prices (-1, _RAISE), says
    it does not (+1, a rise denied), or neither (0)."""
    if "höj" not in part.lower():  # a cheap test first
        return 0
    m = _RAISE.search(part)
    if m is None:
        return 0
    words = part[: m.start()].split()[-5:]
    # The nearest party before the verb is the one raising: "Kunderna hos Telia fick se Tele2
    # höja" is Tele2's rise.
    k = next((k for k in range(1, len(words) + 1) if mentions(" ".join(words[-k:]))), 0)
    if not k:
        return 0
    tail = words[-k:]
    n = next(n for n in range(1, k + 1) if mentions(" ".join(tail[:n])))  # the name's words
    # Another name between, unless joined to the brand's ("Både Telia och Telenor har höjt").
    if any(
        w[:1].isupper()
        and w.lower() not in _ITSELF
        and not (tail[j - 1] in ("och", "&") or tail[j - 1].endswith(","))
        for j, w in enumerate(tail[n:], n)
    ):
        return 0
    after = part[m.end() : m.end() + 60]
    said = " ".join(words[-k:])
    # A rise (or one denied) set against what is good: "Fjällkraft höjer priset, men servicen är
    # bra"; or pay, which is good to have more of (_RAISE_GOOD).
    if _NOBODY.search(said) or _RAISE_GOOD.search(after) or _BUT.search(part, m.end()):
        return 0
    not_after = _NEGATION.match(after.lstrip())
    if _NOT_ALONE.search(said) or not (_NEGATION.search(said) or not_after):
        return -1
    if part.rstrip().endswith("?") or (
        not_after and _NOT_ONLY.match(after.lstrip(), not_after.end())
    ):
        return 0
    return 1


# Out of what the writer came for: "Systembolaget hade slut på alkoholfritt bubbel kl 12 på
# nyårsafton. grattis.", "Apotek Hjärtat hade inte min medicin inne för tredje gången i rad",
# "Bauhaus hade slut på virke så fick åka till Byggmax" (read probes and development sets,
# 2026-12-05: 6 such labels negative, 4 of them read as neutral; 3 neutral, two of them in a
# question). Not in a question, nor when both parties are out ("Både Apoteket och Kronans
# Apotek hade slut på Alvedon idag").
_OUT = re.compile(
    r"\b(?:hade|har)\s+(?:(?:helt|redan|igen|typ)\s+)?(?:slut\s+på|inte\s+(?:\w+\s+){1,3}?inne"
    r"|ingen\s+(?:\w+\s+){0,2}?inne)\b",
    re.I | re.U,
)
_BOTH_OUT = re.compile(r"\b(?:både|alla|ingen\s+av)\b", re.I | re.U)


def out_of_stock(part: str, mentions: Callable[[str], bool]) -> bool:
    """Whether `part` (the brand's clause) says the brand was out of what the writer wanted."""
    low = part.lower()
    if "slut" not in low and "inne" not in low:  # a cheap test first
        return False
    m = _OUT.search(part)
    if m is None or part.rstrip().endswith("?") or _BOTH_OUT.search(part, 0, m.start()):
        return False
    before = part[: m.start()]
    return mentions(before) or bool(re.search(r"\b(?:de|dom)\s*$", before, re.I))


# Bad news told as a plain fact: a closure, layoffs, a recall, cancellations, a strike ("Volvo
# EX30 återkallas igen", "Embracer har lagt ner ännu en studio", "Ericsson varslar 1 200"). Most
# writers call such news neutral (the natural development set; a probe whose writer was asked
# for complaints told as facts called them negative), so it is no complaint by itself: only a
# short praise after it is read as irony ("… kul för ägarna", "… grattis till aktieägarna";
# fresh two-brand probes, 2026-12-06: −0.1 to +0.95 for the party).
_BAD_NEWS = re.compile(
    r"\b(?:stänger|stängde|stängt|stängs|lägger\s+ner|la\s+ner|lade\s+ner|lagt\s+ner|läggs\s+ner|"
    r"varslar|varslade|varslat|sparkar|sparkade|återkalla\w*|ställer\s+in|ställde\s+in|"
    r"ställts\s+in|inställ\w*|drar\s+in|drog\s+in|strejk\w*|konkurs\w*|krympt|krymper|"
    r"säger\s+upp\s+\d|höjer|höjde|höjt|tar\s+bort|tog\s+bort)\b",
    re.I | re.U,
)


def bad_news(part: str) -> bool:
    """Whether `part` tells bad news of a party as a plain fact (_BAD_NEWS)."""
    return _BAD_NEWS.search(part) is not None
