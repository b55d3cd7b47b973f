"""Rows for `koll export`, streamed from the database in chunks with the contract's field names."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from ingest.store import from_db
from ingest.store.schema import feeds, items, mentions

ITEM_FIELDS = ["url", "title", "text", "published", "source", "feed", "author", "lang", "kind"]
MENTION_FIELDS = ITEM_FIELDS + ["brand", "owned", "label", "score", "story"]


def _iso(dt) -> str:
    return from_db(dt).isoformat().replace("+00:00", "Z")


def export_rows(conn: Connection, what: str, *, brand: str | None = None, since: str | None = None,
                until: str | None = None, chunk: int = 5000) -> Iterator[dict]:
    cols = [items.c.url, items.c.key, items.c.title, items.c.text, items.c.published, items.c.source,
            feeds.c.url.label("feed"), items.c.author, items.c.lang, items.c.kind, items.c.id, items.c.story_id]
    src = items.outerjoin(feeds, feeds.c.id == items.c.feed_id)
    if what == "mentions":
        cols += [mentions.c.brand, mentions.c.owned, mentions.c.label, mentions.c.score]
        src = src.join(mentions, mentions.c.item_id == items.c.id)
        day = mentions.c.day
    else:
        day = items.c.day
    q = select(*cols).select_from(src)
    if brand and what == "mentions":
        q = q.where(func.lower(mentions.c.brand) == brand.lower())
    if since:
        q = q.where(day >= since)
    if until:
        q = q.where(day <= until)
    q = q.order_by(items.c.published, items.c.id)
    result = conn.execution_options(stream_results=True, yield_per=chunk).execute(q)
    for r in result:
        row = {
            "url": r.url or r.key,
            "title": r.title,
            "text": r.text,
            "published": _iso(r.published),
            "source": r.source,
            "feed": r.feed,
            "author": r.author,
            "lang": r.lang,
            "kind": r.kind,
        }
        if what == "mentions":
            row.update(brand=r.brand, owned=bool(r.owned), label=r.label, score=r.score,
                       story=r.story_id)
        yield row
