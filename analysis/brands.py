"""Find a brand's name and aliases in Swedish text, with genitives, compounds and look-alikes."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from analysis.text import fold

# Unhyphenated compounds (`Volvoägare`) are accepted only for terms of at least this many
# letters: shorter names such as `SJ` or `ICA` would otherwise match `sjukt` or `icarus`.
MIN_COMPOUND_LEN = 5


def _term_regex(term: str, compounds: bool) -> str:
    folded = re.escape(fold(term.strip()))
    folded = folded.replace(r"\ ", r"\s+")
    # Left edge: not inside another word (handles start with @ or #, which are non-word chars).
    left = r"(?<![\w@#])" if term[:1].isalnum() else r"(?<![\w])"
    # Right edge: the word may continue as genitive (s, :s, 's), as a hyphenated or colon form
    # (IKEA-möbler, IKEA:n), or, for long enough names, as a closed compound (Volvoägare).
    tail = r"(?:[:'’-][^\W_]+|s\b)?"
    if compounds:
        tail = r"(?:[:'’-][^\W_]+|[^\W\d_]*)"
    return left + folded + tail + r"(?![\w])"


@dataclass(frozen=True)
class BrandMatcher:
    """Compiled matcher for one brand: `spans(text)` lists where the brand is mentioned."""

    name: str
    pattern: re.Pattern
    exclude: re.Pattern | None
    # Literal text every match starts with (each term's folded first word): most texts contain
    # none of them, and a substring search rules them out far faster than the regex can.
    prefixes: tuple[str, ...] = ()

    @classmethod
    def build(cls, name: str, terms: Iterable[str], exclude: Iterable[str] = ()) -> BrandMatcher:
        terms = sorted({t for t in terms if t.strip()}, key=len, reverse=True)
        parts = [_term_regex(t, len(t.strip(" @#")) >= MIN_COMPOUND_LEN) for t in terms]
        ex = [_term_regex(t, False) for t in exclude if t.strip()]
        return cls(
            name=name,
            pattern=re.compile("|".join(parts), re.U),
            exclude=re.compile("|".join(ex), re.U) if ex else None,
            # Only spaces become \s+ in _term_regex: everything before the first one is literal.
            prefixes=tuple(dict.fromkeys(fold(t.strip()).split(" ")[0] for t in terms)),
        )

    def spans(self, text: str) -> list[tuple[int, int]]:
        if not text:
            return []
        folded = fold(text)
        if self.prefixes:
            for p in self.prefixes:
                if p in folded:
                    break
            else:
                return []
        blocked = [m.span() for m in self.exclude.finditer(folded)] if self.exclude else []
        out = []
        for m in self.pattern.finditer(folded):
            s, e = m.span()
            if any(s < be and bs < e for bs, be in blocked):
                continue
            out.append((s, e))
        return out

    def mentions(self, text: str) -> bool:
        return bool(self.spans(text))

    def count(self, text: str) -> int:
        return len(self.spans(text))
