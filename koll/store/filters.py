"""Which mentions (or items) a query selects: one filter object that turns into SQL conditions.

The dashboard's filter bar, the analysts' API, the control report and the analysis steps all say
"these brands, these days, owned or earned, these sources…" the same way, so the same words
always select the same rows on SQLite and PostgreSQL. Values reach SQL only as bound parameters.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import Table, false, or_, select
from sqlalchemy import text as text_clause

from koll.store.schema import (
    PG_WORDS,
    SEARCH_DAY_MARK,
    has_search_index,
    has_word_index,
    items,
    items_fts,
    mentions,
)
from koll.store.words import SEPARATORS, split_words

OWNED_CHOICES = ("all", "owned", "earned")
_SEQUENCES = ("brands", "sources", "kinds", "labels", "langs", "triage")
#: A mention's triage mark (mentions.triage); "none" selects the unmarked.
TRIAGE_CHOICES = ("todo", "handled", "none")


#: At most this many words typed (a chunk joined by "_" counts once) are searched for.
MAX_SEARCH_WORDS = 12


# A chunk as SQLite's search used to read a query (\w+): "_" joins words, anything else that
# separates words in the text separates words typed.
_CHUNK = re.compile(f"(?:[^{SEPARATORS}]|_)+")


def search_phrases(text: str) -> list[list[str]]:
    """The words typed, as both stores search for them: a chunk of letters, digits and "_" is
    one word typed, and its parts between the "_" (koll/store/words.py: split as the search
    table splits) must stand in a row. Lower-cased as both stores fold case (str.casefold made
    "straße" "strasse", which neither finds); the search table's day mark is no word."""
    # NUL separates words too: it is no word character, and reaching the database it ends
    # SQLite's query string early and PostgreSQL refuses it ("?q=åhléns%00" raised either way).
    folded = text.lower().replace(SEARCH_DAY_MARK, " ").replace("\x00", " ")
    chunks = (split_words(chunk) for chunk in _CHUNK.findall(folded))
    return [words for words in chunks if words][:MAX_SEARCH_WORDS]


def fts_query(text: str) -> str | None:
    """User text -> an FTS5 query: every word must appear, as a word or the start of one; the
    parts of a word joined by "_" in a row (an FTS5 phrase whose last word may be a start).

    Words are quoted, so FTS syntax in the input (AND, NEAR, *, quotes) is only ever text.
    """
    phrases = search_phrases(text)
    if not phrases:
        return None
    return " ".join('"' + " ".join(words) + '"*' for words in phrases)


def word_match(text: str):
    """A search on PostgreSQL as a condition on mentions, through their stored words
    (schema.PG_WORDS): the same rule as fts_query (every word, as a word or the start of one;
    a word joined by "_" as its parts in a row, from the positions the words keep); None when
    nothing is searchable."""
    phrases = search_phrases(text)
    if not phrases:
        return None
    tsq = " & ".join(_phrase(words) for words in phrases)
    return text_clause(f"{PG_WORDS} @@ to_tsquery('simple'::regconfig, :tsq)").bindparams(tsq=tsq)


def _phrase(words: list[str]) -> str:
    """Words in a row as tsquery terms, the last also as the start of a word (as FTS5's "a b"*)."""
    last = len(words) - 1
    return " <-> ".join(_cased(w, prefix=i == last) for i, w in enumerate(words))


def _cased(word: str, *, prefix: bool = True) -> str:
    """A search word as a tsquery term that finds it in any usual case.

    The stored words are folded as the database's ctype folds, which is ASCII only under C:
    there "Åhléns" is kept as 'Åhléns' and "ÅHLÉNS" as 'ÅhlÉns', which 'åhléns' does not find.
    The query's words are folded the same way, so asking for the word lower-case, capitalised
    and in capitals finds those spellings (an odd mix such as "åhlÉns" only under a UTF-8
    ctype, where the three forms fold to one word).
    """
    star = ":*" if prefix else ""
    if word.isascii():
        return f"{word}{star}"
    forms = dict.fromkeys((word, word.capitalize(), word.upper()))
    return "(" + " | ".join(f"{w}{star}" for w in forms) + ")"


def fts_match(fts_q: str):
    """The item ids (search table rowids) matching an FTS5 query."""
    return select(items_fts.c.rowid).where(
        text_clause("items_fts MATCH :fts_q").bindparams(fts_q=fts_q)
    )


def owned_choice(owned: bool | None) -> str:
    """The API's owned=True/False/None as a filter's owned/earned/all."""
    return "all" if owned is None else ("owned" if owned else "earned")


def _named_or_none(column, values: Sequence[str]):
    """column IN (values), where the value "none" means NULL (not scored, not detected)."""
    named = [v for v in values if v != "none"]
    parts = [column.in_(named)] if named else []
    if "none" in values:
        parts.append(column.is_(None))
    return or_(*parts)


@dataclass(frozen=True)
class Filter:
    """A selection of mentions (or items); every field is optional and empty means "any".

    brands: exact stored brand names (see items.stored_brands). since/until: inclusive
    Stockholm days, YYYY-MM-DD. owned: all | owned | earned. labels: pos | neu | neg | none
    (not scored). langs: language codes or none. text: words searched in title, text and author.
    story: the items of one story (stories.id). triage: todo | handled | none (see TRIAGE_CHOICES).
    Lists given for the sequence fields are kept as tuples, so a filter can be a cache key
    (typed Sequence, the type a caller may pass).
    """

    brands: Sequence[str] = ()
    since: str | None = None
    until: str | None = None
    owned: str = "all"
    sources: Sequence[str] = ()
    kinds: Sequence[str] = ()
    labels: Sequence[str] = ()
    langs: Sequence[str] = ()
    text: str = ""
    story: int | None = None
    triage: Sequence[str] = ()

    def __post_init__(self) -> None:
        for name in _SEQUENCES:
            value = getattr(self, name)
            if value is None or isinstance(value, str):  # a lone name is one name, not letters
                object.__setattr__(self, name, () if value is None else (value,))
            elif not isinstance(value, tuple):
                object.__setattr__(self, name, tuple(value))
        if self.owned not in OWNED_CHOICES:
            raise ValueError(f"owned must be one of {', '.join(OWNED_CHOICES)}; got {self.owned!r}")

    def window(self) -> Filter:
        """Only the brands and days of this filter."""
        return Filter(brands=self.brands, since=self.since, until=self.until)

    def replace(self, **changes) -> Filter:
        return replace(self, **changes)

    @property
    def search(self) -> str:
        return self.text.strip()

    def needs_items(self, fts: bool) -> bool:
        """Whether conditions on `mentions` also refer to `items` (language, a LIKE search)."""
        return bool(self.langs) or (bool(self.search) and not fts)

    def _indexed(self, dialect: str) -> bool:
        return bool(self.search) and (has_search_index(dialect) or has_word_index(dialect))

    def conditions(self, on: Table = mentions, *, fts: bool = False) -> list:
        """The filter as SQL conditions on `on` (mentions or items).

        Language is always the item's; a search is an FTS5 lookup when `fts` (SQLite's search
        table, see schema.has_search_index), else a LIKE over the item's columns. On `items`,
        brands, owned and labels mean nothing and are refused.
        """
        c = on.c
        if on is not mentions and (
            self.brands or self.owned != "all" or self.labels or self.triage
        ):
            raise ValueError(f"brands, owned, labels and triage select mentions, not {on.name}")
        cond: list = []
        if self.brands:
            cond.append(c.brand.in_(list(self.brands)))
        if self.since:
            cond.append(c.day >= self.since)
        if self.until:
            cond.append(c.day <= self.until)
        if self.owned != "all":
            cond.append(c.owned.is_(self.owned == "owned"))
        if self.sources:
            cond.append(c.source.in_(list(self.sources)))
        if self.kinds:
            cond.append(c.kind.in_(list(self.kinds)))
        if self.labels:
            cond.append(_named_or_none(c.label, self.labels))
        if self.langs:
            cond.append(_named_or_none(items.c.lang, self.langs))
        if self.search:
            cond.append(self._text_condition(on, fts))
        if self.story is not None:
            item_id = c.item_id if on is mentions else c.id
            cond.append(item_id.in_(select(items.c.id).where(items.c.story_id == int(self.story))))
        if self.triage:
            cond.append(_named_or_none(c.triage, self.triage))
        return cond

    def apply(self, query, on: Table = mentions, *, fts: bool = False):
        """`query` with the filter's conditions added."""
        return query.where(*self.conditions(on, fts=fts))

    def scope(self, dialect: str, *, join_items: bool = False) -> tuple:
        """(FROM clause, WHERE conditions) over mentions for a database of `dialect`: items is
        joined only when asked or needed, and a search uses the search table where there is one."""
        indexed = self._indexed(dialect)
        needs_items = join_items or self.needs_items(indexed)
        src = mentions.join(items, items.c.id == mentions.c.item_id) if needs_items else mentions
        if not indexed or has_search_index(dialect):
            return src, self.conditions(fts=indexed)
        # PostgreSQL: the filter without its search, and the search in the mentions' words.
        found = word_match(self.search)
        cond = self.replace(text="").conditions()
        return src, [*cond, found if found is not None else false()]

    def _text_condition(self, on: Table, fts: bool):
        item_id = on.c.item_id if on is mentions else on.c.id
        if fts:
            q = fts_query(self.search)
            if q is None:
                return item_id.is_(None)  # nothing searchable (only punctuation): no rows
            return item_id.in_(fts_match(q))
        # Only for a database with neither search index (koll's engines all have one: scope()
        # picks it), as SQLite's LIKE folds ASCII case alone: "åhléns" would miss "Åhléns".
        # LIKE with the user's % and _ escaped: a search for "50%" means the characters.
        needle = self.search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{needle}%"
        return or_(
            items.c.title.ilike(pattern, escape="\\"),
            items.c.text.ilike(pattern, escape="\\"),
            items.c.author.ilike(pattern, escape="\\"),
        )


__all__ = [
    "Filter",
    "OWNED_CHOICES",
    "TRIAGE_CHOICES",
    "fts_match",
    "fts_query",
    "owned_choice",
    "search_phrases",
    "word_match",
]
