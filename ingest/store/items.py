"""Items, their feeds, mentions and scores: storing a fetched feed and reading mentions back."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import pandas as pd
from sqlalchemy import and_, func, or_, select
from sqlalchemy.engine import Connection

from ingest.models import Item, Mention
from ingest.store import insert_ignore, local_day, to_db
from ingest.store.schema import item_feeds, items, mentions, scores


@dataclass(frozen=True)
class Score:
    """A sentiment result as the store keeps it."""

    label: str | None
    score: float | None
    confidence: float | None
    lang: str | None
    model: str


def existing_keys(conn: Connection, keys: Sequence[str]) -> set[str]:
    found: set[str] = set()
    keys = list(keys)
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        found.update(r[0] for r in conn.execute(select(items.c.key).where(items.c.key.in_(chunk))))
    return found


def save_items(
    conn: Connection,
    feed_id: int,
    batch: Sequence[Item],
    *,
    now: datetime,
    mentions_of: Mapping[str, Sequence[Mention]] | None = None,
    item_scores: Mapping[str, Score] | None = None,
    mention_scores: Mapping[tuple[str, str], Score] | None = None,
) -> int:
    """Store one feed's items (call inside one transaction); returns how many were new.

    An item already stored under the same key, or with the same normalised content on the same
    site, is not stored again: the feed is recorded as one more source of it.
    """
    mentions_of = mentions_of or {}
    item_scores = item_scores or {}
    mention_scores = mention_scores or {}
    new = 0
    now_db = to_db(now)
    for it in batch:
        row = conn.execute(
            select(items.c.id)
            .where(
                or_(
                    items.c.key == it.key,
                    and_(items.c.source == it.source, items.c.content_hash == it.content_hash),
                )
            )
            .limit(1)
        ).first()
        if row is not None:
            insert_ignore(
                conn, item_feeds, [{"item_id": row.id, "feed_id": feed_id}], ["item_id", "feed_id"]
            )
            continue
        published = it.published or now
        res = conn.execute(
            items.insert().values(
                key=it.key,
                url=it.url,
                guid=it.guid,
                title=it.title,
                text=it.text,
                published=to_db(published),
                published_estimated=it.published_estimated or it.published is None,
                day=local_day(published),
                first_seen=now_db,
                author=it.author,
                source=it.source,
                kind=it.kind,
                lang=it.lang,
                parent_key=it.parent_key,
                content_hash=it.content_hash,
                feed_id=feed_id,
            )
        )
        item_id = res.inserted_primary_key[0]
        new += 1
        conn.execute(item_feeds.insert().values(item_id=item_id, feed_id=feed_id))
        s = item_scores.get(it.key)
        if s is not None:
            conn.execute(
                scores.insert().values(
                    item_id=item_id,
                    lang=s.lang,
                    label=s.label,
                    score=s.score,
                    confidence=s.confidence,
                    model=s.model,
                    scored_at=now_db,
                )
            )
        rows = []
        for m in mentions_of.get(it.key, ()):
            ms = mention_scores.get((it.key, m.brand))
            rows.append(
                dict(
                    item_id=item_id,
                    brand=m.brand,
                    owned=m.owned,
                    owned_by=m.owned_by,
                    person=m.person,
                    day=local_day(published),
                    published=to_db(published),
                    source=it.source,
                    kind=it.kind,
                    label=ms.label if ms else None,
                    score=ms.score if ms else None,
                    confidence=ms.confidence if ms else None,
                    model=ms.model if ms else None,
                )
            )
        if rows:
            conn.execute(mentions.insert(), rows)
    return new


_MENTION_COLUMNS = [
    items.c.id.label("item_id"),
    items.c.key,
    items.c.url,
    items.c.title,
    items.c.text,
    items.c.published,
    items.c.published_estimated,
    items.c.author,
    items.c.source,
    items.c.kind,
    items.c.lang,
    items.c.parent_key,
    items.c.story_id,
    mentions.c.brand,
    mentions.c.owned,
    mentions.c.owned_by,
    mentions.c.person,
    mentions.c.day,
    mentions.c.label,
    mentions.c.score,
    mentions.c.confidence,
    mentions.c.model,
    mentions.c.key_message,
]


def mentions_query(brand: str | None = None, since: str | None = None, until: str | None = None):
    """SELECT of mentions joined with their items, filtered by brand and inclusive day window."""
    q = select(*_MENTION_COLUMNS).select_from(
        mentions.join(items, items.c.id == mentions.c.item_id)
    )
    if brand:
        q = q.where(func.lower(mentions.c.brand) == brand.lower())
    if since:
        q = q.where(mentions.c.day >= since)
    if until:
        q = q.where(mentions.c.day <= until)
    return q.order_by(mentions.c.published, mentions.c.id)


def load_mentions(
    conn: Connection, brand: str | None = None, since: str | None = None, until: str | None = None
) -> pd.DataFrame:
    """Mentions with item fields as a DataFrame; `published` is aware UTC."""
    df = pd.read_sql(mentions_query(brand, since, until), conn)
    if not df.empty:
        df["published"] = pd.to_datetime(df["published"], utc=True)
    return df


def items_query(since: str | None = None, until: str | None = None):
    q = select(items)
    if since:
        q = q.where(items.c.day >= since)
    if until:
        q = q.where(items.c.day <= until)
    return q.order_by(items.c.published, items.c.id)


def count_items(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(items)).scalar_one()
