"""Items, their feeds, mentions and scores: storing a fetched feed and reading mentions back."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, bindparam, func, select, union_all
from sqlalchemy.engine import Connection

from analysis.text import author_name
from koll.store import insert_ignore, local_day, page_retries, to_db
from koll.store.filters import Filter
from koll.store.item_edits import Edit, apply_edits, is_edit
from koll.store.records import Item, Mention
from koll.store.schema import item_feeds, item_keys, items, mentions, scores
from koll.store.sentiment_store import mention_row, score_row

if TYPE_CHECKING:  # pandas is imported where a frame is built: the ingest path never loads it
    import pandas as pd


@dataclass(frozen=True)
class Score:
    """A sentiment result as the store keeps it."""

    label: str | None
    score: float | None
    confidence: float | None
    lang: str | None
    model: str


# Column widths of the free-text fields a feed controls. PostgreSQL enforces VARCHAR lengths
# (SQLite does not), so an over-long author would fail the whole feed on one engine only;
# clipping here keeps both engines storing the same thing.
_WIDTHS = {"author": 500, "source": 255, "url": 2048, "guid": 2048, "link": 2048}
# items.key, items.parent_key and item_keys.key are VARCHAR(2048) too.
KEY_WIDTH = 2048
_KEY_HASH = "#sha256:"


def fit_key(key: str) -> str:
    """A key as stored: itself when it fits its column, else its start and the SHA-256 of the
    whole key (2048 characters in all). Clipping alone would make two long links that differ
    only past the cut one item; the hash keeps them two, and the same long link gives the same
    key on every run and engine. (A 100,000-character link had failed its whole feed on every
    PostgreSQL run, and was stored whole on SQLite.) ingest/parse.py keys items with it, so
    that the scores and mentions found for an item are filed under the key it is stored by."""
    if len(key) <= KEY_WIDTH:
        return key
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    return key[: KEY_WIDTH - len(_KEY_HASH) - len(digest)] + _KEY_HASH + digest


def _fit(it: Item) -> Item:
    if (
        len(it.source) <= 255
        and (it.author is None or len(it.author) <= 500)
        and (it.url is None or len(it.url) <= 2048)
        and (it.guid is None or len(it.guid) <= 2048)
        and (it.link is None or len(it.link) <= 2048)
        and len(it.key) <= KEY_WIDTH
        and (it.parent_key is None or len(it.parent_key) <= KEY_WIDTH)
    ):
        return it  # the common case, without building a dict per item
    long = {
        f: getattr(it, f)[:n]
        for f, n in _WIDTHS.items()
        if getattr(it, f) is not None and len(getattr(it, f)) > n
    }
    # Parsed items come with fitted keys already; this keeps any other caller's within the
    # columns too (its scores and mentions, filed under the long key, are then not found).
    long["key"] = fit_key(it.key)
    if it.parent_key is not None:
        long["parent_key"] = fit_key(it.parent_key)
    return replace(it, **long)


def _chunks(seq: Sequence, n: int):
    for i in range(0, len(seq), n):
        yield seq[i : i + n]


# Statements built once: building a statement and its cache key costs more than SQLite takes to
# run it, and ingestion runs these for every changed feed.
# With each item's content hash and first feed: what tells an edit (koll/store/item_edits.py).
_IDS_BY_KEY = select(items.c.id, items.c.key, items.c.content_hash, items.c.feed_id).where(
    items.c.key.in_(bindparam("keys", expanding=True))
)
# One site's hashes at a time: the (source, content_hash) index answers `source = ? AND
# content_hash IN (...)` with one seek per hash, while SQLite answers a row-value
# `(source, content_hash) IN (...)` by scanning the whole index, which grows with the store.
# Oldest first, so that the item a repost is linked to is the same on every engine. Posts only:
# a comment is never the same item as another because their texts are equal. The author comes
# along (read only for the few hashes found) because two people's equal posts are two posts.
_IDS_BY_HASH = (
    select(items.c.id, items.c.content_hash, items.c.author)
    .where(
        items.c.source == bindparam("source"),
        items.c.content_hash.in_(bindparam("hashes", expanding=True)),
        items.c.kind != "comments",
    )
    .order_by(items.c.id)
)


@functools.cache
def _inserts(dialect: str) -> tuple:
    """(items insert returning ids, item_feeds insert-or-ignore) for the dialect, built once."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        # The same on_conflict_* API as PostgreSQL's; only the two stubs' types differ.
        from sqlalchemy.dialects.sqlite import insert  # type: ignore[assignment]
    # ON CONFLICT: on PostgreSQL another worker may store the same item (syndicated into two
    # feeds) between the lookup and this insert; its row wins and this feed is linked to it,
    # instead of the whole transaction failing on the unique key.
    new_items = (
        insert(items)
        .on_conflict_do_nothing(index_elements=["key"])
        .returning(items.c.id, items.c.key)
    )
    links = insert(item_feeds).on_conflict_do_nothing(index_elements=["item_id", "feed_id"])
    return new_items, links


_INSERT_SCORES = scores.insert()
_INSERT_MENTIONS = mentions.insert()


def stored_versions(conn: Connection, keys: Sequence[str]) -> dict[str, tuple[str, int | None]]:
    """key -> (content hash, id of the feed that first stored it) of the stored ones of `keys`
    (for a key kept in item_keys, no feed: see _stored_by_key)."""
    return {k: (h, f) for k, (_i, h, f) in _stored_by_key(conn, keys).items()}


_IDS_BY_ALIAS = (
    select(item_keys.c.key, items.c.id, items.c.content_hash)
    .select_from(item_keys.join(items, items.c.id == item_keys.c.item_id))
    .where(item_keys.c.key.in_(bindparam("keys", expanding=True)))
)


def _stored_by_key(conn: Connection, keys: Sequence[str]) -> dict[str, tuple[int, str, int | None]]:
    """key -> (id, content hash, first feed) of the stored items these keys name: by their own
    key, or by a key a copy of them was linked under (item_keys). Such a key has no first feed:
    it is never an edit (is_edit), or a feed listing one article under two links would rewrite
    it back and forth once the article is edited."""
    found: dict[str, tuple[int, str, int | None]] = {}
    for chunk in _chunks(list(dict.fromkeys(keys)), 500):
        for r in conn.execute(_IDS_BY_KEY, {"keys": chunk}):
            found[r.key] = (r.id, r.content_hash, r.feed_id)
        rest = [k for k in chunk if k not in found]
        if rest:
            for a in conn.execute(_IDS_BY_ALIAS, {"keys": rest}):
                found[a.key] = (a.id, a.content_hash, None)
    return found


@dataclass(frozen=True)
class FeedItems:
    """One feed's items to store, with the mentions and scores found for the new ones."""

    feed_id: int
    items: Sequence[Item]
    mentions_of: Mapping[str, Sequence[Mention]] = field(default_factory=dict)
    item_scores: Mapping[str, Score] = field(default_factory=dict)
    mention_scores: Mapping[tuple[str, str], Score] = field(default_factory=dict)
    # Keys whose text is a feed teaser full text did not replace (item_edits.Edit.teaser).
    teasers: frozenset[str] = frozenset()
    # Keys whose full-text page failed in a way that may pass, and whether it was asked for (not
    # left over the cap): stored new or edited here, they wait for it (koll/store/page_retries.py).
    page_waits: Mapping[str, bool] = field(default_factory=dict)


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
    """Store one feed's items (call inside one transaction); returns how many were new."""
    one = FeedItems(feed_id, batch, mentions_of or {}, item_scores or {}, mention_scores or {})
    return save_feeds(conn, [one], now=now)[0]


def save_feeds(
    conn: Connection,
    batch: Sequence[FeedItems],
    *,
    now: datetime,
    brands: Sequence[str] | None = None,
) -> list[int]:
    """Store several feeds' items, in order, as if one after the other; new items per feed.

    Call inside one transaction. An item already stored under the same key, or a post (never a
    comment) with the same normalised content as a post on the same site, is not stored again:
    the feed is recorded as one more source of it, and the post's key kept as one of the item's
    (item_keys: later runs find it by key, whatever the item's text has become); the same holds
    between the feeds of the batch (the first one stores it). A stored item that its first feed now has with another title or
    text, and that was scored again for it, is updated (koll/store/item_edits.py). New items get
    their ids in batch order, so grouping feeds changes no id. Statements are batched over all the feeds (a few per call, not a few per feed or
    item): ingestion calls this for a group of changed feeds at a time.
    """
    fitted = [[_fit(it) for it in f.items] for f in batch]
    if not any(fitted):
        return [0] * len(batch)
    now_db = to_db(now)
    known, by_hash, versions = _stored_ids(conn, fitted)
    edits = _edits(batch, fitted, known, versions)
    plan = _Plan(known, by_hash)
    for n, its in enumerate(fitted):
        plan.add_feed(n, its, batch[n], now, now_db)
    insert_items, insert_links = _inserts(conn.dialect.name)
    new_ids: dict[str, int] = {}
    if plan.rows:
        for r in conn.execute(insert_items, plan.rows):
            new_ids[r.key] = r.id
        lost = [r["key"] for r in plan.rows if r["key"] not in new_ids]
        for chunk in _chunks(lost, 500):  # stored meanwhile by another worker (PostgreSQL)
            for r in conn.execute(_IDS_BY_KEY, {"keys": chunk}):
                known[r.key] = r.id
    links: list[dict] = []
    for f, mine in zip(batch, plan.refs, strict=True):
        ids = {ref if isinstance(ref, int) else new_ids.get(ref, known.get(ref)) for ref in mine}
        ids.discard(None)
        # None was discarded above (discard() narrows nothing for mypy)
        links.extend({"item_id": i, "feed_id": f.feed_id} for i in sorted(ids))  # type: ignore[type-var]
    if links:
        conn.execute(insert_links, links)
    aliases = [(k, ref if isinstance(ref, int) else new_ids.get(ref)) for k, ref in plan.aliases]
    insert_ignore(conn, item_keys, [{"key": k, "item_id": i} for k, i in aliases if i], ["key"])
    apply_edits(conn, edits, brands)
    # An edit is a new version: its page waits from now on if it failed, else no longer.
    waits: dict[int | None, Mapping[str, bool]] = {f.feed_id: f.page_waits for f in batch}
    page_retries.mark_edits(
        conn,
        {e.item_id: waits.get(versions[e.item.key][1], {}).get(e.item.key) for e in edits},
        now,
    )
    return _save_scores_and_mentions(conn, batch, plan, new_ids, now_db)


# (source, content hash) -> (author as compared, id or key) of the posts with that content, oldest
# first: stored ids, or the keys of rows the batch inserts.
_Twins = dict[tuple[str, str], list[tuple[str | None, int | str]]]


def _author(author: str | None) -> str | None:
    """An author as compared between posts: case, spacing, entities (authors stored before
    they were decoded) and an address written beside the name (RSS's, Atom's as feedparser joins
    it, e-mail's) do not make another person: one site's two feeds may write the same writer
    each way ("anna@site.se (Anna Svensson)" and "Anna Svensson")."""
    return (author_name(author) or "").casefold() or None  # older rows were stored raw


def _twin(twins: _Twins, it: Item) -> int | str | None:
    """The post (stored id or new row's key) this post repeats: the oldest with its content on its
    site by the same author, or where either author is unknown.

    On Mastodon, Bluesky, YouTube and Reddit the site is the whole platform (or subreddit), so
    equal text alone merged two people's identical posts into the first one's, hiding the second
    voice and its mention (a copy-paste campaign must be counted). A news article reached through
    two feeds under different links has the same or no author in both, and stays one item.
    """
    candidates = twins.get((it.source, it.content_hash))
    if not candidates:  # most posts: no other post with this text
        return None
    author = _author(it.author)
    for other, ref in candidates:
        if author is None or other is None or other == author:
            return ref
    return None


def _stored_ids(
    conn: Connection, fitted: list[list[Item]]
) -> tuple[dict[str, int], _Twins, dict[str, tuple[str, int | None]]]:
    """(key -> id, posts by content (see _twin), key -> (content hash, first feed)) of the
    stored items these items may be."""
    stored = _stored_by_key(conn, [it.key for its in fitted for it in its])
    known = {k: i for k, (i, _h, _f) in stored.items()}
    versions = {k: (h, f) for k, (_i, h, f) in stored.items()}
    by_hash: _Twins = {}
    hashes: dict[str, dict[str, None]] = {}  # source -> content hashes of the unknown keys
    for its in fitted:
        for it in its:
            if it.key not in known and it.kind != "comments":
                hashes.setdefault(it.source, {})[it.content_hash] = None
    for source, of_source in hashes.items():
        for chunk in _chunks(list(of_source), 500):
            for post in conn.execute(_IDS_BY_HASH, {"source": source, "hashes": chunk}):
                twins = by_hash.setdefault((source, post.content_hash), [])
                twins.append((_author(post.author), post.id))
    return known, by_hash, versions


def _edits(
    batch: Sequence[FeedItems],
    fitted: list[list[Item]],
    known: dict[str, int],
    versions: dict[str, tuple[str, int | None]],
) -> list[Edit]:
    """The stored items their first feed now has with another title or text, each once.

    Only items the run scored again (ingest/work.py feed_job finds the same edits, by is_edit) are updated:
    a feed handed over unscored (a test's, or an older caller's) changes nothing stored.
    """
    out: dict[str, Edit] = {}
    for f, its in zip(batch, fitted, strict=True):
        for it in its:
            score = f.item_scores.get(it.key)
            if it.key in out or score is None:
                continue
            if not is_edit(versions.get(it.key), it.content_hash, f.feed_id):
                continue
            out[it.key] = Edit(
                known[it.key],
                it,
                f.mentions_of.get(it.key, ()),
                score,
                {b: s for (k, b), s in f.mention_scores.items() if k == it.key},
                it.key in f.teasers,
            )
    return list(out.values())


class _Plan:
    """Which of a batch's items become new rows, and which stored or new item each one is."""

    def __init__(self, known: dict[str, int], by_hash: _Twins):
        self.known = known  # key -> id of the stored item it is
        self.by_hash = by_hash  # stored posts by content (see _twin)
        self.rows: list[dict] = []  # the items table rows to insert
        self.owners: list[tuple[int, Item]] = []  # (feed's place in batch, item) of each row
        self.holder: dict[str, str] = {}  # key -> key of the row inserted here that holds it
        self.pending: _Twins = {}  # posts by content among the rows inserted here
        self.refs: list[list[int | str]] = []  # per feed: stored ids, or keys of new rows
        # (key, stored id or key of a new row) of the posts linked by text: kept in item_keys
        self.aliases: list[tuple[str, int | str]] = []

    def add_feed(
        self, n: int, its: list[Item], feed: FeedItems, now: datetime, now_db: datetime
    ) -> None:
        """The items of the batch's n-th feed (`its`: `feed`'s, fitted), in order."""
        known, holder, pending = self.known, self.holder, self.pending
        mine: list[int | str] = []
        self.refs.append(mine)
        for it in its:
            if it.key in known:
                mine.append(known[it.key])
                continue
            if it.key in holder:
                mine.append(holder[it.key])
                continue
            # Reposts by content, for posts only: two readers' "Bra skrivet!" or a
            # spokesperson's standard reply on two threads are different comments.
            post = it.kind != "comments"
            found = _twin(self.by_hash, it) if post else None
            if isinstance(found, int):
                known[it.key] = found
                mine.append(found)
                self.aliases.append((it.key, found))
                continue
            twin = _twin(pending, it) if post else None
            if isinstance(twin, str):
                holder[it.key] = twin
                mine.append(twin)
                self.aliases.append((it.key, twin))
                continue
            if post:
                pending.setdefault((it.source, it.content_hash), []).append(
                    (_author(it.author), it.key)
                )
            holder[it.key] = it.key
            mine.append(it.key)
            self.owners.append((n, it))
            tried = feed.page_waits.get(it.key) if feed.page_waits else None
            self.rows.append(_item_row(it, feed.feed_id, now, now_db, tried))


def _item_row(
    it: Item, feed_id: int, now: datetime, now_db: datetime, page_tried: bool | None = None
) -> dict:
    """The items row of a new item; `page_tried`: its full-text page waits (page_retries)."""
    published = it.published or now
    return dict(
        key=it.key,
        # The link as published (fragment and all): what exports and the dashboard open. The
        # key is the dedup identity.
        url=it.link or it.url,
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
        backfill=it.backfill,
        **page_retries.item_marks(page_tried, now),
    )


def _save_scores_and_mentions(
    conn: Connection,
    batch: Sequence[FeedItems],
    plan: _Plan,
    new_ids: dict[str, int],
    now_db: datetime,
) -> list[int]:
    """Store the scores and mentions of the items inserted here; new items per feed."""
    score_rows, mention_rows = [], []
    counts = [0] * len(batch)
    for (n, it), row in zip(plan.owners, plan.rows, strict=True):
        item_id = new_ids.get(it.key)
        if item_id is None:
            continue
        counts[n] += 1
        f = batch[n]
        s = f.item_scores.get(it.key)
        if s is not None:
            score_rows.append({**score_row(item_id, s), "scored_at": now_db})
        for m in f.mentions_of.get(it.key, ()):
            ms = f.mention_scores.get((it.key, m.brand))
            mention_rows.append(mention_row(item_id, m.brand, m, row, ms))
    if score_rows:
        conn.execute(_INSERT_SCORES, score_rows)
    if mention_rows:
        conn.execute(_INSERT_MENTIONS, mention_rows)
    return counts


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


def mentions_query(
    names: Sequence[str] | None = None, since: str | None = None, until: str | None = None
):
    """SELECT of mentions joined with their items in the inclusive day window: of the brand
    stored under `names` (see brand_names), or of every brand when None."""
    q = select(*_MENTION_COLUMNS).select_from(
        mentions.join(items, items.c.id == mentions.c.item_id)
    )
    if names is not None:
        q = q.where(mentions.c.brand.in_(list(names)))
    q = Filter(since=since, until=until).apply(q)
    return q.order_by(mentions.c.published, mentions.c.id)


def load_mentions(
    conn: Connection, brand: str | None = None, since: str | None = None, until: str | None = None
) -> pd.DataFrame:
    """Mentions of `brand` (any case; every brand when None) with item fields as a DataFrame;
    `published` is aware UTC."""
    import pandas as pd

    names = brand_names(conn, brand) if brand else None
    df = pd.read_sql(mentions_query(names, since, until), conn)
    if not df.empty:
        df["published"] = pd.to_datetime(df["published"], utc=True)
    return df


def count_items(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(items)).scalar_one()


# --- compact reads for reports over large windows ----------------------------------------------


# A brand is found in SQL by its stored names, never by comparing case in SQL: SQLite's lower()
# folds ASCII only (lower('Åhléns') is 'Åhléns'), PostgreSQL's follows the database's ctype
# (ASCII only under C), and `lower(brand) = ?` cannot use the (brand, day) index either. Every
# query for a brand given by name goes through brand_names (or stored_brands and spellings,
# where one list serves several brands) and filters with `brand IN (...)`.


def stored_brands(conn: Connection, column: ColumnElement[str] = mentions.c.brand) -> list[str]:
    """Every distinct brand name in `column` (mentions.brand, or another table's brand column
    that leads an index: alerts, topics), found by index seeks (one per stored brand)."""
    # The seeks run as one recursive statement: one per brand cost a round trip each, and the
    # control cards ask this once per report (~5 statements, 5-10 ms on PostgreSQL under load).
    found = select(func.min(column).label("name")).cte("found", recursive=True)
    after = select(func.min(column)).where(column > found.c.name).scalar_subquery()
    found = found.union_all(select(after).where(found.c.name.is_not(None)))
    q = select(found.c.name).where(found.c.name.is_not(None))
    return sorted(name for (name,) in conn.execute(q))


def spellings(stored: Sequence[str], brand: str) -> list[str]:
    """The names that select `brand` with `brand IN (...)`: the stored names equal to it
    ignoring case (casefold, as koll.toml's names are told apart), else `brand` itself.

    Never empty: a Filter with no brands selects every brand, so a brand nothing was stored for
    yet (just added, or not written about) was shown every other brand's mentions as its own.
    """
    return [s for s in stored if s.casefold() == brand.casefold()] or [brand]


def brand_names(
    conn: Connection, brand: str, column: ColumnElement[str] = mentions.c.brand
) -> list[str]:
    """The names `brand` (any case) is stored under in `column` (see spellings)."""
    return spellings(stored_brands(conn, column), brand)


def newest_mention_day(conn: Connection, brands: Sequence[str], today: str) -> str | None:
    """The newest day (YYYY-MM-DD) with a mention of any of `brands` (configured names, in any
    case) that is not after `today`; None when there is none.

    The one rule for "the newest day": where the API's and the dashboard's default windows end,
    and the day `koll analyse`'s topics and alerts refer to. Not min(newest day, today): an item
    dated after today (feeds sometimes date items ahead) made that today, a day the alerts had
    not checked, so a default window and the alerts disagreed.
    """
    if not brands:
        return None
    stored = stored_brands(conn)
    names = sorted({s for b in brands for s in spellings(stored, b)})
    # One max() per name, each an index probe on (brand, day) on both engines, and the largest of
    # them in the same statement: a max() over `brand IN (...)` may walk every entry of those
    # brands, and reading the daily counts (as the alerts did) walked them all.
    probes = [
        select(func.max(mentions.c.day).label("day")).where(
            mentions.c.brand == name, mentions.c.day <= today
        )
        for name in names
    ]
    days = union_all(*probes).subquery() if len(probes) > 1 else probes[0].subquery()
    return conn.execute(select(func.max(days.c.day))).scalar()


def _frame(conn: Connection, q) -> pd.DataFrame:
    # Straight from the cursor: pd.read_sql's per-row type handling costs more than the query.
    import pandas as pd

    res = conn.execute(q)
    return pd.DataFrame.from_records(list(res), columns=list(res.keys()))


def load_mention_facts(
    conn: Connection, names: Sequence[str], since: str | None = None, until: str | None = None
) -> pd.DataFrame:
    """load_mentions without the texts: the columns the control components count with.

    `names` are the brand's stored spellings (see stored_brands). Same rows and order as
    load_mentions; columns item_id, key, published (aware UTC), author, source, kind, parent_key,
    story_id, owned, person, day, label, key_message.
    """
    import pandas as pd

    q = select(
        items.c.id.label("item_id"),
        items.c.key,
        items.c.published,
        items.c.author,
        items.c.source,
        items.c.kind,
        items.c.parent_key,
        items.c.story_id,
        mentions.c.owned,
        mentions.c.person,
        mentions.c.day,
        mentions.c.label,
        mentions.c.key_message,
    ).select_from(mentions.join(items, items.c.id == mentions.c.item_id))
    q = Filter(brands=names, since=since, until=until).apply(q)
    df = _frame(conn, q.order_by(mentions.c.published, mentions.c.id))
    if not df.empty:
        df["published"] = pd.to_datetime(df["published"], utc=True)
    return df


def item_texts(conn: Connection, item_ids: Sequence[int]) -> pd.DataFrame:
    """Title and text of the given items: columns item_id, title, text."""
    import pandas as pd

    ids = [int(i) for i in dict.fromkeys(item_ids)]
    frames = [pd.DataFrame(columns=["item_id", "title", "text"])]
    for k in range(0, len(ids), 500):
        q = select(items.c.id.label("item_id"), items.c.title, items.c.text).where(
            items.c.id.in_(ids[k : k + 500])
        )
        frames.append(_frame(conn, q))
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def day_mention_counts(
    conn: Connection, names: Sequence[str], since: str | None, until: str | None
) -> dict[str, int]:
    """Per day: how many distinct items mention the brand (given its stored spellings)."""
    q = select(mentions.c.day, func.count(func.distinct(mentions.c.item_id)))
    q = Filter(brands=names, since=since, until=until).apply(q).group_by(mentions.c.day)
    return {d: int(n) for d, n in conn.execute(q)}


def day_texts(conn: Connection, names: Sequence[str], days: Sequence[str]) -> pd.DataFrame:
    """The brand's mentions on the given days with title, text, kind, key and lang, in
    load_mentions order."""
    import pandas as pd

    frames = [pd.DataFrame(columns=["item_id", "key", "day", "kind", "title", "text", "lang"])]
    days = sorted(set(days))
    for k in range(0, len(days), 200):
        q = (
            select(
                items.c.id.label("item_id"),
                items.c.key,
                mentions.c.day,
                items.c.kind,
                items.c.title,
                items.c.text,
                items.c.lang,  # its function words are no term (analysis.topics.with_langs)
            )
            .select_from(mentions.join(items, items.c.id == mentions.c.item_id))
            .where(mentions.c.brand.in_(list(names)), mentions.c.day.in_(days[k : k + 200]))
            .order_by(mentions.c.published, mentions.c.id)
        )
        frames.append(_frame(conn, q))
    if len(frames) == 2:
        return frames[1] if len(frames[1]) else frames[0]
    df = pd.concat(frames[1:], ignore_index=True)
    return df
