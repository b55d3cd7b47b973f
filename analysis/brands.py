"""Find a brand's name and aliases in Swedish text, with genitives, compounds and look-alikes."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from analysis.text import fold

# Unhyphenated compounds (`Volvoägare`) are accepted only for terms of at least this many
# letters: shorter names such as `SJ` or `ICA` would otherwise match `sjukt` or `icarus`.
MIN_COMPOUND_LEN = 5


@dataclass(frozen=True)
class Brand:
    """A configured brand: what names it, what does not, and what is its own voice."""

    name: str
    aliases: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    owned_domains: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    key_messages: tuple[str, ...] = ()
    competitors: tuple[str, ...] = ()

    @property
    def terms(self) -> tuple[str, ...]:
        """The name and every alias: what counts as mentioning the brand."""
        return (self.name, *self.aliases)


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


def _prefixes(terms: Iterable[str]) -> tuple[str, ...]:
    # Only spaces become \s+ in _term_regex: everything before the first one is literal.
    return tuple(dict.fromkeys(fold(t.strip()).split(" ")[0] for t in terms))


def _matches(pattern: re.Pattern, prefixes: tuple[str, ...], folded: str) -> list[re.Match]:
    """pattern.finditer(folded) as a list, trying the pattern only where a prefix occurs.

    Every match starts with one of the prefixes, and finditer goes on from where the last
    match ended: so does this, over the sorted places where some prefix occurs.
    """
    if not prefixes:
        return list(pattern.finditer(folded))
    starts = []
    for p in prefixes:
        i = folded.find(p)
        while i >= 0:
            starts.append(i)
            i = folded.find(p, i + 1)
    if not starts:
        return []
    if len(prefixes) > 1:
        starts = sorted(set(starts))
    out = []
    end = 0
    for i in starts:
        if i >= end:
            m = pattern.match(folded, i)
            if m is not None:
                out.append(m)
                end = m.end()
    return out


@dataclass(frozen=True)
class BrandMatcher:
    """Compiled matcher for one brand: `spans(text)` lists where the brand is mentioned."""

    name: str
    pattern: re.Pattern
    exclude: re.Pattern | None
    # Literal text every match starts with (each term's folded first word). The regexes start
    # with a look-behind, which makes the engine try them at every position; trying them only
    # where a prefix occurs (usually nowhere) finds the same matches many times faster.
    prefixes: tuple[str, ...] = ()
    exclude_prefixes: tuple[str, ...] = ()

    @classmethod
    def build(cls, name: str, terms: Iterable[str], exclude: Iterable[str] = ()) -> BrandMatcher:
        terms = sorted({t for t in terms if t.strip()}, key=len, reverse=True)
        parts = [_term_regex(t, len(t.strip(" @#")) >= MIN_COMPOUND_LEN) for t in terms]
        excluded = [t for t in exclude if t.strip()]
        ex = [_term_regex(t, False) for t in excluded]
        return cls(
            name=name,
            pattern=re.compile("|".join(parts), re.U),
            exclude=re.compile("|".join(ex), re.U) if ex else None,
            prefixes=_prefixes(terms),
            exclude_prefixes=_prefixes(excluded),
        )

    def spans(self, text: str) -> list[tuple[int, int]]:
        if not text:
            return []
        folded = fold(text)
        found = _matches(self.pattern, self.prefixes, folded)
        if not found:
            return []
        blocked = (
            [m.span() for m in _matches(self.exclude, self.exclude_prefixes, folded)]
            if self.exclude
            else []
        )
        out = []
        for m in found:
            s, e = m.span()
            if any(s < be and bs < e for bs, be in blocked):
                continue
            out.append((s, e))
        return out

    def mentions(self, text: str) -> bool:
        return bool(self.spans(text))

    def count(self, text: str) -> int:
        return len(self.spans(text))
