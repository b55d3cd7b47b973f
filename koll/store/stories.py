"""Stories: clusters of items that carry the same news, as `koll analyse` stores them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    Integer,
    String,
    bindparam,
    case,
    delete,
    func,
    insert,
    literal,
    not_,
    or_,
    select,
    update,
)
from sqlalchemy.engine import Connection

from analysis.item_text import joined_texts
from koll.store import local_day, to_db
from koll.store.filters import Filter
from koll.store.items import brand_names
from koll.store.schema import items, mentions, stories, story_firsts, story_marks

if TYPE_CHECKING:  # pandas is imported where a frame is built: the ingest path never loads it
    import pandas as pd


def _story_columns() -> tuple:
    """What clustering reads of an item (items_for_stories, story_neighbours)."""
    return (
        items.c.id.label("item_id"),
        items.c.title,
        items.c.text,
        items.c.published,
        items.c.story_id,
    )


def _story_frame(conn: Connection, q) -> pd.DataFrame:
    """The items of `q` (by id) with title and text as one text, as clustering reads them."""
    import pandas as pd

    df = pd.read_sql(q.order_by(items.c.id), conn)
    df["text"] = joined_texts(df["title"], df["text"])
    return df


def items_for_stories(conn: Connection, since_day: str | None = None) -> pd.DataFrame:
    """Non-comment items (id, title + text, published, story_id) to cluster.

    With `since_day`: items from that day on, plus any older item never clustered.
    """
    q = select(*_story_columns()).where(items.c.kind != "comments")
    if since_day:
        q = q.where(or_(items.c.day >= since_day, items.c.story_id.is_(None)))
    return _story_frame(conn, q)


def story_neighbours(conn: Connection, since_day: str, from_day: str) -> pd.DataFrame:
    """Clustered items before `since_day` (the columns of items_for_stories) that the items
    from `since_day` on may join: those from `from_day` on, and every item of their stories
    and of the stories of the items from `from_day` on (so each such story is read whole)."""
    near = select(items.c.story_id).where(
        items.c.kind != "comments", items.c.day >= from_day, items.c.story_id.is_not(None)
    )
    q = select(*_story_columns()).where(
        items.c.kind != "comments",
        items.c.day < since_day,
        items.c.story_id.is_not(None),
        or_(items.c.day >= from_day, items.c.story_id.in_(near)),
    )
    return _story_frame(conn, q)


def unclustered_items(conn: Connection, lo: datetime, hi: datetime) -> pd.DataFrame:
    """The items (not comments) `koll analyse` has not given a story yet, published from `lo` to
    `hi` (aware or naive UTC), with the columns of items_for_stories: those ingested since it
    last ran. ix_items_published reads only that time."""
    return _published_items(conn, lo, hi, items.c.story_id.is_(None))


def brand_story_items(
    conn: Connection,
    names: Sequence[str],
    lo: datetime,
    hi: datetime,
    since_day: str,
    *,
    owned: bool,
) -> pd.DataFrame:
    """The clustered items (not comments) published from `lo` to `hi` (aware or naive UTC), with
    the columns of items_for_stories, in stories holding a mention of the brand (with `owned`,
    an owned one) from `since_day` to the day of `hi`: the stored stories an item published
    near that time can join that count for the brand's echo_rate and agenda_share."""
    held = (
        select(items.c.story_id)
        .select_from(mentions.join(items, items.c.id == mentions.c.item_id))
        .where(
            mentions.c.brand.in_(list(names)),
            mentions.c.day >= since_day,
            mentions.c.day <= local_day(hi),
            items.c.story_id.is_not(None),
        )
    )
    if owned:
        held = held.where(mentions.c.owned.is_(True))
    return _published_items(conn, lo, hi, items.c.story_id.in_(held))


def _published_items(conn: Connection, lo: datetime, hi: datetime, which) -> pd.DataFrame:
    """The items (not comments) matching `which` published from `lo` to `hi`, with the columns
    of items_for_stories."""
    q = select(*_story_columns()).where(
        items.c.kind != "comments",
        which,
        items.c.published >= to_db(lo),
        items.c.published <= to_db(hi),
    )
    return _story_frame(conn, q)


def story_mentions(
    conn: Connection, names: Sequence[str], story_ids: Iterable[int]
) -> pd.DataFrame:
    """The brand's mentions (any day) in these stories: story_id, owned, published (aware
    UTC), day."""
    return _brand_mentions(conn, names, items.c.story_id, story_ids, "story_id")


def item_mentions(conn: Connection, names: Sequence[str], item_ids: Iterable[int]) -> pd.DataFrame:
    """The brand's mentions of these items: item_id, owned, published (aware UTC), day."""
    return _brand_mentions(conn, names, items.c.id, item_ids, "item_id")


def _brand_mentions(conn: Connection, names, column, ids_in, name: str) -> pd.DataFrame:
    """The brand's mentions of the items whose `column` is among `ids_in`: `name` (that column),
    owned, published (aware UTC), day."""
    import pandas as pd

    ids = sorted({int(i) for i in ids_in})
    rows = []
    q = select(
        column, mentions.c.owned, items.c.published, mentions.c.day, mentions.c.brand
    ).select_from(items.join(mentions, mentions.c.item_id == items.c.id))
    for k in range(0, len(ids), 500):
        # The brand is checked here, not in SQL: there SQLite walked the brand's whole range
        # of ix_mentions_brand_day (1 s at a million mentions) instead of the stories' items.
        part = conn.execute(q.where(column.in_(ids[k : k + 500])))
        rows += [tuple(r[:4]) for r in part if r.brand in names]
    df = pd.DataFrame.from_records(rows, columns=[name, "owned", "published", "day"])
    df["published"] = pd.to_datetime(df["published"], utc=True)
    return df


def owned_before(conn: Connection, brand: str, since_day: str) -> pd.DataFrame:
    """The brand's owned mentions (item_id, story_id, owned, published) from before `since_day`
    in the stories of its mentions that koll.store.key_messages.mentions_for_flags reads: a
    mention in the window copies them when they came first."""
    import pandas as pd

    names = brand_names(conn, brand)
    m, it = mentions.alias("m"), items.alias("it")
    checked = (
        select(it.c.story_id)
        .select_from(m.join(it, it.c.id == m.c.item_id))
        .where(m.c.brand.in_(names), it.c.story_id.is_not(None))
        .where(or_(m.c.day >= since_day, m.c.key_message.is_(None)))
    )
    q = (
        select(items.c.id.label("item_id"), items.c.story_id, mentions.c.owned, items.c.published)
        .select_from(mentions.join(items, items.c.id == mentions.c.item_id))
        .where(mentions.c.brand.in_(names), mentions.c.owned.is_(True))
        .where(mentions.c.day < since_day, items.c.story_id.in_(checked))
    )
    df = pd.read_sql(q, conn)
    df["published"] = pd.to_datetime(df["published"], utc=True)
    return df


def save_story_ids(conn: Connection, changes: Sequence[tuple[int, int]]) -> int:
    """Set items.story_id for (item_id, story_id) pairs; returns how many were written.

    Any change makes the stored story firsts of every brand stale until they are rebuilt.
    """
    stmt = update(items).where(items.c.id == bindparam("iid")).values(story_id=bindparam("sid"))
    rows = [{"iid": int(i), "sid": int(s)} for i, s in changes]
    if rows:
        conn.execute(delete(story_marks))
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
        m = m.where(mentions.c.brand.in_(brand_names(conn, brand)))
    m = Filter(since=since, until=until).apply(m).group_by(items.c.story_id).subquery()
    q = (
        select(stories, m.c.mentions, m.c.owned, m.c.first_mention)
        .select_from(stories.join(m, m.c.story_id == stories.c.id))
        .order_by(stories.c.size.desc(), stories.c.first_published, stories.c.id)
        .limit(limit)
    )
    return pd.read_sql(q, conn)


def story_heads(conn: Connection, story_ids: Sequence[int]) -> dict[int, dict]:
    """Each story's first item: title, link and source (a digest's headline and its link)."""
    ids = [int(i) for i in story_ids]
    if not ids:
        return {}
    q = (
        select(stories.c.id, items.c.title, items.c.url, items.c.source)
        .select_from(stories.join(items, items.c.id == stories.c.first_item_id))
        .where(stories.c.id.in_(ids))
    )
    return {r.id: {"title": r.title, "url": r.url, "source": r.source} for r in conn.execute(q)}


# --- the stored story firsts (agenda_share's input) ------------------------------------------


def owned_stories(names: Sequence[str], since: str | None, until: str | None):
    """Stories of two or more items with an owned mention of the brand in the window (a select
    of story ids: the only stories agenda_share can count)."""
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
    # never has both owned and earned mentions: only stories of two or more items are read
    # (ix_items_story alone tells which).
    other = items.alias("story_items")
    return (
        select(other.c.story_id)
        .where(other.c.story_id.in_(owned))
        .group_by(other.c.story_id)
        .having(func.count() > 1)
    )


def rebuild_firsts(conn: Connection, brand: str, names: Sequence[str], now: datetime) -> None:
    """Store the brand's story firsts (all history) and mark them current."""
    conn.execute(delete(story_firsts).where(story_firsts.c.brand == brand))
    conn.execute(delete(story_marks).where(story_marks.c.brand == brand))
    keys = [mentions.c.day, items.c.story_id, mentions.c.owned]
    q = (
        select(literal(brand, String(200)), *keys, func.min(items.c.published))
        .select_from(items.join(mentions, mentions.c.item_id == items.c.id))
        .where(items.c.story_id.in_(owned_stories(names, None, None)))
        .where(mentions.c.brand.in_(list(names)), items.c.published.is_not(None))
        .group_by(*keys)
    )
    cols = ["brand", "day", "story_id", "owned", "first_published"]
    conn.execute(insert(story_firsts).from_select(cols, q))
    conn.execute(insert(story_marks).values(brand=brand, built_at=to_db(now)))


def forget_firsts(conn: Connection, brand: str) -> None:
    conn.execute(delete(story_marks).where(story_marks.c.brand == brand))
    conn.execute(delete(story_firsts).where(story_firsts.c.brand == brand))


def stored_firsts(
    conn: Connection, brand: str, since: str | None, until: str | None
) -> list[tuple] | None:
    """(story_id, owned, earliest published) of the window's mentions of the brand in stories
    with an owned one in the window, from the stored firsts; None when they are not current."""
    m = story_marks.c
    if conn.execute(select(m.brand).where(m.brand == brand)).first() is None:
        return None
    c = story_firsts.c
    q = select(c.story_id, c.owned, func.min(c.first_published)).where(c.brand == brand)
    if since:
        q = q.where(c.day >= since)
    if until:
        q = q.where(c.day <= until)
    rows = [tuple(r) for r in conn.execute(q.group_by(c.story_id, c.owned)).all()]
    with_owned = {sid for sid, owned, _t in rows if owned}
    return [r for r in rows if r[0] in with_owned]


def stored_agenda(
    conn: Connection, brand: str, since: str | None, until: str | None
) -> tuple[int, int] | None:
    """(stories with both an owned and an earned mention of the brand in the window, those of
    them whose earliest owned item came before the earliest earned one), counted in SQL from
    the stored firsts (analysis.control.agenda_from_firsts makes agenda_share of it); None
    when they are not current.

    A year of a big brand holds ~20,000 first rows: counting them here instead of in pandas
    took the 365-day control cards from ~300 ms to ~40 ms for this step (1M-mention bench).
    Times compare as stored: timestamps on PostgreSQL, and on SQLite the one text format
    koll writes them in, which orders as the times do.
    """
    m = story_marks.c
    if conn.execute(select(m.brand).where(m.brand == brand)).first() is None:
        return None
    c = story_firsts.c
    q = select(
        c.story_id,
        func.min(case((c.owned, c.first_published))).label("owned_t"),
        func.min(case((not_(c.owned), c.first_published))).label("earned_t"),
    ).where(c.brand == brand)
    if since:
        q = q.where(c.day >= since)
    if until:
        q = q.where(c.day <= until)
    per_story = q.group_by(c.story_id).subquery("per_story")
    o, e = per_story.c.owned_t, per_story.c.earned_t
    both = select(func.count(), func.coalesce(func.sum(case((o < e, 1), else_=0)), 0)).where(
        o.is_not(None), e.is_not(None)
    )
    n, first = conn.execute(both).one()
    return int(n), int(first)
