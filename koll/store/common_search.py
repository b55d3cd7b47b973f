"""The mentions table for a search word found in a large share of the items (SQLite): the first
page by walking mentions in page order, the capped count by walking the search hits.

The plain way (`item_id IN (every search hit)`, mention_pages) makes SQLite collect every hit
before the first page: for a word in 90 % of a million items that is ~938,000 hits and most of a
second. For such a word the hits are so dense that the page's order finds a page in a few dozen
mentions, and the capped count finds its 10,001 mentions among the first hits. Both need a
per-mention check against the search table, which is cheap only for whole words: a prefix query
("ord"*) rebuilds its merged hit list on every lookup (~75 ms each on a million items, against
~0.2 ms for a whole word), so a prefix is first spelled out as the indexed words it stands for.
A count in a window of a few days asks the search table for the word AND those days' day
words (schema.SEARCH_DAY_MARK), so it walks the hits of those days only. How common a word is
comes from a sample of the search table (_estimated_hits), never from counting its hits.
The rows and their order are the plain way's: only the work to find them differs.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy import func, literal_column, select
from sqlalchemy import text as text_clause
from sqlalchemy.engine import Connection

from koll.store import rollups
from koll.store.filters import Filter, fts_match, fts_query
from koll.store.schema import SEARCH_DAY_MARK, has_search_index, items, items_fts, mentions

#: A search is "common" when its hits reach this many. On the 1 M bench store collecting hits
#: cost ~0.5 µs each (a 90 % word: ~938,000 hits, 0.4-1 s; "el"*, 136,000 hits: 70 ms) and a
#: walk ~0.4 ms per mention checked per indexed word (page size / share of hits, chunks included):
#: walking wins past ~250,000 hits ("el"* walked took 120-140 ms, "vanlig0" 15 ms).
COMMON_HITS = 250_000
#: Items whose hits tell how common a word is (plan), in SAMPLE_SLICES runs of ids: a word in
#: 1 % of items has ~200 of them, enough to tell it from a word in 25 % (COMMON_HITS of 1 M).
SAMPLE_ITEMS = 20_000
SAMPLE_SLICES = 8
#: Most indexed words one searched word may stand for (an "el" stands for el, elpris, elnät...);
#: more and each check grows with them, so the plain way is taken.
MAX_EXPANSION = 16
#: Most mentions checked for one page (~0.2 ms each) before falling back to the plain way: a
#: word common in the store but rare under the filter would otherwise be checked mention by
#: mention.
WALK_BUDGET = 1500
#: Mentions the plain count checks in the time one hit's walk takes (see hit_driven).
HIT_COST = 10
#: Orders the walk may follow: total orders (they end in the mention id), so a page is the same
#: rows in the same order however it is found.
WALK_SORTS = ("new", "old")
#: Most days a count asks the search table for by their day words (in_days): each is one more
#: word the index merges for every hit. For a common word (plan) up to a quarter: its 90-day
#: count of the bench store's 90 % word took 72-105 ms with 90 day words against 140-234 ms
#: without; a word in 5 % of items took 235-264 ms with them against 167-220 ms without, so
#: other words take them up to a month only.
MAX_DAY_WORDS = 31
COMMON_DAY_WORDS = 92


def plan(conn: Connection, f: Filter, *, common_hits: int = COMMON_HITS) -> str | None:
    """For a search of a common word (common_hits hits or more) on SQLite, the search spelled
    out as whole indexed words (an FTS5 query); None when the plain way is the one to take."""
    exact_q = _spelled_out(conn, f)
    # Spelled out first: whole words stream from the index, so counting their hits in the
    # sampled id runs costs little, while the prefix query merges every hit before returning one.
    if exact_q is None or _estimated_hits(conn, exact_q) < common_hits:
        return None
    return exact_q


def _spelled_out(conn: Connection, f: Filter) -> str | None:
    """The search as whole indexed words (an FTS5 query) on SQLite; None when it cannot be."""
    q = fts_query(f.search) if f.search else None
    if q is None or not has_search_index(conn.dialect.name):
        return None
    words = re.findall(r"\w+", f.search.casefold())[:12]
    # Only words the search table keeps as one token ("_" and marks split words there).
    if not all(w.isalnum() for w in words):
        return None
    parts = []
    for w in words:
        terms = _indexed_words(conn, w)
        if not terms:  # None: too many; none at all: no hits, which the plain way finds fast
            return None
        parts.append("(" + " OR ".join(f'"{t}"' for t in terms) + ")")
    return " AND ".join(parts)


def hit_driven(conn: Connection, f: Filter) -> str | None:
    """For a search with far fewer hits than the filter has mentions (per the rollups), the
    search spelled out, which `count` then walks hit by hit; None for the plain way.

    The plain way walks the filter's mentions and checks each against the hits: a year's count
    of a word in 3 % of posts checked ~330,000 mentions to find 10,001 (0.45-0.58 s under load
    7), where its ~23,000 hits each looking up their mention took 0.17-0.20 s. A hit costs
    about ten mentions (its mention row is read; a mention is checked in the covering index):
    at 90 days (125,000 mentions) the plain way was already as fast.
    """
    total = rollups.mention_total(conn, f.replace(text="")) if f.search else None
    if not total or total < 10 * HIT_COST:
        return None
    exact_q = _spelled_out(conn, f)
    limit = min(total // HIT_COST, COMMON_HITS)
    if exact_q is None or _hits_at_least(conn, exact_q, limit) >= limit:
        return None
    return exact_q


def count(
    conn: Connection, f: Filter, exact_q: str, at_most: int, *, max_days: int = MAX_DAY_WORDS
) -> int:
    """How many mentions `f` selects, counting at most at_most + 1, found hit by hit (in f's
    days alone when it has at most max_days: see in_days)."""
    src, cond = f.replace(text="").scope(conn.dialect.name)
    # The hits drive: "+rowid" is no column to SQLite, so it cannot instead walk the filter's
    # mentions and look each one up in the search table (seconds for a year of mentions).
    on = mentions.c.item_id == literal_column("+items_fts.rowid")
    first = (
        select(mentions.c.id)
        .select_from(items_fts.join(src, on))
        .where(_match(in_days(exact_q, f, max_days)), *cond)
        .limit(int(at_most) + 1)
    )
    return int(conn.execute(select(func.count()).select_from(first.subquery())).scalar() or 0)


def count_all(conn: Connection, f: Filter, exact_q: str, *, max_days: int = MAX_DAY_WORDS) -> int:
    """How many mentions `f` selects, for a filter of few days and few mentions: the hits on
    those days collected first (a week of a 90 % word: ~17,000), then the filter's mentions
    checked against them, which took 70-105 ms under load 7 against 165-210 ms hit by hit."""
    src, cond = f.replace(text="").scope(conn.dialect.name)
    hits = mentions.c.item_id.in_(fts_match(in_days(exact_q, f, max_days)))
    return int(conn.execute(select(func.count()).select_from(src).where(*cond, hits)).scalar() or 0)


def windowed(f: Filter, max_days: int = MAX_DAY_WORDS) -> bool:
    """Whether f's days are few enough for the search table to find its hits by day words."""
    return _days(f, max_days) is not None


def in_days(exact_q: str, f: Filter, max_days: int = MAX_DAY_WORDS) -> str:
    """The FTS5 query limited to f's days (schema.SEARCH_DAY_MARK) when it spans at most
    max_days days; else as it is. The index then walks the word's hits on those days only
    instead of all of them (a week of a 90 % word: ~17,000 of ~938,000 hits)."""
    days = _days(f, max_days)
    if days is None:
        return exact_q
    words = " OR ".join(f'"{SEARCH_DAY_MARK}{d.strftime("%Y%m%d")}"' for d in days)
    return f"({exact_q}) AND ({words})"


def _days(f: Filter, max_days: int) -> list[date] | None:
    if not f.since or not f.until:
        return None
    try:
        first, last = date.fromisoformat(f.since), date.fromisoformat(f.until)
    except ValueError:
        return None
    n = (last - first).days + 1
    if not 0 < n <= max_days:
        return None
    return [first + timedelta(days=k) for k in range(n)]


def page_ids(conn: Connection, f: Filter, exact_q: str, order, offset: int, limit: int):
    """The page's mention ids in `order`, found by checking mentions in that order against the
    search; None when WALK_BUDGET mentions were not enough."""
    need = offset + limit
    if need > WALK_BUDGET:
        return None
    src, cond = f.replace(text="").scope(conn.dialect.name)
    found: list[int] = []
    done, chunk = 0, max(50, 2 * need)
    while done < WALK_BUDGET:
        chunk = min(chunk, WALK_BUDGET - done)
        rows = conn.execute(
            select(mentions.c.id, mentions.c.item_id)
            .select_from(src)
            .where(*cond)
            .order_by(*order)
            .offset(done)
            .limit(chunk)
        ).all()
        hit = _matching(conn, exact_q, {r.item_id for r in rows})
        found += [r.id for r in rows if r.item_id in hit]
        done += len(rows)
        if len(found) >= need or len(rows) < chunk:  # a full page, or no more mentions
            return found[offset:need]
        chunk *= 2
    return None


def _match(fts_q: str):
    return text_clause("items_fts MATCH :fts_q").bindparams(fts_q=fts_q)


def _matching(conn: Connection, exact_q: str, item_ids: set[int]) -> set[int]:
    if not item_ids:
        return set()
    q = fts_match(exact_q).where(items_fts.c.rowid.in_(sorted(item_ids)))
    return set(conn.execute(q).scalars())


def _estimated_hits(conn: Connection, fts_q: str) -> float:
    """The query's hits in the whole store, estimated from SAMPLE_ITEMS item ids in
    SAMPLE_SLICES runs spread over the ids (exact when there are no more items). Only the way
    to a page or count depends on it, never its rows: counting the first 250,000 hits of a
    90 % word took 40-130 ms, the sample a few ms. Spread, because the newest items alone can
    be a burst of one kind (the bench store's newest 27,000 are comments)."""
    newest = int(conn.execute(select(func.max(items.c.id))).scalar() or 0)
    if newest <= SAMPLE_ITEMS:
        runs = [(0, newest)]
    else:
        size = SAMPLE_ITEMS // SAMPLE_SLICES
        ends = [newest * (k + 1) // SAMPLE_SLICES for k in range(SAMPLE_SLICES)]
        runs = [(end - size, end) for end in ends]
    rowid = items_fts.c.rowid
    hits = sum(
        int(conn.execute(select(func.count()).select_from(sample.subquery())).scalar() or 0)
        for sample in (fts_match(fts_q).where(rowid > lo, rowid <= hi) for lo, hi in runs)
    )
    sampled = sum(hi - lo for lo, hi in runs)
    return hits * newest / max(1, sampled)


def _hits_at_least(conn: Connection, fts_q: str, n: int) -> int:
    first = fts_match(fts_q).limit(n).subquery()
    return int(conn.execute(select(func.count()).select_from(first)).scalar() or 0)


def _indexed_words(conn: Connection, word: str) -> list[str] | None:
    """The words in the search table starting with `word` (what "word"* matches), or None when
    there are more than MAX_EXPANSION, in the table's (code-point) order.

    Read one word at a time from an fts5vocab 'instance' table, which stops at a word's first
    hit: the 'row' kind counts every hit of each word it lists, ~130-290 ms for a word in 90 %
    of a million items (most of a common search's time), against ~20 ms this way. The bound
    is inclusive: with `term < next` SQLite checks the row after the last word itself and so
    reads that word's hits to the end (~500 ms when it is common).
    """
    conn.exec_driver_sql(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.items_fts_hits "
        "USING fts5vocab(main, 'items_fts', 'instance')"
    )
    step = text_clause(
        "SELECT term FROM temp.items_fts_hits WHERE term >= :lo AND term <= :hi LIMIT 1"
    )
    # Every word starting with `word` lies between it and it followed by the last code point;
    # the next word after t is at least t + U+0001, as control characters split words.
    lo, hi = word, word + LAST_CODE_POINT
    out: list[str] = []
    while len(out) <= MAX_EXPANSION:
        term = conn.execute(step.bindparams(lo=lo, hi=hi)).scalar()
        if term is None:
            break
        out.append(term)
        lo = term + "\x01"
    return out if len(out) <= MAX_EXPANSION else None


#: Sorts after every character a word can hold (U+10FFFF is no letter or digit).
LAST_CODE_POINT = "\U0010ffff"


__all__ = [
    "COMMON_HITS",
    "WALK_SORTS",
    "count",
    "count_all",
    "hit_driven",
    "in_days",
    "page_ids",
    "plan",
    "windowed",
]
