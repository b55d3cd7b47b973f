"""Stories, topics and alerts tables, and the SQL that `koll analyse`, reports and the dashboard use."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    and_,
    bindparam,
    delete,
    func,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Connection

from koll.store import insert_ignore, to_db
from koll.store.schema import items, mentions, metadata

if TYPE_CHECKING:  # pandas is imported where a frame is built: the ingest path never loads it
    import pandas as pd

# A story of two or more items; its id is the smallest item id in it (items.story_id points here;
# single items carry their own id as story_id and get no row).
stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("size", Integer, nullable=False),
    Column("first_published", DateTime, nullable=False),
    Column("last_published", DateTime, nullable=False),
    Column("first_item_id", Integer, nullable=False),
    Column("title", Text),
    Column("updated_at", DateTime, nullable=False),
)

# Topics per brand and period (since/until '' = open end), replaced as a whole on recompute.
topics = Table(
    "topics",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("brand", String(200), nullable=False),
    Column("since", String(10), nullable=False),
    Column("until", String(10), nullable=False),
    Column("topic_no", Integer, nullable=False),
    Column("label", Text, nullable=False),
    Column("terms", Text, nullable=False),  # JSON list of top terms
    Column("size", Integer, nullable=False),
    Column("share", Float, nullable=False),
    Column("representative_item_id", Integer),
    Column("representative_title", Text),
    Column("created_at", DateTime, nullable=False),
    UniqueConstraint("brand", "since", "until", "topic_no", name="uq_topics_period_no"),
)

# One row per alert; `key` makes detection idempotent, `delivered_at` makes delivery once-only.
alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(512), nullable=False, unique=True),
    Column("brand", String(200), nullable=False),
    Column("kind", String(16), nullable=False),  # volume | negative | term | topic
    Column("day", String(10), nullable=False),
    Column("subject", Text),
    Column("reason", Text, nullable=False),
    Column("value", Float),
    Column("baseline", Float),
    Column("p_value", Float),
    Column("created_at", DateTime, nullable=False),
    Column("delivered_at", DateTime),
    Column("claim", String(64)),
    Column("claimed_at", DateTime),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Index("ix_alerts_brand_day", "brand", "day"),
)


# --- stories ---------------------------------------------------------------------------------


def items_for_stories(conn: Connection, since_day: str | None = None) -> pd.DataFrame:
    """Non-comment items (id, title + text, published, story_id) to cluster.

    With `since_day`: items from that day on, plus any older item never clustered.
    """
    import pandas as pd

    q = select(
        items.c.id.label("item_id"),
        items.c.title,
        items.c.text,
        items.c.published,
        items.c.story_id,
    ).where(items.c.kind != "comments")
    if since_day:
        q = q.where(or_(items.c.day >= since_day, items.c.story_id.is_(None)))
    df = pd.read_sql(q.order_by(items.c.id), conn)
    df["text"] = df["title"].fillna("") + "\n" + df["text"].fillna("")
    return df


def save_story_ids(conn: Connection, changes: Sequence[tuple[int, int]]) -> int:
    """Set items.story_id for (item_id, story_id) pairs; returns how many were written."""
    stmt = update(items).where(items.c.id == bindparam("iid")).values(story_id=bindparam("sid"))
    rows = [{"iid": int(i), "sid": int(s)} for i, s in changes]
    for k in range(0, len(rows), 5000):
        conn.execute(stmt, rows[k : k + 5000])
    return len(rows)


def replace_stories(
    conn: Connection, table: pd.DataFrame, now: datetime, replaced: Iterable[int] | None = None
) -> None:
    """Store story rows; first delete the rows with ids in `replaced` (None: every row)."""
    import pandas as pd

    if replaced is None:
        conn.execute(delete(stories))
    else:
        ids = sorted({int(i) for i in replaced} | {int(i) for i in table["story_id"]})
        for k in range(0, len(ids), 500):
            conn.execute(delete(stories).where(stories.c.id.in_(ids[k : k + 500])))
    rows = [
        dict(
            id=int(r.story_id),
            size=int(r.size),
            first_published=to_db(pd.Timestamp(r.first_published).to_pydatetime()),
            last_published=to_db(pd.Timestamp(r.last_published).to_pydatetime()),
            first_item_id=int(r.first_item_id),
            title=(r.title or "")[:500],
            updated_at=to_db(now),
        )
        for r in table.itertuples(index=False)
    ]
    for k in range(0, len(rows), 5000):
        conn.execute(stories.insert(), rows[k : k + 5000])


def load_stories(
    conn: Connection,
    brand: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int = 50,
) -> pd.DataFrame:
    """Stories (largest first) with how many of the brand's mentions and owned items they hold."""
    import pandas as pd

    m = select(
        items.c.story_id,
        func.count().label("mentions"),
        func.sum(mentions.c.owned.cast(Integer)).label("owned"),
        func.min(mentions.c.published).label("first_mention"),
    ).select_from(mentions.join(items, items.c.id == mentions.c.item_id))
    m = m.where(items.c.story_id.is_not(None))
    if brand:
        m = m.where(func.lower(mentions.c.brand) == brand.lower())
    if since:
        m = m.where(mentions.c.day >= since)
    if until:
        m = m.where(mentions.c.day <= until)
    m = m.group_by(items.c.story_id).subquery()
    q = (
        select(stories, m.c.mentions, m.c.owned, m.c.first_mention)
        .select_from(stories.join(m, m.c.story_id == stories.c.id))
        .order_by(stories.c.size.desc(), stories.c.first_published)
        .limit(limit)
    )
    return pd.read_sql(q, conn)


# --- control inputs --------------------------------------------------------------------------


def comment_threads(conn: Connection, brand: str, parent_keys: Iterable[str]) -> pd.DataFrame:
    """Comments on the given items: parent_key, author, and whether the brand owns the comment."""
    import pandas as pd

    keys = list(dict.fromkeys(parent_keys))
    frames = []
    for k in range(0, len(keys), 500):
        q = (
            select(
                items.c.parent_key,
                items.c.author,
                mentions.c.owned,
            )
            .select_from(
                items.outerjoin(
                    mentions,
                    and_(
                        mentions.c.item_id == items.c.id,
                        func.lower(mentions.c.brand) == brand.lower(),
                    ),
                )
            )
            .where(items.c.kind == "comments", items.c.parent_key.in_(keys[k : k + 500]))
        )
        frames.append(pd.read_sql(q, conn))
    if not frames:
        return pd.DataFrame(columns=["parent_key", "author", "owned"])
    return pd.concat(frames, ignore_index=True)


def window_comment_threads(
    conn: Connection,
    names: Sequence[str],
    since: str | None,
    until: str | None,
    *,
    drive: str | None = None,
) -> pd.DataFrame:
    """comment_threads for the brand's earned posts (not comments) in the window, in one query.

    These are the only threads dialogue_rate looks at. `names` are the brand's stored spellings
    (items.stored_brands), so the indexes apply. `drive` ("posts" or "threads") forces one of the
    two equal plans below (tests); by default the cheaper one is taken.
    """
    import pandas as pd

    earned = [mentions.c.brand.in_(list(names)), mentions.c.owned.is_(False)]
    if since:
        earned.append(mentions.c.day >= since)
    if until:
        earned.append(mentions.c.day <= until)
    post = or_(items.c.kind.is_(None), items.c.kind != "comments")
    # Two exact ways to find the window's earned posts that have a thread; the cheaper one is
    # picked by two index-only counts. From the posts: every earned mention's item row (a lookup
    # per post, a million-item table's worst case). From the threads: the distinct parent keys
    # (ix_items_parent alone), then only those posts, when the store holds fewer comments.
    if drive is None:
        n_comments = conn.execute(
            select(func.count()).select_from(items).where(items.c.parent_key.is_not(None))
        ).scalar_one()
        n_posts = conn.execute(
            select(func.count()).select_from(mentions).where(*earned)
        ).scalar_one()
        drive = "threads" if n_comments < n_posts else "posts"
    if drive == "threads":
        t = items.alias("thread_items")
        threads = select(t.c.parent_key).where(t.c.parent_key.is_not(None)).distinct()
        post_of = and_(mentions.c.item_id == items.c.id, mentions.c.brand.in_(list(names)))
        if conn.dialect.name == "postgresql":
            # One probe per thread (items' key index, then the mention), as a correlated
            # LIMIT 1: written as a join, PostgreSQL hashes the whole items table instead.
            th = threads.subquery("threads")
            has_post = (
                select(items.c.id)
                .select_from(items.join(mentions, post_of))
                .where(items.c.key == th.c.parent_key, post, *earned)
                .limit(1)
                .correlate(th)
            )
            parents = select(th.c.parent_key).where(has_post.exists())
        else:
            parents = (
                select(items.c.key)
                .select_from(items.join(mentions, post_of))
                .where(items.c.key.in_(threads), post, *earned)
            )
    else:
        parents = (
            select(items.c.key)
            .select_from(mentions.join(items, items.c.id == mentions.c.item_id))
            .where(post, *earned)
        )
    q = (
        select(items.c.parent_key, items.c.author, mentions.c.owned)
        .select_from(
            items.outerjoin(
                mentions,
                and_(mentions.c.item_id == items.c.id, mentions.c.brand.in_(list(names))),
            )
        )
        .where(items.c.kind == "comments", items.c.parent_key.in_(parents))
    )
    # Columns straight from plain tuples: from_records on Row objects inspects every row.
    rows = [tuple(r) for r in conn.execute(q)]
    cols = ["parent_key", "author", "owned"]
    if not rows:
        return pd.DataFrame(columns=cols)
    return pd.DataFrame(dict(zip(cols, map(list, zip(*rows, strict=True)), strict=True)))


def _in_window(q, names: Sequence[str], since: str | None, until: str | None):
    q = q.where(mentions.c.brand.in_(list(names)))
    if since:
        q = q.where(mentions.c.day >= since)
    if until:
        q = q.where(mentions.c.day <= until)
    return q


def control_counts(
    conn: Connection, names: Sequence[str], since: str | None, until: str | None
) -> pd.DataFrame:
    """The window's mentions grouped by owned, label, source, key_message and personal: column n.

    `personal` is whether one of the brand's people authored it. Read from ix_mentions_control
    alone (see aggregates.py) when that index exists.
    """
    import pandas as pd

    personal = mentions.c.person.is_not(None).label("personal")
    cols = [mentions.c.owned, mentions.c.label, mentions.c.source, mentions.c.key_message, personal]
    q = _in_window(select(*cols, func.count().label("n")), names, since, until).group_by(*cols)
    res = conn.execute(q)
    return pd.DataFrame.from_records(
        [tuple(r) for r in res],
        columns=["owned", "label", "source", "key_message", "personal", "n"],
    )


def unflagged_mentions(
    conn: Connection, names: Sequence[str], since: str | None, until: str | None
) -> pd.DataFrame:
    """The window's mentions without a key-message flag yet, with what flagging them needs.

    Columns: owned, label, source, personal (as control_counts), story_id, published, title, text.
    """
    import pandas as pd

    q = _in_window(
        select(
            mentions.c.owned,
            mentions.c.label,
            mentions.c.source,
            mentions.c.person.is_not(None).label("personal"),
            items.c.story_id,
            items.c.published,
            items.c.title,
            items.c.text,
        ).select_from(mentions.join(items, items.c.id == mentions.c.item_id)),
        names,
        since,
        until,
    ).where(mentions.c.key_message.is_(None))
    res = conn.execute(q)
    df = pd.DataFrame.from_records(
        [tuple(r) for r in res],
        columns=["owned", "label", "source", "personal", "story_id", "published", "title", "text"],
    )
    df["published"] = pd.to_datetime(df["published"], utc=True)
    return df


def window_has_stories(
    conn: Connection, names: Sequence[str], since: str | None, until: str | None
) -> bool:
    """Whether any mention in the window belongs to a story (`koll analyse` clustered it)."""
    q = select(items.c.id).select_from(mentions.join(items, items.c.id == mentions.c.item_id))
    q = _in_window(q, names, since, until).where(items.c.story_id.is_not(None)).limit(1)
    return conn.execute(q).first() is not None


def owned_story_mentions(
    conn: Connection, names: Sequence[str], since: str | None, until: str | None
) -> pd.DataFrame:
    """story_id, owned, published of the window's mentions in stories with an owned mention.

    Only such stories can count for agenda_share, so earned items elsewhere are never read: the
    owned mentions' stories, then those stories' mentions, in one statement (one round trip).
    """
    import pandas as pd

    owned = _in_window(
        select(items.c.story_id).select_from(
            mentions.join(items, items.c.id == mentions.c.item_id)
        ),
        names,
        since,
        until,
    ).where(mentions.c.owned.is_(True), items.c.story_id.is_not(None))
    # A story of one item (its own id as story_id) holds at most one mention of the brand, so it
    # never has both owned and earned mentions, nor an owned item earlier than another: only
    # stories of two or more items are read (ix_items_story alone tells which).
    other = items.alias("story_items")
    multi = (
        select(other.c.story_id)
        .where(other.c.story_id.in_(owned))
        .group_by(other.c.story_id)
        .having(func.count() > 1)
    )
    # Driven by the stories' items (ix_items_story, then the mentions' unique index); brand and
    # window are checked here, not in SQL, or the planner may walk the brand's whole index range.
    q = (
        select(
            items.c.story_id, mentions.c.owned, items.c.published, mentions.c.brand, mentions.c.day
        )
        .select_from(items.join(mentions, mentions.c.item_id == items.c.id))
        .where(items.c.story_id.in_(multi))
    )
    rows = [
        (sid, o, pub)
        for sid, o, pub, b, d in conn.execute(q)
        if b in names and (not since or d >= since) and (not until or d <= until)
    ]
    df = pd.DataFrame.from_records(rows, columns=["story_id", "owned", "published"])
    df["published"] = pd.to_datetime(df["published"], utc=True)
    return df


def has_comment_threads(conn: Connection) -> bool:
    """Whether the store holds any comment linked to a parent item."""
    # Only comments have a parent_key, so this is one seek in ix_items_parent.
    q = select(items.c.id).where(items.c.parent_key.is_not(None))
    return conn.execute(q.limit(1)).first() is not None


def count_brand_mentions(
    conn: Connection, names: Sequence[str], since: str | None, until: str | None
) -> int:
    """count_mentions for stored brand spellings (an index range, no per-row lower())."""
    if not names:
        return 0
    q = select(func.count()).select_from(mentions).where(mentions.c.brand.in_(list(names)))
    if since:
        q = q.where(mentions.c.day >= since)
    if until:
        q = q.where(mentions.c.day <= until)
    return int(conn.execute(q).scalar_one())


def brand_sources(conn: Connection, names: Sequence[str], since: str, until: str) -> set[str]:
    """mention_sources for stored brand spellings."""
    q = (
        select(mentions.c.source)
        .where(mentions.c.brand.in_(list(names)), mentions.c.day >= since, mentions.c.day <= until)
        .distinct()
    )
    return {r[0] for r in conn.execute(q)}


def count_mentions(
    conn: Connection, brands: Sequence[str], since: str | None, until: str | None
) -> int:
    """Mentions of any of `brands` in the window (one per item and brand)."""
    if not brands:
        return 0
    q = (
        select(func.count())
        .select_from(mentions)
        .where(func.lower(mentions.c.brand).in_([b.lower() for b in brands]))
    )
    if since:
        q = q.where(mentions.c.day >= since)
    if until:
        q = q.where(mentions.c.day <= until)
    return int(conn.execute(q).scalar_one())


def mention_sources(conn: Connection, brand: str, since: str, until: str) -> set[str]:
    """Sources with any mention of the brand in the inclusive window."""
    q = (
        select(mentions.c.source)
        .where(
            func.lower(mentions.c.brand) == brand.lower(),
            mentions.c.day >= since,
            mentions.c.day <= until,
        )
        .distinct()
    )
    return {r[0] for r in conn.execute(q)}


def mentions_for_flags(conn: Connection, brand: str, since_day: str | None) -> pd.DataFrame:
    """The brand's mentions from `since_day` on plus any never flagged (all with None)."""
    import pandas as pd

    from koll.store.items import mentions_query

    q = mentions_query(brand)
    if since_day:
        q = q.where(or_(mentions.c.day >= since_day, mentions.c.key_message.is_(None)))
    df = pd.read_sql(q, conn)
    if not df.empty:
        df["published"] = pd.to_datetime(df["published"], utc=True)
    return df


def save_key_message_flags(conn: Connection, brand: str, flags: Sequence[tuple[int, bool]]) -> int:
    """Set mentions.key_message for (item_id, flag) of one brand."""
    stmt = (
        update(mentions)
        .where(mentions.c.item_id == bindparam("iid"), mentions.c.brand == bindparam("b"))
        .values(key_message=bindparam("flag"))
    )
    rows = [{"iid": int(i), "b": brand, "flag": bool(f)} for i, f in flags]
    for k in range(0, len(rows), 5000):
        conn.execute(stmt, rows[k : k + 5000])
    return len(rows)


def daily_counts(conn: Connection, brand: str) -> pd.DataFrame:
    """Per Stockholm day: the brand's mentions, earned mentions and negative earned mentions."""
    import pandas as pd

    earned = ~mentions.c.owned
    q = (
        select(
            mentions.c.day,
            func.count().label("mentions"),
            func.sum(earned.cast(Integer)).label("earned"),
            func.sum(and_(earned, mentions.c.label == "neg").cast(Integer)).label("negative"),
        )
        .where(func.lower(mentions.c.brand) == brand.lower())
        .group_by(mentions.c.day)
        .order_by(mentions.c.day)
    )
    df = pd.read_sql(q, conn)
    for c in ("mentions", "earned", "negative"):
        df[c] = df[c].fillna(0).astype(int)
    return df


# --- topics ----------------------------------------------------------------------------------


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
            func.lower(topics.c.brand) == brand.lower(),
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
        .where(func.lower(topics.c.brand) == brand.lower())
        .distinct()
    )
    return [(r[0], r[1]) for r in conn.execute(q)]


# --- alerts ----------------------------------------------------------------------------------


def insert_alerts(conn: Connection, rows: Sequence[dict], now: datetime) -> int:
    """Store new alerts; one already stored under the same key is left as it is."""
    if not rows:
        return 0
    keys = [r["key"] for r in rows]
    before = {r[0] for r in conn.execute(select(alerts.c.key).where(alerts.c.key.in_(keys)))}
    insert_ignore(
        conn, alerts, [{**r, "created_at": to_db(now), "attempts": 0} for r in rows], ["key"]
    )
    return len(set(keys) - before)


def list_alerts(
    conn: Connection,
    brand: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = 200,
) -> pd.DataFrame:
    """Alerts, newest day first."""
    import pandas as pd

    q = select(
        alerts.c.id,
        alerts.c.brand,
        alerts.c.kind,
        alerts.c.day,
        alerts.c.subject,
        alerts.c.reason,
        alerts.c.value,
        alerts.c.baseline,
        alerts.c.p_value,
        alerts.c.created_at,
        alerts.c.delivered_at,
    )
    if brand:
        q = q.where(func.lower(alerts.c.brand) == brand.lower())
    if since:
        q = q.where(alerts.c.day >= since)
    if until:
        q = q.where(alerts.c.day <= until)
    q = q.order_by(alerts.c.day.desc(), alerts.c.id.desc())
    if limit:
        q = q.limit(limit)
    return pd.read_sql(q, conn)


def claim_undelivered(
    conn: Connection, token: str, now: datetime, min_day: str, stale_before: datetime
) -> list[dict]:
    """Claim undelivered alerts from `min_day` on for this delivery run; returns the claimed rows.

    A claim older than `stale_before` (a run that died mid-delivery) may be taken over.
    """
    conn.execute(
        update(alerts)
        .where(
            alerts.c.delivered_at.is_(None),
            alerts.c.day >= min_day,
            or_(alerts.c.claim.is_(None), alerts.c.claimed_at < to_db(stale_before)),
        )
        .values(claim=token, claimed_at=to_db(now))
    )
    q = select(alerts).where(alerts.c.claim == token, alerts.c.delivered_at.is_(None))
    return [dict(r._mapping) for r in conn.execute(q.order_by(alerts.c.id))]


def mark_delivered(conn: Connection, alert_id: int, token: str, now: datetime) -> None:
    conn.execute(
        update(alerts)
        .where(alerts.c.id == alert_id, alerts.c.claim == token)
        .values(delivered_at=to_db(now), attempts=alerts.c.attempts + 1, last_error=None)
    )


def release_failed(conn: Connection, alert_id: int, token: str, error: str) -> None:
    conn.execute(
        update(alerts)
        .where(alerts.c.id == alert_id, alerts.c.claim == token)
        .values(claim=None, claimed_at=None, attempts=alerts.c.attempts + 1, last_error=error[:500])
    )
