"""The dashboard's mentions table: one page of filtered mentions, their count, the CSV export's
rows, the dropdowns' choices, and a few example mentions for a topic or a rising term."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import case, desc, func, select
from sqlalchemy.engine import Connection

from koll.store import common_search, rollups
from koll.store.filters import Filter, fts_match, fts_query
from koll.store.schema import has_search_index, items, items_fts, mentions

if TYPE_CHECKING:  # pandas is imported where a frame is built: the ingest path never loads it
    import pandas as pd

# "Mest negativa" / "Mest positiva": the mentions labelled with that tone first, then the surest
# and strongest first, by score × confidence rather than score alone (issue 15: posts the model
# was unsure of, one way or the other, led the list). A mention scored before confidences were
# stored (NULL) keeps its score.
_STRENGTH = func.coalesce(mentions.c.score, 0) * func.coalesce(mentions.c.confidence, 1)


def _labelled(tone: str):
    return case((mentions.c.label == tone, 0), else_=1)


# Newest and oldest first go by day, then time: the day is the Stockholm date of `published`,
# so the order is the same, and the (brand, day) indexes hand the rows over a day at a time
# (page 40 of a year: one day sorted, not half a million mentions).
SORTS = {
    "new": (desc(mentions.c.day), desc(mentions.c.published), desc(mentions.c.id)),
    "old": (mentions.c.day, mentions.c.published, mentions.c.id),
    "source": (mentions.c.source, desc(mentions.c.published)),
    "neg": (_labelled("neg"), _STRENGTH, desc(mentions.c.published), desc(mentions.c.id)),
    "pos": (_labelled("pos"), desc(_STRENGTH), desc(mentions.c.published), desc(mentions.c.id)),
}

_PAGE_COLUMNS = [
    mentions.c.id.label("mention_id"),
    mentions.c.item_id,
    mentions.c.brand,
    mentions.c.owned,
    mentions.c.published,
    mentions.c.source,
    mentions.c.kind,
    mentions.c.label,
    mentions.c.score,
    mentions.c.confidence,
    mentions.c.model,
    items.c.title,
    items.c.url,
    # "datum uppskattat": the feed gave no date, `published` is when koll first saw the item.
    items.c.published_estimated,
    items.c.author,
    items.c.lang,
    mentions.c.triage,
    func.substr(items.c.text, 1, 240).label("snippet"),
]


def search_plan(conn: Connection, f: Filter) -> str | None:
    """What mention_count and mention_page take as `common`: see common_search.plan."""
    return common_search.plan(conn, f)


def mention_count(
    conn: Connection, f: Filter, *, at_most: int | None = None, common: str | None = None
) -> int:
    """How many mentions `f` selects: from the stored per-day counts when `f` is brands, days,
    owned and tone only (a year in milliseconds), else counted. With `at_most`, counting stops
    past that many: a larger count comes back as at_most + 1 ("more than at_most"). `common`:
    search_plan(conn, f), which lets a capped count of a common word stop early."""
    stored = rollups.mention_total(conn, f)
    if stored is not None:
        return stored
    if common is not None and at_most is not None:
        walked = _common_count(conn, f, common, at_most)
        if walked is not None:
            return walked
    if common is None and at_most is not None:
        rare = common_search.hit_driven(conn, f)
        if rare is not None:
            return common_search.count(conn, f, rare, at_most)
    src, cond = f.scope(conn.dialect.name)
    if at_most is not None:
        first = select(mentions.c.id).select_from(src).where(*cond).limit(int(at_most) + 1)
        q = select(func.count()).select_from(first.subquery())
    else:
        q = select(func.count()).select_from(src).where(*cond)
    return int(conn.execute(q).scalar() or 0)


def tone_first_count(conn: Connection, f: Filter, sort: str) -> int | None:
    """For "Mest negativa"/"Mest positiva": how many of f's mentions carry that tone, which is
    where in the order the others begin (the page shows where); None for the other orders and
    when f selects that tone alone (nothing else follows)."""
    if sort not in ("neg", "pos") or tuple(f.labels) == (sort,):
        return None
    if f.labels and sort not in f.labels:
        return 0
    return mention_count(conn, f.replace(labels=(sort,)))


def _tone_first(conn: Connection, f: Filter, sort: str, need: int) -> Filter:
    """For "Mest negativa"/"Mest positiva": f limited to that tone when it holds the page (the
    tone's mentions come first in that order, so the page is the same rows), which the rollups
    tell; the sort then ranks a fifth of the window (a year of the bench store: 1.8 s under load
    for all 500,000 mentions)."""
    if sort not in ("neg", "pos") or (f.labels and sort not in f.labels):
        return f
    narrowed = f.replace(labels=(sort,))
    total = rollups.mention_total(conn, narrowed)
    return narrowed if total is not None and total >= need else f


def _common_count(conn: Connection, f: Filter, common: str, at_most: int) -> int | None:
    """mention_count for a common word; None for the plain way. A filter of at most at_most
    mentions needs every hit: on few days the search table hands over the hits on those days,
    else the plain way collects them all. A larger filter walks the hits (on its days alone
    when few) until it has at_most + 1."""
    days = common_search.COMMON_DAY_WORDS
    if not _at_most(conn, f, at_most):
        return common_search.count(conn, f, common, at_most, max_days=days)
    if common_search.windowed(f, days):
        return common_search.count_all(conn, f, common, max_days=days)
    return None


def _at_most(conn: Connection, f: Filter, n: int) -> bool:
    """Whether f without its search selects at most n mentions (per the rollups; False when
    they cannot say). Then a capped count of a common word needs every hit anyway, and the
    plain way collects them faster than a walk joins each to its mention: a week of the bench
    store's 90 % word took 2.0 s against 4.2 s (30 days, past the cap: the walk 1.2 s, 2.0 s)."""
    total = rollups.mention_total(conn, f.replace(text=""))
    return total is not None and total <= n


def mention_page(
    conn: Connection,
    f: Filter,
    *,
    sort: str = "new",
    offset: int = 0,
    limit: int = 25,
    common: str | None = None,
) -> pd.DataFrame:
    """One page of mentions with their item fields, in the chosen order. `common`:
    search_plan(conn, f), which finds a page of a common word without collecting every hit."""
    import pandas as pd

    sort = sort if sort in SORTS else "new"
    order = SORTS[sort]
    offset, limit = max(0, int(offset)), max(1, int(limit))
    f = _tone_first(conn, f, sort, offset + limit)
    if sort in ("neg", "pos") and tuple(f.labels) == (sort,):
        # Only that tone's mentions: "that tone first" is the same for all of them, and without
        # it the order is PostgreSQL's per-tone index's (schema.PG_TONE_INDEXES). Same rows.
        order = order[1:]
    walked = None
    if common is not None and sort in common_search.WALK_SORTS:
        walked = common_search.page_ids(conn, f, common, order, offset, limit)
    if walked is not None:
        ids = walked
    else:
        src, cond = f.scope(conn.dialect.name)
        # Page the narrow mentions rows first, then join items for just the page's rows:
        # sorting a window's mention ids is cheap, dragging every item's text through the
        # sort is not.
        page = select(mentions.c.id).select_from(src).where(*cond).order_by(*order)
        ids = select(page.offset(offset).limit(limit).subquery().c.id)
    q = (
        select(*_PAGE_COLUMNS)
        .select_from(mentions.join(items, items.c.id == mentions.c.item_id))
        .where(mentions.c.id.in_(ids))
        .order_by(*order)
    )
    cols = [col.key if hasattr(col, "key") else col.name for col in _PAGE_COLUMNS]
    return pd.DataFrame(conn.execute(q).all(), columns=cols)


def mention_rows(conn: Connection, f: Filter, *, sort: str = "new", chunk: int = 2000) -> Iterator:
    """Every mention matching the filter, streamed, for the CSV export."""
    src, cond = f.scope(conn.dialect.name, join_items=True)
    q = (
        select(*_PAGE_COLUMNS[:-1], items.c.text)
        .select_from(src)
        .where(*cond)
        .order_by(*SORTS.get(sort, SORTS["new"]))
    )
    yield from conn.execution_options(stream_results=True, yield_per=chunk).execute(q)


def options(conn: Connection, f: Filter, limit: int = 300) -> dict[str, list[str]]:
    """Values offered by the mentions page's dropdowns for the brand and window."""
    base = f.window()
    sources_ = conn.execute(
        select(mentions.c.source)
        .where(*base.conditions())
        .group_by(mentions.c.source)
        .order_by(desc(func.count()))
        .limit(limit)
    ).scalars()
    kinds = conn.execute(
        select(mentions.c.kind).where(*base.conditions()).group_by(mentions.c.kind)
    ).scalars()
    # Languages are few and known (koll scores Swedish and English); listing the ones present
    # would mean visiting every item in the window, so the list is fixed.
    return {"sources": sorted(sources_), "kinds": sorted(kinds), "langs": ["en", "sv"]}


def examples(conn: Connection, f: Filter, words: str, limit: int = 3) -> pd.DataFrame:
    """A few recent mentions containing `words` (for a topic or a rising term), newest first.

    Unlike the mentions table this needs no total, so on SQLite it takes only the newest few
    thousand search hits (items are numbered in arrival order) instead of every hit.
    """

    q = fts_query(words)
    if q is None:
        return mention_page(conn, Filter(), limit=0).iloc[0:0]
    if not has_search_index(conn.dialect.name):
        return mention_page(conn, f.replace(text=words), limit=limit)
    return _newest_hits(conn, f, q, hits=5000, limit=limit)


def _newest_hits(conn: Connection, f: Filter, fts_q: str, hits: int, limit: int) -> pd.DataFrame:
    """The newest `limit` mentions (under f's brands, window and owned filter) among the
    newest `hits` items matching the FTS5 query, as mention_page rows."""
    import pandas as pd

    newest = fts_match(fts_q).order_by(items_fts.c.rowid.desc()).limit(hits)
    base = f.window().replace(owned=f.owned)
    ids = (
        select(mentions.c.id)
        .where(*base.conditions(), mentions.c.item_id.in_(newest))
        .order_by(*SORTS["new"])
        .limit(limit)
    )
    rows = select(*_PAGE_COLUMNS).select_from(
        mentions.join(items, items.c.id == mentions.c.item_id)
    )
    rows = rows.where(mentions.c.id.in_(ids)).order_by(*SORTS["new"])
    cols = [col.key if hasattr(col, "key") else col.name for col in _PAGE_COLUMNS]
    return pd.DataFrame(conn.execute(rows).all(), columns=cols)


def examples_many(conn: Connection, f: Filter, terms: Sequence[str],
                  per_term: int = 3, pool: int = 400) -> dict[str, pd.DataFrame]:  # fmt: skip
    """examples() for several terms in one search: the newest mentions matching any of them,
    then shared out to the terms whose word starts a word in the title or the text's opening."""
    queries = [(term, fts_query(term)) for term in terms]
    if not has_search_index(conn.dialect.name) or not any(q for _t, q in queries):
        return {term: examples(conn, f, term, per_term) for term in terms}
    match = " OR ".join(f"({q})" for _t, q in queries if q)
    df = _newest_hits(conn, f, match, hits=20000, limit=pool)
    # Plain strings and re, not pandas' .str: the same matches, in ~2 ms instead of ~110 ms
    # for a pool of 400 rows and 12 terms (bench.dashboard's topics page).
    haystack = [
        f"{_text_or_empty(t)} {_text_or_empty(s)}".casefold()
        for t, s in zip(df["title"], df["snippet"], strict=True)
    ]
    chosen = {}
    for term, _q in queries:
        words = re.findall(r"\w+", term.casefold())
        starts = [re.compile(r"\b" + re.escape(w)) for w in words]
        rows = [i for i, h in enumerate(haystack) if words and all(x.search(h) for x in starts)]
        chosen[term] = rows[:per_term]
    # One take for every term's rows, then slices of it: a take per term cost ~6 ms each.
    picked = df.iloc[[i for rows in chosen.values() for i in rows]]
    out, at = {}, 0
    for term, rows in chosen.items():
        out[term] = picked.iloc[at : at + len(rows)]
        at += len(rows)
    return out


def _text_or_empty(value) -> str:
    return value if isinstance(value, str) else ""


def mention_label(conn: Connection, item_id: int, brand: str) -> str | None:
    row = conn.execute(
        select(mentions.c.label).where(mentions.c.item_id == item_id, mentions.c.brand == brand)
    ).first()
    return row[0] if row else None


def item_title(conn: Connection, item_id: int) -> str:
    row = conn.execute(select(items.c.title).where(items.c.id == item_id)).first()
    return (row[0] or "") if row else ""
