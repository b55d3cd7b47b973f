"""What the control report reads for a brand and window: grouped counts, stories with an owned
mention, comment threads under the brand's posts, competitors' mentions and earlier sources.

`names` are always the brand's stored spellings (items.stored_brands), so every query here is a
range of the (brand, day) indexes instead of a lower() per row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlalchemy import String, and_, case, func, or_, select, true, type_coerce
from sqlalchemy.engine import Connection

from koll.store import rollups
from koll.store.filters import Filter
from koll.store.schema import items, mentions

if TYPE_CHECKING:  # pandas is imported where a frame is built: the ingest path never loads it
    import pandas as pd


# Post keys per statement when only some threads are read: well under SQLite's bound-parameter
# limit, and one statement per ingest's worth of changed threads.
_KEYS_PER_QUERY = 500

THREAD_COLUMNS = [
    "parent_key",
    "item_id",
    "author",
    "published",
    "owned",
    "owned_by",
    "post_id",
    "post_owned",
]


def _thread_parents(
    conn: Connection,
    names: Sequence[str],
    window: list,
    drive: str | None,
    keys: Sequence[str] | None = None,
):
    """The window's posts of the brand (key, post_id, post_owned) that may have a thread
    (with `keys`: only the posts of those item keys)."""
    post = or_(items.c.kind.is_(None), items.c.kind != "comments")
    post_cols = (items.c.key, items.c.id.label("post_id"), mentions.c.owned.label("post_owned"))
    if keys is not None:
        return (
            select(*post_cols)
            .select_from(mentions.join(items, items.c.id == mentions.c.item_id))
            .where(items.c.key.in_(list(keys)), post, *window)
        )
    # Two exact ways to find the window's posts that have a thread; the cheaper one is picked
    # by two index-only counts. From the posts: every mention's item row (a lookup per post, a
    # million-item table's worst case). From the threads: the distinct parent keys
    # (ix_items_parent alone), then only those posts, when the store holds fewer comments.
    if drive is None:
        n_comments = conn.execute(
            select(func.count()).select_from(items).where(items.c.parent_key.is_not(None))
        ).scalar_one()
        n_posts = conn.execute(
            select(func.count()).select_from(mentions).where(*window)
        ).scalar_one()
        drive = "threads" if n_comments < n_posts else "posts"
    if drive == "threads":
        t = items.alias("thread_items")
        threads = select(t.c.parent_key).where(t.c.parent_key.is_not(None)).distinct()
        post_of = and_(mentions.c.item_id == items.c.id, mentions.c.brand.in_(list(names)))
        if conn.dialect.name == "postgresql":
            # One probe per thread (items' key index, then the mention), as a LATERAL ...
            # LIMIT 1: written as a join, PostgreSQL hashes the whole items table instead.
            th = threads.subquery("threads")
            first = (
                select(items.c.id, mentions.c.owned)
                .select_from(items.join(mentions, post_of))
                .where(items.c.key == th.c.parent_key, post, *window)
                .limit(1)
                .lateral("first_post")
            )
            parents = select(
                th.c.parent_key.label("key"),
                first.c.id.label("post_id"),
                first.c.owned.label("post_owned"),
            ).select_from(th.join(first, true()))
        else:
            parents = (
                select(*post_cols)
                .select_from(items.join(mentions, post_of))
                .where(items.c.key.in_(threads), post, *window)
            )
    else:
        parents = (
            select(*post_cols)
            .select_from(mentions.join(items, items.c.id == mentions.c.item_id))
            .where(post, *window)
        )
    return parents


def window_comment_threads(
    conn: Connection,
    names: Sequence[str],
    since: str | None,
    until: str | None,
    *,
    drive: str | None = None,
    keys: Sequence[str] | None = None,
) -> pd.DataFrame:
    """Every stored comment under the brand's posts (mentions that are not comments, owned or
    earned) in the window: the rows the dialogue components count.

    Columns THREAD_COLUMNS: the comment's parent_key, item_id, author, published (aware UTC),
    owned and owned_by (its own mention of the brand, None when it is none), and its post's
    item id and owned flag. `names` are the brand's stored spellings (items.stored_brands), so
    the indexes apply. `drive` ("posts" or "threads") forces one of the two equal plans below
    (tests); by default the cheaper one is taken. With `keys`, only the threads under the
    posts of those item keys (the ones changed since `koll analyse` stored their summaries).
    """
    if keys is not None and len(keys) > _KEYS_PER_QUERY:
        parts = [
            window_comment_threads(conn, names, since, until, keys=keys[k : k + _KEYS_PER_QUERY])
            for k in range(0, len(keys), _KEYS_PER_QUERY)
        ]
        import pandas as pd

        return pd.concat(parts, ignore_index=True)
    window = Filter(brands=names, since=since, until=until).conditions()
    parents = _thread_parents(conn, names, window, drive, keys)
    # The posts first (DISTINCT keeps SQLite from flattening them into the join and walking
    # the comments instead), then each post's comments by ix_items_parent.
    par = parents.distinct().subquery("posts")
    c = items.alias("comments")
    q = select(
        c.c.parent_key,
        c.c.id,
        c.c.author,
        # As stored: pandas parses the column at once (SQLite's driver would parse each row).
        type_coerce(c.c.published, String),
        mentions.c.owned,
        mentions.c.owned_by,
        par.c.post_id,
        par.c.post_owned,
    ).select_from(
        par.join(c, c.c.parent_key == par.c.key).outerjoin(
            mentions, and_(mentions.c.item_id == c.c.id, mentions.c.brand.in_(list(names)))
        )
    )
    q = q.where(c.c.kind == "comments")
    # Columns straight from plain tuples: from_records on Row objects inspects every row.
    return _threads_frame([tuple(r) for r in conn.execute(q)], len(names))


def _threads_frame(rows: list[tuple], n_names: int) -> pd.DataFrame:
    """THREAD_COLUMNS from the query's rows; a comment found under two spellings counts once."""
    import pandas as pd

    if not rows:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in THREAD_COLUMNS})
    df = pd.DataFrame(dict(zip(THREAD_COLUMNS, map(list, zip(*rows, strict=True)), strict=True)))
    if n_names > 1:
        # Under two spellings of the brand a comment (or its post) comes twice: one comment,
        # owned if either spelling says so.
        for col in ("owned", "post_owned"):
            flag = df[col].astype("boolean").fillna(False).astype(bool)
            df[col] = flag.groupby(df["item_id"]).transform("max").where(df[col].notna(), None)
        df = df.drop_duplicates("item_id")
    df["published"] = pd.to_datetime(df["published"], utc=True, format="mixed")
    df["post_owned"] = df["post_owned"].astype(bool)
    return df.reset_index(drop=True)[THREAD_COLUMNS]


def thread_details(
    conn: Connection, names: Sequence[str], post_ids: Sequence[int], comment_ids: Sequence[int]
) -> tuple[dict[int, dict], dict[int, dict]]:
    """What a list of threads shows: the posts' title, url, source, and the comments' author,
    url, published (naive UTC), text (its first 400 characters) and tone (label, score and
    confidence).

    A comment's tone is the brand-targeted one when it is a mention of the brand, else the
    whole text's (every stored item is scored). Both dicts are keyed by item id.
    """
    from koll.store.schema import scores

    posts: dict[int, dict] = {}
    q = select(items.c.id, items.c.title, items.c.url, items.c.source)
    for k in range(0, len(post_ids), 500):
        for r in conn.execute(q.where(items.c.id.in_([int(i) for i in post_ids[k : k + 500]]))):
            posts[r.id] = {"title": r.title, "url": r.url, "source": r.source}
    comments: dict[int, dict] = {}
    q = select(
        items.c.id,
        items.c.author,
        items.c.url,
        items.c.published,
        func.substr(items.c.text, 1, 400).label("text"),
        func.coalesce(mentions.c.label, scores.c.label).label("label"),
        func.coalesce(mentions.c.score, scores.c.score).label("score"),
        # The confidence of the tone shown: the mention's where it has a label, else the text's.
        case(
            (mentions.c.label.is_not(None), mentions.c.confidence), else_=scores.c.confidence
        ).label("confidence"),
    ).select_from(
        items.outerjoin(
            mentions,
            and_(mentions.c.item_id == items.c.id, mentions.c.brand.in_(list(names))),
        ).outerjoin(scores, scores.c.item_id == items.c.id)
    )
    for k in range(0, len(comment_ids), 500):
        chunk = [int(i) for i in comment_ids[k : k + 500]]
        for c in conn.execute(q.where(items.c.id.in_(chunk))):
            comments[c.id] = dict(c._mapping)
    return posts, comments


def control_counts(
    conn: Connection, names: Sequence[str], since: str | None, until: str | None
) -> pd.DataFrame:
    """The window's mentions grouped by owned, label, key_message and personal: column n.

    `personal` is whether one of the brand's people authored it; label None is not scored.
    From the stored per-day counts (koll/store/rollups.py; live for days changed since `koll
    analyse`), else counted from ix_mentions_control alone.
    """
    import pandas as pd

    f = Filter(brands=names, since=since, until=until)
    rows = rollups.day_rows(conn, f, ["owned", "label", "key_message", "personal"])
    df = pd.DataFrame.from_records(rows, columns=["owned", "label", "key_message", "personal", "n"])
    df["label"] = df["label"].replace("", None)  # stored as '' (a group key can't be NULL)
    return df


def control_sources(
    conn: Connection, names: Sequence[str], since: str | None, until: str | None
) -> pd.DataFrame:
    """The window's mentions per source and owned (columns source, owned, n), from the stored
    per-day counts where they can answer."""
    import pandas as pd

    rows = rollups.source_rows(conn, Filter(brands=names, since=since, until=until))
    return pd.DataFrame.from_records(rows, columns=["source", "owned", "n"])


def unflagged_mentions(
    conn: Connection, names: Sequence[str], since: str | None, until: str | None
) -> pd.DataFrame:
    """The window's mentions without a key-message flag yet, with what flagging them needs.

    Columns: owned, label, source, personal (as control_counts), item_id, kind, story_id,
    published, title, text.
    """
    import pandas as pd

    columns = ["owned", "label", "source", "personal", "item_id", "kind", "story_id", "published"]
    q = (
        Filter(brands=names, since=since, until=until)
        .apply(
            select(
                mentions.c.owned,
                mentions.c.label,
                mentions.c.source,
                mentions.c.person.is_not(None).label("personal"),
                items.c.id.label("item_id"),
                items.c.kind,
                items.c.story_id,
                items.c.published,
                items.c.title,
                items.c.text,
            ).select_from(mentions.join(items, items.c.id == mentions.c.item_id))
        )
        .where(mentions.c.key_message.is_(None))
    )
    res = conn.execute(q)
    df = pd.DataFrame.from_records([tuple(r) for r in res], columns=[*columns, "title", "text"])
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
    conn: Connection,
    names: Sequence[str],
    since: str | None,
    until: str | None,
    *,
    brand: str | None = None,
) -> pd.DataFrame:
    """story_id, owned, published of the window's mentions in stories with an owned mention
    (with `brand`, the configured name: only the earliest per story and owned, from the stored
    story firsts when `koll analyse` has stored them current; agenda_share and the key-message
    copies need no more).

    Only such stories can count for agenda_share, so earned items elsewhere are never read: the
    owned mentions' stories, then those stories' mentions, in one statement (one round trip).
    """
    import pandas as pd

    from koll.store import stories as store_stories

    stored = store_stories.stored_firsts(conn, brand, since, until) if brand else None
    if stored is not None:
        df = pd.DataFrame.from_records(stored, columns=["story_id", "owned", "published"])
        df["published"] = pd.to_datetime(df["published"], utc=True)
        return df

    multi = store_stories.owned_stories(names, since, until)
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
    """count_mentions for stored brand spellings: the stored per-day counts, else an index
    range (no per-row lower())."""
    if not names:
        return 0
    window = Filter(brands=names, since=since, until=until)
    stored = rollups.mention_total(conn, window)
    if stored is not None:
        return stored
    q = window.apply(select(func.count()).select_from(mentions))
    return int(conn.execute(q).scalar_one())


def brand_sources(conn: Connection, names: Sequence[str], since: str, until: str) -> set[str]:
    """mention_sources for stored brand spellings (from the stored per-source counts where
    they can answer)."""
    window = Filter(brands=names, since=since, until=until)
    return {source for source, _owned, n in rollups.source_rows(conn, window) if n}
