"""What the control report reads for a brand and window: grouped counts, stories with an owned
mention, comment threads under earned posts, competitors' mentions and earlier sources.

`names` are always the brand's stored spellings (items.stored_brands), so every query here is a
range of the (brand, day) indexes instead of a lower() per row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import and_, func, or_, select
from sqlalchemy.engine import Connection

from koll.store.filters import Filter
from koll.store.schema import items, mentions

if TYPE_CHECKING:  # pandas is imported where a frame is built: the ingest path never loads it
    import pandas as pd


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

    earned = Filter(brands=names, since=since, until=until, owned="earned").conditions()
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


def control_counts(
    conn: Connection, names: Sequence[str], since: str | None, until: str | None
) -> pd.DataFrame:
    """The window's mentions grouped by owned, label, source, key_message and personal: column n.

    `personal` is whether one of the brand's people authored it. Read from ix_mentions_control
    alone (see schema.py).
    """
    import pandas as pd

    personal = mentions.c.person.is_not(None).label("personal")
    cols = [mentions.c.owned, mentions.c.label, mentions.c.source, mentions.c.key_message, personal]
    window = Filter(brands=names, since=since, until=until)
    q = window.apply(select(*cols, func.count().label("n"))).group_by(*cols)
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

    q = (
        Filter(brands=names, since=since, until=until)
        .apply(
            select(
                mentions.c.owned,
                mentions.c.label,
                mentions.c.source,
                mentions.c.person.is_not(None).label("personal"),
                items.c.story_id,
                items.c.published,
                items.c.title,
                items.c.text,
            ).select_from(mentions.join(items, items.c.id == mentions.c.item_id))
        )
        .where(mentions.c.key_message.is_(None))
    )
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
    q = Filter(brands=names, since=since, until=until).apply(q)
    q = q.where(items.c.story_id.is_not(None)).limit(1)
    return conn.execute(q).first() is not None


def owned_story_mentions(
    conn: Connection, names: Sequence[str], since: str | None, until: str | None
) -> pd.DataFrame:
    """story_id, owned, published of the window's mentions in stories with an owned mention.

    Only such stories can count for agenda_share, so earned items elsewhere are never read: the
    owned mentions' stories, then those stories' mentions, in one statement (one round trip).
    """
    import pandas as pd

    owned = (
        Filter(brands=names, since=since, until=until)
        .apply(
            select(items.c.story_id).select_from(
                mentions.join(items, items.c.id == mentions.c.item_id)
            )
        )
        .where(mentions.c.owned.is_(True), items.c.story_id.is_not(None))
    )
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
    window = Filter(brands=names, since=since, until=until)
    q = window.apply(select(func.count()).select_from(mentions))
    return int(conn.execute(q).scalar_one())


def brand_sources(conn: Connection, names: Sequence[str], since: str, until: str) -> set[str]:
    """mention_sources for stored brand spellings."""
    window = Filter(brands=names, since=since, until=until)
    q = window.apply(select(mentions.c.source)).distinct()
    return {r[0] for r in conn.execute(q)}
