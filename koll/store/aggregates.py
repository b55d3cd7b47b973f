"""The dashboard's aggregates: small counts computed in SQL (per day, per source, per brand).

The dashboard never loads mentions into pandas to count them: each function here returns a
handful of grouped rows. The mentions table's pages and searches are in mention_pages.py; what is
selected is a filters.Filter.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, case, desc, func, select
from sqlalchemy.engine import Connection

from koll.store import schema
from koll.store.filters import Filter
from koll.store.schema import corrections, feeds, items, mentions, runs

if TYPE_CHECKING:  # pandas is imported where a frame is built: the ingest path never loads it
    import pandas as pd


def data_version(conn: Connection) -> str:
    """Changes whenever an ingest, an analysis run or a correction changed what pages show."""
    m = conn.execute(select(func.max(mentions.c.id))).scalar()
    k = conn.execute(select(func.max(corrections.c.id))).scalar()
    r = conn.execute(select(func.max(runs.c.id), func.max(runs.c.finished))).one()
    return f"{m}:{k}:{r[0]}:{r[1]}"


def day_range(conn: Connection, brands: Sequence[str] = ()) -> tuple[str | None, str | None]:
    """First and last day with mentions (of `brands`, when given).

    One min() and one max() per brand: each is a single index probe on (brand, day), where one
    query over all brands would scan the whole index.
    """
    if not brands:
        row = conn.execute(select(func.min(mentions.c.day), func.max(mentions.c.day))).first()
        return (row[0], row[1]) if row else (None, None)
    firsts: list[Any] = []  # day strings, or None for a brand without mentions
    lasts: list[Any] = []
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

    src, cond = f.scope(conn.dialect.name)
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

    src, cond = f.scope(conn.dialect.name)
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
    src, cond = f.scope(conn.dialect.name)
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
    cur = f.window().replace(owned="earned")
    prev = cur.replace(since=before_since, until=before_until)
    earlier = select(mentions.c.source).where(*prev.conditions())
    q = (
        select(func.count(func.distinct(mentions.c.source)))
        .where(*cur.conditions())
        .where(mentions.c.source.notin_(earlier))
    )
    return int(conn.execute(q).scalar() or 0)


def authors(conn: Connection, f: Filter, limit: int = 15) -> pd.DataFrame:
    """Top named authors (joined from items) with their source and count."""
    import pandas as pd

    src, cond = f.scope(conn.dialect.name, join_items=True)
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
    of = f.window().replace(owned="owned")
    q = (
        select(
            c.source,
            c.kind,
            func.count().label("posts"),
            func.max(c.published).label("latest"),
        )
        .where(*of.conditions())
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


def stories(conn: Connection, f: Filter, limit: int = 8) -> pd.DataFrame:
    """Multi-item stories with mentions of the brands in the window, largest first.

    Starts from the (few) stored stories that overlap the window and counts their mentions,
    instead of grouping every mention in the window by story.
    """
    import pandas as pd

    st = schema.stories
    cond = f.window().conditions()
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
