"""Opinions the writer only reports, split between others ("Hälften ska byta till Nordvind,
andra hälften tycker att Fjällkraft är värt pengarna"): no verdict of the writer's on the parties.

Part of the brand rules (analysis/sentiment_brand.py, docs/sentiment_brand.md): a fresh probe of
180 two-brand posts (2026-12-05) had four such labels, all neutral and all read as the side the
model heard loudest ("svär över SL" against "skitsmidigt": +0.87), and the demo's parents'
meeting was on Fjällkraft's "Mest negativa".
"""

from __future__ import annotations

import re

from analysis.sentiment_clauses import Reading

# Half against the other half, some against others, or opinions said to be divided. "andra"
# must follow a comma, so "vissa andra bolag" is no split.
_SPLIT = re.compile(
    r"\b(?:hälften|halva)\b[^.!?]{0,120}?\b(?:den\s+)?andra\s+(?:hälften|halvan)\b"
    r"|\b(?:vissa|en\s+del)\b[^.!?]{0,120}?,\s*(?:medan\s+)?andra\b"
    r"|\båsikterna\s+(?:är\s+|går\s+)?(?:delade|isär)\b",
    re.I | re.U,
)


def split_opinions(sentence: str) -> Reading | None:
    """A neutral reading when `sentence` reports opinions split between others, else None."""
    low = sentence.lower()
    if "andra" not in low and "åsikterna" not in low:  # a cheap test first
        return None
    return Reading("", aside=True) if _SPLIT.search(sentence) else None
