"""Every query the dashboard runs: small aggregates computed in SQL, plus the indexes they need.

The dashboard never loads mentions into pandas to count them: each function here returns a
handful of grouped rows (per day, per source, per brand) or one page of the mentions table.
Filters arrive as Python values and reach SQL only as bound parameters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Index, and_, case, column, desc, func, inspect, or_, select, table
from sqlalchemy import text as text_clause
from sqlalchemy.engine import Connection, Engine

from koll.store.schema import corrections, feeds, items, mentions, runs

if TYPE_CHECKING:  # pandas is imported where a frame is built: the ingest path never loads it
    import pandas as pd

# A covering index for the dashboard's aggregates and the mentions table's paging: SQLite answers
# them from the index alone (no table lookups), which keeps a 30-day window over a million
# mentions in milliseconds. Published and score serve the table's sort orders, item_id the
# search and the joins to items.
DASH_INDEX = Index(
    "ix_mentions_dashboard",
    mentions.c.brand,
    mentions.c.day,
    mentions.c.owned,
    mentions.c.label,
    mentions.c.source,
    mentions.c.kind,
    mentions.c.published,
    mentions.c.score,
    mentions.c.item_id,
)
# The control report's counts (koll/store/views.py): owned, tone, source, key-message flag and
# person per mention of a brand and window, read from the index alone.
CONTROL_INDEX = Index(
    "ix_mentions_control",
    mentions.c.brand,
    mentions.c.day,
    mentions.c.owned,
    mentions.c.key_message,
    mentions.c.label,
    mentions.c.source,
    mentions.c.person,
    mentions.c.item_id,
)
DASHBOARD_INDEXES = {"mentions": (DASH_INDEX, CONTROL_INDEX)}

OWNED_CHOICES = ("all", "owned", "earned")
SORTS = {
    "new": (desc(mentions.c.published), desc(mentions.c.id)),
    "old": (mentions.c.published, mentions.c.id),
    "source": (mentions.c.source, desc(mentions.c.published)),
    "neg": (func.coalesce(mentions.c.score, 0), desc(mentions.c.published)),
    "pos": (desc(func.coalesce(mentions.c.score, 0)), desc(mentions.c.published)),
}

# Free-text search on SQLite: an FTS5 index over items' title, text and author, kept in step with
# `items` by triggers, so a search over a million items is an index lookup instead of a LIKE scan.
# Other engines search with ILIKE.
_FTS_DDL = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS items_fts USING fts5(title, text, author, "
    "content='items', content_rowid='id', tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER IF NOT EXISTS items_fts_ai AFTER INSERT ON items BEGIN "
    "INSERT INTO items_fts(rowid, title, text, author) "
    "VALUES (new.id, new.title, new.text, new.author); END",
    "CREATE TRIGGER IF NOT EXISTS items_fts_ad AFTER DELETE ON items BEGIN "
    "INSERT INTO items_fts(items_fts, rowid, title, text, author) "
    "VALUES ('delete', old.id, old.title, old.text, old.author); END",
    "CREATE TRIGGER IF NOT EXISTS items_fts_au AFTER UPDATE OF title, text, author ON items BEGIN "
    "INSERT INTO items_fts(items_fts, rowid, title, text, author) "
    "VALUES ('delete', old.id, old.title, old.text, old.author); "
    "INSERT INTO items_fts(rowid, title, text, author) "
    "VALUES (new.id, new.title, new.text, new.author); END",
]


_FTS = table("items_fts", column("rowid"))


def ensure_indexes(engine: Engine) -> None:
    """Create the dashboard's indexes (and SQLite's search index) where missing; idempotent.

    On a database that already holds items, building the search index reads every item once
    (about a minute per million items); later starts find it in place.
    """
    insp = inspect(engine)
    with engine.begin() as conn:
        for table, wanted in DASHBOARD_INDEXES.items():
            existing = {ix["name"] for ix in insp.get_indexes(table)}
            for ix in wanted:
                if ix.name not in existing:
                    ix.create(conn, checkfirst=True)
        if engine.dialect.name == "sqlite":
            has_fts = conn.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE name = 'items_fts'"
            ).first()
            for ddl in _FTS_DDL:
                conn.exec_driver_sql(ddl)
            if not has_fts:
                conn.exec_driver_sql("INSERT INTO items_fts(items_fts) VALUES ('rebuild')")


def has_search_index(conn: Connection) -> bool:
    if conn.dialect.name != "sqlite":
        return False
    return bool(
        conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'items_fts'").first()
    )


def fts_query(text: str) -> str | None:
    """User text -> an FTS5 query: every word must appear, as a word or the start of one.

    Words are quoted, so FTS syntax in the input (AND, NEAR, *, quotes) is only ever text.
    """
    words = [w for w in re.findall(r"\w+", text.casefold()) if w]
    if not words:
        return None
    return " ".join(f'"{w}"*' for w in words[:12])


@dataclass(frozen=True)
class Filter:
    """What the filter bar and the mentions page select; every field is optional."""

    brands: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    owned: str = "all"  # all | owned | earned
    sources: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()  # pos | neu | neg | none (not scored)
    langs: tuple[str, ...] = ()
    text: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)


def _text_condition(text: str, fts: bool):
    if fts:
        q = fts_query(text)
        if q is None:
            return mentions.c.id.is_(None)  # nothing searchable (only punctuation): no rows
        return mentions.c.item_id.in_(
            select(_FTS.c.rowid).where(text_clause("items_fts MATCH :fts_q").bindparams(fts_q=q))
        )
    # LIKE with the user's % and _ escaped: a search for "50%" means the characters.
    needle = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{needle}%"
    return or_(
        items.c.title.ilike(pattern, escape="\\"),
        items.c.text.ilike(pattern, escape="\\"),
        items.c.author.ilike(pattern, escape="\\"),
    )


def _where(f: Filter, *, fts: bool = False) -> list:
    """The filter as SQL conditions on `mentions`, and on `items` for language and LIKE search."""
    c = mentions.c
    cond: list = []
    if f.brands:
        cond.append(c.brand.in_(list(f.brands)))
    if f.since:
        cond.append(c.day >= f.since)
    if f.until:
        cond.append(c.day <= f.until)
    if f.owned == "owned":
        cond.append(c.owned.is_(True))
    elif f.owned == "earned":
        cond.append(c.owned.is_(False))
    if f.sources:
        cond.append(c.source.in_(list(f.sources)))
    if f.kinds:
        cond.append(c.kind.in_(list(f.kinds)))
    if f.labels:
        named = [x for x in f.labels if x != "none"]
        parts = [c.label.in_(named)] if named else []
        if "none" in f.labels:
            parts.append(c.label.is_(None))
        cond.append(or_(*parts))
    if f.langs:
        named = [x for x in f.langs if x != "none"]
        parts = [items.c.lang.in_(named)] if named else []
        if "none" in f.langs:
            parts.append(items.c.lang.is_(None))
        cond.append(or_(*parts))
    if f.text.strip():
        cond.append(_text_condition(f.text.strip(), fts))
    return cond


def _scope(conn: Connection, f: Filter, *, join_items: bool = False) -> tuple:
    """(FROM clause, WHERE conditions) for the filter: items is joined only when needed."""
    fts = bool(f.text.strip()) and has_search_index(conn)
    needs_items = join_items or bool(f.langs) or (bool(f.text.strip()) and not fts)
    src = mentions.join(items, items.c.id == mentions.c.item_id) if needs_items else mentions
    return src, _where(f, fts=fts)


def data_version(conn: Connection) -> str:
    """Changes whenever an ingest, an analysis run or a correction changed what pages show."""
    m = conn.execute(select(func.max(mentions.c.id))).scalar()
    k = conn.execute(select(func.max(corrections.c.id))).scalar()
    r = conn.execute(select(func.max(runs.c.id), func.max(runs.c.finished))).first()
    return f"{m}:{k}:{r[0]}:{r[1]}"


def day_range(conn: Connection, brands: Sequence[str] = ()) -> tuple[str | None, str | None]:
    """First and last day with mentions (of `brands`, when given).

    One min() and one max() per brand: each is a single index probe on (brand, day), where one
    query over all brands would scan the whole index.
    """
    if not brands:
        row = conn.execute(select(func.min(mentions.c.day), func.max(mentions.c.day))).first()
        return (row[0], row[1]) if row else (None, None)
    firsts, lasts = [], []
    for b in brands:
        where = mentions.c.brand == b
        firsts.append(conn.execute(select(func.min(mentions.c.day)).where(where)).scalar())
        lasts.append(conn.execute(select(func.max(mentions.c.day)).where(where)).scalar())
    firsts = [d for d in firsts if d]
    lasts = [d for d in lasts if d]
    return (min(firsts) if firsts else None, max(lasts) if lasts else None)


def _tone_columns(earned_only: bool = True) -> list:
    c = mentions.c
    earned = c.owned.is_(False)

    def n(cond):
        return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)

    return [
        func.count().label("mentions"),
        n(c.owned.is_(True)).label("owned"),
        n(earned).label("earned"),
        n(and_(c.label == "pos", earned) if earned_only else c.label == "pos").label("pos"),
        n(and_(c.label == "neu", earned) if earned_only else c.label == "neu").label("neu"),
        n(and_(c.label == "neg", earned) if earned_only else c.label == "neg").label("neg"),
    ]


def daily(conn: Connection, f: Filter) -> pd.DataFrame:
    """Per day and brand: mentions, owned, earned and the tone of earned mentions (pos/neu/neg)."""
    import pandas as pd

    src, cond = _scope(conn, f)
    q = (
        select(mentions.c.day, mentions.c.brand, *_tone_columns())
        .select_from(src)
        .where(*cond)
        .group_by(mentions.c.day, mentions.c.brand)
        .order_by(mentions.c.day, mentions.c.brand)
    )
    return pd.DataFrame(
        conn.execute(q).all(),
        columns=["day", "brand", "mentions", "owned", "earned", "pos", "neu", "neg"],
    )


def totals(conn: Connection, f: Filter) -> pd.DataFrame:
    """Per brand over the whole window: the same counts as daily()."""
    import pandas as pd

    src, cond = _scope(conn, f)
    q = (
        select(mentions.c.brand, *_tone_columns())
        .select_from(src)
        .where(*cond)
        .group_by(mentions.c.brand)
        .order_by(mentions.c.brand)
    )
    return pd.DataFrame(
        conn.execute(q).all(),
        columns=["brand", "mentions", "owned", "earned", "pos", "neu", "neg"],
    )


def sources(conn: Connection, f: Filter, limit: int = 15) -> tuple[pd.DataFrame, dict]:
    """Top sources by mentions, and over all sources: count, HHI and effective voices.

    HHI is computed from per-source counts, so only one row per source leaves the database.
    """
    import pandas as pd

    c = mentions.c
    src, cond = _scope(conn, f)
    q = (
        select(c.source, func.count().label("mentions"), *_tone_columns()[1:3])
        .select_from(src)
        .where(*cond)
        .group_by(c.source)
        .order_by(desc("mentions"), c.source)
    )
    rows = conn.execute(q).all()
    df = pd.DataFrame(rows, columns=["source", "mentions", "owned", "earned"])
    total = int(df["mentions"].sum()) if len(df) else 0
    earned_total = int(df["earned"].sum()) if len(df) else 0
    summary: dict = {"sources": len(df), "mentions": total, "hhi": None, "effective_voices": None}
    if earned_total:
        hhi = float(((df["earned"] / earned_total) ** 2).sum())
        summary.update(hhi=hhi, effective_voices=1.0 / hhi)
    top = df.head(limit).copy()
    top["share"] = top["mentions"] / total if total else 0.0
    return top, summary


def new_sources(conn: Connection, f: Filter, before_since: str, before_until: str) -> int:
    """Earned sources in the window that had no mention of the brands in the window just before."""
    prev = Filter(brands=f.brands, since=before_since, until=before_until, owned="earned")
    cur = Filter(brands=f.brands, since=f.since, until=f.until, owned="earned")
    earlier = select(mentions.c.source).where(*_where(prev))
    q = (
        select(func.count(func.distinct(mentions.c.source)))
        .where(*_where(cur))
        .where(mentions.c.source.notin_(earlier))
    )
    return int(conn.execute(q).scalar() or 0)


def authors(conn: Connection, f: Filter, limit: int = 15) -> pd.DataFrame:
    """Top named authors (joined from items) with their source and count."""
    import pandas as pd

    src, cond = _scope(conn, f, join_items=True)
    q = (
        select(
            items.c.author,
            func.min(mentions.c.source).label("source"),
            func.count().label("mentions"),
            func.max(case((mentions.c.owned.is_(True), 1), else_=0)).label("owned"),
        )
        .select_from(src)
        .where(*cond, items.c.author.is_not(None), items.c.author != "")
        .group_by(items.c.author)
        .order_by(desc("mentions"), items.c.author)
        .limit(limit)
    )
    return pd.DataFrame(conn.execute(q).all(), columns=["author", "source", "mentions", "owned"])


def owned_activity(conn: Connection, f: Filter) -> pd.DataFrame:
    """The brand's own channels in the window: posts per source and kind, and the latest post."""
    import pandas as pd

    c = mentions.c
    of = Filter(brands=f.brands, since=f.since, until=f.until, owned="owned")
    q = (
        select(
            c.source,
            c.kind,
            func.count().label("posts"),
            func.max(c.published).label("latest"),
        )
        .where(*_where(of))
        .group_by(c.source, c.kind)
        .order_by(desc("posts"), c.source)
    )
    return pd.DataFrame(conn.execute(q).all(), columns=["source", "kind", "posts", "latest"])


def feed_health(conn: Connection) -> pd.DataFrame:
    """Configured feeds with their status; failing ones first."""
    import pandas as pd

    bad = case((feeds.c.status.in_(["failing", "disabled", "gone"]), 0), else_=1)
    q = (
        select(
            feeds.c.url,
            feeds.c.title,
            feeds.c.kind,
            feeds.c.owner,
            feeds.c.status,
            feeds.c.failures,
            feeds.c.last_error,
            feeds.c.last_success,
            feeds.c.last_attempt,
        )
        .where(feeds.c.in_config.is_(True))
        .order_by(bad, desc(feeds.c.failures), feeds.c.url)
    )
    cols = ["url", "title", "kind", "owner", "status", "failures", "last_error", "last_success",
            "last_attempt"]  # fmt: skip
    return pd.DataFrame(conn.execute(q).all(), columns=cols)


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
    mentions.c.model,
    items.c.title,
    items.c.url,
    items.c.author,
    items.c.lang,
    func.substr(items.c.text, 1, 240).label("snippet"),
]


def mention_count(conn: Connection, f: Filter) -> int:
    src, cond = _scope(conn, f)
    q = select(func.count()).select_from(src).where(*cond)
    return int(conn.execute(q).scalar() or 0)


def mention_page(
    conn: Connection, f: Filter, *, sort: str = "new", offset: int = 0, limit: int = 25
) -> pd.DataFrame:
    """One page of mentions with their item fields, in the chosen order."""
    import pandas as pd

    order = SORTS.get(sort, SORTS["new"])
    src, cond = _scope(conn, f)
    # Page the narrow mentions rows first, then join items for just the page's rows: sorting
    # a window's mention ids is cheap, dragging every item's text through the sort is not.
    ids = (
        select(mentions.c.id)
        .select_from(src)
        .where(*cond)
        .order_by(*order)
        .offset(max(0, int(offset)))
        .limit(max(1, int(limit)))
        .subquery()
    )
    q = (
        select(*_PAGE_COLUMNS)
        .select_from(mentions.join(items, items.c.id == mentions.c.item_id))
        .where(mentions.c.id.in_(select(ids.c.id)))
        .order_by(*order)
    )
    cols = [col.key if hasattr(col, "key") else col.name for col in _PAGE_COLUMNS]
    return pd.DataFrame(conn.execute(q).all(), columns=cols)


def mention_rows(conn: Connection, f: Filter, *, sort: str = "new", chunk: int = 2000) -> Iterator:
    """Every mention matching the filter, streamed, for the CSV export."""
    src, cond = _scope(conn, f, join_items=True)
    q = (
        select(*_PAGE_COLUMNS[:-1], items.c.text)
        .select_from(src)
        .where(*cond)
        .order_by(*SORTS.get(sort, SORTS["new"]))
    )
    yield from conn.execution_options(stream_results=True, yield_per=chunk).execute(q)


def options(conn: Connection, f: Filter, limit: int = 300) -> dict[str, list[str]]:
    """Values offered by the mentions page's dropdowns for the brand and window."""
    base = Filter(brands=f.brands, since=f.since, until=f.until)
    sources_ = conn.execute(
        select(mentions.c.source)
        .where(*_where(base))
        .group_by(mentions.c.source)
        .order_by(desc(func.count()))
        .limit(limit)
    ).scalars()
    kinds = conn.execute(
        select(mentions.c.kind).where(*_where(base)).group_by(mentions.c.kind)
    ).scalars()
    # Languages are few and known (koll scores Swedish and English); listing the ones present
    # would mean visiting every item in the window, so the list is fixed.
    return {"sources": sorted(sources_), "kinds": sorted(kinds), "langs": ["en", "sv"]}


def stories(conn: Connection, f: Filter, limit: int = 8) -> pd.DataFrame:
    """Multi-item stories with mentions of the brands in the window, largest first.

    Starts from the (few) stored stories that overlap the window and counts their mentions,
    instead of grouping every mention in the window by story.
    """
    import pandas as pd

    try:
        from koll.store.analysis_store import stories as st
    except ImportError:
        return pd.DataFrame(columns=["title", "size", "mentions", "owned", "first_published"])
    cond = _where(Filter(brands=f.brands, since=f.since, until=f.until))
    window = []
    # Datetimes, not strings: PostgreSQL has no timestamp >= varchar (SQLite compares text).
    if f.since:
        window.append(st.c.last_published >= datetime.fromisoformat(f.since))
    if f.until:
        # first_published is UTC; a story whose first item came late on the last day still counts.
        window.append(st.c.first_published < datetime.fromisoformat(f"{f.until} 23:59:59.999999"))
    q = (
        select(
            st.c.title,
            st.c.size,
            func.count().label("mentions"),
            func.coalesce(func.sum(case((mentions.c.owned.is_(True), 1), else_=0)), 0).label(
                "owned"
            ),
            st.c.first_published,
        )
        .select_from(
            st.join(items, items.c.story_id == st.c.id).join(
                mentions, mentions.c.item_id == items.c.id
            )
        )
        .where(*window, *cond)
        .group_by(st.c.id)
        .order_by(desc(st.c.size), st.c.first_published)
        .limit(limit)
    )
    cols = ["title", "size", "mentions", "owned", "first_published"]
    return pd.DataFrame(conn.execute(q).all(), columns=cols)


def examples(conn: Connection, f: Filter, words: str, limit: int = 3) -> pd.DataFrame:
    """A few recent mentions containing `words` (for a topic or a rising term), newest first.

    Unlike the mentions table this needs no total, so on SQLite it takes only the newest few
    thousand search hits (items are numbered in arrival order) instead of every hit.
    """

    q = fts_query(words)
    if q is None:
        return mention_page(conn, Filter(), limit=0).iloc[0:0]
    if not has_search_index(conn):
        return mention_page(conn, Filter(**{**f.__dict__, "text": words}), limit=limit)
    return _newest_hits(conn, f, q, hits=5000, limit=limit)


def _newest_hits(conn: Connection, f: Filter, fts_q: str, hits: int, limit: int) -> pd.DataFrame:
    """The newest `limit` mentions (under f's brands, window and owned filter) among the
    newest `hits` items matching the FTS5 query, as mention_page rows."""
    import pandas as pd

    newest = (
        select(_FTS.c.rowid)
        .where(text_clause("items_fts MATCH :fts_q").bindparams(fts_q=fts_q))
        .order_by(_FTS.c.rowid.desc())
        .limit(hits)
    )
    base = Filter(brands=f.brands, since=f.since, until=f.until, owned=f.owned)
    ids = (
        select(mentions.c.id)
        .where(*_where(base), mentions.c.item_id.in_(newest))
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
    import pandas as pd

    queries = [(term, fts_query(term)) for term in terms]
    if not has_search_index(conn) or not any(q for _t, q in queries):
        return {term: examples(conn, f, term, per_term) for term in terms}
    match = " OR ".join(f"({q})" for _t, q in queries if q)
    df = _newest_hits(conn, f, match, hits=20000, limit=pool)
    haystack = (df["title"].fillna("") + " " + df["snippet"].fillna("")).str.casefold()
    out = {}
    for term, _q in queries:
        words = re.findall(r"\w+", term.casefold())
        mask = pd.Series(bool(words), index=df.index)
        for w in words:
            mask &= haystack.str.contains(r"\b" + re.escape(w), regex=True)
        out[term] = df[mask].head(per_term)
    return out


def mention_label(conn: Connection, item_id: int, brand: str) -> str | None:
    row = conn.execute(
        select(mentions.c.label).where(mentions.c.item_id == item_id, mentions.c.brand == brand)
    ).first()
    return row[0] if row else None


def item_title(conn: Connection, item_id: int) -> str:
    row = conn.execute(select(items.c.title).where(items.c.id == item_id)).first()
    return (row[0] or "") if row else ""


__all__ = [
    "DASH_INDEX",
    "Filter",
    "OWNED_CHOICES",
    "SORTS",
    "authors",
    "daily",
    "data_version",
    "day_range",
    "ensure_indexes",
    "feed_health",
    "mention_count",
    "mention_label",
    "mention_page",
    "mention_rows",
    "new_sources",
    "options",
    "owned_activity",
    "sources",
    "totals",
]
