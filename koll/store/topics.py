"""Topics per brand and period, as `koll analyse` stores them and the views read them."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Connection

from koll.store import to_db
from koll.store.items import brand_names
from koll.store.schema import topics

if TYPE_CHECKING:  # pandas is imported where a frame is built: the ingest path never loads it
    import pandas as pd


def replace_topics(
    conn: Connection,
    brand: str,
    since: str | None,
    until: str | None,
    rows: Sequence[dict],
    now: datetime,
) -> None:
    """Replace the brand's topics for one period in one statement batch."""
    s, u = since or "", until or ""
    conn.execute(
        delete(topics).where(topics.c.brand == brand, topics.c.since == s, topics.c.until == u)
    )
    if rows:
        conn.execute(
            topics.insert(),
            [
                dict(
                    brand=brand,
                    since=s,
                    until=u,
                    topic_no=int(r["topic_no"]),
                    label=r["label"],
                    terms=json.dumps(list(r["terms"]), ensure_ascii=False),
                    size=int(r["size"]),
                    share=float(r["share"]),
                    representative_item_id=r.get("representative_item_id"),
                    representative_title=r.get("representative_title"),
                    created_at=to_db(now),
                )
                for r in rows
            ],
        )


def load_topics(
    conn: Connection, brand: str, since: str | None = None, until: str | None = None
) -> pd.DataFrame:
    """Stored topics of a brand for exactly that period (None = open end)."""
    import pandas as pd

    q = (
        select(topics)
        .where(
            topics.c.brand.in_(brand_names(conn, brand, topics.c.brand)),
            topics.c.since == (since or ""),
            topics.c.until == (until or ""),
        )
        .order_by(topics.c.topic_no)
    )
    df = pd.read_sql(q, conn)
    if not df.empty:
        df["terms"] = df["terms"].map(json.loads)
    return df


def topics_created(
    conn: Connection, brand: str, since: str | None, until: str | None
) -> datetime | None:
    """When the brand's topics for that period were last computed (naive UTC), or None."""
    q = select(func.max(topics.c.created_at)).where(
        topics.c.brand == brand, topics.c.since == (since or ""), topics.c.until == (until or "")
    )
    return conn.execute(q).scalar()


def topic_periods(conn: Connection, brand: str) -> list[tuple[str, str]]:
    q = (
        select(topics.c.since, topics.c.until)
        .where(topics.c.brand.in_(brand_names(conn, brand, topics.c.brand)))
        .distinct()
    )
    return [(r[0], r[1]) for r in conn.execute(q)]


def sample_texts(
    conn: Connection, names: Sequence[str], since: str, until: str, n: int, seed: int = 0
) -> tuple[pd.DataFrame, int]:
    """A fixed-seed sample of up to `n` of the window's mentions (views.TOPIC_INPUT's columns,
    oldest first), and how many mentions the window has: topics for any period without reading a
    year of texts. Kind, source and language go with each text, as views.brand_topics reads them
    (without them the dashboard's topics counted site names and comment titles).

    The window's item ids come from the brand-day index alone; only the sample's texts are read.
    """
    import random

    import pandas as pd

    from koll.store.filters import Filter
    from koll.store.schema import items, mentions

    window = Filter(brands=tuple(names), since=since, until=until)
    ids = sorted({r[0] for r in conn.execute(window.apply(select(mentions.c.item_id)))})
    total = len(ids)
    chosen = sorted(random.Random(seed).sample(ids, n)) if total > n else ids
    rows = []
    for k in range(0, len(chosen), 900):  # SQLite's bound-parameter limit, with room to spare
        part = chosen[k : k + 900]
        cols = (items.c.id, items.c.title, items.c.text, items.c.kind, items.c.source)
        q = select(*cols, items.c.lang, items.c.published).where(items.c.id.in_(part))
        rows += [tuple(r) for r in conn.execute(q).all()]
    columns = ["item_id", "title", "text", "kind", "source", "lang", "published"]
    df = pd.DataFrame(rows, columns=columns).sort_values(["published", "item_id"], kind="stable")
    return df.drop(columns="published").reset_index(drop=True), total
