"""Language identification for Swedish vs English vs other, from function-word profiles (no models)."""

from __future__ import annotations

import re

_SV = frozenset(
    [
        "och",
        "att",
        "det",
        "som",
        "en",
        "är",
        "på",
        "för",
        "med",
        "har",
        "inte",
        "jag",
        "till",
        "av",
        "om",
        "den",
        "var",
        "ett",
        "men",
        "så",
        "de",
        "vi",
        "kan",
        "du",
        "från",
        "eller",
        "när",
        "nu",
        "också",
        "bara",
        "mycket",
        "även",
        "efter",
        "här",
        "där",
        "vad",
        "ska",
        "skulle",
        "blir",
        "blev",
        "sig",
        "sin",
        "kommer",
    ]
)
_EN = frozenset(
    [
        "the",
        "and",
        "to",
        "of",
        "a",
        "in",
        "is",
        "that",
        "for",
        "it",
        "with",
        "as",
        "was",
        "on",
        "are",
        "be",
        "this",
        "have",
        "by",
        "not",
        "at",
        "but",
        "from",
        "they",
        "you",
        "or",
        "an",
        "will",
        "has",
        "would",
        "their",
        "which",
        "there",
        "been",
        "were",
        "what",
        "about",
        "can",
        "more",
    ]
)
_OTHER = {
    "no": frozenset(
        [
            "ikke",
            "jeg",
            "og",
            "er",
            "det",
            "som",
            "på",
            "med",
            "har",
            "av",
            "til",
            "en",
            "et",
            "den",
            "for",
            "men",
            "hva",
            "vært",
            "skal",
        ]
    ),
    "da": frozenset(
        [
            "ikke",
            "jeg",
            "og",
            "er",
            "det",
            "som",
            "på",
            "med",
            "har",
            "af",
            "til",
            "en",
            "et",
            "den",
            "for",
            "men",
            "hvad",
            "været",
            "skal",
        ]
    ),
    "de": frozenset(
        [
            "und",
            "der",
            "die",
            "das",
            "ist",
            "nicht",
            "ich",
            "mit",
            "für",
            "auf",
            "ein",
            "eine",
            "von",
            "zu",
            "den",
            "dem",
            "sie",
            "es",
            "auch",
        ]
    ),
    "fi": frozenset(
        [
            "ja",
            "on",
            "ei",
            "se",
            "että",
            "oli",
            "hän",
            "mutta",
            "kun",
            "niin",
            "kuin",
            "tämä",
            "ovat",
            "olen",
        ]
    ),
}
_WORD = re.compile(r"[^\W\d_]+", re.U)


def detect(text: str) -> str:
    """'sv', 'en', another ISO code, or 'und' when the text is too short or unclear to tell."""
    words = [w.lower() for w in _WORD.findall(text)]
    if not words:
        return "und"
    scores = {"sv": sum(w in _SV for w in words), "en": sum(w in _EN for w in words)}
    for lang, vocab in _OTHER.items():
        scores[lang] = sum(w in vocab for w in words)
    if any(c in text for c in "åäöÅÄÖ"):
        scores["sv"] += 1.5
    best = max(scores, key=scores.get)
    if scores[best] == 0:
        # No function words at all: short social posts; Swedish letters decide, else unknown.
        return "sv" if any(c in text for c in "åäöÅÄÖ") else "und"
    return best
