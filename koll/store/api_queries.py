"""The SELECTs behind the analysts' API (koll/): mentions, items and corrections, filtered in SQL.

The API turns these into typed DataFrames; keeping the SQL here means notebooks and koll/ never
build queries themselves, and large loads are filtered and streamed by the database.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import case, func, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql import Select

from koll.store.filters import Filter, owned_choice
from koll.store.schema import corrections, feeds, items, mentions, scores

if TYPE_CHECKING:  # pandas is imported where a frame is built: the ingest path never loads it
    import pandas as pd

# Every column the API can return for a mention, by its public name. `story` is the item's
# story (null until `koll analyse` has clustered stories); `feed` is the feed it was first seen in.
MENTION_COLUMNS = {
    "item_id": items.c.id,
    "key": items.c.key,
    "url": items.c.url,
    "title": items.c.title,
    "text": items.c.text,
    "published": items.c.published,
    "published_estimated": items.c.published_estimated,
    "day": mentions.c.day,
    "brand": mentions.c.brand,
    "owned": mentions.c.owned,
    "owned_by": mentions.c.owned_by,
    "person": mentions.c.person,
    "source": items.c.source,
    "kind": items.c.kind,
    "lang": items.c.lang,
    "author": items.c.author,
    "label": mentions.c.label,
    "score": mentions.c.score,
    "confidence": mentions.c.confidence,
    "model": mentions.c.model,
    "key_message": mentions.c.key_message,
    "story": items.c.story_id,
    "parent_key": items.c.parent_key,
    "feed": feeds.c.url,
}

# Items, with the brand-independent tone of the whole text from `scores` (null when unscored).
ITEM_COLUMNS = {
    "item_id": items.c.id,
    "key": items.c.key,
    "url": items.c.url,
    "title": items.c.title,
    "text": items.c.text,
    "published": items.c.published,
    "published_estimated": items.c.published_estimated,
    "day": items.c.day,
    "first_seen": items.c.first_seen,
    "source": items.c.source,
    "kind": items.c.kind,
    "lang": items.c.lang,
    "author": items.c.author,
    "label": scores.c.label,
    "score": scores.c.score,
    "confidence": scores.c.confidence,
    "model": scores.c.model,
    "story": items.c.story_id,
    "parent_key": items.c.parent_key,
    "feed": feeds.c.url,
}

CORRECTION_COLUMNS = {
    "correction_id": corrections.c.id,
    "item_id": corrections.c.item_id,
    "brand": corrections.c.brand,
    "label": corrections.c.label,
    "previous_label": corrections.c.previous_label,
    "created_at": corrections.c.created_at,
    "author": corrections.c.author,
    "title": items.c.title,
    "text": items.c.text,
    "source": items.c.source,
    "published": items.c.published,
}


def _pick(available: dict, columns: Sequence[str] | None, what: str) -> list:
    if columns is None:
        return [c.label(n) for n, c in available.items()]
    unknown = [c for c in columns if c not in available]
    if unknown:
        raise ValueError(
            f"unknown {what} column(s) {', '.join(map(repr, unknown))}; "
            f"available: {', '.join(available)}"
        )
    return [available[n].label(n) for n in dict.fromkeys(columns)]


def mentions_select(
    *,
    brands: Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    owned: bool | None = None,
    sources: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
    labels: Sequence[str] | None = None,
    columns: Sequence[str] | None = None,
) -> Select:
    """Mentions joined with their items; brands are exact configured names; days are inclusive.

    A label "none" selects the mentions not scored (as in the dashboard's filter)."""
    q = select(*_pick(MENTION_COLUMNS, columns, "mention")).select_from(
        mentions.join(items, items.c.id == mentions.c.item_id).outerjoin(
            feeds, feeds.c.id == items.c.feed_id
        )
    )
    f = Filter(
        brands=brands or (),
        since=since,
        until=until,
        owned=owned_choice(owned),
        sources=sources or (),
        kinds=kinds or (),
        labels=labels or (),
    )
    return f.apply(q).order_by(mentions.c.published, mentions.c.id)


def items_select(
    *,
    since: str | None = None,
    until: str | None = None,
    sources: Sequence[str] | None = None,
    kinds: Sequence[str] | None = None,
    langs: Sequence[str] | None = None,
    columns: Sequence[str] | None = None,
) -> Select:
    """Stored items with their whole-text score and first feed; days are inclusive."""
    q = select(*_pick(ITEM_COLUMNS, columns, "item")).select_from(
        items.outerjoin(scores, scores.c.item_id == items.c.id).outerjoin(
            feeds, feeds.c.id == items.c.feed_id
        )
    )
    f = Filter(
        since=since, until=until, sources=sources or (), kinds=kinds or (), langs=langs or ()
    )
    return f.apply(q, on=items).order_by(items.c.published, items.c.id)


def daily_select(
    *,
    brands: Sequence[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    owned: bool | None = None,
) -> Select:
    """Per day and brand: mentions, owned, earned, and pos/neu/neg/unscored counts (in SQL)."""
    m = mentions.c

    def count_if(condition):
        return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)

    q = select(
        m.day,
        m.brand,
        func.count().label("mentions"),
        count_if(m.owned.is_(True)).label("owned"),
        count_if(m.owned.is_(False)).label("earned"),
        count_if(m.label == "pos").label("pos"),
        count_if(m.label == "neu").label("neu"),
        count_if(m.label == "neg").label("neg"),
        count_if(m.label.is_(None)).label("unscored"),
    )
    f = Filter(brands=brands or (), since=since, until=until, owned=owned_choice(owned))
    return f.apply(q).group_by(m.day, m.brand).order_by(m.day, m.brand)


def corrections_select(brands: Sequence[str] | None = None) -> Select:
    """Analysts' tone corrections, oldest first, with the corrected item's title and text."""
    q = select(*_pick(CORRECTION_COLUMNS, None, "correction")).select_from(
        corrections.join(items, items.c.id == corrections.c.item_id)
    )
    if brands:
        q = q.where(corrections.c.brand.in_(list(brands)))
    return q.order_by(corrections.c.created_at, corrections.c.id)


def read_frame(conn: Connection, query: Select) -> pd.DataFrame:
    import pandas as pd

    return pd.read_sql(query, conn)


def read_chunks(conn: Connection, query: Select, chunksize: int) -> Iterator[pd.DataFrame]:
    """Stream a query as DataFrames of at most `chunksize` rows (a server-side cursor on PostgreSQL)."""
    import pandas as pd

    streaming = conn.execution_options(stream_results=True, yield_per=chunksize)
    for chunk in pd.read_sql(query, streaming, chunksize=chunksize):
        if not chunk.empty:  # pandas yields one empty frame for an empty result
            yield chunk


def mention_day_range(
    conn: Connection, brands: Sequence[str] | None = None, until: str | None = None
) -> tuple[str | None, str | None]:
    """First and last day (YYYY-MM-DD) with a mention of any of `brands` (or of any brand), not
    after `until` when given."""
    q = Filter(brands=brands or ()).apply(
        select(func.min(mentions.c.day), func.max(mentions.c.day))
    )
    if until is not None:
        q = q.where(mentions.c.day <= until)
    row = conn.execute(q).first()
    return (row[0], row[1]) if row else (None, None)
