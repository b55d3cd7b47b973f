"""A configured brand, and where a text mentions it: names and aliases, look-alikes, or a query.

How each name is found (capitals, words, å ä ö, inflection) is analysis/names.py; boolean
queries are analysis/query.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from analysis.names import MIN_COMPOUND_LEN, Term, TermSet, Text, as_text, clean
from analysis.query import Query, QueryError

__all__ = ["MATCH_REVISION", "MIN_COMPOUND_LEN", "Brand", "BrandMatcher", "QueryError", "Text"]

#: Bump when the matching rules change what a name matches: `koll analyse` then re-matches the
#: stored history of every brand (koll/jobs/rematch.py). 2: å ä ö letters, words, capitals, queries.
#: 3: an item whose author is the brand's name or an alias is owned (`owned_by` "account").
MATCH_REVISION = 3


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
    # A boolean query over title and text that replaces aliases and exclude (analysis/query.py).
    query: str | None = None

    @property
    def terms(self) -> tuple[str, ...]:
        """The name and every alias (or the query's terms): what counts as naming the brand."""
        if self.query:
            try:
                return (self.name, *Query(self.query).terms)
            except QueryError:  # koll.config refuses such a query; the name alone meanwhile
                return (self.name,)
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class BrandMatcher:
    """Compiled matcher for one brand.

    `spans(text)` lists where a piece of text names the brand (a sentence, for brand-targeted
    tone); `matches(text)` decides whether an item (title and text) is a mention: the same as
    naming the brand, unless the brand has a query, which then decides.
    """

    name: str
    names: TermSet
    exclude: TermSet | None = None
    query: Query | None = None

    @classmethod
    def build(
        cls, name: str, terms: Iterable[str], exclude: Iterable[str] = (), query: str | None = None
    ) -> BrandMatcher:
        if query:
            q = Query(query)
            return cls(name=name, names=q.positive, query=q)
        terms = [t for t in dict.fromkeys(terms) if t.strip()]
        names = TermSet([Term.compile(t) for t in terms])
        own = frozenset(clean(t).lower() for t in terms)
        excluded = [
            Term.compile(t, exclude=True, names=own) for t in dict.fromkeys(exclude) if t.strip()
        ]
        return cls(name=name, names=names, exclude=TermSet(excluded) if excluded else None)

    @classmethod
    def for_brand(cls, b: Brand) -> BrandMatcher:
        return cls.build(b.name, b.terms, b.exclude, b.query)

    def spans(self, text: str | Text, *, prefilter: bool = True) -> list[tuple[int, int]]:
        if not text:
            return []
        t = as_text(text)
        found = self.names.find(t, prefilter=prefilter)
        if not found:
            return []
        blocked = self.exclude.find(t, prefilter=prefilter) if self.exclude else []
        return [(s, e) for s, e, _ in found if not any(s < be and bs < e for bs, be, _ in blocked)]

    def mentions(self, text: str | Text) -> bool:
        return bool(self.spans(text))

    def matches(self, text: str | Text) -> bool:
        if self.query is not None:
            return bool(text) and self.query.matches(text)
        return self.mentions(text)

    def count(self, text: str | Text) -> int:
        return len(self.spans(text))
